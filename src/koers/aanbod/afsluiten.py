"""Closing a dossier: the conditions per reason, what is missing (in Dutch), and the closing itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.dossiers.services import wijzig_status
from koers.dossiers.status import Afsluitreden, Status
from koers.termijnen.engine import berekening
from koers.utils.clock import vandaag

from . import bronnen, permissions, selectors
from .models import MAP, PVT, Afsluiting, Examenresultaat, Inschrijving, Overdracht

R = Afsluitreden
E = Examenresultaat.Onderdeel
TAALONDERDELEN = (E.LEZEN, E.LUISTEREN, E.SCHRIJVEN, E.SPREKEN)
NIVEAUS = ["A1", "A2", "B1", "B2"]


@dataclass
class Afsluitgegevens:
    """Facts a closing reason may need: a date and its source, the new gemeente, a decision's reference."""

    datum: dt.date | None = None
    bron: str = ""
    nieuwe_gemeente: str = ""
    kenmerk: str = ""


def _behaald(dossier) -> dict[str, str]:
    """The highest level passed per exam component."""
    hoogste: dict[str, str] = {}
    behaald = dossier.examenresultaten.filter(resultaat=Examenresultaat.Resultaat.BEHAALD)
    for onderdeel, niveau in behaald.values_list("onderdeel", "niveau"):
        huidig = hoogste.get(onderdeel)
        if huidig is None or (
            niveau in NIVEAUS and (huidig not in NIVEAUS or NIVEAUS.index(niveau) > NIVEAUS.index(huidig))
        ):
            hoogste[onderdeel] = niveau
    return hoogste


def _pvt_en_map(dossier, *, met_map: bool) -> list[str]:
    ontbreekt = []
    pvt = PVT.objects.filter(dossier=dossier).first()
    if pvt is None or pvt.resultaat != PVT.Resultaat.VOLDAAN:
        ontbreekt.append(_("Het participatieverklaringstraject (PVT) is niet voldaan."))
    if met_map:
        module = MAP.objects.filter(dossier=dossier).first()
        if module is None or module.resultaat != MAP.Resultaat.SUCCESVOL:
            ontbreekt.append(_("De module arbeidsmarkt en participatie (MAP) is niet succesvol afgerond."))
    return ontbreekt


def _voldaan(dossier) -> list[str]:
    route = bronnen.leerroute(dossier)
    if route is None:
        return [_("De leerroute is onbekend: er is geen vastgesteld PIP.")]
    behaald = _behaald(dossier)
    ontbreekt = []
    if route == "b1":
        afgeschaald = bronnen.afgeschaalde_onderdelen(dossier)
        for onderdeel in TAALONDERDELEN:
            nodig = "A2" if onderdeel in afgeschaald else "B1"
            niveau = behaald.get(onderdeel)
            if niveau not in NIVEAUS or NIVEAUS.index(niveau) < NIVEAUS.index(nodig):
                ontbreekt.append(
                    _("Examen %(onderdeel)s op niveau %(niveau)s is niet behaald.")
                    % {"onderdeel": E(onderdeel).label, "niveau": nodig}
                )
        if E.KNM not in behaald:
            ontbreekt.append(_("Het KNM-examen is niet behaald."))
        ontbreekt += _pvt_en_map(dossier, met_map=True)
    elif route == "z":
        ontbreekt += _pvt_en_map(dossier, met_map=True)
        for doel in selectors.voortgang(dossier).doelen:
            if not doel.bereikt:
                ontbreekt.append(
                    _("%(label)s: %(gevolgd)s van de %(doel)s uur gevolgd.")
                    % {"label": doel.label, "gevolgd": selectors._getal(doel.gevolgd), "doel": doel.doel}
                )
    else:  # onderwijsroute
        if not dossier.inschrijvingen.filter(product="onderwijsroute", status=Inschrijving.Status.AFGEROND).exists():
            ontbreekt.append(_("De onderwijsroute is niet afgerond bij de aanbieder."))
        ontbreekt += _pvt_en_map(dossier, met_map=False)
    return ontbreekt


def _beslissing(dossier, soort: str, gegevens: Afsluitgegevens) -> list[str]:
    beslissingen = bronnen.intake_beslissingen(dossier, soort)
    naam = _("vrijstelling") if soort == "vrijstelling" else _("ontheffing")
    if beslissingen is None:  # the intake app cannot tell: the decision's reference is recorded here
        return [] if gegevens.kenmerk.strip() else [_("Vul het kenmerk van het besluit over de %s in.") % naam]
    if not any(getattr(b, "is_volledig", True) for b in beslissingen):
        return [_("Er is geen volledige %s geregistreerd bij de brede intake.") % naam]
    return []


def _termijn_einde(dossier) -> dt.date | None:
    dagtekening = bronnen.eerste_pip_dagtekening(dossier)
    if dagtekening is None:
        return None
    return berekening.inburgeringstermijn(eerste_pip_dagtekening=dagtekening).datum


def controleer(dossier, reden: str, gegevens: Afsluitgegevens | None = None) -> list[str]:
    """What is missing to close ``dossier`` for ``reden``, in Dutch; an empty list means it may be closed."""
    g = gegevens or Afsluitgegevens()
    ontbreekt: list[str] = []
    if not dossier.is_open:
        return [_("Het dossier is al afgesloten.")]
    if reden == R.VOLDAAN:
        ontbreekt = _voldaan(dossier)
    elif reden in (R.VRIJSTELLING, R.ONTHEFFING):
        ontbreekt = _beslissing(dossier, reden, g)
    elif reden == R.VERHUISD:
        if not g.nieuwe_gemeente.strip():
            ontbreekt.append(_("Vul de nieuwe gemeente in."))
        if not dossier.overdrachten.filter(richting=Overdracht.Richting.UIT).exists():
            ontbreekt.append(_("Het overdrachtspakket voor de nieuwe gemeente is nog niet geëxporteerd."))
    elif reden in (R.VERTROKKEN, R.OVERLEDEN):
        if g.datum is None:
            ontbreekt.append(_("Vul de datum in."))
        elif g.datum > vandaag():
            ontbreekt.append(_("De datum kan niet in de toekomst liggen."))
        if not g.bron.strip():
            ontbreekt.append(_("Vul de bron van dit gegeven in (bijvoorbeeld BRP of IND)."))
    elif reden == R.TERMIJN_VERSTREKEN:
        einde = _termijn_einde(dossier)
        if einde is None:
            ontbreekt.append(_("Het einde van de inburgeringstermijn is onbekend: er is geen vastgesteld PIP."))
        elif einde >= vandaag():
            ontbreekt.append(_("De inburgeringstermijn loopt nog tot en met %s.") % berekening.datum_nl(einde))
    else:
        ontbreekt.append(_("Kies een reden om het dossier af te sluiten."))
    return ontbreekt


def controleer_alle(dossier, gegevens: Afsluitgegevens | None = None) -> list[tuple[str, str, list[str]]]:
    """Per closing reason: (code, label, what is missing)."""
    return [(code, label, controleer(dossier, code, gegevens)) for code, label in R.choices]


def _gegevens_voor_duo(dossier) -> dict:
    """What DUO needs when the termijn has passed: hours, exam results, PVT and MAP (as recorded today)."""
    totalen = selectors.uren_totalen(dossier)
    pvt = PVT.objects.filter(dossier=dossier).first()
    module = MAP.objects.filter(dossier=dossier).first()
    return {
        "leerroute": bronnen.leerroute(dossier) or "",
        "termijn_einde": (e.isoformat() if (e := _termijn_einde(dossier)) else None),
        "uren": {k: str(v) for k, v in totalen.items()},
        "examens": [
            {"onderdeel": e.onderdeel, "niveau": e.niveau, "datum": e.datum.isoformat(), "resultaat": e.resultaat}
            for e in dossier.examenresultaten.all()
        ],
        "pvt": pvt.resultaat if pvt else None,
        "map": module.resultaat if module else None,
    }


@transaction.atomic
def sluit_af(dossier, *, reden: str, door, gegevens: Afsluitgegevens | None = None, verwachte_versie=None):
    """Close the dossier for ``reden`` when its conditions are met; otherwise refuse with what is missing."""
    if not permissions.mag_aanbod_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    g = gegevens or Afsluitgegevens()
    ontbreekt = controleer(dossier, reden, g)
    if ontbreekt:
        raise ValidationError(ontbreekt, code="voorwaarden")
    Afsluiting.objects.create(
        dossier=dossier,
        reden=reden,
        datum=g.datum,
        bron=g.bron,
        nieuwe_gemeente=g.nieuwe_gemeente,
        kenmerk=g.kenmerk,
        gegevens=_gegevens_voor_duo(dossier) if reden == R.TERMIJN_VERSTREKEN else {},
        door=door,
    )
    toelichting = ", ".join(t for t in (g.nieuwe_gemeente, g.bron, g.kenmerk) if t)
    return wijzig_status(
        dossier,
        naar=Status.AFGEROND,
        door=door,
        verwachte_versie=verwachte_versie,
        afsluitreden=reden,
        toelichting=toelichting,
    )
