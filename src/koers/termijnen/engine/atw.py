"""The Algemene termijnenwet (Atw) calendar: which days end no statutory term, and the shift past them.

Atw art. 1 lid 1: a term set by law that ends on a Saturday, a Sunday or an *algemeen erkende feestdag* is
extended up to and including the next day that is none of these. What counts as such a feestdag:

- art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, beide Kerstdagen, Hemelvaartsdag, the day
  on which the King's birthday is celebrated, and 5 mei (every year, not only in lustrum years);
- art. 3 lid 2: Goede Vrijdag is *gelijkgesteld* (treated the same) for this law;
- art. 3 lid 3: a Royal Decree names further days, usually three years at a time (e.g. the Friday after
  Hemelvaartsdag). Those decrees are data: ``GELIJKGESTELDE_DAGEN`` below, to extend when a new one appears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.easter import easter

from koers.utils.legal import Bron, Zekerheid

ATW = "Algemene termijnenwet"
ATW_VERSIE = "Stb. 1964, 314; geldende tekst BWBR0002448"

BRON_VERLENGING = Bron(ATW, "art. 1 lid 1", ATW_VERSIE)
BRON_FEESTDAGEN = Bron(ATW, "art. 3 lid 1", ATW_VERSIE)
BRON_GOEDE_VRIJDAG = Bron(ATW, "art. 3 lid 2", ATW_VERSIE)
BRON_GELIJKSTELLING = Bron(ATW, "art. 3 lid 3", ATW_VERSIE)

GOEDE_VRIJDAG = "Goede Vrijdag"


@dataclass(frozen=True)
class GelijkgesteldeDag:
    """A day a Royal Decree (Atw art. 3 lid 3) treats as an algemeen erkende feestdag."""

    datum: dt.date
    omschrijving: str
    bron: Bron


_BESLUIT_2023_2025 = Bron(
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
    "met een algemeen erkende feestdag",
    "art. 1",
    "Koninklijk besluit op grond van Atw art. 3 lid 3",
    Zekerheid.S,
)
_BESLUIT_2026_2028 = Bron(
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
    "met een algemeen erkende feestdag",
    "art. 1",
    "Koninklijk besluit op grond van Atw art. 3 lid 3",
    Zekerheid.S,
)
_BESLUIT_2020_2022 = Bron(
    "Besluit gelijkstelling 2020-2022 (titel niet geverifieerd; alleen 27 mei 2022 bekend)",
    "art. 1",
    "Koninklijk besluit op grond van Atw art. 3 lid 3",
    Zekerheid.S,
)

_NA_HEMELVAART = "vrijdag na Hemelvaartsdag (gelijkgesteld met een feestdag)"

GELIJKGESTELDE_DAGEN: dict[dt.date, GelijkgesteldeDag] = {
    g.datum: g
    for g in (
        GelijkgesteldeDag(dt.date(2022, 5, 27), _NA_HEMELVAART, _BESLUIT_2020_2022),
        GelijkgesteldeDag(
            dt.date(2023, 4, 28), "vrijdag na Koningsdag (gelijkgesteld met een feestdag)", _BESLUIT_2023_2025
        ),
        GelijkgesteldeDag(dt.date(2023, 5, 19), _NA_HEMELVAART, _BESLUIT_2023_2025),
        GelijkgesteldeDag(dt.date(2024, 5, 10), _NA_HEMELVAART, _BESLUIT_2023_2025),
        GelijkgesteldeDag(
            dt.date(2024, 12, 27),
            "vrijdag na tweede Kerstdag (gelijkgesteld met een feestdag)",
            _BESLUIT_2023_2025,
        ),
        GelijkgesteldeDag(dt.date(2025, 5, 30), _NA_HEMELVAART, _BESLUIT_2023_2025),
        GelijkgesteldeDag(
            dt.date(2026, 1, 2),
            "vrijdag na Nieuwjaarsdag (gelijkgesteld met een feestdag)",
            _BESLUIT_2026_2028,
        ),
        GelijkgesteldeDag(dt.date(2026, 5, 15), _NA_HEMELVAART, _BESLUIT_2026_2028),
        GelijkgesteldeDag(dt.date(2027, 5, 7), _NA_HEMELVAART, _BESLUIT_2026_2028),
        GelijkgesteldeDag(
            dt.date(2028, 4, 28), "vrijdag na Koningsdag (gelijkgesteld met een feestdag)", _BESLUIT_2026_2028
        ),
        GelijkgesteldeDag(dt.date(2028, 5, 26), _NA_HEMELVAART, _BESLUIT_2026_2028),
    )
}

# Years for which the whole gelijkstellingsbesluit is known. For other years only art. 3 lid 1 and 2 apply
# here, so a computed deadline may be a day too early if it lands on a not-yet-recorded gelijkgestelde dag.
GELIJKSTELLING_BEKEND = range(2023, 2029)


def gelijkstelling_bekend(jaar: int) -> bool:
    """Whether Koers holds the complete list of gelijkgestelde dagen (Atw art. 3 lid 3) for a year."""
    return jaar in GELIJKSTELLING_BEKEND


def koningsdag(jaar: int) -> dt.date:
    """The day the King's birthday is celebrated: 27 April, or 26 April when 27 April is a Sunday."""
    dag = dt.date(jaar, 4, 27)
    return dag - dt.timedelta(days=1) if dag.weekday() == 6 else dag


def erkende_feestdagen(jaar: int) -> dict[dt.date, str]:
    """The algemeen erkende feestdagen of Atw art. 3 lid 1 in a year, with their Dutch names."""
    pasen = easter(jaar)
    dagen = [
        (dt.date(jaar, 1, 1), "Nieuwjaarsdag"),
        (pasen + dt.timedelta(days=1), "tweede Paasdag"),
        (koningsdag(jaar), "Koningsdag"),
        (dt.date(jaar, 5, 5), "5 mei (Bevrijdingsdag)"),
        (pasen + dt.timedelta(days=39), "Hemelvaartsdag"),
        (pasen + dt.timedelta(days=50), "tweede Pinksterdag"),
        (dt.date(jaar, 12, 25), "eerste Kerstdag"),
        (dt.date(jaar, 12, 26), "tweede Kerstdag"),
    ]
    return _samenvoegen(dagen)


def atw_feestdagen(jaar: int) -> dict[dt.date, str]:
    """Every day the Atw treats as an algemeen erkende feestdag in a year (art. 3 lid 1, 2 and 3), by date."""
    dagen = list(erkende_feestdagen(jaar).items())
    dagen.append((easter(jaar) - dt.timedelta(days=2), GOEDE_VRIJDAG))
    dagen.extend((d, g.omschrijving) for d, g in GELIJKGESTELDE_DAGEN.items() if d.year == jaar)
    return _samenvoegen(dagen)


def atw_feestdag_bron(d: dt.date) -> Bron | None:
    """The provision that makes a day a feestdag for the Atw, or None when it is not one."""
    if d in erkende_feestdagen(d.year):
        return BRON_FEESTDAGEN
    if d == easter(d.year) - dt.timedelta(days=2):
        return BRON_GOEDE_VRIJDAG
    if d in GELIJKGESTELDE_DAGEN:
        return GELIJKGESTELDE_DAGEN[d].bron
    return None


def is_atw_feestdag(d: dt.date) -> bool:
    """Whether the Atw treats a date as an algemeen erkende feestdag."""
    return d in atw_feestdagen(d.year)


def is_atw_vrije_dag(d: dt.date) -> bool:
    """Whether a statutory term may not end on this date: Saturday, Sunday or Atw feestdag."""
    return d.weekday() >= 5 or is_atw_feestdag(d)


def reden_vrije_dag(d: dt.date) -> str | None:
    """Why a date is an Atw vrije dag, in Dutch ("een zaterdag", "Goede Vrijdag"); None on a working day."""
    naam = atw_feestdagen(d.year).get(d)
    if naam:
        return naam
    if d.weekday() == 5:
        return "een zaterdag"
    if d.weekday() == 6:
        return "een zondag"
    return None


def verschuif_atw(d: dt.date) -> dt.date:
    """The last day of a statutory term ending on ``d``, after the Atw art. 1 lid 1 extension."""
    while is_atw_vrije_dag(d):
        d += dt.timedelta(days=1)
    return d


def _samenvoegen(dagen: list[tuple[dt.date, str]]) -> dict[dt.date, str]:
    resultaat: dict[dt.date, str] = {}
    for datum, naam in sorted(dagen):
        resultaat[datum] = f"{resultaat[datum]} en {naam}" if datum in resultaat else naam
    return resultaat
