"""Applying one validated record through the domain services (they check permission, validate, log and audit).

COA: person + dossier + koppeling, then the informatieprofiel. DUO: the obligation (law, start, end) with the
kennisgeving fact the deadlines derive from, the LBT result, exam results, vrijstelling, ontheffing, verlenging, and
correction signals that replace or withdraw what an earlier signal (by its number) did (a corrected or withdrawn
vrijstelling or ontheffing is withdrawn through ``intake.services.trek_examenbesluit_in``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils.translation import gettext as _

from koers.aanbod.models import Examenresultaat
from koers.aanbod.services.resultaten import corrigeer_examen, registreer_examen
from koers.accounts.models import Gemeente
from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers import services as dossier_services
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Informatieprofiel, Koppeling
from koers.inburgeraars.services import bewaar_informatieprofiel
from koers.intake import services as intake_services
from koers.intake.models import BredeIntake, Leerbaarheidstoets, Ontheffing, Vrijstelling
from koers.termijnen import services as termijn_services
from koers.termijnen.engine.regels import verlengingsgrond
from koers.termijnen.models import Feitsoort
from koers.utils.datums import datum_nl

from .models import ImportRecord
from .validatie import als_datum

R = ImportRecord.Status
PERSOONSVELDEN = ("bsn", "v_nummer", "voornamen", "tussenvoegsel", "achternaam", "nationaliteit")


class Context:
    """What applying the records of one import shares: the actor, gemeenten, persons created in this run."""

    def __init__(self, imp, *, beslist_door=None):
        self.imp = imp
        self.door = beslist_door or imp.geupload_door
        self.gemeenten: dict[str, Gemeente] = {}
        self.nieuw: dict[str, object] = {}
        self.signalen: dict[str, ImportRecord] = {}

    def gemeente(self, code: str) -> Gemeente:
        if code not in self.gemeenten:
            self.gemeenten[code] = Gemeente.objects.get(gemeentecode=code)
        return self.gemeenten[code]

    def signaal(self, nummer: str) -> ImportRecord | None:
        if nummer in self.signalen:
            return self.signalen[nummer]
        # The record that applied the signal holds what it recorded; a later delivery of the same signal is
        # "ongewijzigd" with nothing recorded, so it comes second.
        return (
            ImportRecord.objects.filter(signaal_id=nummer, status__in=[R.TOEGEPAST, R.ONGEWIJZIGD])
            .filter(aanlevering__bron="duo")
            .order_by(Case(When(status=R.TOEGEPAST, then=0), default=1), "-id")
            .first()
        )


def sleutel(record: ImportRecord) -> str:
    return f"bsn:{record.bsn}" if record.bsn else f"v:{record.v_nummer}"


def pas_toe(ctx: Context, record: ImportRecord, *, nieuw_toegestaan: bool = True) -> None:
    """Apply one record; sets its status (toegepast/ongewijzigd), person, dossier and what was recorded."""
    persoon = record.inburgeraar or ctx.nieuw.get(sleutel(record))
    if persoon is None and not nieuw_toegestaan:
        return
    gewijzigd = _coa(ctx, record, persoon) if ctx.imp.bron == "coa" else _duo(ctx, record, persoon)
    record.status = R.TOEGEPAST if gewijzigd else R.ONGEWIJZIGD
    if record.inburgeraar is not None:
        ctx.nieuw[sleutel(record)] = record.inburgeraar
    if record.signaal_id:
        ctx.signalen[record.signaal_id] = record


def _nieuwe_persoon(ctx: Context, g: dict, *, gemeente, doelgroep: str, aangemeld_op) -> Dossier:
    return dossier_services.registreer_inburgeraar(
        door=ctx.door,
        gemeente=gemeente,
        aangemeld_op=aangemeld_op,
        doelgroep=doelgroep,
        geboortedatum=als_datum(g["geboortedatum"]),
        geslacht=g.get("geslacht") or "O",
        talen=g.get("talen") or "",
        **{k: g.get(k) or "" for k in PERSOONSVELDEN},
    )


def _dossier(ctx: Context, persoon, gemeente, *, openen: bool, aangemeld_op=None) -> tuple[Dossier | None, bool]:
    dossier = Dossier.objects.filter(inburgeraar=persoon, gemeente=gemeente).first()
    if dossier is None and openen:
        return dossier_services.open_dossier(persoon, door=ctx.door, gemeente=gemeente, aangemeld_op=aangemeld_op), True
    return dossier, False


# COA


def _coa(ctx: Context, record: ImportRecord, persoon) -> bool:
    g = record.gegevens
    gemeente = ctx.gemeente(record.gemeentecode)
    koppelingsdatum = als_datum(g.get("koppelingsdatum"))
    if persoon is None:
        dossier = _nieuwe_persoon(
            ctx, g, gemeente=gemeente, doelgroep="asielstatushouder", aangemeld_op=koppelingsdatum
        )
        persoon, gewijzigd = dossier.inburgeraar, True
    else:
        dossier, gewijzigd = _dossier(ctx, persoon, gemeente, openen=True, aangemeld_op=koppelingsdatum)
    if (
        koppelingsdatum
        and not Koppeling.objects.filter(inburgeraar=persoon, gemeente=gemeente, datum=koppelingsdatum).exists()
    ):
        dossier_services.registreer_koppeling(
            dossier, door=ctx.door, gemeente=gemeente, datum=koppelingsdatum, azc_locatie=g.get("azc_locatie") or ""
        )
        gewijzigd = True
    velden = {v: g.get(v) for v in Informatieprofiel.PROFIELVELDEN}
    velden["profieldatum"] = als_datum(velden["profieldatum"])
    velden = {k: ("" if v is None and k not in ("gezinsgrootte", "profieldatum") else v) for k, v in velden.items()}
    profiel, veranderd = bewaar_informatieprofiel(inburgeraar=persoon, door=ctx.door, **velden)
    if veranderd:
        dossier_services.log_gebeurtenis(
            dossier,
            soort="informatieprofiel",
            titel=_("Informatieprofiel van het COA ontvangen (profiel van %s)") % datum_nl(profiel.profieldatum),
            door=ctx.door,
            gegevens={"import": ctx.imp.pk, "profielversie": profiel.versie},
        )
        log_toegang(
            gebruiker=ctx.door,
            actie=Toegangslog.Actie.WIJZIGEN,
            inburgeraar_id=persoon.pk,
            dossier_id=dossier.pk,
            gegevenscategorie="gezondheid" if profiel.lichamelijke_beperkingen else "persoonsgegevens",
            omschrijving=f"informatieprofiel COA (import {ctx.imp.pk})",
        )
    record.inburgeraar, record.dossier = persoon, dossier
    record.resultaat = {"dossier": dossier.pk, "profielversie": profiel.versie}
    return gewijzigd or veranderd


# DUO: checks without applying, then applying


VEREIST = {
    "inburgeringsplicht": ("wet", "datum_begin"),
    "einde_plicht": ("datum_einde",),
    "lbt": ("uitslag", "toetsdatum", "afgenomen_in"),
    "examen": ("onderdeel", "resultaat", "toetsdatum"),
    "vrijstelling": ("grond", "besluitdatum"),
    "ontheffing": ("grond", "besluitdatum"),
    "verlenging": ("grond", "besluitdatum"),
    "intrekking": ("corrigeert",),
}


def controleer_duo(g: dict, eerder: dict, in_bestand: dict, *, regel: int) -> list[str]:
    """The reasons a DUO signal cannot be applied that need no person: fields per kind, codes, the corrected signal."""
    soort = g.get("soort")
    if not soort:
        return []
    fouten = [
        _("Bij een signaal ‘%(soort)s’ hoort een waarde voor ‘%(veld)s’.") % {"soort": soort, "veld": veld}
        for veld in VEREIST[soort]
        if g.get(veld) in (None, "", [])
    ]
    grond = g.get("grond")
    if grond and soort == "vrijstelling" and grond not in Vrijstelling.Grond.values:
        fouten.append(_("Onbekende grond voor een vrijstelling: %s.") % grond)
    if grond and soort == "ontheffing" and grond not in Ontheffing.Grond.values:
        fouten.append(_("Onbekende grond voor een ontheffing: %s.") % grond)
    if grond and soort == "verlenging":
        try:
            verlengingsgrond(grond)
        except LookupError:
            fouten.append(_("Onbekende grond voor een verlenging: %s.") % grond)
    if corrigeert := g.get("corrigeert"):
        origineel = in_bestand.get(corrigeert) if corrigeert != g.get("signaal_id") else None
        if origineel is not None and origineel.regel >= regel:
            origineel = None
        origineel = origineel or eerder.get(corrigeert)
        if origineel is None:
            fouten.append(_("Het gecorrigeerde signaal %s is niet bekend in Koers.") % corrigeert)
        elif soort != "intrekking" and origineel.soort != soort:
            fouten.append(
                _("Signaal %(nummer)s was een ‘%(oud)s’; een correctie moet dezelfde soort hebben of ‘intrekking’.")
                % {"nummer": corrigeert, "oud": origineel.soort}
            )
    return fouten


def _duo(ctx: Context, record: ImportRecord, persoon) -> bool:
    g = record.gegevens
    soort, corrigeert = g["soort"], g.get("corrigeert") or ""
    gemeente = ctx.gemeente(record.gemeentecode)
    begin = als_datum(g.get("datum_begin"))
    if persoon is None:
        dossier = _nieuwe_persoon(ctx, g, gemeente=gemeente, doelgroep=g["doelgroep"], aangemeld_op=begin)
    else:
        dossier, _geopend = _dossier(ctx, persoon, gemeente, openen=soort == "inburgeringsplicht", aangemeld_op=begin)
    if dossier is None:
        raise ValidationError(_("Deze persoon heeft geen dossier bij %s.") % gemeente)
    record.inburgeraar, record.dossier = dossier.inburgeraar, dossier
    origineel = ctx.signaal(corrigeert) if corrigeert else None
    if corrigeert and origineel is None:
        raise ValidationError(_("Het gecorrigeerde signaal %s is niet bekend in Koers.") % corrigeert)
    bron = {"signaal": record.signaal_id, **({"corrigeert": corrigeert} if corrigeert else {})}
    if soort == "intrekking":
        gewijzigd = _trek_in(ctx, dossier, origineel, bron)
    else:
        gewijzigd = _SIGNALEN[soort](ctx, dossier, g, origineel, bron, record)
    if corrigeert:
        dossier_services.log_gebeurtenis(
            dossier,
            soort="duo_correctie",
            titel=(
                _("Correctiesignaal van DUO (%(nummer)s): signaal %(oud)s ingetrokken")
                if soort == "intrekking"
                else _("Correctiesignaal van DUO (%(nummer)s): vervangt signaal %(oud)s")
            )
            % {"nummer": record.signaal_id, "oud": corrigeert},
            door=ctx.door,
            gegevens={**bron, "soort": origineel.soort, "import": ctx.imp.pk},
        )
    return gewijzigd


def _plicht(ctx, dossier, g, origineel, bron, record) -> bool:
    begin, einde = als_datum(g["datum_begin"]), als_datum(g.get("datum_einde"))
    dossier_services.registreer_inburgeringsplicht(
        dossier, door=ctx.door, wet=g["wet"], start=begin, einde=einde, gegevens=bron
    )
    feit = termijn_services.registreer_feit(
        dossier,
        soort=Feitsoort.STARTGEBEURTENIS,
        datum=begin,
        door=ctx.door,
        gegevens={"gebeurtenis": "kennisgeving", "wet": g["wet"], **bron},
    )
    record.resultaat = {"dossier": dossier.pk, "feit": feit.pk}
    return True


def _einde_plicht(ctx, dossier, g, origineel, bron, record) -> bool:
    dossier = Dossier.objects.get(pk=dossier.pk)
    dossier_services.registreer_inburgeringsplicht(
        dossier,
        door=ctx.door,
        wet=dossier.wet,
        start=dossier.inburgeringsplicht_start,
        einde=als_datum(g["datum_einde"]),
        titel=_("Einde inburgeringsplicht gemeld door DUO: %s") % datum_nl(als_datum(g["datum_einde"])),
        gegevens=bron,
    )
    record.resultaat = {"dossier": dossier.pk}
    return True


def _intake(ctx, dossier) -> BredeIntake:
    """The LBT, vrijstelling and ontheffing belong to the brede intake (Wet art. 14): DUO's result for a dossier
    without one starts it (questionnaire in force), as the LBT is its first part; the timeline says so."""
    intake = BredeIntake.objects.filter(dossier=dossier).first()
    if intake is None:
        intake = intake_services.start_intake(Dossier.objects.get(pk=dossier.pk), door=ctx.door)
    return intake


def _lbt(ctx, dossier, g, origineel, bron, record) -> bool:
    intake = _intake(ctx, dossier)
    datum = als_datum(g["toetsdatum"])
    bestaand = Leerbaarheidstoets.objects.filter(intake=intake).first()
    if bestaand and (bestaand.uitkomst, bestaand.score, bestaand.datum, bestaand.afgenomen_in) == (
        g["uitslag"],
        g.get("score"),
        datum,
        g["afgenomen_in"],
    ):
        record.resultaat = {"lbt": bestaand.pk}
        return False
    toelichting = _(
        "Uitslag van DUO: examennummer %(nummer)s, ingeschreven op %(inschrijving)s (signaal %(signaal)s)."
    ) % {
        "nummer": g.get("examennummer") or "—",
        "inschrijving": datum_nl(als_datum(g["inschrijfdatum"])) if g.get("inschrijfdatum") else "—",
        "signaal": record.signaal_id,
    }
    toets = intake_services.registreer_lbt(
        intake,
        door=ctx.door,
        uitkomst=g["uitslag"],
        score=g.get("score"),
        datum=datum,
        afgenomen_in=g["afgenomen_in"],
        toelichting=toelichting,
    )
    record.resultaat = {"lbt": toets.pk}
    return True


def _examen(ctx, dossier, g, origineel, bron, record) -> bool:
    if origineel is not None:
        examen = Examenresultaat.objects.get(pk=origineel.resultaat["examen"])
        corrigeer_examen(
            examen,
            door=ctx.door,
            niveau=g.get("niveau") or "",
            datum=als_datum(g["toetsdatum"]),
            resultaat=g["resultaat"],
            toelichting=_("Correctiesignaal DUO %s") % record.signaal_id,
        )
    else:
        examen = registreer_examen(
            dossier,
            door=ctx.door,
            onderdeel=g["onderdeel"],
            niveau=g.get("niveau") or "",
            datum=als_datum(g["toetsdatum"]),
            resultaat=g["resultaat"],
            geimporteerd=True,
        )
    record.resultaat = {"examen": examen.pk}
    return True


def _examenbesluit_van(origineel: ImportRecord) -> Vrijstelling | Ontheffing:
    """The vrijstelling or ontheffing an earlier signal recorded (kept in its ``resultaat``)."""
    model = Vrijstelling if origineel.soort == "vrijstelling" else Ontheffing
    return model.objects.select_related("intake__dossier").get(pk=origineel.resultaat[origineel.soort])


def _besluit(ctx, dossier, g, origineel, bron, record) -> bool:
    if origineel is not None:  # a correction: the earlier decision no longer stands, the corrected one replaces it
        intake_services.trek_examenbesluit_in(
            _examenbesluit_van(origineel),
            door=ctx.door,
            reden=_("Vervangen door het correctiesignaal van DUO (signaal %s).") % record.signaal_id,
        )
    service = (
        intake_services.registreer_vrijstelling
        if g["soort"] == "vrijstelling"
        else intake_services.registreer_ontheffing
    )
    besluit = service(
        _intake(ctx, dossier),
        door=ctx.door,
        grond=g["grond"],
        besloten_door="duo",
        datum=als_datum(g["besluitdatum"]),
        onderdelen=g.get("onderdelen") or [],
        toelichting=_("Besluit van DUO (signaal %s).") % record.signaal_id,
    )
    record.resultaat = {g["soort"]: besluit.pk}
    return True


def _verlenging(ctx, dossier, g, origineel, bron, record) -> bool:
    feit = termijn_services.registreer_verlenging(
        dossier,
        grond=g["grond"],
        besluitdatum=als_datum(g["besluitdatum"]),
        door=ctx.door,
        weken=g.get("weken"),
        gegevens=bron,
    )
    record.resultaat = {"feit": feit.pk}
    return True


_SIGNALEN = {
    "inburgeringsplicht": _plicht,
    "einde_plicht": _einde_plicht,
    "lbt": _lbt,
    "examen": _examen,
    "vrijstelling": _besluit,
    "ontheffing": _besluit,
    "verlenging": _verlenging,
}


def _trek_in(ctx, dossier, origineel: ImportRecord, bron: dict) -> bool:
    """Undo what the withdrawn signal did. Facts stay append-only: a marker fact voids the earlier one."""
    og = origineel.gegevens
    if origineel.soort == "inburgeringsplicht":
        dossier_services.registreer_inburgeringsplicht(
            Dossier.objects.get(pk=dossier.pk),
            door=ctx.door,
            wet="",
            start=None,
            einde=None,
            titel=_("DUO heeft het signaal inburgeringsplicht %s ingetrokken") % origineel.signaal_id,
            gegevens=bron,
        )
        termijn_services.registreer_feit(
            dossier,
            soort=Feitsoort.STARTGEBEURTENIS,
            datum=als_datum(og["datum_begin"]),
            door=ctx.door,
            gegevens={**bron, "ingetrokken": True},
        )
    elif origineel.soort == "verlenging":
        termijn_services.registreer_feit(
            dossier,
            soort=Feitsoort.VERLENGING,
            datum=als_datum(og["besluitdatum"]),
            door=ctx.door,
            gegevens={**bron, "ingetrokken": True},
        )
    elif origineel.soort == "einde_plicht":
        vers = Dossier.objects.get(pk=dossier.pk)
        dossier_services.registreer_inburgeringsplicht(
            vers,
            door=ctx.door,
            wet=vers.wet,
            start=vers.inburgeringsplicht_start,
            einde=None,
            gegevens=bron,
            titel=_("DUO heeft het einde van de inburgeringsplicht ingetrokken"),
        )
    elif origineel.soort == "lbt":
        intake_services.registreer_lbt(
            _intake(ctx, dossier),
            door=ctx.door,
            uitkomst="niet_afgenomen",
            toelichting=_("Uitslag ingetrokken door DUO (signaal %s).") % bron["signaal"],
        )
    elif origineel.soort == "examen":
        examen = Examenresultaat.objects.get(pk=origineel.resultaat["examen"])
        corrigeer_examen(
            examen,
            door=ctx.door,
            niveau=examen.niveau,
            datum=examen.datum,
            resultaat="geen_resultaat",
            toelichting=_("Ingetrokken door DUO (signaal %s)") % bron["signaal"],
        )
    elif origineel.soort in ("vrijstelling", "ontheffing"):
        intake_services.trek_examenbesluit_in(
            _examenbesluit_van(origineel),
            door=ctx.door,
            reden=_("Ingetrokken door DUO (signaal %s).") % bron["signaal"],
        )
    return True
