"""The rules behind the route advice, as versioned data with their legal sources (docs/regels-intake.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from koers.utils.legal import Bron, Regel, Zekerheid

from .invoer import Opleidingsniveau

WI2021 = "Wet inburgering 2021"
STB_2021_38 = "Stb. 2021, 38"
STB_GEWIJZIGD_2022 = "Stb. 2021, 38, gewijzigd bij Stb. 2022, 489"
GEEN_ARTIKEL = "—"  # the source names no article we are sure of: cite the regulation or guidance only
KOERS_BELEID = "Koers-adviesregel (instelling gemeente)"
UITVOERINGSPRAKTIJK = "Uitvoeringspraktijk Wet inburgering 2021 (secundaire bron)"
MVT = "Memorie van toelichting Wet inburgering 2021"
KST_35483_3 = "Kamerstukken II 2019/20, 35 483, nr. 3"
DISPENSATIE_VANAF = dt.date(2023, 1, 1)  # Stb. 2022, 489: the LBT dispensation exists from this day
DISPENSATIE_BRON = "Wet inburgering 2021, art. 14, gewijzigd bij Stb. 2022, 489"

# Rules the engine may use as a hard condition (a route is not advised when it fails). Only law [L] can be one:
# a guideline or setting ([S]/[?]) is always one argument among others (ECLI:NL:RVS:2024:5413). Regelset checks it.
HARDE_VOORWAARDEN: frozenset[str] = frozenset({"onderwijsroute_doelgroep", "lbt_indicatief"})

# Rules that exist only from a later date; a rule set before that date does not contain them.
LATER_INGEVOERD: dict[str, dt.date] = {"lbt_dispensatie": DISPENSATIE_VANAF}


class RegelCode(StrEnum):
    """Stable codes of the intake rules; stored inside every advice."""

    LBT_INDICATIEF = "lbt_indicatief"
    LBT_DISPENSATIE = "lbt_dispensatie"
    BREDE_INTAKE = "brede_intake"
    VRIJSTELLING_A2_NT2 = "vrijstelling_a2_nt2"
    B1_ROUTE_STANDAARD = "b1_route_standaard"
    ONDERWIJSROUTE_DOELGROEP = "onderwijsroute_doelgroep"
    ONDERWIJSROUTE_RICHTLEEFTIJD = "onderwijsroute_richtleeftijd"
    ONDERWIJSROUTE_VOORWAARDEN = "onderwijsroute_voorwaarden"
    SCHAKELEN = "schakelen"
    Z_ROUTE_DOELGROEP = "z_route_doelgroep"
    Z_ROUTE_DOEL_A1 = "z_route_doel_a1"
    Z_ROUTE_INDICATIES = "z_route_indicaties"
    ELKE_ROUTE_OVERWOGEN = "elke_route_overwogen"
    Z_ROUTE_UREN = "z_route_uren"
    ONDERWIJSROUTE_UREN = "onderwijsroute_uren"


def _opleiding(waarde: Any) -> bool:
    return waarde in {o.value for o in Opleidingsniveau}


def _aantal(minimum: int, maximum: int | None = None) -> Callable[[Any], bool]:
    def geldig(waarde: Any) -> bool:
        return (
            isinstance(waarde, int)
            and not isinstance(waarde, bool)
            and waarde >= minimum
            and (maximum is None or waarde <= maximum)
        )

    return geldig


# Every parameter the engine reads, with its check. Each belongs to exactly one rule (which carries its tag).
PARAMETERS: dict[str, Callable[[Any], bool]] = {
    "onderwijsroute_richtleeftijd": _aantal(0, 130),
    "onderwijsroute_min_opleiding": _opleiding,
    "onderwijsroute_max_tegenargumenten": _aantal(0, 3),
    "z_indicatie_max_opleiding": _opleiding,
    "z_min_indicaties_met_lbt": _aantal(1, 3),
    "z_min_indicaties_zonder_lbt": _aantal(1, 3),
    "z_route_uren_taal_asiel": _aantal(0),
    "z_route_uren_participatie_asiel": _aantal(0),
    "z_route_uren_overige_doelgroepen": _aantal(0),
    "onderwijsroute_uren_taal": _aantal(0),
    "onderwijsroute_uren_overige_vakken": _aantal(0),
}


@dataclass(frozen=True)
class Regelset:
    """One version of the intake rules: in force from geldig_vanaf until the next version starts."""

    versie: int
    geldig_vanaf: dt.date
    regels: tuple[Regel, ...]
    parameters: dict  # read-only by convention; change rules by making a new version (nieuwe_versie)

    def __post_init__(self) -> None:
        codes = [r.code for r in self.regels]
        if len(set(codes)) != len(codes):
            raise ValueError(f"regelset {self.versie}: een regelcode komt dubbel voor")
        verwacht = {c.value for c in RegelCode if LATER_INGEVOERD.get(c.value, self.geldig_vanaf) <= self.geldig_vanaf}
        ontbrekend = verwacht - set(codes)
        if ontbrekend:
            raise ValueError(f"regelset {self.versie}: regels ontbreken: {sorted(ontbrekend)}")
        te_vroeg = set(codes) - verwacht
        if te_vroeg:
            raise ValueError(f"regelset {self.versie}: regels bestaan nog niet op die datum: {sorted(te_vroeg)}")
        for regel in self.regels:
            if regel.code in HARDE_VOORWAARDEN and regel.bron.zekerheid is not Zekerheid.L:
                raise ValueError(
                    f"regel {regel.sleutel} is een harde voorwaarde, maar geen wet [L]: een richtlijn of "
                    "instelling kan alleen een argument zijn"
                )
        for regel in self.regels:
            if regel.geldig_vanaf > self.geldig_vanaf:
                raise ValueError(f"regel {regel.sleutel} geldt pas na het begin van regelset {self.versie}")
        eigenaar: dict[str, Regel] = {}
        for regel in self.regels:
            for naam in regel.parameters:
                if naam in eigenaar:
                    raise ValueError(f"parameter {naam} hoort bij meer dan één regel")
                eigenaar[naam] = regel
        if set(eigenaar) != set(self.parameters) or set(self.parameters) != set(PARAMETERS):
            raise ValueError(f"regelset {self.versie}: parameters van regelset en regels lopen niet gelijk")
        for naam, waarde in self.parameters.items():
            if eigenaar[naam].parameters[naam] != waarde:
                raise ValueError(f"parameter {naam}: regel {eigenaar[naam].sleutel} zegt iets anders")
            if not PARAMETERS[naam](waarde):
                raise ValueError(f"parameter {naam}: ongeldige waarde {waarde!r}")

    def regel(self, code: str) -> Regel:
        for regel in self.regels:
            if regel.code == code:
                return regel
        raise LookupError(f"regel {code} zit niet in regelset {self.versie}")

    def heeft_regel(self, code: str) -> bool:
        return any(r.code == code for r in self.regels)

    def is_harde_voorwaarde(self, code: str) -> bool:
        """Whether failing this rule may rule a route out; only for law [L] (checked on creation)."""
        return code in HARDE_VOORWAARDEN and self.heeft_regel(code) and self.regel(code).bron.zekerheid is Zekerheid.L

    def bron_van_parameter(self, naam: str) -> Bron:
        """The source (and so the certainty tag) of a parameter."""
        for regel in self.regels:
            if naam in regel.parameters:
                return regel.bron
        raise LookupError(f"parameter {naam} zit niet in regelset {self.versie}")


def nieuwe_versie(basis: Regelset, *, versie: int, geldig_vanaf: dt.date, **parameters: Any) -> Regelset:
    """A later rule-set version with changed parameters; each changed rule gets a new version and date."""
    if versie <= basis.versie or geldig_vanaf <= basis.geldig_vanaf:
        raise ValueError("een nieuwe versie moet een hoger nummer en een latere begindatum hebben")
    onbekend = set(parameters) - set(basis.parameters)
    if onbekend:
        raise ValueError(f"onbekende parameters: {sorted(onbekend)}")
    regels = []
    for regel in basis.regels:
        gewijzigd = {n: w for n, w in parameters.items() if n in regel.parameters and regel.parameters[n] != w}
        if gewijzigd:
            regel = replace(
                regel,
                versie=regel.versie + 1,
                geldig_vanaf=geldig_vanaf,
                parameters={**regel.parameters, **gewijzigd},
            )
        regels.append(regel)
    return Regelset(
        versie=versie,
        geldig_vanaf=geldig_vanaf,
        regels=tuple(regels),
        parameters={**basis.parameters, **parameters},
    )


def _regels_v1() -> tuple[Regel, ...]:
    begin = dt.date(2022, 1, 1)

    def regel(code: RegelCode, titel: str, bron: Bron, **parameters: Any) -> Regel:
        return Regel(code=code.value, versie=1, geldig_vanaf=begin, titel=titel, bron=bron, parameters=parameters)

    def leerroute(paragraaf: str) -> Bron:
        # Wet art. 7 sets the leerroutes (so the Besluit inburgering 2021, Stb. 2021, 410, refers to "de leerroute,
        # bedoeld in artikel 7 van de wet"); who each route is for is explained in the MvT paragraph named.
        return Bron(WI2021, f"art. 7; {MVT} ({KST_35483_3}), {paragraaf}", STB_2021_38, Zekerheid.L)

    return (
        regel(
            RegelCode.LBT_INDICATIEF,
            "De leerbaarheidstoets geeft aan of B1 binnen 3 jaar haalbaar is; een belangrijke indicatie, "
            "niet bindend: de gemeente weegt haar met de hele intake en mag er gemotiveerd van afwijken",
            Bron(WI2021, "art. 14", STB_2021_38, Zekerheid.L),
        ),
        regel(
            RegelCode.BREDE_INTAKE,
            "De brede intake omvat ten minste de leerbaarheidstoets, opleiding en werkervaring in het land "
            "van herkomst, en persoonlijke omstandigheden waaronder lichamelijke en psychische gezondheid",
            Bron(WI2021, "art. 14", STB_2021_38, Zekerheid.L),
        ),
        regel(
            RegelCode.VRIJSTELLING_A2_NT2,
            "Gedeeltelijke vrijstelling per examenonderdeel bij een NT2-certificaat of bewijs van ten minste A2",
            Bron(WI2021, "art. 4", STB_2021_38, Zekerheid.L),
        ),
        regel(
            RegelCode.B1_ROUTE_STANDAARD,
            "De B1-route is de standaardroute: examens lezen, luisteren, schrijven en spreken op B1, KNM, MAP en PVT",
            leerroute("§ 2.7.1.1 (B1-route)"),
        ),
        regel(
            RegelCode.ONDERWIJSROUTE_DOELGROEP,
            "De onderwijsroute is bedoeld voor wie doorstroomt naar regulier onderwijs (mbo, hbo of wo), "
            "vooral jongeren; eindniveau B1 of hoger",
            leerroute("§ 2.7.1.2 (onderwijsroute)"),
        ),
        regel(
            RegelCode.ONDERWIJSROUTE_RICHTLEEFTIJD,
            "Richtleeftijd voor de onderwijsroute: een richtlijn uit de uitvoeringspraktijk, geen wettelijke grens",
            Bron(UITVOERINGSPRAKTIJK, GEEN_ARTIKEL, "richtlijn, niet bevestigd", Zekerheid.ONZEKER),
            onderwijsroute_richtleeftijd=28,
        ),
        regel(
            RegelCode.ONDERWIJSROUTE_VOORWAARDEN,
            "Koers weegt voor de onderwijsroute de richtleeftijd, de vooropleiding (ten minste het ingestelde "
            "niveau) en de geletterdheid als argumenten, niet als voorwaarden: de route wordt geadviseerd bij "
            "ambitie onderwijs en geen uitslag van de leerbaarheidstoets dat B1 niet haalbaar is, zolang niet "
            "meer dan het ingestelde aantal van die argumenten ertegen pleit",
            Bron(KOERS_BELEID, GEEN_ARTIKEL, "regelset 1", Zekerheid.ONZEKER),
            onderwijsroute_min_opleiding=Opleidingsniveau.VOORTGEZET.value,
            onderwijsroute_max_tegenargumenten=1,
        ),
        regel(
            RegelCode.SCHAKELEN,
            "Schakelen tussen routes kan binnen 18 maanden na de start van de inburgeringstermijn; van de "
            "onderwijsroute naar de B1-route op elk moment",
            Bron(UITVOERINGSPRAKTIJK, GEEN_ARTIKEL, "artikel niet geverifieerd", Zekerheid.S),
        ),
        regel(
            RegelCode.Z_ROUTE_DOELGROEP,
            "De Z-route (zelfredzaamheidsroute) is bedoeld voor wie B1 niet binnen 3 jaar kan halen",
            leerroute("§ 2.7.1.3 (Z-route)"),
        ),
        regel(
            RegelCode.Z_ROUTE_DOEL_A1,
            "De Z-route mikt op A1 per taalvaardigheid en eindigt met een eindgesprek",
            leerroute("§ 2.7.1.3 (Z-route)"),
        ),
        regel(
            RegelCode.Z_ROUTE_INDICATIES,
            "Koers telt drie aanwijzingen voor een lage leerbaarheid (niet gealfabetiseerd, weinig scholing, "
            "gezondheid beperkt het leren) en adviseert de Z-route vanaf het ingestelde aantal; zonder "
            "uitslag van de leerbaarheidstoets ligt die drempel lager. Bewezen A2-niveau of een "
            "NT2-certificaat weerspreekt een lage leerbaarheid",
            Bron(KOERS_BELEID, GEEN_ARTIKEL, "regelset 1", Zekerheid.ONZEKER),
            z_indicatie_max_opleiding=Opleidingsniveau.BASIS.value,
            z_min_indicaties_met_lbt=3,
            z_min_indicaties_zonder_lbt=2,
        ),
        regel(
            RegelCode.ELKE_ROUTE_OVERWOGEN,
            "Een routebesluit legt voor elke route vast dat zij is overwogen en waarom zij wel of niet is gekozen",
            Bron("Raad van State, uitspraak", "ECLI:NL:RVS:2024:5413", "2024", Zekerheid.L),
        ),
        regel(
            RegelCode.Z_ROUTE_UREN,
            "Omvang Z-route: asielstatushouders 800 uur taal (incl. KNM) en 800 uur participatie; "
            "overige doelgroepen 800 cursusuren",
            Bron(UITVOERINGSPRAKTIJK, GEEN_ARTIKEL, "secundaire bron", Zekerheid.S),
            z_route_uren_taal_asiel=800,
            z_route_uren_participatie_asiel=800,
            z_route_uren_overige_doelgroepen=800,
        ),
        regel(
            RegelCode.ONDERWIJSROUTE_UREN,
            "Omvang onderwijsroute: ongeveer 1.000 uur Nederlands en 500 uur andere vakken, 1,5 tot 2 jaar",
            Bron(UITVOERINGSPRAKTIJK, GEEN_ARTIKEL, "secundaire bron", Zekerheid.S),
            onderwijsroute_uren_taal=1000,
            onderwijsroute_uren_overige_vakken=500,
        ),
    )


def _regel_dispensatie() -> Regel:
    return Regel(
        code=RegelCode.LBT_DISPENSATIE.value,
        versie=1,
        geldig_vanaf=DISPENSATIE_VANAF,
        titel="De gemeente kan dispensatie verlenen van de leerbaarheidstoets bij een visuele of auditieve "
        "beperking; de route volgt dan uit de overige gegevens van de intake",
        bron=Bron(WI2021, "art. 14", f"{STB_GEWIJZIGD_2022}, in werking 1 januari 2023", Zekerheid.L),
    )


def _regelset(versie: int, geldig_vanaf: dt.date, regels: tuple[Regel, ...]) -> Regelset:
    return Regelset(
        versie=versie,
        geldig_vanaf=geldig_vanaf,
        regels=regels,
        parameters={naam: waarde for regel in regels for naam, waarde in regel.parameters.items()},
    )


# Version 2 adds the LBT dispensation of the 2023 amendment; every other rule is carried over unchanged.
REGELSETS: list[Regelset] = [
    _regelset(1, dt.date(2022, 1, 1), _regels_v1()),
    _regelset(2, DISPENSATIE_VANAF, (*_regels_v1(), _regel_dispensatie())),
]


def regelset_op(datum: dt.date, regelsets: Sequence[Regelset] | None = None) -> Regelset:
    """The rule-set version in force on a date: the latest whose geldig_vanaf is on or before it."""
    kandidaten = [r for r in (REGELSETS if regelsets is None else regelsets) if r.geldig_vanaf <= datum]
    if not kandidaten:
        raise LookupError(f"geen regelset voor de route-advisering geldig op {datum}")
    return max(kandidaten, key=lambda r: (r.geldig_vanaf, r.versie))
