"""Writes to PIPs: drafting, approval (four eyes), vaststelling as a numbered beschikking, wijzigingen, bezwaar."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.models import Dossier
from koers.dossiers.services import log_gebeurtenis, wijzig_status
from koers.dossiers.status import Status
from koers.utils.bulk import bulk_invoegen
from koers.utils.clock import nu, vandaag
from koers.utils.concurrency import bewaar, vergrendel
from koers.utils.datums import datum_kort

from . import permissions, selectors
from .models import (
    PIP,
    Beschikkingsreeks,
    Bezwaar,
    BezwaarStatus,
    Correctie,
    Correctiesoort,
    Hoofddoel,
    Intrekkingsgrond,
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


DEFINITIEF = (PIPStatus.VASTGESTELD, PIPStatus.VERVANGEN, PIPStatus.INGETROKKEN)


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
    _vereis_beoordelaar(vers, door, goedkeuren=False)
    if not reden.strip():
        raise ValidationError(_("Geef aan waarom u de PIP niet goedkeurt."), code="reden")
    vers.status = PIPStatus.CONCEPT
    vers.afwijzing_reden = reden
    bewaar(vers, door=door)
    log_gebeurtenis(vers.dossier, soort="pip", titel=_("PIP teruggestuurd naar concept"), toelichting=reden, door=door)
    return vers


def _vereis_beoordelaar(pip: PIP, door, *, goedkeuren: bool = True) -> None:
    """Four eyes: the approver is a teamleider of the gemeente who neither drafted nor submitted the PIP."""
    if pip.status != PIPStatus.TER_GOEDKEURING:
        raise ValidationError(_("Deze PIP ligt niet ter goedkeuring."), code="niet_ter_goedkeuring")
    if goedkeuren and pip.ingediend_door_id is None:
        raise PermissionDenied(
            _(
                "Er is niet vastgelegd wie deze PIP ter goedkeuring heeft aangeboden. Stuur hem terug; de "
                "klantmanager biedt hem opnieuw aan."
            )
        )
    if door.pk == pip.opgesteld_door_id:
        raise PermissionDenied(_("U hebt deze PIP zelf opgesteld. Een andere teamleider moet hem beoordelen."))
    if door.pk == pip.ingediend_door_id:
        raise PermissionDenied(
            _("U hebt deze PIP zelf ter goedkeuring aangeboden. Een andere teamleider moet hem beoordelen.")
        )
    if not permissions.mag_goedkeuren(door, pip):
        raise PermissionDenied(_("Alleen een teamleider van de gemeente van dit dossier mag deze PIP goedkeuren."))


def volgend_beschikkingsnummer(gemeente, jaar: int) -> str:
    """The next number in the gemeente's yearly series, e.g. PIP-0855-2026-000123 (row lock: no duplicates)."""
    Beschikkingsreeks.objects.get_or_create(gemeente=gemeente, jaar=jaar)
    reeks = Beschikkingsreeks.objects.select_for_update().get(gemeente=gemeente, jaar=jaar)
    reeks.laatste += 1
    reeks.save(update_fields=["laatste"])
    return f"PIP-{gemeente.gemeentecode}-{jaar}-{reeks.laatste:06d}"


def dagtekening_fouten(
    pip: PIP, dagtekening: dt.date, *, vorige: PIP | None = None, volgende: PIP | None = None
) -> list[str]:
    """Why a dagtekening cannot be right for this beschikking (empty when it can), in Dutch.

    Not in the future; not before the route decision or the day the PIP was drafted; not before the beschikking it
    replaces (``vorige``) nor after the one that replaced it (``volgende``)."""
    from koers.intake.selectors import routebesluit

    fouten = []
    if dagtekening > vandaag():
        fouten.append(_("De dagtekening kan niet in de toekomst liggen (vandaag is %s).") % datum_kort(vandaag()))
    besluit = routebesluit(pip.dossier)
    if besluit is not None and dagtekening < timezone.localdate(besluit.besloten_op):
        fouten.append(
            _("De dagtekening kan niet vóór het routebesluit van %s liggen.")
            % datum_kort(timezone.localdate(besluit.besloten_op))
        )
    if pip.aangemaakt_op and dagtekening < timezone.localdate(pip.aangemaakt_op):
        fouten.append(
            _("De dagtekening kan niet vóór het opstellen van deze PIP (%s) liggen.")
            % datum_kort(timezone.localdate(pip.aangemaakt_op))
        )
    if vorige is not None and vorige.dagtekening and dagtekening < vorige.dagtekening:
        fouten.append(
            _("De dagtekening kan niet vóór die van de vorige beschikking (%s) liggen.")
            % datum_kort(vorige.dagtekening)
        )
    if volgende is not None and volgende.dagtekening and dagtekening > volgende.dagtekening:
        fouten.append(
            _("De dagtekening kan niet na die van de latere beschikking %(nr)s (%(datum)s) liggen.")
            % {"nr": volgende.beschikkingsnummer, "datum": datum_kort(volgende.dagtekening)}
        )
    return fouten


def vorige_beschikking(pip: PIP) -> PIP | None:
    """The definitive beschikking before this one (lower volgnummer), if any."""
    return (
        PIP.objects.filter(dossier_id=pip.dossier_id, volgnummer__lt=pip.volgnummer, status__in=DEFINITIEF)
        .order_by("-volgnummer")
        .first()
    )


def vergelijkingsbeschikking(pip: PIP) -> PIP | None:
    """The beschikking a new dagtekening must not precede; none when it replaces one withdrawn for a wrong date."""
    if (
        pip.wijzigingsreden == Wijzigingsreden.INTREKKING
        and pip.intrekkingsgrond == Intrekkingsgrond.ONJUISTE_DAGTEKENING
    ):
        geldend = selectors.geldend_pip(pip.dossier)
        return vorige_beschikking(geldend) if geldend is not None else None
    return selectors.geldend_pip(pip.dossier)


def _controleer_vier_ogen(pip: PIP) -> None:
    """Defence in depth: an approval that bypassed keur_goed (author or submitter approving) does not count."""
    if pip.goedgekeurd_door_id is None or pip.goedgekeurd_door_id in (pip.opgesteld_door_id, pip.ingediend_door_id):
        raise ValidationError(
            _("In uw gemeente moet een teamleider de PIP eerst goedkeuren (vier-ogenprincipe)."), code="vier_ogen"
        )


def _vereis_geen_concept(dossier: Dossier) -> None:
    if selectors.open_pip(dossier) is not None:
        raise ValidationError(
            _("Er is al een concept-PIP voor dit dossier. Werk dat concept af of verwijder het eerst."),
            code="concept_bestaat",
        )


def _laat_dagtekening_vervallen(dossier: Dossier, *, beschikking: PIP, datum: dt.date, reden: str, op: dt.date, door):
    """Void the deadline fact of ``beschikking`` at ``datum`` (facts stay append-only); returns the voided fact."""
    from koers.termijnen.models import Termijnfeit
    from koers.termijnen.services import registreer_feit

    feit = (
        Termijnfeit.objects.filter(
            dossier=dossier, soort="pip_vastgesteld", gegevens__beschikking=beschikking.pk, datum=datum
        )
        .order_by("-id")
        .first()
    )
    registreer_feit(
        dossier,
        soort="pip_vervallen",
        datum=op,
        door=door,
        gegevens={
            "beschikking": beschikking.pk,
            "datum": datum.isoformat(),
            "reden": reden,
            "rectificatie": feit.gegevens.get("rectificatie") if feit else None,
        },
    )
    return feit


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
    if instelling.vier_ogen:
        _controleer_vier_ogen(vers)
    if vers.status == PIPStatus.TER_GOEDKEURING:
        raise ValidationError(_("Deze PIP ligt nog ter goedkeuring bij de teamleider."), code="ter_goedkeuring")
    _valideer_volledig(vers)
    dagtekening = dagtekening or vandaag()
    vorige = PIP.objects.select_for_update().filter(dossier=dossier, status=PIPStatus.VASTGESTELD).first()
    intrekking = vers.wijzigingsreden == Wijzigingsreden.INTREKKING
    if intrekking and vorige is None:
        raise ValidationError(_("Er is geen geldende beschikking meer om in te trekken."), code="geen_beschikking")
    fouten = dagtekening_fouten(vers, dagtekening, vorige=vergelijkingsbeschikking(vers))
    if fouten:
        raise ValidationError({"dagtekening": fouten})
    vers.dossier = dossier
    vers.beschikkingsnummer = volgend_beschikkingsnummer(dossier.gemeente, dagtekening.year)
    vers.dagtekening = dagtekening
    vers.vastgesteld_door = door
    vers.vastgesteld_op = nu()
    _snapshot_contactpersoon(vers)
    wegens_dagtekening = intrekking and vers.intrekkingsgrond == Intrekkingsgrond.ONJUISTE_DAGTEKENING
    vorige_was_anker = False
    if vorige is not None:
        vorige_was_anker = selectors.eerste_pip(dossier) == vorige
        if intrekking:
            vorige.status = PIPStatus.INGETROKKEN
            bewaar(vorige, door=door, reden=f"ingetrokken en vervangen door {vers.beschikkingsnummer}")
            Correctie.objects.create(
                pip=vorige,
                soort=Correctiesoort.INTREKKING,
                grond=vers.intrekkingsgrond,
                reden=vers.wijziging_toelichting,
                vervangen_door=vers,
                oude_pdf=vorige.pdf.name,
                oude_pdf_sha256=vorige.pdf_sha256,
                oude_dagtekening=vorige.dagtekening,
                besloten_op=dagtekening,
                door=door,
            )
        else:
            vorige.status = PIPStatus.VERVANGEN
            bewaar(vorige, door=door, reden=f"vervangen door {vers.beschikkingsnummer}")
    _bewaar_pdf(vers, render_beschikking(vers, vorige=vorige))
    vers.status = PIPStatus.VASTGESTELD
    bewaar(vers, door=door)
    # Wi2021 art. 11 lid 2-3: the termijn runs from the first PIP, also when it is withdrawn and replaced, unless
    # its dagtekening itself was wrong: then the replacing beschikking is the first validly dated one.
    eerste = vers.volgnummer == 1 or (wegens_dagtekening and vorige_was_anker)
    if eerste and dossier.status == Status.INTAKE:
        dossier = wijzig_status(dossier, naar=Status.PIP_IN_VOORBEREIDING, door=door)
    if eerste and dossier.status == Status.PIP_IN_VOORBEREIDING:
        wijzig_status(dossier, naar=Status.PIP_VASTGESTELD, door=door)
    if intrekking:
        titel = _("Beschikking %(oud)s ingetrokken en vervangen door %(nieuw)s") % {
            "oud": vorige.beschikkingsnummer,
            "nieuw": vers.beschikkingsnummer,
        }
    elif vers.volgnummer == 1:
        titel = _("PIP vastgesteld: beschikking %s") % vers.beschikkingsnummer
    else:
        titel = _("Wijzigingsbeschikking PIP vastgesteld: %s") % vers.beschikkingsnummer
    log_gebeurtenis(
        dossier,
        soort="pip_vastgesteld",
        titel=titel,
        toelichting=vers.wijziging_toelichting if intrekking else "",
        door=door,
        gegevens={
            "pip": vers.pk,
            "beschikkingsnummer": vers.beschikkingsnummer,
            "dagtekening": dagtekening.isoformat(),
            **({"ingetrokken": vorige.pk, "grond": vers.intrekkingsgrond} if intrekking else {}),
        },
    )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.AANMAKEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving=f"beschikking PIP {vers.beschikkingsnummer} vastgesteld",
    )
    if wegens_dagtekening:
        _laat_dagtekening_vervallen(
            dossier, beschikking=vorige, datum=vorige.dagtekening, reden="intrekking", op=dagtekening, door=door
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


def _kopieer_naar_concept(geldend: PIP, *, door, reden: str, toelichting: str, route: str, grond: str = "") -> PIP:
    """A new concept (next volgnummer) with the content and parts of the beschikking in force."""
    dossier = geldend.dossier
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
    nieuw.intrekkingsgrond = grond
    nieuw.opgesteld_door = door
    nieuw._history_user = door
    nieuw.save()
    bulk_invoegen(
        PIPOnderdeel,
        [
            PIPOnderdeel(pip=nieuw, volgorde=o.volgorde, **{v: getattr(o, v) for v in ONDERDEELVELDEN})
            for o in geldend.onderdelen.all()
        ],
        door=door,
        reden="Overgenomen uit de geldende PIP",
    )
    return nieuw


@transaction.atomic
def start_wijziging(dossier: Dossier, *, reden: str, toelichting: str, door, naar_route: str = "") -> PIP:
    """Start a wijzigingsbeschikking: copy the PIP in force and its parts into a new concept."""
    _vereis_bewerken(door, dossier)
    dossier = _vergrendel_dossier(dossier)
    if reden not in Wijzigingsreden.values or reden == Wijzigingsreden.INTREKKING:
        raise ValidationError(_("Kies de reden van de wijziging."), code="reden")
    geldend = selectors.geldend_pip(dossier)
    if geldend is None:
        raise ValidationError(
            _("Er is nog geen vastgestelde PIP. Stel eerst de PIP vast; daarna kunt u hem wijzigen."), code="geen_pip"
        )
    _vereis_geen_concept(dossier)
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
    nieuw = _kopieer_naar_concept(geldend, door=door, reden=reden, toelichting=toelichting, route=route)
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
def start_intrekking(pip: PIP, *, door, grond: str, reden: str, verwachte_versie: int | None) -> PIP:
    """Start withdrawing the beschikking in force: a concept that replaces it (soort wijziging, reden intrekking).

    The beschikking stays in force until the replacing one is vastgesteld (``stel_vast`` then marks it
    ingetrokken and records the ``Correctie``), so the dossier is never without a plan; the replacement follows
    the normal route, four eyes included."""
    _vereis_bewerken(door, pip.dossier)
    dossier = _vergrendel_dossier(pip.dossier)
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    if vers.status != PIPStatus.VASTGESTELD:
        raise ValidationError(_("Alleen de geldende beschikking kan worden ingetrokken."), code="niet_geldend")
    if grond not in Intrekkingsgrond.values:
        raise ValidationError(_("Kies de grond van de intrekking."), code="grond")
    if not reden.strip():
        raise ValidationError(_("Vul de reden van de intrekking in."), code="reden")
    _vereis_geen_concept(dossier)
    nieuw = _kopieer_naar_concept(
        vers, door=door, reden=Wijzigingsreden.INTREKKING, toelichting=reden.strip(), route=vers.leerroute, grond=grond
    )
    log_gebeurtenis(
        dossier,
        soort="pip",
        titel=_("Intrekking van beschikking %s gestart; de vervangende beschikking is een concept")
        % vers.beschikkingsnummer,
        toelichting=reden.strip(),
        door=door,
        gegevens={"pip": nieuw.pk, "intrekken": vers.pk, "grond": grond},
    )
    return nieuw


def _als_tekst(waarde) -> str:
    return waarde.isoformat() if isinstance(waarde, dt.date) else str(waarde)


@transaction.atomic
def rectificeer(pip: PIP, *, door, reden: str, verwachte_versie: int | None, **wijzigingen) -> PIP:
    """Correct an obvious clerical error (kennelijke verschrijving) in a beschikking: the dagtekening or a text.

    The beschikkingsnummer stays; the corrected beschikking gets a new PDF and the earlier one stays on file,
    named in the ``Correctie`` with its SHA-256; the history keeps the old values. A corrected dagtekening voids
    the old date for the deadlines and registers the new one."""
    from koers.termijnen.services import registreer_feit

    from .pdf import render_beschikking

    _vereis_bewerken(door, pip.dossier)
    dossier = _vergrendel_dossier(pip.dossier)
    vers = vergrendel(pip, verwachte_versie=verwachte_versie)
    if vers.status not in (PIPStatus.VASTGESTELD, PIPStatus.VERVANGEN):
        raise ValidationError(
            _("Alleen een vastgestelde beschikking die niet is ingetrokken kan worden gerectificeerd."),
            code="niet_definitief",
        )
    niet_toegestaan = set(wijzigingen) - PIP.RECTIFICEERBAAR
    if niet_toegestaan:
        raise ValidationError(
            _(
                "Een rectificatie herstelt alleen een kennelijke verschrijving (de dagtekening of een tekst). "
                "Een andere leerroute, ander aanbod of ander ontzorgen vraagt een intrekking en een nieuwe beschikking."
            ),
            code="niet_rectificeerbaar",
        )
    if not reden.strip():
        raise ValidationError(_("Vul de reden van de rectificatie in."), code="reden")
    gewijzigd = {v: (getattr(vers, v), w) for v, w in wijzigingen.items() if getattr(vers, v) != w}
    if not gewijzigd:
        raise ValidationError(_("Er is niets veranderd om te rectificeren."), code="niets")
    if "dagtekening" in gewijzigd:
        volgende = (
            PIP.objects.filter(dossier=dossier, volgnummer__gt=vers.volgnummer, status__in=DEFINITIEF)
            .order_by("volgnummer")
            .first()
        )
        fouten = dagtekening_fouten(
            vers, gewijzigd["dagtekening"][1], vorige=vorige_beschikking(vers), volgende=volgende
        )
        if fouten:
            raise ValidationError({"dagtekening": fouten})
    oude_pdf, oude_sha, oude_dagtekening = vers.pdf.name, vers.pdf_sha256, vers.dagtekening
    for veld, (_oud, nieuw) in gewijzigd.items():
        setattr(vers, veld, nieuw)
    vers._rectificatie = True
    aantal = vers.correcties.filter(soort=Correctiesoort.RECTIFICATIE).count() + 1
    inhoud = render_beschikking(vers, vorige=vorige_beschikking(vers))
    vers.pdf_sha256 = hashlib.sha256(inhoud).hexdigest()
    vers.pdf.save(f"{vers.beschikkingsnummer}-rectificatie-{aantal}.pdf", ContentFile(inhoud), save=False)
    bewaar(vers, door=door, reden=f"rectificatie: {reden.strip()}"[:100])
    correctie = Correctie.objects.create(
        pip=vers,
        soort=Correctiesoort.RECTIFICATIE,
        reden=reden.strip(),
        wijzigingen={v: [_als_tekst(oud), _als_tekst(nieuw)] for v, (oud, nieuw) in gewijzigd.items()},
        oude_pdf=oude_pdf,
        oude_pdf_sha256=oude_sha,
        oude_dagtekening=oude_dagtekening,
        besloten_op=vandaag(),
        door=door,
    )
    log_gebeurtenis(
        dossier,
        soort="pip",
        titel=_("Beschikking %s gerectificeerd (kennelijke verschrijving)") % vers.beschikkingsnummer,
        toelichting=reden.strip(),
        door=door,
        gegevens={"pip": vers.pk, "correctie": correctie.pk, "velden": sorted(gewijzigd)},
    )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.WIJZIGEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving=f"beschikking PIP {vers.beschikkingsnummer} gerectificeerd",
    )
    if "dagtekening" in gewijzigd:
        feit = _laat_dagtekening_vervallen(
            dossier, beschikking=vers, datum=oude_dagtekening, reden="rectificatie", op=vandaag(), door=door
        )
        registreer_feit(
            dossier,
            soort="pip_vastgesteld",
            datum=vers.dagtekening,
            door=door,
            gegevens={
                "beschikking": vers.pk,
                "route": vers.leerroute,
                "eerste": feit.gegevens.get("eerste", vers.volgnummer == 1) if feit else vers.volgnummer == 1,
                # Numbers this date's registration, so rectifying back to a date voided before counts again.
                "rectificatie": aantal,
            },
        )
    return vers


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
