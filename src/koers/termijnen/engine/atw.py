"""The Algemene termijnenwet (Atw) calendar: which days end no statutory term, and the shift past them.

Atw art. 1 lid 1: a term set by law that ends on a Saturday, a Sunday or an *algemeen erkende feestdag* is
extended up to and including the next day that is none of these. The feestdagen are exactly art. 3 lid 1:
Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, eerste en tweede Kerstdag, the day the King's
birthday is celebrated and 5 mei (every year); art. 3 lid 2 equates Goede Vrijdag with them ("Voor de toepassing
van deze wet wordt de Goede Vrijdag met de in het vorige lid genoemde dagen gelijkgesteld").

Days a Royal Decree equates with a feestdag (art. 3 lid 3, "gelijkgestelde dagen") are data the functioneel
beheerder enters (``termijnen.models.GelijkgesteldeDag``); every function here takes them as ``extra``: a set
of dates or a mapping date -> description. Without ``extra`` only the fixed list applies.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping
from types import MappingProxyType

from dateutil.easter import easter

from koers.utils.legal import Bron

ATW = "Algemene termijnenwet"
ATW_VERSIE = "Stb. 1964, 314; geldende tekst BWBR0002448"

BRON_VERLENGING = Bron(ATW, "art. 1 lid 1", ATW_VERSIE)
BRON_FEESTDAGEN = Bron(ATW, "art. 3 lid 1", ATW_VERSIE)
BRON_GOEDE_VRIJDAG = Bron(ATW, "art. 3 lid 2", ATW_VERSIE)
BRON_GELIJKSTELLING = Bron(ATW, "art. 3 lid 3", ATW_VERSIE)

GELIJKGESTELDE_DAG = "een met een feestdag gelijkgestelde dag (Algemene termijnenwet art. 3 lid 3)"

# Extra vrije dagen: gelijkgestelde dagen as a set of dates or a mapping date -> description.
ExtraDagen = Mapping[dt.date, str] | Collection[dt.date] | None


def _extra_namen(extra: ExtraDagen) -> Mapping[dt.date, str]:
    if not extra:
        return {}
    if isinstance(extra, Mapping):
        return extra
    return dict.fromkeys(extra, GELIJKGESTELDE_DAG)


def koningsdag(jaar: int) -> dt.date:
    """The day the King's birthday is celebrated: 27 April, or 26 April when 27 April is a Sunday."""
    dag = dt.date(jaar, 4, 27)
    return dag - dt.timedelta(days=1) if dag.weekday() == 6 else dag


def goede_vrijdag(jaar: int) -> dt.date:
    """Good Friday: two days before Easter Sunday (Atw art. 3 lid 2)."""
    return easter(jaar) - dt.timedelta(days=2)


@functools.cache
def erkende_feestdagen(jaar: int) -> Mapping[dt.date, str]:
    """The feestdagen of Atw art. 3 lid 1 plus Goede Vrijdag (lid 2) in a year, with Dutch names (read-only)."""
    pasen = easter(jaar)
    dagen = [
        (dt.date(jaar, 1, 1), "Nieuwjaarsdag"),
        (goede_vrijdag(jaar), "Goede Vrijdag"),
        (pasen + dt.timedelta(days=1), "tweede Paasdag"),
        (koningsdag(jaar), "Koningsdag"),
        (dt.date(jaar, 5, 5), "5 mei (Bevrijdingsdag)"),
        (pasen + dt.timedelta(days=39), "Hemelvaartsdag"),
        (pasen + dt.timedelta(days=50), "tweede Pinksterdag"),
        (dt.date(jaar, 12, 25), "eerste Kerstdag"),
        (dt.date(jaar, 12, 26), "tweede Kerstdag"),
    ]
    return MappingProxyType(_samenvoegen(dagen))


def atw_feestdagen(jaar: int, extra: ExtraDagen = None) -> dict[dt.date, str]:
    """Every day the Atw treats as an algemeen erkende feestdag in a year, by date: art. 3 lid 1-2 plus ``extra``."""
    dagen = list(erkende_feestdagen(jaar).items())
    dagen.extend((d, naam) for d, naam in _extra_namen(extra).items() if d.year == jaar)
    return _samenvoegen(dagen)


def atw_feestdag_bron(d: dt.date, extra: ExtraDagen = None) -> Bron | None:
    """The provision that makes a day a feestdag for the Atw, or None when it is not one."""
    if d == goede_vrijdag(d.year):
        return BRON_GOEDE_VRIJDAG
    if d in erkende_feestdagen(d.year):
        return BRON_FEESTDAGEN
    if d in _extra_namen(extra):
        return BRON_GELIJKSTELLING
    return None


def is_atw_feestdag(d: dt.date, extra: ExtraDagen = None) -> bool:
    """Whether the Atw treats a date as an algemeen erkende feestdag."""
    return d in erkende_feestdagen(d.year) or d in _extra_namen(extra)


def is_atw_vrije_dag(d: dt.date, extra: ExtraDagen = None) -> bool:
    """Whether a statutory term may not end on this date: Saturday, Sunday or Atw feestdag."""
    return d.weekday() >= 5 or is_atw_feestdag(d, extra)


def reden_vrije_dag(d: dt.date, extra: ExtraDagen = None) -> str | None:
    """Why a date is an Atw vrije dag, in Dutch ("een zaterdag", "Hemelvaartsdag"); None on a working day."""
    naam = atw_feestdagen(d.year, extra).get(d)
    if naam:
        return naam
    if d.weekday() == 5:
        return "een zaterdag"
    if d.weekday() == 6:
        return "een zondag"
    return None


def verschuif_atw(d: dt.date, extra: ExtraDagen = None) -> dt.date:
    """The last day of a statutory term ending on ``d``, after the Atw art. 1 lid 1 extension."""
    extra = _extra_namen(extra)
    while is_atw_vrije_dag(d, extra):
        d += dt.timedelta(days=1)
    return d


def _samenvoegen(dagen: list[tuple[dt.date, str]]) -> dict[dt.date, str]:
    resultaat: dict[dt.date, str] = {}
    for datum, naam in sorted(dagen):
        resultaat[datum] = f"{resultaat[datum]} en {naam}" if datum in resultaat else naam
    return resultaat
