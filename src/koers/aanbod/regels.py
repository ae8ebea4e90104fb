"""The versioned legal numbers of the offer: hours, afschalen, exam attempts, fines. Numbers live here only.

Each ``Regel`` carries its source and certainty tag (see /docs/aanbod.md). [S] numbers are defaults a gemeente may
replace (``instelbaar``); [L] numbers may not be overridden. The ontzorgen period comes from the deadline catalogue
(``koers.termijnen.engine.regels``, code ``ontzorgen``) so the number exists once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from koers.termijnen.engine import regels as termijnregels
from koers.utils.legal import (
    Bron,
    Regel,
    Zekerheid,
    catalogus,
    instelbare_waarde,
    maak_regel,
    versie_uit,
)

WI = "Wet inburgering 2021"
WI_VERSIE = "Stb. 2021, 38"
WI_EN_BESLUIT = termijnregels.WI_EN_BESLUIT
WI_EN_BESLUIT_VERSIE = termijnregels.WI_EN_BESLUIT_VERSIE
# An article that could not be verified against the law's text; a rule citing it is never [L].
ARTIKEL_ONBEKEND = termijnregels.ARTIKEL_ONBEKEND
IN_WERKING = dt.date(2022, 1, 1)


_regel = maak_regel


_ALLE: tuple[Regel, ...] = (
    _regel(
        "z_route_uren",
        1,
        IN_WERKING,
        "Z-route (asielstatushouders): 800 uur taal (inclusief KNM) en 800 uur participatie",
        Bron(WI, ARTIKEL_ONBEKEND, WI_VERSIE, Zekerheid.S),
        taal_uren=800,
        participatie_uren=800,
    ),
    _regel(
        "afschalen",
        1,
        IN_WERKING,
        "Afschalen van een B1-examenonderdeel naar A2 na ten minste 600 lesuren bij een aanbieder met keurmerk, "
        "waarvan ten minste de helft fysiek",
        Bron(WI_EN_BESLUIT, ARTIKEL_ONBEKEND, WI_EN_BESLUIT_VERSIE, Zekerheid.S),
        minimum_uren=600,
        minimum_aandeel_in_persoon=Decimal("0.5"),
        leerroutes=("b1",),
    ),
    _regel(
        "gratis_examenpogingen",
        1,
        IN_WERKING,
        "Asielstatushouders hebben 2 gratis examenpogingen per examenonderdeel",
        Bron(WI, ARTIKEL_ONBEKEND, WI_VERSIE, Zekerheid.S),
        pogingen=2,
    ),
    _regel(
        "boete_pip",
        1,
        IN_WERKING,
        "Boete bij verwijtbaar niet nakomen van de verplichtingen uit het PIP: ten hoogste € 800",
        Bron(WI, ARTIKEL_ONBEKEND, WI_VERSIE, Zekerheid.S),
        maximum=Decimal("800.00"),
    ),
)

REGELS: dict[str, list[Regel]] = catalogus(_ALLE)


def regel(code: str, op: dt.date) -> Regel:
    """The version of rule ``code`` in force on ``op``; ``ontzorgen`` comes from the deadline catalogue."""
    if code == "ontzorgen":
        return termijnregels.regel("ontzorgen", op)
    return versie_uit(REGELS, code, op, soort="aanbodregel")


def instelbaar(hoofdregel: Regel, naam: str, waarde=None):
    """A parameter's default, or a gemeente's own value, which only [S] and [?] rules allow."""
    return instelbare_waarde(hoofdregel, naam, waarde)
