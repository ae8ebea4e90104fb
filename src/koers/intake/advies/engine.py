"""The explainable learning-route advice: every route weighed, every argument citing the rule it rests on.

Decision (docs/regels-intake.md), checked in this fixed order; the first route whose condition holds wins:

1. Z-route when the leerbaarheidstoets (LBT) says B1 is not reachable within 3 years, or when enough of the
   three indications of low learnability hold (not literate; schooling at most `z_indicatie_max_opleiding`;
   health limits learning): at least `z_min_indicaties_met_lbt` with a positive LBT result, at least
   `z_min_indicaties_zonder_lbt` without one (dispensation or not taken) — unless A2/NT2 level is proven.
2. Onderwijsroute when all hold: age <= `onderwijsroute_richtleeftijd`, ambition onderwijs, schooling at least
   `onderwijsroute_min_opleiding`, literate (any script), and no LBT result saying B1 is not reachable.
3. Otherwise the B1-route, the default.

The order settles ties: Z first (the LBT is the key indicator), then onderwijs before B1 because a switch from
the onderwijsroute to the B1-route stays possible at any time, but not the other way round after 18 months.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from koers.utils.legal import Bron, Regel, Zekerheid

from .invoer import AdviesInvoer, Ambitie, Geletterdheid, Keuze, LbtUitkomst, Opleidingsniveau
from .regels import RegelCode as C
from .regels import Regelset

FORMAAT = 1  # version of the to_dict() layout


class Leerroute(Keuze):
    B1 = "b1", "B1-route"
    ONDERWIJS = "onderwijs", "Onderwijsroute"
    Z = "z", "Z-route"


BESLISVOLGORDE = (Leerroute.Z, Leerroute.ONDERWIJS, Leerroute.B1)


@dataclass(frozen=True)
class Argument:
    """One reason for or against a route, in plain Dutch, with the rule it rests on."""

    tekst: str
    regel: Regel


@dataclass(frozen=True)
class RouteOverweging:
    """How one route was weighed: the arguments for and against, and whether it is the advice."""

    route: Leerroute
    geadviseerd: bool
    voor: tuple[Argument, ...]
    tegen: tuple[Argument, ...]


@dataclass(frozen=True)
class Advies:
    """The advised route plus one weighing per route (in Leerroute order), self-contained for storage."""

    route: Leerroute
    regelset_versie: int
    overwegingen: tuple[RouteOverweging, ...]
    samenvatting: str
    invoer: AdviesInvoer

    def overweging(self, route: Leerroute) -> RouteOverweging:
        return next(o for o in self.overwegingen if o.route == route)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; holds full copies of the cited rules so later rule changes never alter past advice."""
        return {
            "formaat": FORMAAT,
            "route": self.route.value,
            "regelset_versie": self.regelset_versie,
            "samenvatting": self.samenvatting,
            "invoer": self.invoer.to_dict(),
            "overwegingen": [
                {
                    "route": o.route.value,
                    "geadviseerd": o.geadviseerd,
                    "voor": [_argument_naar_dict(a) for a in o.voor],
                    "tegen": [_argument_naar_dict(a) for a in o.tegen],
                }
                for o in self.overwegingen
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Advies:
        if data.get("formaat") != FORMAAT:
            raise ValueError(f"onbekend formaat van opgeslagen advies: {data.get('formaat')!r}")
        return cls(
            route=Leerroute(data["route"]),
            regelset_versie=data["regelset_versie"],
            samenvatting=data["samenvatting"],
            invoer=AdviesInvoer.from_dict(data["invoer"]),
            overwegingen=tuple(
                RouteOverweging(
                    route=Leerroute(o["route"]),
                    geadviseerd=o["geadviseerd"],
                    voor=tuple(_argument_uit_dict(a) for a in o["voor"]),
                    tegen=tuple(_argument_uit_dict(a) for a in o["tegen"]),
                )
                for o in data["overwegingen"]
            ),
        )


def _argument_naar_dict(argument: Argument) -> dict[str, Any]:
    regel, bron = argument.regel, argument.regel.bron
    return {
        "tekst": argument.tekst,
        "regel": {
            "code": regel.code,
            "versie": regel.versie,
            "geldig_vanaf": regel.geldig_vanaf.isoformat(),
            "titel": regel.titel,
            "bron": {
                "regeling": bron.regeling,
                "artikel": bron.artikel,
                "versie": bron.versie,
                "zekerheid": bron.zekerheid.value,
            },
            "parameters": dict(regel.parameters),
        },
    }


def _argument_uit_dict(data: dict[str, Any]) -> Argument:
    r, b = data["regel"], data["regel"]["bron"]
    regel = Regel(
        code=r["code"],
        versie=r["versie"],
        geldig_vanaf=dt.date.fromisoformat(r["geldig_vanaf"]),
        titel=r["titel"],
        bron=Bron(b["regeling"], b["artikel"], b["versie"], Zekerheid(b["zekerheid"])),
        parameters=dict(r["parameters"]),
    )
    return Argument(tekst=data["tekst"], regel=regel)


def _klein(keuze: Keuze) -> str:
    return keuze.label[0].lower() + keuze.label[1:]


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def adviseer(invoer: AdviesInvoer, regelset: Regelset) -> Advies:
    """Advise one learning route for these intake facts under this rule set; deterministic and total."""
    regel = regelset.regel
    p = regelset.parameters
    richtleeftijd: int = p["onderwijsroute_richtleeftijd"]
    min_opleiding = Opleidingsniveau(p["onderwijsroute_min_opleiding"])
    max_opleiding_z = Opleidingsniveau(p["z_indicatie_max_opleiding"])

    voor: dict[Leerroute, list[Argument]] = {route: [] for route in Leerroute}
    tegen: dict[Leerroute, list[Argument]] = {route: [] for route in Leerroute}

    def arg(lijst: dict[Leerroute, list[Argument]], route: Leerroute, tekst: str, code: C) -> None:
        lijst[route].append(Argument(tekst=tekst, regel=regel(code)))

    # Leerbaarheidstoets: the key indicator, never binding.
    lbt = invoer.lbt
    score = f" (score {invoer.lbt_score})" if invoer.lbt_score is not None else ""
    if lbt is LbtUitkomst.B1_HAALBAAR:
        tekst = f"De leerbaarheidstoets geeft aan dat B1 binnen 3 jaar haalbaar is{score}."
        arg(voor, Leerroute.B1, tekst, C.LBT_INDICATIEF)
        arg(voor, Leerroute.ONDERWIJS, tekst, C.LBT_INDICATIEF)
        arg(tegen, Leerroute.Z, tekst + " De Z-route is bedoeld voor wie B1 niet haalt.", C.Z_ROUTE_DOELGROEP)
    elif lbt is LbtUitkomst.B1_NIET_HAALBAAR:
        kern = f"De leerbaarheidstoets geeft aan dat B1 niet binnen 3 jaar haalbaar is{score}"
        arg(
            voor,
            Leerroute.Z,
            kern + ". Die uitslag is een belangrijke indicatie maar niet bindend: de gemeente weegt haar met "
            "de hele intake en mag er gemotiveerd van afwijken.",
            C.LBT_INDICATIEF,
        )
        arg(tegen, Leerroute.B1, kern + " (een indicatie, niet bindend).", C.LBT_INDICATIEF)
        arg(tegen, Leerroute.ONDERWIJS, kern + "; de onderwijsroute vraagt B1 of hoger.", C.LBT_INDICATIEF)
    elif lbt is LbtUitkomst.DISPENSATIE:
        arg(
            tegen,
            Leerroute.Z,
            "Er is geen uitslag van de leerbaarheidstoets die aangeeft dat B1 niet haalbaar is: de gemeente "
            "heeft dispensatie verleend wegens een visuele of auditieve beperking.",
            C.LBT_DISPENSATIE,
        )
    else:
        arg(
            tegen,
            Leerroute.Z,
            "De leerbaarheidstoets is niet afgenomen, terwijl die bij de brede intake hoort; er is dus geen "
            "uitslag die aangeeft dat B1 niet haalbaar is.",
            C.BREDE_INTAKE,
        )

    # Indications of low learnability (Z-route).
    indicaties: list[str] = []
    if invoer.geletterdheid is Geletterdheid.NIET_GEALFABETISEERD:
        indicaties.append("De inburgeraar is niet gealfabetiseerd.")
    if invoer.opleidingsniveau.rang <= max_opleiding_z.rang:
        indicaties.append(f"Weinig scholing in het land van herkomst: {_klein(invoer.opleidingsniveau)}.")
    if invoer.gezondheidsbeperking_leren:
        indicaties.append("De gezondheid beperkt het leervermogen.")
    for tekst in indicaties:
        arg(voor, Leerroute.Z, tekst, C.Z_ROUTE_INDICATIES)

    heeft_a2 = invoer.heeft_nt2_of_a2_niveau is True
    if heeft_a2:
        arg(
            voor,
            Leerroute.B1,
            "Er is al Nederlands op A2-niveau of een NT2-certificaat (mogelijk gedeeltelijke vrijstelling); "
            "dat steunt een route naar B1.",
            C.VRIJSTELLING_A2_NT2,
        )
        arg(
            tegen,
            Leerroute.Z,
            "Er is al Nederlands op A2-niveau of een NT2-certificaat, terwijl de Z-route op A1 mikt.",
            C.Z_ROUTE_DOEL_A1,
        )

    n = len(indicaties)
    drempel: int = p["z_min_indicaties_met_lbt" if lbt.heeft_uitslag else "z_min_indicaties_zonder_lbt"]
    z_via_lbt = lbt is LbtUitkomst.B1_NIET_HAALBAAR
    z_via_indicaties = not z_via_lbt and n >= drempel and not heeft_a2
    reden_z = ""
    if z_via_lbt:
        reden_z = "de leerbaarheidstoets aangeeft dat B1 niet binnen 3 jaar haalbaar is (een indicatie, niet bindend)"
    else:
        context = "bij een toetsuitslag" if lbt.heeft_uitslag else "zonder toetsuitslag"
        telling = f"Er gelden {n} van de 3 aanwijzingen voor een lage leerbaarheid"
        if z_via_indicaties:
            arg(voor, Leerroute.Z, f"{telling}; de drempel {context} is {drempel}.", C.Z_ROUTE_INDICATIES)
            reden_z = f"{n} van de 3 aanwijzingen op een lage leerbaarheid wijzen (drempel {drempel})"
        elif n >= drempel:
            arg(
                tegen,
                Leerroute.Z,
                f"{telling} (drempel {context}: {drempel}), maar bewezen A2-niveau of een "
                "NT2-certificaat weerspreekt een lage leerbaarheid.",
                C.Z_ROUTE_INDICATIES,
            )
        else:
            arg(
                tegen,
                Leerroute.Z,
                f"{telling}; dat is minder dan de drempel {context} ({drempel}).",
                C.Z_ROUTE_INDICATIES,
            )
    z = z_via_lbt or z_via_indicaties

    # Onderwijsroute: each condition yields an argument for or against.
    voorwaarden: list[tuple[bool, str]] = []

    def voorwaarde(vervuld: bool, naam: str, tekst_voor: str, tekst_tegen: str, code: C) -> None:
        voorwaarden.append((vervuld, naam))
        arg(voor if vervuld else tegen, Leerroute.ONDERWIJS, tekst_voor if vervuld else tekst_tegen, code)

    voorwaarde(
        invoer.leeftijd <= richtleeftijd,
        f"leeftijd tot en met {richtleeftijd} jaar",
        f"Met {invoer.leeftijd} jaar valt de inburgeraar binnen de richtleeftijd van {richtleeftijd} jaar "
        "voor de onderwijsroute.",
        f"Met {invoer.leeftijd} jaar is de inburgeraar ouder dan de richtleeftijd van {richtleeftijd} jaar "
        "voor de onderwijsroute; die leeftijd is een richtlijn, geen wettelijke grens.",
        C.ONDERWIJSROUTE_RICHTLEEFTIJD,
    )
    voorwaarde(
        invoer.ambitie is Ambitie.ONDERWIJS,
        "ambitie onderwijs",
        "De ambitie is onderwijs; de onderwijsroute is bedoeld voor wie doorstroomt naar mbo, hbo of wo.",
        f"De ambitie is {_klein(invoer.ambitie)}, niet doorstromen naar mbo, hbo of wo waarvoor de "
        "onderwijsroute bedoeld is.",
        C.ONDERWIJSROUTE_DOELGROEP,
    )
    voorwaarde(
        invoer.opleidingsniveau.rang >= min_opleiding.rang,
        f"vooropleiding ten minste {_klein(min_opleiding)}",
        f"Opleidingsniveau in het land van herkomst: {_klein(invoer.opleidingsniveau)}, ten minste "
        f"{_klein(min_opleiding)}.",
        f"Opleidingsniveau in het land van herkomst: {_klein(invoer.opleidingsniveau)}, lager dan "
        f"{_klein(min_opleiding)}, de ondergrens voor de onderwijsroute.",
        C.ONDERWIJSROUTE_VOORWAARDEN,
    )
    voorwaarde(
        invoer.geletterdheid.gealfabetiseerd,
        "gealfabetiseerd",
        f"De inburgeraar is {_klein(invoer.geletterdheid)}.",
        "De inburgeraar is niet gealfabetiseerd; de onderwijsroute vraagt geletterdheid.",
        C.ONDERWIJSROUTE_VOORWAARDEN,
    )
    # The LBT condition already has its argument above (against when B1 is not reachable).
    lbt_voorwaarde = "geen uitslag van de leerbaarheidstoets dat B1 niet haalbaar is"
    voorwaarden.append((not z_via_lbt, lbt_voorwaarde))
    niet_vervuld = [naam for vervuld, naam in voorwaarden if not vervuld]
    onderwijs = not niet_vervuld

    arg(
        voor,
        Leerroute.B1,
        "De B1-route is de standaardroute voor wie niet in aanmerking komt voor de Z-route of de onderwijsroute.",
        C.B1_ROUTE_STANDAARD,
    )

    route = Leerroute.Z if z else Leerroute.ONDERWIJS if onderwijs else Leerroute.B1

    # Why each route was or was not chosen (ECLI:NL:RVS:2024:5413).
    niet_gekozen: dict[Leerroute, str] = {}
    if route is Leerroute.Z:
        samenvatting = f"Advies: Z-route, omdat {reden_z}."
        niet_gekozen[Leerroute.B1] = f"{reden_z}; dan gaat de Z-route voor."
        overig = [naam for naam in niet_vervuld if naam != lbt_voorwaarde]
        niet_gekozen[Leerroute.ONDERWIJS] = niet_gekozen[Leerroute.B1] + (
            f" Bovendien is niet voldaan aan: {_opsomming(overig)}." if overig else ""
        )
    elif heeft_a2 and n >= drempel:
        niet_gekozen[Leerroute.Z] = "bewezen A2-niveau of een NT2-certificaat een lage leerbaarheid weerspreekt."
    elif lbt.heeft_uitslag:
        niet_gekozen[Leerroute.Z] = (
            "de leerbaarheidstoets aangeeft dat B1 haalbaar is en er te weinig andere aanwijzingen voor een "
            "lage leerbaarheid zijn."
        )
    else:
        niet_gekozen[Leerroute.Z] = (
            "er zonder uitslag van de leerbaarheidstoets te weinig aanwijzingen voor een lage leerbaarheid zijn."
        )
    if route is Leerroute.ONDERWIJS:
        arg(
            voor,
            Leerroute.ONDERWIJS,
            "Aan alle voorwaarden voor de onderwijsroute is voldaan.",
            C.ONDERWIJSROUTE_VOORWAARDEN,
        )
        arg(
            voor,
            Leerroute.ONDERWIJS,
            "Van de onderwijsroute kan op elk moment worden overgestapt naar de B1-route.",
            C.SCHAKELEN,
        )
        samenvatting = (
            "Advies: Onderwijsroute, omdat is voldaan aan alle voorwaarden: "
            f"{_opsomming([naam for _, naam in voorwaarden])}."
        )
        niet_gekozen[Leerroute.B1] = (
            "aan alle voorwaarden voor de onderwijsroute is voldaan; die gaat voor, want overstappen naar de "
            "B1-route blijft altijd mogelijk."
        )
    elif route is Leerroute.B1:
        samenvatting = (
            "Advies: B1-route, omdat dit de standaardroute is, er onvoldoende aanwijzingen zijn voor de "
            f"Z-route en voor de onderwijsroute niet is voldaan aan: {_opsomming(niet_vervuld)}."
        )
        niet_gekozen[Leerroute.ONDERWIJS] = f"niet is voldaan aan: {_opsomming(niet_vervuld)}."
    for r in Leerroute:
        if r is not route:
            arg(tegen, r, f"Overwogen en niet geadviseerd, omdat {niet_gekozen[r]}", C.ELKE_ROUTE_OVERWOGEN)

    return Advies(
        route=route,
        regelset_versie=regelset.versie,
        overwegingen=tuple(
            RouteOverweging(route=r, geadviseerd=r is route, voor=tuple(voor[r]), tegen=tuple(tegen[r]))
            for r in Leerroute
        ),
        samenvatting=samenvatting,
        invoer=invoer,
    )
