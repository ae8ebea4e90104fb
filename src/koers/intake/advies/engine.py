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

from koers.utils.datums import datum_nl
from koers.utils.legal import Bron, Regel, Zekerheid

from .invoer import AdviesInvoer, Ambitie, Geletterdheid, Keuze, LbtUitkomst, Opleidingsniveau
from .regels import DISPENSATIE_BRON, DISPENSATIE_VANAF, Regelset
from .regels import RegelCode as C

FORMAAT = 1  # version of the to_dict() layout (later keys are optional, so older stored advice still reads)
GEZONDHEID = "gezondheid"  # category of an argument that reveals (or rests on) special-category health data
ALGEMEEN = ""
GEZONDHEIDSZIN = "De gezondheid beperkt het leervermogen."


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
    categorie: str = ALGEMEEN  # GEZONDHEID: only for users who may see health data (intake.privacy)


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
    samenvatting_categorie: str = ALGEMEEN
    voorlopig: bool = False  # no LBT result and no valid dispensation: the brede intake is not complete (art. 14)
    voorlopig_reden: str = ""

    def overweging(self, route: Leerroute) -> RouteOverweging:
        return next(o for o in self.overwegingen if o.route == route)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; holds full copies of the cited rules so later rule changes never alter past advice."""
        return {
            "formaat": FORMAAT,
            "route": self.route.value,
            "regelset_versie": self.regelset_versie,
            "samenvatting": self.samenvatting,
            "samenvatting_categorie": self.samenvatting_categorie,
            "voorlopig": self.voorlopig,
            "voorlopig_reden": self.voorlopig_reden,
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
            samenvatting_categorie=data.get(
                "samenvatting_categorie", GEZONDHEID if "aanwijzingen" in data["samenvatting"] else ALGEMEEN
            ),
            voorlopig=data.get("voorlopig", False),
            voorlopig_reden=data.get("voorlopig_reden", ""),
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
        "categorie": argument.categorie,
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
    categorie = data["categorie"] if "categorie" in data else _categorie_van_oud_argument(data["tekst"], regel.code)
    return Argument(tekst=data["tekst"], regel=regel, categorie=categorie)


def _categorie_van_oud_argument(tekst: str, code: str) -> str:
    """Advice stored before arguments carried a category: recognise the engine's health wordings of that time."""
    if code == C.LBT_DISPENSATIE:
        return GEZONDHEID
    if code == C.Z_ROUTE_INDICATIES and (tekst == GEZONDHEIDSZIN or tekst.startswith("Er gelden")):
        return GEZONDHEID
    if code == C.ELKE_ROUTE_OVERWOGEN and "aanwijzingen" in tekst:
        return GEZONDHEID
    return ALGEMEEN


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
    max_tegen: int = p["onderwijsroute_max_tegenargumenten"]
    max_opleiding_z = Opleidingsniveau(p["z_indicatie_max_opleiding"])

    voor: dict[Leerroute, list[Argument]] = {route: [] for route in Leerroute}
    tegen: dict[Leerroute, list[Argument]] = {route: [] for route in Leerroute}

    def arg(
        lijst: dict[Leerroute, list[Argument]], route: Leerroute, tekst: str, code: C, categorie: str = ALGEMEEN
    ) -> None:
        lijst[route].append(Argument(tekst=tekst, regel=regel(code), categorie=categorie))

    # Leerbaarheidstoets: the key indicator, never binding.
    lbt = invoer.lbt
    dispensatie_geldt = lbt is LbtUitkomst.DISPENSATIE and regelset.heeft_regel(C.LBT_DISPENSATIE)
    voorlopig_reden = ""
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
    elif dispensatie_geldt:
        arg(
            tegen,
            Leerroute.Z,
            "Er is geen uitslag van de leerbaarheidstoets die aangeeft dat B1 niet haalbaar is: de gemeente "
            "heeft dispensatie verleend wegens een visuele of auditieve beperking.",
            C.LBT_DISPENSATIE,
            GEZONDHEID,
        )
    elif lbt is LbtUitkomst.DISPENSATIE:
        arg(
            tegen,
            Leerroute.Z,
            f"Er is dispensatie van de leerbaarheidstoets vastgelegd, maar die bestaat pas vanaf "
            f"{datum_nl(DISPENSATIE_VANAF)} ({DISPENSATIE_BRON}); er is dus geen uitslag die aangeeft dat B1 niet "
            "haalbaar is.",
            C.BREDE_INTAKE,
            GEZONDHEID,
        )
        voorlopig_reden = (
            f"Dit advies is voorlopig: dispensatie van de leerbaarheidstoets bestaat pas vanaf "
            f"{datum_nl(DISPENSATIE_VANAF)} ({DISPENSATIE_BRON}) en de toets hoort bij de brede intake. "
            "Neem de toets af en maak daarna een nieuw advies."
        )
    else:
        arg(
            tegen,
            Leerroute.Z,
            "De leerbaarheidstoets is niet afgenomen, terwijl die bij de brede intake hoort; er is dus geen "
            "uitslag die aangeeft dat B1 niet haalbaar is.",
            C.BREDE_INTAKE,
        )
        voorlopig_reden = (
            "Dit advies is voorlopig: de leerbaarheidstoets is niet afgenomen en er is geen dispensatie, terwijl "
            "de toets bij de brede intake hoort (Wet inburgering 2021, art. 14). Neem de toets af of leg de "
            "dispensatie vast, en maak daarna een nieuw advies."
        )

    # Indications of low learnability (Z-route). The count rests on the health answer too, whatever it is:
    # every argument that states or counts it is marked GEZONDHEID, so hiding it never depends on the answer.
    indicaties: list[tuple[str, str]] = []
    if invoer.geletterdheid is Geletterdheid.NIET_GEALFABETISEERD:
        indicaties.append(("De inburgeraar is niet gealfabetiseerd.", ALGEMEEN))
    if invoer.opleidingsniveau.rang <= max_opleiding_z.rang:
        indicaties.append((f"Weinig scholing in het land van herkomst: {_klein(invoer.opleidingsniveau)}.", ALGEMEEN))
    if invoer.gezondheidsbeperking_leren:
        indicaties.append((GEZONDHEIDSZIN, GEZONDHEID))
    for tekst, categorie in indicaties:
        arg(voor, Leerroute.Z, tekst, C.Z_ROUTE_INDICATIES, categorie)

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
            arg(voor, Leerroute.Z, f"{telling}; de drempel {context} is {drempel}.", C.Z_ROUTE_INDICATIES, GEZONDHEID)
            reden_z = f"{n} van de 3 aanwijzingen op een lage leerbaarheid wijzen (drempel {drempel})"
        elif n >= drempel:
            arg(
                tegen,
                Leerroute.Z,
                f"{telling} (drempel {context}: {drempel}), maar bewezen A2-niveau of een "
                "NT2-certificaat weerspreekt een lage leerbaarheid.",
                C.Z_ROUTE_INDICATIES,
                GEZONDHEID,
            )
        else:
            arg(
                tegen,
                Leerroute.Z,
                f"{telling}; dat is minder dan de drempel {context} ({drempel}).",
                C.Z_ROUTE_INDICATIES,
                GEZONDHEID,
            )
    z = z_via_lbt or z_via_indicaties

    # Onderwijsroute: each consideration yields an argument for or against. Whether one can rule the route out
    # follows from its rule: only law [L] is a hard condition (Regelset.is_harde_voorwaarde); a guideline or a
    # setting is weighed — at most `onderwijsroute_max_tegenargumenten` of them may plead against.
    harde_tekort: list[str] = []
    gewogen_tegen: list[str] = []
    gewogen: list[str] = []

    def overweeg(vervuld: bool, naam_tegen: str, naam_voor: str, tekst_voor: str, tekst_tegen: str, code: C) -> None:
        arg(voor if vervuld else tegen, Leerroute.ONDERWIJS, tekst_voor if vervuld else tekst_tegen, code)
        hard = regelset.is_harde_voorwaarde(code)
        if not hard:
            gewogen.append(naam_voor if vervuld else naam_tegen)
        if not vervuld:
            (harde_tekort if hard else gewogen_tegen).append(naam_tegen)

    overweeg(
        invoer.leeftijd <= richtleeftijd,
        f"leeftijd {invoer.leeftijd} jaar, boven de richtleeftijd van {richtleeftijd} jaar (een richtlijn, geen "
        "wettelijke grens)",
        f"leeftijd {invoer.leeftijd} jaar, binnen de richtleeftijd van {richtleeftijd} jaar",
        f"Met {invoer.leeftijd} jaar valt de inburgeraar binnen de richtleeftijd van {richtleeftijd} jaar "
        "voor de onderwijsroute.",
        f"Met {invoer.leeftijd} jaar is de inburgeraar ouder dan de richtleeftijd van {richtleeftijd} jaar "
        "voor de onderwijsroute; die leeftijd is een richtlijn, geen wettelijke grens, en wordt gewogen met de "
        "andere argumenten.",
        C.ONDERWIJSROUTE_RICHTLEEFTIJD,
    )
    overweeg(
        invoer.ambitie is Ambitie.ONDERWIJS,
        "ambitie onderwijs",
        "ambitie onderwijs",
        "De ambitie is onderwijs; de onderwijsroute is bedoeld voor wie doorstroomt naar mbo, hbo of wo.",
        f"De ambitie is {_klein(invoer.ambitie)}, niet doorstromen naar mbo, hbo of wo waarvoor de "
        "onderwijsroute bedoeld is.",
        C.ONDERWIJSROUTE_DOELGROEP,
    )
    overweeg(
        invoer.opleidingsniveau.rang >= min_opleiding.rang,
        f"vooropleiding {_klein(invoer.opleidingsniveau)}, lager dan {_klein(min_opleiding)}",
        f"vooropleiding {_klein(invoer.opleidingsniveau)}",
        f"Opleidingsniveau in het land van herkomst: {_klein(invoer.opleidingsniveau)}, ten minste "
        f"{_klein(min_opleiding)}.",
        f"Opleidingsniveau in het land van herkomst: {_klein(invoer.opleidingsniveau)}, lager dan "
        f"{_klein(min_opleiding)}, het ingestelde niveau voor de onderwijsroute.",
        C.ONDERWIJSROUTE_VOORWAARDEN,
    )
    overweeg(
        invoer.geletterdheid.gealfabetiseerd,
        "niet gealfabetiseerd",
        "gealfabetiseerd",
        f"De inburgeraar is {_klein(invoer.geletterdheid)}.",
        "De inburgeraar is niet gealfabetiseerd; de onderwijsroute vraagt geletterdheid.",
        C.ONDERWIJSROUTE_VOORWAARDEN,
    )
    # The LBT has its argument above (against when B1 is not reachable); it is law, so a hard condition.
    lbt_voorwaarde = "geen uitslag van de leerbaarheidstoets dat B1 niet haalbaar is"
    if z_via_lbt and regelset.is_harde_voorwaarde(C.LBT_INDICATIEF):
        harde_tekort.append(lbt_voorwaarde)
    onderwijs = not harde_tekort and len(gewogen_tegen) <= max_tegen

    arg(
        voor,
        Leerroute.B1,
        "De B1-route is de standaardroute voor wie niet in aanmerking komt voor de Z-route of de onderwijsroute.",
        C.B1_ROUTE_STANDAARD,
    )

    route = Leerroute.Z if z else Leerroute.ONDERWIJS if onderwijs else Leerroute.B1

    def waarom_niet_onderwijs() -> str:
        delen = []
        if harde_tekort:
            delen.append(f"niet is voldaan aan: {_opsomming(harde_tekort)}")
        if gewogen_tegen and (harde_tekort or len(gewogen_tegen) > max_tegen):
            delen.append(
                f"na weging {len(gewogen_tegen)} argumenten ertegen pleiten (ten hoogste {max_tegen} toegestaan): "
                f"{_opsomming(gewogen_tegen)}"
                if not harde_tekort
                else f"daarnaast is gewogen: {_opsomming(gewogen_tegen)}"
            )
        return "; ".join(delen)

    # Why each route was or was not chosen (ECLI:NL:RVS:2024:5413).
    niet_gekozen: dict[Leerroute, tuple[str, str]] = {}
    samenvatting_categorie = ALGEMEEN
    if route is Leerroute.Z:
        samenvatting = f"Advies: Z-route, omdat {reden_z}."
        categorie = ALGEMEEN if z_via_lbt else GEZONDHEID
        samenvatting_categorie = categorie
        niet_gekozen[Leerroute.B1] = (f"{reden_z}; dan gaat de Z-route voor.", categorie)
        overig = [naam for naam in harde_tekort + gewogen_tegen if naam != lbt_voorwaarde]
        niet_gekozen[Leerroute.ONDERWIJS] = (
            niet_gekozen[Leerroute.B1][0] + (f" Bovendien pleit ertegen: {_opsomming(overig)}." if overig else ""),
            categorie,
        )
    elif heeft_a2 and n >= drempel:
        niet_gekozen[Leerroute.Z] = (
            "bewezen A2-niveau of een NT2-certificaat een lage leerbaarheid weerspreekt.",
            GEZONDHEID,
        )
    elif lbt.heeft_uitslag:
        niet_gekozen[Leerroute.Z] = (
            "de leerbaarheidstoets aangeeft dat B1 haalbaar is en er te weinig andere aanwijzingen voor een "
            "lage leerbaarheid zijn.",
            GEZONDHEID,
        )
    else:
        niet_gekozen[Leerroute.Z] = (
            "er zonder uitslag van de leerbaarheidstoets te weinig aanwijzingen voor een lage leerbaarheid zijn.",
            GEZONDHEID,
        )
    if route is Leerroute.ONDERWIJS:
        arg(
            voor,
            Leerroute.ONDERWIJS,
            "De wettelijke voorwaarden voor de onderwijsroute zijn vervuld en de gewogen argumenten pleiten er "
            "niet doorslaggevend tegen.",
            C.ONDERWIJSROUTE_VOORWAARDEN,
        )
        arg(
            voor,
            Leerroute.ONDERWIJS,
            "Van de onderwijsroute kan op elk moment worden overgestapt naar de B1-route.",
            C.SCHAKELEN,
        )
        if gewogen_tegen:
            weging = f"het enige gewogen argument ertegen niet doorslaggevend is: {_opsomming(gewogen_tegen)}"
        else:
            weging = f"alle gewogen argumenten ervoor pleiten: {_opsomming(gewogen)}"
        samenvatting = (
            "Advies: Onderwijsroute, omdat de ambitie onderwijs is, geen uitslag van de leerbaarheidstoets B1 "
            f"uitsluit en {weging}."
        )
        niet_gekozen[Leerroute.B1] = (
            "de onderwijsroute na weging past; die gaat voor, want overstappen naar de B1-route blijft altijd "
            "mogelijk.",
            ALGEMEEN,
        )
    elif route is Leerroute.B1:
        samenvatting = (
            "Advies: B1-route, omdat dit de standaardroute is, de Z-route na weging niet past en voor de "
            f"onderwijsroute {waarom_niet_onderwijs()}."
        )
        niet_gekozen[Leerroute.ONDERWIJS] = (f"{waarom_niet_onderwijs()}.", ALGEMEEN)
    for r in Leerroute:
        if r is not route:
            tekst, categorie = niet_gekozen[r]
            arg(tegen, r, f"Overwogen en niet geadviseerd, omdat {tekst}", C.ELKE_ROUTE_OVERWOGEN, categorie)

    if voorlopig_reden:
        samenvatting = "Voorlopig advies" + samenvatting.removeprefix("Advies")

    return Advies(
        route=route,
        regelset_versie=regelset.versie,
        overwegingen=tuple(
            RouteOverweging(route=r, geadviseerd=r is route, voor=tuple(voor[r]), tegen=tuple(tegen[r]))
            for r in Leerroute
        ),
        samenvatting=samenvatting,
        invoer=invoer,
        samenvatting_categorie=samenvatting_categorie,
        voorlopig=bool(voorlopig_reden),
        voorlopig_reden=voorlopig_reden,
    )
