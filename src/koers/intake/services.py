"""Writes for the brede intake. Each service: one transaction, permission and validation inside, timeline and
access log inside. Health answers are special-category data and are never copied into the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.models import Dossier
from koers.dossiers.permissions import mag_gezondheid_zien
from koers.dossiers.services import log_gebeurtenis, wijzig_status
from koers.dossiers.status import Status as DossierStatus
from koers.inburgeraars.models import Gezinslid
from koers.utils.clock import nu, vandaag
from koers.utils.concurrency import bewaar, vergrendel
from koers.utils.datums import datum_kort, datum_nl, datum_tijd_kort

from . import permissions, sancties, selectors
from .advies import LbtUitkomst, Leerroute, Regelset, adviseer, regelset_op
from .advies.regels import DISPENSATIE_BRON, DISPENSATIE_VANAF
from .invoer import bouw_invoer
from .models import (
    Antwoord,
    Antwoordtype,
    BredeIntake,
    Examenonderdeel,
    IntakeGesprek,
    Leerbaarheidstoets,
    Ontheffing,
    Plaats,
    RouteAdvies,
    RouteBesluit,
    SanctieVoorstel,
    Uitnodiging,
    Vraag,
    Vrijstelling,
)
from .privacy import GROND_ALLEEN_MET_RECHT, tijdlijn_samenvatting


class IntakeOnvolledig(ValidationError):
    """The intake cannot be completed yet; ``vragen`` lists the question codes still to answer."""

    def __init__(self, *, vragen: dict[str, str], overig: list[str]):
        self.vragen = vragen
        self.overig = overig
        super().__init__([*overig, *vragen.values()], code="intake_onvolledig")


def _vereis_bewerken(door, dossier: Dossier, *, ook_duo: bool = False) -> None:
    if ook_duo and permissions.mag_duo_gegevens_registreren(door, dossier):
        return
    if not permissions.mag_intake_bewerken(door, dossier):
        raise PermissionDenied(_("U mag de brede intake van dit dossier niet wijzigen."))


def _vereis_concept(intake: BredeIntake) -> None:
    if intake.is_afgerond:
        raise ValidationError(_("De brede intake is afgerond en kan niet meer worden gewijzigd."), code="afgerond")


def _log_wijziging(door, intake: BredeIntake, omschrijving: str, *, gezondheid: bool = False) -> None:
    dossier = intake.dossier
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.WIJZIGEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        gegevenscategorie="gezondheid" if gezondheid else "persoonsgegevens",
        omschrijving=omschrijving,
    )


# Start and answers


@transaction.atomic
def start_intake(dossier: Dossier, *, door) -> BredeIntake:
    """Start the intake with the questionnaire version in force today; the dossier moves to 'Brede intake'."""
    _vereis_bewerken(door, dossier, ook_duo=True)
    if BredeIntake.objects.filter(dossier=dossier).exists():
        raise ValidationError(_("De brede intake van dit dossier is al gestart."), code="al_gestart")
    if dossier.status not in (DossierStatus.AANGEMELD, DossierStatus.INTAKE):
        raise ValidationError(_("Een brede intake kan alleen starten bij een aangemeld dossier."), code="status")
    vragenlijst = selectors.geldende_vragenlijst(vandaag())
    if vragenlijst is None:
        raise ValidationError(
            _("Er is geen actieve vragenlijst. Vraag functioneel beheer een vragenlijst te activeren."),
            code="geen_vragenlijst",
        )
    intake = BredeIntake(dossier=dossier, vragenlijst=vragenlijst, gestart_op=nu(), gestart_door=door)
    intake._history_user = door
    intake.save()
    if dossier.status == DossierStatus.AANGEMELD:
        wijzig_status(dossier, naar=DossierStatus.INTAKE, door=door)
    log_gebeurtenis(
        dossier,
        soort="intake",
        titel=_("Brede intake gestart (vragenlijst versie %s)") % vragenlijst.nummer,
        door=door,
        gegevens={"vragenlijst": vragenlijst.nummer},
    )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.AANMAKEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving="brede intake gestart",
    )
    return intake


def _normaliseer(vraag: Vraag, waarde: Any) -> Any:
    """The stored JSON form of an answer; None for 'not answered'. Raises ValidationError on a wrong type."""
    if waarde is None or waarde == "":
        return None
    soort = vraag.antwoordtype
    fout = ValidationError({vraag.code: _("Dit antwoord past niet bij de vraag.")}, code="ongeldig_antwoord")
    if soort == Antwoordtype.JA_NEE:
        if isinstance(waarde, bool):
            return waarde
        if waarde in ("ja", "nee"):
            return waarde == "ja"
        raise fout
    if soort == Antwoordtype.GETAL:
        if isinstance(waarde, bool):
            raise fout
        try:
            return int(waarde)
        except (TypeError, ValueError) as exc:
            raise fout from exc
    if soort == Antwoordtype.DATUM:
        if isinstance(waarde, dt.date):
            return waarde.isoformat()
        try:
            return dt.date.fromisoformat(str(waarde)).isoformat()
        except ValueError as exc:
            raise fout from exc
    if soort == Antwoordtype.KEUZE:
        if str(waarde) not in dict(vraag.keuzelijst):
            raise fout
        return str(waarde)
    return str(waarde).strip() or None


@transaction.atomic
def bewaar_antwoorden(
    intake: BredeIntake, *, door, antwoorden: dict[str, Any], verwachte_versie: int | None
) -> list[str]:
    """Save answers as a draft (any subset, over several conversations); returns the codes that changed."""
    _vereis_bewerken(door, intake.dossier)
    vers = vergrendel(intake, verwachte_versie=verwachte_versie)
    _vereis_concept(vers)
    vragen = {v.code: v for v in vers.vragenlijst.vragen.all()}
    onbekend = set(antwoorden) - set(vragen)
    if onbekend:
        raise ValidationError(_("Onbekende vragen: %s.") % ", ".join(sorted(onbekend)), code="onbekende_vraag")
    mag_gezondheid = permissions.mag_gezondheid_zien(door, vers.dossier)
    if not mag_gezondheid and any(vragen[c].is_gezondheid for c in antwoorden):
        raise PermissionDenied(_("Alleen de eigen klantmanager en de teamleider mogen gezondheidsvragen invullen."))
    bestaand = {a.vraag_id: a for a in vers.antwoorden.all()}
    gewijzigd: list[str] = []
    for code, ruw in antwoorden.items():
        vraag = vragen[code]
        waarde = _normaliseer(vraag, ruw)
        antwoord = bestaand.get(vraag.pk)
        if antwoord is None:
            if waarde is None:
                continue
            antwoord = Antwoord(intake=vers, vraag=vraag, waarde=waarde)
            antwoord._history_user = door
            antwoord.save()
        elif antwoord.waarde != waarde:
            antwoord.waarde = waarde
            bewaar(antwoord, door=door)
        else:
            continue
        gewijzigd.append(code)
    if gewijzigd:
        bewaar(vers, door=door)
        intake.versie = vers.versie
        log_gebeurtenis(
            vers.dossier,
            soort="intake",
            titel=_("Concept brede intake opgeslagen: %s antwoorden bijgewerkt") % len(gewijzigd),
            door=door,
            gegevens={"aantal": len(gewijzigd)},
        )
        gezondheid = [c for c in gewijzigd if vragen[c].is_gezondheid]
        overig = [c for c in gewijzigd if not vragen[c].is_gezondheid]
        if overig:
            _log_wijziging(door, vers, f"intakeantwoorden: {', '.join(overig)}"[:300])
        if gezondheid:
            _log_wijziging(door, vers, f"gezondheidsantwoorden: {', '.join(gezondheid)}"[:300], gezondheid=True)
    return gewijzigd


# Conversations and invitations


def _controleer_gesprek(*, plaats: str, tolk_ingezet: bool, tolk_taal: str) -> None:
    fouten = {}
    if plaats not in Plaats.values:
        fouten["plaats"] = _("Kies de plaats van het gesprek.")
    if tolk_ingezet and not tolk_taal.strip():
        fouten["tolk_taal"] = _("Vul de taal van de tolk in.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def plan_gesprek(
    intake: BredeIntake,
    *,
    door,
    gepland_op: dt.datetime,
    plaats: str,
    locatie: str = "",
    tolk_ingezet: bool = False,
    tolk_taal: str = "",
    partner_aanwezig: bool = False,
    is_partnergesprek: bool = False,
    notities: str = "",
) -> IntakeGesprek:
    _vereis_bewerken(door, intake.dossier)
    _controleer_gesprek(plaats=plaats, tolk_ingezet=tolk_ingezet, tolk_taal=tolk_taal)
    if is_partnergesprek and partner_aanwezig:
        raise ValidationError(
            {"partner_aanwezig": _("Bij het aparte gesprek met de partner is de ander niet aanwezig.")}
        )
    gesprek = IntakeGesprek(
        intake=intake,
        gepland_op=gepland_op,
        plaats=plaats,
        locatie=locatie,
        tolk_ingezet=tolk_ingezet,
        tolk_taal=tolk_taal if tolk_ingezet else "",
        partner_aanwezig=partner_aanwezig,
        is_partnergesprek=is_partnergesprek,
        notities=notities,
    )
    gesprek._history_user = door
    gesprek.save()
    soort = _("Apart gesprek met de partner") if is_partnergesprek else _("Intakegesprek")
    log_gebeurtenis(
        intake.dossier,
        soort="intake",
        titel=_("%(soort)s gepland op %(datum)s (%(plaats)s)")
        % {"soort": soort, "datum": datum_tijd_kort(gepland_op), "plaats": gesprek.get_plaats_display()},
        door=door,
    )
    return gesprek


@transaction.atomic
def registreer_gesprek(
    gesprek: IntakeGesprek,
    *,
    door,
    verwachte_versie: int | None,
    gehouden: bool,
    plaats: str,
    locatie: str = "",
    tolk_ingezet: bool = False,
    tolk_taal: str = "",
    partner_aanwezig: bool = False,
    notities: str = "",
) -> IntakeGesprek:
    """Record how a conversation went (held or not, place, interpreter, partner present)."""
    _vereis_bewerken(door, gesprek.intake.dossier)
    _controleer_gesprek(plaats=plaats, tolk_ingezet=tolk_ingezet, tolk_taal=tolk_taal)
    vers = vergrendel(gesprek, verwachte_versie=verwachte_versie)
    vers.gehouden = gehouden
    vers.plaats = plaats
    vers.locatie = locatie
    vers.tolk_ingezet = tolk_ingezet
    vers.tolk_taal = tolk_taal if tolk_ingezet else ""
    vers.partner_aanwezig = partner_aanwezig and not vers.is_partnergesprek
    vers.notities = notities
    bewaar(vers, door=door)
    if gehouden:
        for uitnodiging in vers.uitnodigingen.filter(verschenen=Uitnodiging.Verschenen.ONBEKEND):
            uitnodiging.verschenen = Uitnodiging.Verschenen.JA
            bewaar(uitnodiging, door=door)
        details = [vers.get_plaats_display()]
        if vers.tolk_ingezet:
            details.append(_("tolk %s") % vers.tolk_taal)
        if vers.partner_aanwezig:
            details.append(_("partner aanwezig"))
        titel = _("%(soort)s gehouden op %(datum)s (%(details)s)") % {
            "soort": _("Apart gesprek met de partner") if vers.is_partnergesprek else _("Intakegesprek"),
            "datum": datum_kort(vers.gepland_op),
            "details": ", ".join(str(d) for d in details),
        }
    else:
        titel = _("Intakegesprek van %s bijgewerkt") % datum_kort(vers.gepland_op)
    log_gebeurtenis(vers.intake.dossier, soort="intake", titel=titel, door=door)
    _log_wijziging(door, vers.intake, "intakegesprek vastgelegd")
    return vers


@transaction.atomic
def registreer_uitnodiging(gesprek: IntakeGesprek, *, door, verstuurd_op: dt.date) -> Uitnodiging:
    _vereis_bewerken(door, gesprek.intake.dossier)
    uitnodiging = Uitnodiging(gesprek=gesprek, verstuurd_op=verstuurd_op)
    uitnodiging._history_user = door
    uitnodiging.save()
    log_gebeurtenis(
        gesprek.intake.dossier,
        soort="intake",
        titel=_("Uitnodiging verstuurd op %(verstuurd)s voor het gesprek van %(datum)s")
        % {"verstuurd": datum_kort(verstuurd_op), "datum": datum_kort(gesprek.gepland_op)},
        door=door,
    )
    return uitnodiging


@transaction.atomic
def registreer_opkomst(
    uitnodiging: Uitnodiging,
    *,
    door,
    verwachte_versie: int | None,
    verschenen: str,
    verwijtbaar: bool = False,
    toelichting: str = "",
) -> SanctieVoorstel | None:
    """Record whether the person came. A culpable absence leads to a *proposal* for the next sanction step."""
    gesprek = uitnodiging.gesprek
    intake = gesprek.intake
    _vereis_bewerken(door, intake.dossier)
    if verschenen not in Uitnodiging.Verschenen.values:
        raise ValidationError({"verschenen": _("Kies of de inburgeraar is verschenen.")})
    if verwijtbaar and verschenen != Uitnodiging.Verschenen.NEE:
        raise ValidationError({"verwijtbaar": _("Verwijtbaar kan alleen als de inburgeraar niet is verschenen.")})
    if verwijtbaar and not toelichting.strip():
        raise ValidationError(
            {"toelichting": _("Leg vast waarom het wegblijven verwijtbaar is; dat is de grond voor een sanctie.")}
        )
    vers = vergrendel(uitnodiging, verwachte_versie=verwachte_versie)
    vers.verschenen = verschenen
    vers.verwijtbaar = verwijtbaar
    vers.toelichting = toelichting
    bewaar(vers, door=door)
    if verschenen == Uitnodiging.Verschenen.NEE:
        titel = (
            _("Niet verschenen bij het gesprek van %s (verwijtbaar)")
            if verwijtbaar
            else _("Niet verschenen bij het gesprek van %s (niet verwijtbaar)")
        ) % datum_kort(gesprek.gepland_op)
    else:
        titel = _("Opkomst vastgelegd voor het gesprek van %(datum)s: %(opkomst)s") % {
            "datum": datum_kort(gesprek.gepland_op),
            "opkomst": vers.get_verschenen_display(),
        }
    log_gebeurtenis(intake.dossier, soort="intake", titel=titel, door=door, toelichting=toelichting)
    if verwijtbaar and not gesprek.is_partnergesprek:
        return stel_sanctie_voor(intake, door=door)
    return None


# Sanctions: proposed, never applied automatically


@transaction.atomic
def stel_sanctie_voor(intake: BredeIntake, *, door) -> SanctieVoorstel | None:
    """Propose the next step of the sequence, only for recorded culpable absence not covered by a proposal yet."""
    _vereis_bewerken(door, intake.dossier)
    onbehandeld = list(
        Uitnodiging.objects.filter(
            gesprek__intake=intake,
            gesprek__is_partnergesprek=False,
            verschenen=Uitnodiging.Verschenen.NEE,
            verwijtbaar=True,
            sanctievoorstellen__isnull=True,
        )
    )
    if not onbehandeld:
        return None
    tellend = intake.sanctievoorstellen.exclude(status=SanctieVoorstel.Status.AFGEWEZEN).count()
    stap = sancties.volgende_stap(tellend, op=vandaag())
    if stap is None:
        return None
    voorstel = SanctieVoorstel(
        intake=intake,
        volgnummer=stap.volgnummer,
        soort=stap.soort,
        bedrag=stap.bedrag,
        regel=sancties.regel_naar_dict(stap.regel),
        voorgesteld_op=nu(),
    )
    voorstel._history_user = door
    voorstel.save()
    voorstel.gronden.set(onbehandeld)
    aantal = len(stap.regel.parameters["reeks"])
    log_gebeurtenis(
        intake.dossier,
        soort="sanctie",
        titel=_("Sanctie voorgesteld (stap %(stap)s van %(aantal)s): %(wat)s – nog niet opgelegd")
        % {"stap": stap.volgnummer, "aantal": aantal, "wat": voorstel.omschrijving},
        door=door,
        gegevens={"regel": stap.regel.sleutel},
    )
    return voorstel


@transaction.atomic
def beslis_sanctie(
    voorstel: SanctieVoorstel, *, door, opleggen: bool, toelichting: str = "", verwachte_versie: int | None
) -> SanctieVoorstel:
    """A person decides on a proposal: impose it, or reject it (with reasons)."""
    _vereis_bewerken(door, voorstel.intake.dossier)
    vers = vergrendel(voorstel, verwachte_versie=verwachte_versie)
    if vers.status != SanctieVoorstel.Status.VOORGESTELD:
        raise ValidationError(_("Over dit voorstel is al besloten."), code="al_besloten")
    if not opleggen and not toelichting.strip():
        raise ValidationError({"toelichting": _("Geef aan waarom de sanctie niet wordt opgelegd.")})
    vers.status = SanctieVoorstel.Status.BESLOTEN if opleggen else SanctieVoorstel.Status.AFGEWEZEN
    vers.besloten_door = door
    vers.besloten_op = nu()
    vers.toelichting = toelichting
    bewaar(vers, door=door)
    titel = _("Sanctie opgelegd: %s") if opleggen else _("Sanctievoorstel afgewezen: %s")
    log_gebeurtenis(
        vers.intake.dossier, soort="sanctie", titel=titel % vers.omschrijving, door=door, toelichting=toelichting
    )
    return vers


# Leerbaarheidstoets, vrijstelling, ontheffing


@transaction.atomic
def registreer_lbt(
    intake: BredeIntake,
    *,
    door,
    uitkomst: str,
    score: int | None = None,
    datum: dt.date | None = None,
    afgenomen_in: str = "",
    dispensatie_grond: str = "",
    besluit_datum: dt.date | None = None,
    toelichting: str = "",
    verwachte_versie: int | None = None,
) -> Leerbaarheidstoets:
    """Record the LBT outcome, a dispensation (visual or auditive impairment) or 'not yet taken'.

    The ground of a dispensation and its explanation are health data: a user without the health right can neither
    record a new dispensation nor read or replace them; what they type is added to the explanation."""
    _vereis_bewerken(door, intake.dossier, ook_duo=uitkomst != LbtUitkomst.DISPENSATIE)
    fouten: dict[str, str] = {}
    if uitkomst not in {u.value for u in LbtUitkomst}:
        raise ValidationError({"uitkomst": _("Kies de uitkomst van de leerbaarheidstoets.")})
    lbt = LbtUitkomst(uitkomst)
    bestaand = Leerbaarheidstoets.objects.filter(intake=intake).first()
    if lbt is LbtUitkomst.DISPENSATIE and not mag_gezondheid_zien(door, intake.dossier):
        if bestaand is None or bestaand.uitkomst != LbtUitkomst.DISPENSATIE:
            raise ValidationError({"uitkomst": GROND_ALLEEN_MET_RECHT})
        dispensatie_grond = bestaand.dispensatie_grond
        toelichting = "\n\n".join(t for t in (bestaand.toelichting, toelichting.strip()) if t)
    if lbt.heeft_uitslag:
        if datum is None:
            fouten["datum"] = _("Vul de datum van de afname in.")
        elif datum > vandaag():
            fouten["datum"] = _(
                "De datum van de afname ligt in de toekomst. Vul de datum in waarop de toets is afgenomen."
            )
        if afgenomen_in not in Leerbaarheidstoets.AfgenomenIn.values:
            fouten["afgenomen_in"] = _("Kies waar de toets is afgenomen: in het AZC of bij de gemeente.")
        dispensatie_grond, besluit_datum = "", None
    else:
        score = None
    if lbt is LbtUitkomst.DISPENSATIE:
        if dispensatie_grond not in Leerbaarheidstoets.Dispensatiegrond.values:
            fouten["dispensatie_grond"] = _("Kies de grond: een visuele of een auditieve beperking.")
        if besluit_datum is None:
            fouten["besluit_datum"] = _("Vul de datum van het besluit van de gemeente in.")
        elif besluit_datum > vandaag():
            fouten["besluit_datum"] = _("De datum van het besluit ligt in de toekomst.")
        elif besluit_datum < DISPENSATIE_VANAF:
            fouten["besluit_datum"] = _(
                "Dispensatie van de leerbaarheidstoets bestaat pas sinds %(vanaf)s (%(bron)s); een besluit van "
                "vóór die datum kan niet worden vastgelegd."
            ) % {"vanaf": datum_nl(DISPENSATIE_VANAF), "bron": DISPENSATIE_BRON}
        datum, afgenomen_in = None, ""
    elif lbt is LbtUitkomst.NIET_AFGENOMEN:
        dispensatie_grond, besluit_datum, datum, afgenomen_in = "", None, None, ""
    if fouten:
        raise ValidationError(fouten)
    velden = {
        "uitkomst": lbt.value,
        "score": score,
        "datum": datum,
        "afgenomen_in": afgenomen_in,
        "dispensatie_grond": dispensatie_grond,
        "besluit_datum": besluit_datum,
        "toelichting": toelichting,
    }
    if bestaand is None:
        toets = Leerbaarheidstoets(intake=intake, **velden)
        toets._history_user = door
        toets.save()
    else:
        toets = vergrendel(bestaand, verwachte_versie=verwachte_versie)
        for naam, waarde in velden.items():
            setattr(toets, naam, waarde)
        bewaar(toets, door=door)
    if lbt.heeft_uitslag:
        titel = _("Leerbaarheidstoets vastgelegd: %(uitkomst)s%(score)s, afgenomen in %(waar)s") % {
            "uitkomst": lbt.label,
            "score": f" (score {score})" if score is not None else "",
            "waar": toets.get_afgenomen_in_display(),
        }
    elif lbt is LbtUitkomst.DISPENSATIE:
        titel = _("Dispensatie van de leerbaarheidstoets vastgelegd (besluit gemeente)")
    else:
        titel = _("Leerbaarheidstoets: nog niet afgenomen")
    log_gebeurtenis(intake.dossier, soort="intake", titel=titel, door=door)
    _log_wijziging(door, intake, "leerbaarheidstoets", gezondheid=lbt is LbtUitkomst.DISPENSATIE)
    return toets


def _controleer_onderdelen(onderdelen: Sequence[str]) -> list[str]:
    onbekend = set(onderdelen) - set(Examenonderdeel.values)
    if onbekend:
        raise ValidationError({"onderdelen": _("Onbekende examenonderdelen: %s.") % ", ".join(sorted(onbekend))})
    return [o for o in Examenonderdeel.values if o in onderdelen]


def _bewaar_examenbesluit(besluit, *, door, titel: str, gezondheid: bool = False):
    """Validate and save a vrijstelling or ontheffing, with its timeline entry and access log."""
    besluit._history_user = door
    besluit.full_clean(exclude=["intake"])
    besluit.save()
    log_gebeurtenis(besluit.intake.dossier, soort="intake", titel=titel, door=door)
    _log_wijziging(door, besluit.intake, besluit._meta.model_name, gezondheid=gezondheid)
    return besluit


@transaction.atomic
def registreer_vrijstelling(
    intake: BredeIntake,
    *,
    door,
    grond: str,
    besloten_door: str,
    datum: dt.date,
    onderdelen: Sequence[str] = (),
    toelichting: str = "",
) -> Vrijstelling:
    """Record a vrijstelling (Wet art. 4); an NT2/A2 ground exempts per exam component only."""
    _vereis_bewerken(door, intake.dossier, ook_duo=True)
    onderdelen = _controleer_onderdelen(onderdelen)
    if grond not in Vrijstelling.Grond.values:
        raise ValidationError({"grond": _("Kies de grond van de vrijstelling.")})
    if grond == Vrijstelling.Grond.NT2_A2 and not onderdelen:
        raise ValidationError({"onderdelen": _("Een vrijstelling op grond van NT2 of A2 geldt per examenonderdeel.")})
    vrijstelling = Vrijstelling(
        intake=intake,
        grond=grond,
        besloten_door=besloten_door,
        datum=datum,
        onderdelen=onderdelen,
        toelichting=toelichting,
    )
    titel = _("Vrijstelling vastgelegd: %(grond)s – %(onderdelen)s (besloten door %(door)s)") % {
        "grond": vrijstelling.get_grond_display(),
        "onderdelen": vrijstelling.onderdelen_tekst,
        "door": vrijstelling.get_besloten_door_display(),
    }
    return _bewaar_examenbesluit(vrijstelling, door=door, titel=titel)


@transaction.atomic
def registreer_ontheffing(
    intake: BredeIntake,
    *,
    door,
    grond: str,
    besloten_door: str,
    datum: dt.date,
    onderdelen: Sequence[str] = (),
    toelichting: str = "",
) -> Ontheffing:
    """Record an ontheffing (Wet art. 5). A medical ground is health data: the timeline does not name it."""
    _vereis_bewerken(door, intake.dossier, ook_duo=True)
    onderdelen = _controleer_onderdelen(onderdelen)
    if grond not in Ontheffing.Grond.values:
        raise ValidationError({"grond": _("Kies de grond van de ontheffing.")})
    ontheffing = Ontheffing(
        intake=intake,
        grond=grond,
        besloten_door=besloten_door,
        datum=datum,
        onderdelen=onderdelen,
        toelichting=toelichting,
    )
    titel = _("Ontheffing vastgelegd: %(onderdelen)s (besloten door %(door)s)") % {
        "onderdelen": ontheffing.onderdelen_tekst,
        "door": ontheffing.get_besloten_door_display(),
    }
    return _bewaar_examenbesluit(ontheffing, door=door, titel=titel, gezondheid=ontheffing.is_gezondheid)


@transaction.atomic
def trek_examenbesluit_in(
    besluit: Vrijstelling | Ontheffing, *, door, reden: str, verwachte_versie: int | None = None
) -> Vrijstelling | Ontheffing:
    """Withdraw a vrijstelling or ontheffing (DUO's correction signal, or the gemeente's review). The decision stays,
    marked withdrawn with who, when and why (never deleted), and no longer counts anywhere (``.geldend()``)."""
    dossier = besluit.intake.dossier
    _vereis_bewerken(door, dossier, ook_duo=True)
    is_duo = permissions.mag_duo_gegevens_registreren(door, dossier)
    if is_duo and besluit.besloten_door != Vrijstelling.BeslotenDoor.DUO:
        raise PermissionDenied(_("DUO kan alleen een besluit van DUO intrekken."))
    reden = reden.strip()
    if not reden:
        raise ValidationError({"intrekkingsreden": _("Vul de reden van de intrekking in.")})
    vers = vergrendel(besluit, verwachte_versie=verwachte_versie)
    naam = _("vrijstelling") if isinstance(vers, Vrijstelling) else _("ontheffing")
    if vers.is_ingetrokken:
        datum = datum_nl(timezone.localdate(vers.ingetrokken_op))
        raise ValidationError(
            _("Deze %(naam)s is al ingetrokken op %(datum)s.") % {"naam": naam, "datum": datum}, code="al_ingetrokken"
        )
    vers.ingetrokken_op = nu()
    vers.ingetrokken_door = door
    vers.intrekkingsreden = reden[:300]
    bewaar(vers, door=door, reden=f"ingetrokken: {reden}"[:100])
    gezondheid = isinstance(vers, Ontheffing) and vers.is_gezondheid
    # The timeline is read by everyone with access to the dossier: no ground of an ontheffing, no free-text reason.
    gegevens = {
        "onderdelen": vers.onderdelen_tekst,
        "door": vers.get_besloten_door_display(),
        "datum": datum_nl(vers.datum),
    }
    if isinstance(vers, Vrijstelling):
        titel = _("Vrijstelling ingetrokken: %(grond)s – %(onderdelen)s (besluit van %(door)s van %(datum)s)") % {
            "grond": vers.get_grond_display(),
            **gegevens,
        }
    else:
        titel = _("Ontheffing ingetrokken: %(onderdelen)s (besluit van %(door)s van %(datum)s)") % gegevens
    log_gebeurtenis(dossier, soort="intake", titel=titel, door=door, gegevens={vers._meta.model_name: vers.pk})
    _log_wijziging(door, vers.intake, f"{vers._meta.model_name} ingetrokken", gezondheid=gezondheid)
    _meld_afsluiting_zonder_besluit(dossier, type(vers), door=door)
    return vers


def _meld_afsluiting_zonder_besluit(dossier: Dossier, model, *, door) -> None:
    """A dossier closed on a vrijstelling or ontheffing stays closed (the status chain has no way back), but when no
    full decision of that kind is left in force, the closing has lost its ground: the timeline asks for a review."""
    dossier = Dossier.objects.get(pk=dossier.pk)
    soort = model._meta.model_name
    if dossier.status != DossierStatus.AFGEROND or dossier.afsluitreden != soort:
        return
    if any(b.is_volledig for b in model.objects.geldend().filter(intake__dossier=dossier)):
        return
    log_gebeurtenis(
        dossier,
        soort="intake",
        titel=_(
            "Let op: het dossier is afgesloten met reden ‘%(reden)s’, maar na de intrekking geldt er geen volledige "
            "%(naam)s meer. Beoordeel het dossier."
        )
        % {"reden": dossier.get_afsluitreden_display(), "naam": model._meta.verbose_name},
        door=door,
        gegevens={"afsluiting_zonder_grond": soort},
    )


# Completion, advice and decision


def _heeft_partner(intake: BredeIntake) -> bool:
    return Gezinslid.objects.filter(
        inburgeraar_id=intake.dossier.inburgeraar_id, soort=Gezinslid.Soort.PARTNER
    ).exists()


@transaction.atomic
def rond_intake_af(intake: BredeIntake, *, door, verwachte_versie: int | None = None) -> BredeIntake:
    """Complete the intake explicitly; refuses, naming what is missing. Then makes the route advice."""
    _vereis_bewerken(door, intake.dossier)
    vers = vergrendel(intake, verwachte_versie=verwachte_versie)
    _vereis_concept(vers)
    beantwoord = {code for code, waarde in selectors.antwoorden(vers).items() if waarde not in (None, "")}
    mag_gezondheid = permissions.mag_gezondheid_zien(door, vers.dossier)
    vragen: dict[str, str] = {}
    overig: list[str] = []
    verborgen_open = False
    for vraag in vers.vragenlijst.vragen.filter(verplicht=True):
        if vraag.code in beantwoord:
            continue
        if vraag.is_gezondheid and not mag_gezondheid:
            verborgen_open = True
        else:
            vragen[vraag.code] = _("Beantwoord deze vraag om de intake af te ronden.")
    if verborgen_open:
        overig.append(
            _(
                "Er zijn nog onbeantwoorde gezondheidsvragen; die kan alleen de eigen klantmanager of de "
                "teamleider invullen."
            )
        )
    if not vers.gesprekken.filter(gehouden=True, is_partnergesprek=False).exists():
        overig.append(_("Er is nog geen gehouden intakegesprek vastgelegd."))
    if not Leerbaarheidstoets.objects.filter(intake=vers).exists():
        overig.append(_("Leg de leerbaarheidstoets vast: een uitslag, een dispensatie of ‘niet afgenomen’."))
    if _heeft_partner(vers) and not vers.gesprekken.filter(is_partnergesprek=True).exists():
        overig.append(_("Bied de partner een apart gesprek aan: plan een gesprek met de partner."))
    if vragen or overig:
        raise IntakeOnvolledig(vragen=vragen, overig=overig)
    vers.status = BredeIntake.Status.AFGEROND
    vers.afgerond_op = nu()
    vers.afgerond_door = door
    bewaar(vers, door=door)
    for veld in ("status", "afgerond_op", "afgerond_door", "versie"):
        setattr(intake, veld, getattr(vers, veld))
    log_gebeurtenis(vers.dossier, soort="intake", titel=_("Brede intake afgerond"), door=door)
    _log_wijziging(door, vers, "brede intake afgerond")
    try:
        with transaction.atomic():
            maak_advies(vers, door=door)
    except ValidationError:
        pass  # e.g. a questionnaire version without the advice questions: the advice page explains what is missing
    return vers


@transaction.atomic
def maak_advies(intake: BredeIntake, *, door, regelsets: Sequence[Regelset] | None = None) -> RouteAdvies:
    """Advise a route from the completed intake and the LBT under the rule set in force today; stored immutably."""
    _vereis_bewerken(door, intake.dossier)
    if not BredeIntake.objects.filter(pk=intake.pk, status=BredeIntake.Status.AFGEROND).exists():
        raise ValidationError(_("Rond eerst de brede intake af; daarna maakt Koers het routeadvies."), code="concept")
    toets = Leerbaarheidstoets.objects.filter(intake=intake).first()
    if toets is None:
        raise ValidationError(_("Leg eerst de leerbaarheidstoets vast."), code="geen_lbt")
    persoon = intake.dossier.inburgeraar
    vandaag_ = vandaag()
    invoer = bouw_invoer(
        antwoorden=selectors.antwoorden(intake),
        lbt_uitkomst=toets.uitkomst,
        lbt_score=toets.score,
        geboortedatum=persoon.geboortedatum,
        doelgroep=persoon.doelgroep,
        op=vandaag_,
    )
    advies = adviseer(invoer, regelset_op(vandaag_, regelsets))
    route_advies = RouteAdvies.objects.create(
        intake=intake,
        route=advies.route.value,
        gegevens=advies.to_dict(),
        regelset_versie=advies.regelset_versie,
        gemaakt_op=nu(),
        gemaakt_door=door,
    )
    log_gebeurtenis(
        intake.dossier,
        soort="advies",
        titel=_("Routeadvies gemaakt: %(route)s (regelset versie %(versie)s)")
        % {"route": advies.route.label, "versie": advies.regelset_versie},
        door=door,
        toelichting=tijdlijn_samenvatting(advies),  # read by all with access to the dossier: never health-based
        gegevens={"route": advies.route.value, "regelset": advies.regelset_versie},
    )
    return route_advies


@transaction.atomic
def neem_routebesluit(
    intake: BredeIntake, *, door, route: str, motivatie: str = "", advies: RouteAdvies | None = None
) -> RouteBesluit:
    """The klantmanager chooses the route; against the advice only with a written motivation."""
    _vereis_bewerken(door, intake.dossier)
    advies = advies or selectors.laatste_advies(intake)
    if advies is None or advies.intake_id != intake.pk:
        raise ValidationError(_("Er is nog geen routeadvies om op te besluiten."), code="geen_advies")
    if route not in {r.value for r in Leerroute}:
        raise ValidationError({"route": _("Kies een leerroute.")})
    gekozen = Leerroute(route)
    motivatie = motivatie.strip()
    if gekozen.value != advies.route and not motivatie:
        raise ValidationError(
            {
                "motivatie": _(
                    "U kiest een andere route dan het advies (%(advies)s). Schrijf op waarom u daarvan afwijkt."
                )
                % {"advies": advies.get_route_display()}
            },
            code="motivatie_vereist",
        )
    if advies.advies.voorlopig and not motivatie:
        raise ValidationError(
            {
                "motivatie": _(
                    "Het advies is voorlopig, omdat de leerbaarheidstoets ontbreekt. Schrijf op waarom u toch nu "
                    "een leerroute kiest."
                )
            },
            code="motivatie_voorlopig",
        )
    besluit = RouteBesluit.objects.create(
        intake=intake, advies=advies, route=gekozen.value, motivatie=motivatie, besloten_door=door, besloten_op=nu()
    )
    volgt = gekozen.value == advies.route
    titel = (
        _("Leerroute gekozen: %(route)s (volgens het advies)")
        if volgt
        else _("Leerroute gekozen: %(route)s (afwijkend van het advies: %(advies)s)")
    ) % {"route": gekozen.label, "advies": advies.get_route_display()}
    dossier = Dossier.objects.get(pk=intake.dossier_id)
    log_gebeurtenis(
        dossier,
        soort="routebesluit",
        titel=titel,
        door=door,
        toelichting=motivatie,
        gegevens={"route": gekozen.value, "advies": advies.route},
    )
    if dossier.status == DossierStatus.INTAKE:
        wijzig_status(dossier, naar=DossierStatus.PIP_IN_VOORBEREIDING, door=door)
    _log_wijziging(door, intake, "routebesluit")
    return besluit
