"""Writes to PIPs: drafting, approval (four eyes), vaststelling as a numbered beschikking, wijzigingen, bezwaar."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.models import Dossier
from koers.dossiers.services import log_gebeurtenis, wijzig_status
from koers.dossiers.status import Status
from koers.utils.clock import nu, vandaag
from koers.utils.concurrency import bewaar, vergrendel

from . import permissions, selectors
from .models import (
    PIP,
    Beschikkingsreeks,
    Bezwaar,
    BezwaarStatus,
    Hoofddoel,
    Leerroute,
    PIPOnderdeel,
    PIPStatus,
    PIPVastgesteld,
    Soort,
    Wijzigingsreden,
)
from .motivering import motivering_uit_besluit

# The content a klantmanager edits in a concept (wijzig_concept accepts only these).
INHOUDSVELDEN = (
    "leerroute",
    "route_motivering",
    "hoofddoel",
    "hoofddoel_toelichting",
    "voorwaarde_kinderopvang",
    "voorwaarde_vervoer",
    "voorwaarde_overig",
    "begeleiding",
    "ontzorgen",
    "ontzorgen_huur",
    "ontzorgen_energie_water",
    "ontzorgen_zorgverzekering",
    "ontzorgen_vanaf",
    "ontzorgen_maanden",
    "voortgangsgesprek_interval_maanden",
    "contactpersoon",
    "afspraken",
    "wijziging_toelichting",
)
ONDERDEELVELDEN = ("soort", "niveau", "niveaus_per_vaardigheid", "uren_per_week", "omschrijving", "aanbieder")


def _vereis_bewerken(door, dossier: Dossier) -> None:
    if not permissions.mag_pip_bewerken(door, dossier):
        raise PermissionDenied(_("U mag de PIP van dit dossier niet wijzigen."))


def _vereis_niet_definitief(pip: PIP) -> None:
    if pip.is_definitief:
        raise PIPVastgesteld()


def _vergrendel_dossier(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _volgend_volgnummer(dossier: Dossier) -> int:
    return (PIP.objects.filter(dossier=dossier).aggregate(m=Max("volgnummer"))["m"] or 0) + 1


def _snapshot_contactpersoon(pip: PIP) -> None:
    if pip.contactpersoon is not None:
        pip.contactpersoon_naam = pip.contactpersoon.get_full_name() or pip.contactpersoon.get_username()
        pip.contactpersoon_email = pip.contactpersoon.email


@transaction.atomic
def maak_concept(dossier: Dossier, *, door) -> PIP:
    """Draft the first PIP of a dossier, pre-filled from the intake's route decision (with its reasons)."""
    from koers.intake.selectors import routebesluit

    _vereis_bewerken(door, dossier)
    dossier = _vergrendel_dossier(dossier)
    if PIP.objects.filter(dossier=dossier).exists():
        raise ValidationError(
            _("Dit dossier heeft al een PIP. Open het concept of start een wijziging."), code="pip_bestaat"
        )
    besluit = routebesluit(dossier)
    if besluit is None:
        raise ValidationError(
            _("Er is nog geen routebesluit. Neem eerst in de brede intake een besluit over de leerroute."),
            code="geen_routebesluit",
        )
    engine_advies = getattr(besluit.advies, "advies", None)
    ambitie = getattr(getattr(engine_advies, "invoer", None), "ambitie", None)
    hoofddoel = str(getattr(ambitie, "value", ambitie) or "")
    instelling = selectors.instelling_voor(dossier.gemeente)
    pip = PIP(
        dossier=dossier,
        volgnummer=1,
        soort=Soort.INITIEEL,
        leerroute=str(besluit.route),
        route_motivering=motivering_uit_besluit(besluit),
        hoofddoel=hoofddoel if hoofddoel in Hoofddoel.values else Hoofddoel.PARTICIPATIE,
        voortgangsgesprek_interval_maanden=instelling.voortgangsgesprek_interval_maanden,
        contactpersoon=dossier.klantmanager or door,
        opgesteld_door=door,
    )
    _snapshot_contactpersoon(pip)
    pip._history_user = door
    pip.save()
    if dossier.status == Status.INTAKE:
        wijzig_status(dossier, naar=Status.PIP_IN_VOORBEREIDING, door=door)
    log_gebeurtenis(
        dossier,
        soort="pip",
        titel=_("Concept-PIP opgesteld (%s)") % pip.get_leerroute_display(),
        door=door,
        gegevens={"pip": pip.pk},
    )
    return pip


def _controleer_schakelen(dossier: Dossier, *, van_route: str, naar_route: str) -> None:
    """Refuse a route switch the law no longer allows (18 months; onderwijsroute → B1 always)."""
    if van_route == naar_route:
        return
    from koers.termijnen.selectors import schakelen_toegestaan

    toegestaan, uitleg = schakelen_toegestaan(dossier, van_route=van_route, naar_route=naar_route, op=vandaag())
    if not toegestaan:
        raise ValidationError(
            _("Deze leerroute kan niet meer worden gewijzigd: %s") % uitleg, code="schakelen_niet_toegestaan"
        )


@transaction.atomic
def wijzig_concept(pip: PIP, *, door, verwachte_versie: int | None, **velden) -> PIP:
    """Change the content of a concept. An approved concept that changes needs approval again."""
    _vereis_bewerken(door, pip.dossier)
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    _vereis_niet_definitief(vers)
    if vers.status == PIPStatus.TER_GOEDKEURING:
        raise ValidationError(
            _("Deze PIP ligt ter goedkeuring bij de teamleider en kan nu niet worden gewijzigd."),
            code="ter_goedkeuring",
        )
    onbekend = set(velden) - set(INHOUDSVELDEN)
    if onbekend:
        raise ValueError(f"geen inhoudsvelden van een PIP: {sorted(onbekend)}")
    if "leerroute" in velden and velden["leerroute"] != vers.leerroute:
        geldend = selectors.geldend_pip(vers.dossier)
        if geldend is not None:
            _controleer_schakelen(vers.dossier, van_route=geldend.leerroute, naar_route=velden["leerroute"])
    gewijzigd = [v for v, w in velden.items() if getattr(vers, v) != w]
    for veld, waarde in velden.items():
        setattr(vers, veld, waarde)
    if "contactpersoon" in gewijzigd:
        _snapshot_contactpersoon(vers)
    if vers.status == PIPStatus.GOEDGEKEURD and gewijzigd:
        vers.status = PIPStatus.CONCEPT
        vers.goedgekeurd_door = None
        vers.goedgekeurd_op = None
    _valideer_ontzorgen(vers)
    bewaar(vers, door=door)
    if gewijzigd:
        log_gebeurtenis(
            vers.dossier, soort="pip", titel=_("Concept-PIP bijgewerkt"), door=door, gegevens={"velden": gewijzigd}
        )
    return vers


def _valideer_ontzorgen(pip: PIP) -> None:
    if pip.ontzorgen and not (pip.ontzorgen_huur or pip.ontzorgen_energie_water or pip.ontzorgen_zorgverzekering):
        raise ValidationError(_("Kies bij ontzorgen welke vaste lasten de gemeente betaalt."), code="ontzorgen_posten")
    if pip.ontzorgen and (pip.ontzorgen_vanaf is None or not pip.ontzorgen_maanden):
        raise ValidationError(_("Vul bij ontzorgen in vanaf wanneer en hoeveel maanden."), code="ontzorgen_periode")


@transaction.atomic
def voeg_onderdeel_toe(pip: PIP, *, door, **velden) -> PIPOnderdeel:
    """Add a part of the offer (language, KNM, MAP, PVT, participation…) to a concept."""
    _vereis_bewerken(door, pip.dossier)
    vers = vergrendel(pip, verwachte_versie=None)
    _vereis_niet_definitief(vers)
    if vers.status == PIPStatus.TER_GOEDKEURING:
        raise ValidationError(
            _("Deze PIP ligt ter goedkeuring en kan nu niet worden gewijzigd."), code="ter_goedkeuring"
        )
    onbekend = set(velden) - set(ONDERDEELVELDEN)
    if onbekend:
        raise ValueError(f"geen velden van een onderdeel: {sorted(onbekend)}")
    volgorde = (vers.onderdelen.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    onderdeel = PIPOnderdeel(pip=vers, volgorde=volgorde, **velden)
    onderdeel._history_user = door
    onderdeel.save()
    _maak_goedkeuring_ongedaan(vers, door=door)
    log_gebeurtenis(
        vers.dossier, soort="pip", titel=_("Onderdeel toegevoegd aan concept-PIP: %s") % onderdeel, door=door
    )
    return onderdeel


@transaction.atomic
def verwijder_onderdeel(onderdeel: PIPOnderdeel, *, door) -> None:
    pip = onderdeel.pip
    _vereis_bewerken(door, pip.dossier)
    vers = vergrendel(pip, verwachte_versie=None)
    _vereis_niet_definitief(vers)
    if vers.status == PIPStatus.TER_GOEDKEURING:
        raise ValidationError(
            _("Deze PIP ligt ter goedkeuring en kan nu niet worden gewijzigd."), code="ter_goedkeuring"
        )
    omschrijving = str(onderdeel)
    onderdeel.delete()
    _maak_goedkeuring_ongedaan(vers, door=door)
    log_gebeurtenis(
        vers.dossier, soort="pip", titel=_("Onderdeel verwijderd uit concept-PIP: %s") % omschrijving, door=door
    )


def _maak_goedkeuring_ongedaan(vers: PIP, *, door) -> None:
    if vers.status == PIPStatus.GOEDGEKEURD:
        vers.status = PIPStatus.CONCEPT
        vers.goedgekeurd_door = None
        vers.goedgekeurd_op = None
        bewaar(vers, door=door, reden="goedkeuring vervallen door wijziging")


@transaction.atomic
def dien_in_ter_goedkeuring(pip: PIP, *, door, verwachte_versie: int | None = None) -> PIP:
    _vereis_bewerken(door, pip.dossier)
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    _vereis_niet_definitief(vers)
    if vers.status != PIPStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan ter goedkeuring worden aangeboden."), code="geen_concept")
    _valideer_volledig(vers)
    vers.status = PIPStatus.TER_GOEDKEURING
    vers.ingediend_door = door
    vers.ingediend_op = nu()
    vers.afwijzing_reden = ""
    bewaar(vers, door=door)
    log_gebeurtenis(vers.dossier, soort="pip", titel=_("PIP ter goedkeuring aangeboden aan de teamleider"), door=door)
    return vers


def _valideer_volledig(pip: PIP) -> None:
    if not pip.route_motivering.strip():
        raise ValidationError(_("Vul in waarom deze leerroute is gekozen."), code="motivering")
    if not pip.onderdelen.exists():
        raise ValidationError(_("Voeg ten minste één onderdeel van het aanbod toe."), code="geen_onderdelen")
    if pip.is_wijziging and not pip.wijziging_toelichting.strip():
        raise ValidationError(_("Leg uit wat er verandert en waarom."), code="wijziging_toelichting")
    _valideer_ontzorgen(pip)


@transaction.atomic
def keur_goed(pip: PIP, *, door, verwachte_versie: int | None = None) -> PIP:
    """Approval by a teamleider of the same gemeente who is not the author (four eyes)."""
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    _vereis_niet_definitief(vers)
    _vereis_beoordelaar(vers, door)
    vers.status = PIPStatus.GOEDGEKEURD
    vers.goedgekeurd_door = door
    vers.goedgekeurd_op = nu()
    bewaar(vers, door=door)
    log_gebeurtenis(vers.dossier, soort="pip", titel=_("PIP goedgekeurd door de teamleider"), door=door)
    return vers


@transaction.atomic
def wijs_af(pip: PIP, *, door, reden: str, verwachte_versie: int | None = None) -> PIP:
    """Send a PIP back to concept, with the reason for the klantmanager."""
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    _vereis_niet_definitief(vers)
    _vereis_beoordelaar(vers, door)
    if not reden.strip():
        raise ValidationError(_("Geef aan waarom u de PIP niet goedkeurt."), code="reden")
    vers.status = PIPStatus.CONCEPT
    vers.afwijzing_reden = reden
    bewaar(vers, door=door)
    log_gebeurtenis(vers.dossier, soort="pip", titel=_("PIP teruggestuurd naar concept"), toelichting=reden, door=door)
    return vers


def _vereis_beoordelaar(pip: PIP, door) -> None:
    if pip.status != PIPStatus.TER_GOEDKEURING:
        raise ValidationError(_("Deze PIP ligt niet ter goedkeuring."), code="niet_ter_goedkeuring")
    if door.pk in (pip.opgesteld_door_id, pip.ingediend_door_id):
        raise PermissionDenied(_("U hebt deze PIP zelf opgesteld. Een andere teamleider moet hem beoordelen."))
    if not permissions.mag_goedkeuren(door, pip):
        raise PermissionDenied(_("Alleen een teamleider van de gemeente van dit dossier mag deze PIP goedkeuren."))


def volgend_beschikkingsnummer(gemeente, jaar: int) -> str:
    """The next number in the gemeente's yearly series, e.g. PIP-0855-2026-000123 (row lock: no duplicates)."""
    Beschikkingsreeks.objects.get_or_create(gemeente=gemeente, jaar=jaar)
    reeks = Beschikkingsreeks.objects.select_for_update().get(gemeente=gemeente, jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste"])
    return f"PIP-{gemeente.gemeentecode}-{jaar}-{reeks.laatste:06d}"


@transaction.atomic
def stel_vast(pip: PIP, *, door, dagtekening: dt.date | None = None, verwachte_versie: int | None = None) -> PIP:
    """Make the concept a numbered, immutable beschikking with a dagtekening and a stored PDF."""
    from koers.termijnen.services import registreer_feit

    from .pdf import render_beschikking

    _vereis_bewerken(door, pip.dossier)
    dossier = _vergrendel_dossier(pip.dossier)
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    _vereis_niet_definitief(vers)
    instelling = selectors.instelling_voor(dossier.gemeente)
    if instelling.vier_ogen and vers.status != PIPStatus.GOEDGEKEURD:
        raise ValidationError(
            _("In uw gemeente moet een teamleider de PIP eerst goedkeuren (vier-ogenprincipe)."), code="vier_ogen"
        )
    if vers.status == PIPStatus.TER_GOEDKEURING:
        raise ValidationError(_("Deze PIP ligt nog ter goedkeuring bij de teamleider."), code="ter_goedkeuring")
    _valideer_volledig(vers)
    dagtekening = dagtekening or vandaag()
    vorige = PIP.objects.select_for_update().filter(dossier=dossier, status=PIPStatus.VASTGESTELD).first()
    if vorige is not None and dagtekening < vorige.dagtekening:
        raise ValidationError(
            _("De dagtekening kan niet vóór die van de vorige beschikking (%s) liggen.")
            % f"{vorige.dagtekening:%d-%m-%Y}",
            code="dagtekening",
        )
    vers.dossier = dossier
    vers.beschikkingsnummer = volgend_beschikkingsnummer(dossier.gemeente, dagtekening.year)
    vers.dagtekening = dagtekening
    vers.vastgesteld_door = door
    vers.vastgesteld_op = nu()
    _snapshot_contactpersoon(vers)
    if vorige is not None:
        vorige.status = PIPStatus.VERVANGEN
        bewaar(vorige, door=door, reden=f"vervangen door {vers.beschikkingsnummer}")
    _bewaar_pdf(vers, render_beschikking(vers, vorige=vorige))
    vers.status = PIPStatus.VASTGESTELD
    bewaar(vers, door=door)
    eerste = vers.volgnummer == 1
    if eerste and dossier.status == Status.INTAKE:
        dossier = wijzig_status(dossier, naar=Status.PIP_IN_VOORBEREIDING, door=door)
    if eerste and dossier.status == Status.PIP_IN_VOORBEREIDING:
        wijzig_status(dossier, naar=Status.PIP_VASTGESTELD, door=door)
    titel = (
        _("PIP vastgesteld: beschikking %s") if eerste else _("Wijzigingsbeschikking PIP vastgesteld: %s")
    ) % vers.beschikkingsnummer
    log_gebeurtenis(
        dossier,
        soort="pip_vastgesteld",
        titel=titel,
        door=door,
        gegevens={
            "pip": vers.pk,
            "beschikkingsnummer": vers.beschikkingsnummer,
            "dagtekening": dagtekening.isoformat(),
        },
    )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.AANMAKEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving=f"beschikking PIP {vers.beschikkingsnummer} vastgesteld",
    )
    registreer_feit(
        dossier,
        soort="pip_vastgesteld",
        datum=dagtekening,
        door=door,
        gegevens={"beschikking": vers.pk, "route": vers.leerroute, "eerste": eerste},
    )
    return vers


def _bewaar_pdf(pip: PIP, inhoud: bytes) -> None:
    pip.pdf_sha256 = hashlib.sha256(inhoud).hexdigest()
    pip.pdf.save(f"{pip.beschikkingsnummer}.pdf", ContentFile(inhoud), save=False)


def zorg_voor_pdf(pip: PIP) -> PIP:
    """Demo data has no stored PDF yet: render it once, on first download, and store it for good."""
    from .pdf import render_beschikking

    if pip.pdf or not pip.is_definitief:
        return pip
    with transaction.atomic():
        vers = PIP.objects.select_for_update().get(pk=pip.pk)
        if not vers.pdf:
            vorige = (
                PIP.objects.filter(
                    dossier_id=vers.dossier_id, volgnummer__lt=vers.volgnummer, status=PIPStatus.VERVANGEN
                )
                .order_by("-volgnummer")
                .first()
            )
            _bewaar_pdf(vers, render_beschikking(vers, vorige=vorige))
            vers.save(update_fields=["pdf", "pdf_sha256"])
    return vers


@transaction.atomic
def start_wijziging(dossier: Dossier, *, reden: str, toelichting: str, door, naar_route: str = "") -> PIP:
    """Start a wijzigingsbeschikking: copy the PIP in force and its parts into a new concept."""
    _vereis_bewerken(door, dossier)
    dossier = _vergrendel_dossier(dossier)
    if reden not in Wijzigingsreden.values:
        raise ValidationError(_("Kies de reden van de wijziging."), code="reden")
    geldend = selectors.geldend_pip(dossier)
    if geldend is None:
        raise ValidationError(
            _("Er is nog geen vastgestelde PIP. Stel eerst de PIP vast; daarna kunt u hem wijzigen."), code="geen_pip"
        )
    if selectors.open_pip(dossier) is not None:
        raise ValidationError(
            _("Er is al een concept-PIP voor dit dossier. Werk dat concept af of verwijder het eerst."),
            code="concept_bestaat",
        )
    route = geldend.leerroute
    if reden == Wijzigingsreden.SCHAKELEN:
        if not naar_route or naar_route not in Leerroute.values or naar_route == geldend.leerroute:
            raise ValidationError(
                _("Kies de nieuwe leerroute; die moet anders zijn dan de huidige."), code="naar_route"
            )
        _controleer_schakelen(dossier, van_route=geldend.leerroute, naar_route=naar_route)
        route = naar_route
    if reden == Wijzigingsreden.AFSCHALEN and geldend.leerroute != Leerroute.B1:
        raise ValidationError(_("Afschalen naar A2 kan alleen in de B1-route."), code="afschalen")
    nieuw = PIP.objects.get(pk=geldend.pk)
    nieuw.pk = nieuw.id = None
    nieuw._state.adding = True
    for veld in (
        "beschikkingsnummer",
        "dagtekening",
        "vastgesteld_door",
        "vastgesteld_op",
        "goedgekeurd_door",
        "goedgekeurd_op",
        "ingediend_door",
        "ingediend_op",
    ):
        setattr(nieuw, veld, None)
    nieuw.pdf = ""
    nieuw.pdf_sha256 = ""
    nieuw.afwijzing_reden = ""
    nieuw.versie = 1
    nieuw.volgnummer = _volgend_volgnummer(dossier)
    nieuw.soort = Soort.WIJZIGING
    nieuw.wijzigingsreden = reden
    nieuw.wijziging_toelichting = toelichting
    nieuw.status = PIPStatus.CONCEPT
    nieuw.leerroute = route
    nieuw.opgesteld_door = door
    nieuw._history_user = door
    nieuw.save()
    PIPOnderdeel.objects.bulk_create(
        [
            PIPOnderdeel(pip=nieuw, volgorde=o.volgorde, **{v: getattr(o, v) for v in ONDERDEELVELDEN})
            for o in geldend.onderdelen.all()
        ]
    )
    log_gebeurtenis(
        dossier,
        soort="pip",
        titel=_("Wijziging van de PIP gestart: %s") % Wijzigingsreden(reden).label,
        toelichting=toelichting,
        door=door,
        gegevens={"pip": nieuw.pk, "reden": reden},
    )
    return nieuw


@transaction.atomic
def verwijder_concept(pip: PIP, *, door) -> None:
    """Throw away a concept wijziging (the first PIP's concept stays: the dossier needs one)."""
    _vereis_bewerken(door, pip.dossier)
    vers = vergrendel(pip, verwachte_versie=None)
    _vereis_niet_definitief(vers)
    if not vers.is_wijziging:
        raise ValidationError(_("Het concept van de eerste PIP kan niet worden verwijderd."), code="eerste")
    vers.onderdelen.all().delete()
    vers.delete()
    log_gebeurtenis(pip.dossier, soort="pip", titel=_("Concept-wijziging van de PIP verwijderd"), door=door)


@transaction.atomic
def registreer_bezwaar(pip: PIP, *, door, ontvangen_op: dt.date, indiener: str, gronden: str = "") -> Bezwaar:
    _vereis_bewerken(door, pip.dossier)
    if not pip.is_definitief:
        raise ValidationError(_("Bezwaar kan alleen tegen een vastgestelde beschikking."), code="geen_beschikking")
    if ontvangen_op < pip.dagtekening:
        raise ValidationError(_("Het bezwaar kan niet vóór de dagtekening van de beschikking zijn ontvangen."))
    bezwaar = Bezwaar(pip=pip, ontvangen_op=ontvangen_op, indiener=indiener, gronden=gronden, geregistreerd_door=door)
    bezwaar._history_user = door
    bezwaar.save()
    log_gebeurtenis(
        pip.dossier,
        soort="bezwaar",
        titel=_("Bezwaar ontvangen tegen beschikking %s") % pip.beschikkingsnummer,
        door=door,
        gegevens={"bezwaar": bezwaar.pk, "pip": pip.pk},
    )
    return bezwaar


@transaction.atomic
def beslis_bezwaar(
    bezwaar: Bezwaar,
    *,
    door,
    status: str,
    beslist_op: dt.date,
    toelichting: str = "",
    verwachte_versie: int | None = None,
) -> Bezwaar:
    _vereis_bewerken(door, bezwaar.pip.dossier)
    if status not in BezwaarStatus.values or status == BezwaarStatus.INGEDIEND:
        raise ValidationError(_("Kies de uitkomst van het bezwaar."), code="status")
    vers = vergrendel(bezwaar, verwachte_versie=verwachte_versie)
    if beslist_op < vers.ontvangen_op:
        raise ValidationError(_("De beslisdatum kan niet vóór de ontvangst van het bezwaar liggen."), code="datum")
    vers.status = status
    vers.beslist_op = beslist_op
    vers.toelichting = toelichting
    bewaar(vers, door=door)
    log_gebeurtenis(
        bezwaar.pip.dossier,
        soort="bezwaar",
        titel=_("Beslissing op bezwaar: %s") % BezwaarStatus(status).label,
        toelichting=toelichting,
        door=door,
        gegevens={"bezwaar": vers.pk},
    )
    return vers
