"""From a dossier's facts to its deadlines, with the pure engine. No queries: the service and the demo seeding
load what is needed in bulk and call ``leid_af`` per dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from .engine import berekening as eng
from .engine.berekening import Berekening
from .engine.regels import B1_ROUTE, Z_ROUTE, regel

# Feit- and termijnsoorten as plain strings, so this module needs no models.
START, INFO_GEVRAAGD, INFO_ONTVANGEN = "startgebeurtenis", "info_gevraagd", "info_ontvangen"
PIP_VASTGESTELD, ONTZORGEN_START, VERLENGING = "pip_vastgesteld", "ontzorgen_start", "verlenging"
ROUTE_GEWIJZIGD, PVT_VOLDAAN, MAP_VOLDAAN = "route_gewijzigd", "pvt_voldaan", "map_voldaan"
GESPREK_GEHOUDEN = "voortgangsgesprek_gehouden"
# Voids an earlier pip_vastgesteld fact ({"beschikking": pk, "datum": the voided dagtekening, "rectificatie": the
# voided registration's number, if any}): after a rectified dagtekening or an intrekking because the dagtekening was
# wrong. Facts stay append-only; a date registered again by a later rectification carries a new number.
PIP_VERVALLEN = "pip_vervallen"
# A fact from a DUO signal carries {"signaal": DUO's number}; a correction signal's fact carries {"corrigeert": the
# earlier number}, which voids the earlier fact; with {"ingetrokken": true} it only voids (it is no fact itself).
# {"wet": "wi2013"} on the latest obligation fact means the Wet inburgering 2013 applies: no Wi2021 deadlines at all.
WI2013 = "wi2013"


@dataclass(frozen=True)
class Feit:
    soort: str
    datum: dt.date
    gegevens: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Instelling:
    """A gemeente's settings, as plain values (defaults from the rule catalogue)."""

    pip_startgebeurtenis: str = "registratie"
    pip_opschorting_weken_na_info: int = 2
    voortgangsgesprek_interval_maanden: int = 3
    pvt_maanden_voor_einde: int = 0
    map_maanden_voor_einde: int = 0


@dataclass(frozen=True)
class Afgeleid:
    """One computed deadline: the engine's Berekening plus whether facts show it is done."""

    soort: str
    berekening: Berekening
    voldaan_op: dt.date | None = None

    def velden(self) -> dict:
        b = self.berekening
        return {
            "datum": b.datum,
            "oorspronkelijke_datum": b.oorspronkelijke_datum,
            "begindatum": b.begindatum,
            "opgeschort": b.opgeschort,
            "regel_code": b.regel.code,
            "regel_versie": b.regel.versie,
            "regel_titel": b.regel.titel[:300],
            "bron": str(b.regel.bron)[:300],
            "zekerheid": b.regel.bron.zekerheid.value,
            "aanvullende_bronnen": [f"{r.titel}: {r.bron}" for r in b.aanvullende_regels],
            "uitleg": b.uitleg,
        }


def _instelbaar(waarde: int, standaard_code: str, naam: str) -> int | None:
    """Pass a setting to the engine only when it differs from the default ([L] numbers cannot be passed)."""
    return None if waarde == regel(standaard_code, dt.date.max).parameters[naam] else waarde


def geldende_feiten(feiten: Iterable[Feit]) -> list[Feit]:
    """The facts without the pip_vastgesteld facts a later pip_vervallen fact voids (and without those markers)."""
    feiten = list(feiten)
    vervallen = {
        (f.gegevens.get("beschikking"), f.gegevens.get("datum"), f.gegevens.get("rectificatie"))
        for f in feiten
        if f.soort == PIP_VERVALLEN
    }
    gecorrigeerd = {f.gegevens["corrigeert"] for f in feiten if f.gegevens.get("corrigeert")}
    return [
        f
        for f in feiten
        if f.soort != PIP_VERVALLEN
        and not f.gegevens.get("ingetrokken")
        and not (f.gegevens.get("signaal") and f.gegevens["signaal"] in gecorrigeerd)
        and not (
            f.soort == PIP_VASTGESTELD
            and (f.gegevens.get("beschikking"), f.datum.isoformat(), f.gegevens.get("rectificatie")) in vervallen
        )
    ]


def geldende_wet(feiten: Iterable[Feit]) -> str | None:
    """The law DUO last said applies (``wi2021``/``wi2013``), from the valid facts; None when DUO said nothing."""
    met_wet = [f for f in feiten if f.gegevens.get("wet")]
    return met_wet[-1].gegevens["wet"] if met_wet else None


def kies_start(starts: list[Feit], instelling: Instelling) -> Feit:
    """The start event the gemeente chose when a fact of it exists; otherwise the earliest start fact."""
    gekozen = [f for f in starts if f.gegevens.get("gebeurtenis") == instelling.pip_startgebeurtenis]
    return (gekozen or starts)[0]


def eerste_pip(feiten: Iterable[Feit]) -> Feit | None:
    """The first PIP: the one marked ``eerste``, else the earliest dagtekening. Later PIPs never move the termijn."""
    pips = sorted((f for f in feiten if f.soort == PIP_VASTGESTELD), key=lambda f: f.datum)
    gemarkeerd = [f for f in pips if f.gegevens.get("eerste")]
    return (gemarkeerd or pips or [None])[0]


def huidige_route(feiten: Iterable[Feit]) -> str | None:
    """The leerroute of the latest PIP or route change."""
    routes = [f for f in feiten if f.soort in (PIP_VASTGESTELD, ROUTE_GEWIJZIGD) and f.gegevens.get("route")]
    return max(routes, key=lambda f: f.datum).gegevens["route"] if routes else None


def leid_af(feiten: list[Feit], instelling: Instelling, extra_vrije_dagen=None) -> list[Afgeleid]:
    """Every deadline the facts give rise to, each with its rule; unknown dates (no fact yet) are left out."""
    feiten = geldende_feiten(feiten)
    if geldende_wet(feiten) == WI2013:
        return []
    per_soort: dict[str, list[Feit]] = {}
    for f in sorted(feiten, key=lambda f: f.datum):
        per_soort.setdefault(f.soort, []).append(f)
    extra = extra_vrije_dagen
    resultaat: list[Afgeleid] = []
    pip = eerste_pip(feiten)

    if starts := per_soort.get(START):
        start = kies_start(starts, instelling)
        gevraagd = per_soort.get(INFO_GEVRAAGD, [])
        info_gevraagd = gevraagd[-1].datum if gevraagd else None
        ontvangen = [f.datum for f in per_soort.get(INFO_ONTVANGEN, []) if info_gevraagd and f.datum >= info_gevraagd]
        b = eng.pip_deadline(
            startdatum=start.datum,
            startgebeurtenis=start.gegevens.get("gebeurtenis", instelling.pip_startgebeurtenis),
            info_gevraagd_op=info_gevraagd,
            info_ontvangen_op=ontvangen[-1] if ontvangen else None,
            weken_na_info=_instelbaar(instelling.pip_opschorting_weken_na_info, "pip_opschorting", "weken_na_info"),
            extra_vrije_dagen=extra,
        )
        resultaat.append(Afgeleid("pip_vaststellen", b, voldaan_op=pip.datum if pip else None))

    if pip is None:
        return resultaat

    weken = [int(f.gegevens.get("weken") or 0) for f in per_soort.get(VERLENGING, [])]
    maanden = [int(f.gegevens.get("maanden") or 0) for f in per_soort.get(VERLENGING, [])]
    termijn = eng.inburgeringstermijn(
        eerste_pip_dagtekening=pip.datum,
        verlengingen_weken=[w for w in weken if w],
        verlengingen_maanden=[m for m in maanden if m],
        extra_vrije_dagen=extra,
    )
    resultaat.append(Afgeleid("inburgeringstermijn", termijn))
    begin, einde = termijn.begindatum, termijn.datum
    resultaat.append(Afgeleid("schakelen", eng.schakel_deadline(termijn_start=begin, extra_vrije_dagen=extra)))

    if ontzorgen := per_soort.get(ONTZORGEN_START):
        resultaat.append(Afgeleid("ontzorgen", eng.ontzorgen_einde(start=ontzorgen[0].datum)))

    pvt = eng.pvt_deadline(
        termijn_einde=einde,
        maanden_voor_einde=_instelbaar(instelling.pvt_maanden_voor_einde, "pvt", "maanden_voor_termijneinde"),
    )
    resultaat.append(Afgeleid("pvt", pvt, voldaan_op=_eerste_datum(per_soort.get(PVT_VOLDAAN))))
    route = huidige_route(feiten)
    if route in (B1_ROUTE, Z_ROUTE):
        map_b = eng.map_deadline(
            termijn_einde=einde,
            leerroute=route,
            maanden_voor_einde=_instelbaar(instelling.map_maanden_voor_einde, "map", "maanden_voor_termijneinde"),
        )
        resultaat.append(Afgeleid("map", map_b, voldaan_op=_eerste_datum(per_soort.get(MAP_VOLDAAN))))

    if gesprek := _volgend_gesprek(begin, einde, len(per_soort.get(GESPREK_GEHOUDEN, [])), instelling):
        resultaat.append(Afgeleid("voortgangsgesprek", gesprek))
    return resultaat


def _eerste_datum(feiten: list[Feit] | None) -> dt.date | None:
    return feiten[0].datum if feiten else None


def _volgend_gesprek(begin: dt.date, einde: dt.date, gehouden: int, instelling: Instelling) -> Berekening | None:
    """The next planned voortgangsgesprek: the (gehouden + 1)-th date of the schedule counted from the start."""
    interval = _instelbaar(instelling.voortgangsgesprek_interval_maanden, "voortgangsgesprek", "interval_maanden")
    hoofdregel = regel("voortgangsgesprek", begin)
    maanden = interval or hoofdregel.parameters["interval_maanden"]
    # The same schedule as eng.voortgangsgesprekken (start + k x interval, up to the end), only the k-th date.
    datum = begin + relativedelta(months=(gehouden + 1) * maanden)
    if datum > einde:
        return None
    uitleg = (
        f"Voortgangsgesprek {gehouden + 1}: elke {maanden} maanden vanaf het begin van de inburgeringstermijn "
        f"op {eng.datum_nl(begin)}, dus uiterlijk {eng.datum_nl(datum, met_weekdag=True)}"
        f"{' (gemeentelijke instelling)' if interval else ''}; geen wettelijke termijn."
    )
    return Berekening(
        soort="voortgangsgesprek", datum=datum, oorspronkelijke_datum=datum, regel=hoofdregel, uitleg=uitleg
    )
