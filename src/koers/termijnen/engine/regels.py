"""The versioned catalogue of deadline rules: one ``Regel`` per legal deadline kind, with its source.

Numbers live here and nowhere else. A number whose source is tagged [S] or [?] (``Zekerheid.S``/``ONZEKER``)
is a default a gemeente may replace through a setting; an [L] number may not be overridden (see
``berekening.py``). ``parameters["atw"]`` says whether the Algemene termijnenwet shift applies to the date.
Parameters are read-only mappings: the catalogue is shared by every gemeente.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from koers.utils.legal import (
    Bron,
    Regel,
    Zekerheid,
    catalogus,
    maak_regel,
    versie_uit,
)

from . import atw

WI = "Wet inburgering 2021"
WI_VERSIE = "Stb. 2021, 38"
WI_WIJZIGING_2023 = "Stb. 2022, 489"
WI_EN_BESLUIT = "Wet inburgering 2021 en Besluit inburgering 2021"
WI_EN_BESLUIT_VERSIE = "Stb. 2021, 38; Stb. 2021, 410"
AWB = "Algemene wet bestuursrecht"
AWB_VERSIE = "geldende tekst BWBR0005537"

# Said instead of an article number that could not be verified against the law's text: never invent one. A rule
# citing it is [S] (or [?]), never [L]: tests/termijnen/test_bronnen.py walks every catalogue.
ARTIKEL_ONBEKEND = "artikel niet geverifieerd"
GEEN_WETTELIJKE_TERMIJN = "geen wettelijke termijn gevonden"

WI2021_IN_WERKING = dt.date(2022, 1, 1)
# The 2023 amendment; the exact in-force date is to be verified against Stb. 2022, 489.
WIJZIGING_2023_IN_WERKING = dt.date(2023, 1, 1)

# The same values as koers.intake.advies.Leerroute, so either may be passed.
B1_ROUTE = "b1"
ONDERWIJSROUTE = "onderwijs"
Z_ROUTE = "z"
LEERROUTES = (B1_ROUTE, ONDERWIJSROUTE, Z_ROUTE)

STARTGEBEURTENISSEN = MappingProxyType(
    {
        "registratie": "de registratie in de gemeente",
        "kennisgeving": "de kennisgeving van DUO",
        "koppeling": "de koppeling aan de gemeente door het COA",
    }
)


@dataclass(frozen=True)
class Verlengingsgrond:
    """A ground on which DUO extends the inburgeringstermijn.

    ``minimaal_maanden``/``strikt_langer`` describe the threshold the circumstance must meet; the extension is
    either fixed (``verlenging_weken`` or ``verlenging_maanden``) or, when both are None, the actual duration
    of the circumstance (DUO's beschikking gives it).
    """

    code: str
    omschrijving: str
    minimaal_maanden: int | None = None
    strikt_langer: bool = False
    verlenging_weken: int | None = None
    verlenging_maanden: int | None = None

    @property
    def duur_is_werkelijke_duur(self) -> bool:
        return self.verlenging_weken is None and self.verlenging_maanden is None


VERLENGINGSGRONDEN: tuple[Verlengingsgrond, ...] = (
    Verlengingsgrond("ziekte", "ziekte van meer dan 3 maanden", minimaal_maanden=3, strikt_langer=True),
    Verlengingsgrond("geboorte", "zwangerschap en bevalling", verlenging_weken=16),
    Verlengingsgrond("overlijden", "overlijden van een naast familielid", verlenging_maanden=3),
    Verlengingsgrond(
        "bijzondere_omstandigheden",
        "bijzondere omstandigheden gedurende ten minste 3 aaneengesloten maanden",
        minimaal_maanden=3,
    ),
)


_regel = maak_regel


_ALLE: tuple[Regel, ...] = (
    _regel(
        "atw",
        1,
        WI2021_IN_WERKING,
        "Een wettelijke termijn die eindigt op een zaterdag, zondag of feestdag loopt door tot de "
        "eerstvolgende dag die geen van deze is",
        atw.BRON_VERLENGING,
    ),
    _regel(
        "pip_vaststellen",
        1,
        WI2021_IN_WERKING,
        "Het PIP wordt binnen 10 weken na de startgebeurtenis vastgesteld",
        Bron(WI_EN_BESLUIT, ARTIKEL_ONBEKEND, WI_EN_BESLUIT_VERSIE, Zekerheid.S),
        weken=10,
        startgebeurtenissen=STARTGEBEURTENISSEN,
        atw=True,
    ),
    _regel(
        "pip_opschorting",
        1,
        WI2021_IN_WERKING,
        "Wachten op informatie van derden: het PIP uiterlijk 2 weken na ontvangst van die informatie",
        Bron(WI, ARTIKEL_ONBEKEND, WI_VERSIE, Zekerheid.S),
        weken_na_info=2,
        atw=True,
    ),
    _regel(
        "inburgeringstermijn",
        1,
        WI2021_IN_WERKING,
        "Inburgeringstermijn van 3 jaar vanaf de dag na de dagtekening van het eerste PIP",
        Bron(WI, "art. 11 lid 1 en 2", WI_VERSIE, Zekerheid.L),
        jaren=3,
        atw=True,
    ),
    _regel(
        "schakelen",
        1,
        WI2021_IN_WERKING,
        "Van leerroute wisselen binnen 18 maanden na het begin van de inburgeringstermijn; "
        "van onderwijsroute naar B1-route altijd",
        Bron(WI_EN_BESLUIT, ARTIKEL_ONBEKEND, WI_EN_BESLUIT_VERSIE, Zekerheid.S),
        maanden=18,
        altijd_toegestaan=((ONDERWIJSROUTE, B1_ROUTE),),
        atw=True,
    ),
    _regel(
        "ontzorgen",
        1,
        WI2021_IN_WERKING,
        "Ontzorgen: 6 maanden betaalt de gemeente vaste lasten uit de bijstand",
        Bron(WI, ARTIKEL_ONBEKEND, WI_VERSIE, Zekerheid.S),
        maanden=6,
        maatwerk=False,
        atw=False,
    ),
    _regel(
        "ontzorgen",
        2,
        WIJZIGING_2023_IN_WERKING,
        "Ontzorgen: 6 maanden betaalt de gemeente vaste lasten uit de bijstand; maatwerk toegestaan",
        Bron(WI, ARTIKEL_ONBEKEND, WI_WIJZIGING_2023, Zekerheid.S),
        maanden=6,
        maatwerk=True,
        atw=False,
    ),
    _regel(
        "pvt",
        1,
        WI2021_IN_WERKING,
        "Participatieverklaringstraject afgerond: standaard uiterlijk aan het einde van de inburgeringstermijn",
        Bron(WI, GEEN_WETTELIJKE_TERMIJN, WI_VERSIE, Zekerheid.ONZEKER),
        maanden_voor_termijneinde=0,
        atw=False,
    ),
    _regel(
        "map",
        1,
        WI2021_IN_WERKING,
        "Module arbeidsmarkt en participatie afgerond: standaard uiterlijk aan het einde van de "
        "inburgeringstermijn (B1- en Z-route)",
        Bron(WI, GEEN_WETTELIJKE_TERMIJN, WI_VERSIE, Zekerheid.ONZEKER),
        maanden_voor_termijneinde=0,
        leerroutes=(B1_ROUTE, Z_ROUTE),
        atw=False,
    ),
    _regel(
        "voortgangsgesprek",
        1,
        WI2021_IN_WERKING,
        "Voortgangsgesprek: standaard elke 3 maanden",
        Bron(WI, GEEN_WETTELIJKE_TERMIJN, WI_VERSIE, Zekerheid.ONZEKER),
        interval_maanden=3,
        atw=False,
    ),
    _regel(
        "verlenging_aanvraag",
        1,
        WI2021_IN_WERKING,
        "Verlenging van de inburgeringstermijn bij DUO aanvragen zodra de termijn 2,5 jaar loopt",
        Bron(WI_EN_BESLUIT, ARTIKEL_ONBEKEND, WI_EN_BESLUIT_VERSIE, Zekerheid.S),
        aanvragen_vanaf_maanden=30,
        beslistermijn_weken=8,
        gronden=VERLENGINGSGRONDEN,
        atw=False,
    ),
    _regel(
        "bezwaar",
        1,
        WI2021_IN_WERKING,
        "Bezwaar binnen 6 weken na de bekendmaking (dagtekening) van een beschikking",
        Bron(AWB, "art. 6:7 en 6:8 lid 1", AWB_VERSIE, Zekerheid.L),
        weken=6,
        atw=True,
    ),
)

REGELS: dict[str, list[Regel]] = catalogus(_ALLE)


def regel(code: str, op: dt.date) -> Regel:
    """The version of deadline rule ``code`` in force on ``op``."""
    return versie_uit(REGELS, code, op, soort="termijnregel")


def verlengingsgrond(code: str) -> Verlengingsgrond:
    """A verlengingsgrond by its code."""
    for grond in VERLENGINGSGRONDEN:
        if grond.code == code:
            return grond
    raise LookupError(f"onbekende verlengingsgrond: {code}")
