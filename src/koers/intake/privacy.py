"""The route advice as shown on a page: the argument that rests on a health answer is hidden from users who may not
see health data (special-category data, AVG art. 9)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .advies import Advies, Leerroute, RegelCode

# The engine's wording of the one argument that reveals a health answer (engine.py, Z-route indications).
GEZONDHEIDSARGUMENT = "De gezondheid beperkt het leervermogen."


@dataclass(frozen=True)
class ArgumentWeergave:
    tekst: str
    bron: str
    regel: str
    titel: str
    verborgen: bool = False


@dataclass(frozen=True)
class RouteWeergave:
    route: Leerroute
    geadviseerd: bool
    voor: list[ArgumentWeergave]
    tegen: list[ArgumentWeergave]


@dataclass(frozen=True)
class AdviesWeergave:
    route: Leerroute
    samenvatting: str
    regelset_versie: int
    routes: list[RouteWeergave]
    feiten: list[tuple[str, str]]
    toont_gezondheid: bool


def _is_gezondheid(tekst: str, code: str) -> bool:
    return code == RegelCode.Z_ROUTE_INDICATIES and tekst == GEZONDHEIDSARGUMENT


def advies_voor_weergave(advies: Advies, *, mag_gezondheid: bool) -> AdviesWeergave:
    toont_gezondheid = False

    def argument(a) -> ArgumentWeergave:
        nonlocal toont_gezondheid
        gezondheid = _is_gezondheid(a.tekst, a.regel.code)
        if gezondheid and mag_gezondheid:
            toont_gezondheid = True
        verbergen = gezondheid and not mag_gezondheid
        return ArgumentWeergave(
            tekst=_("Een gegeven over de gezondheid (verborgen vanwege privacy).") if verbergen else a.tekst,
            bron=str(a.regel.bron),
            regel=f"{a.regel.code}, versie {a.regel.versie}, geldig vanaf {a.regel.geldig_vanaf:%d-%m-%Y}",
            titel=a.regel.titel,
            verborgen=verbergen,
        )

    routes = [
        RouteWeergave(
            route=o.route,
            geadviseerd=o.geadviseerd,
            voor=[argument(a) for a in o.voor],
            tegen=[argument(a) for a in o.tegen],
        )
        for o in advies.overwegingen
    ]
    i = advies.invoer
    if mag_gezondheid:
        gezondheid = _("ja") if i.gezondheidsbeperking_leren else _("nee")
        toont_gezondheid = True
    else:
        gezondheid = _("verborgen vanwege privacy")
    feiten = [
        (_("Leeftijd"), str(i.leeftijd)),
        (_("Doelgroep"), i.doelgroep.label),
        (_("Leerbaarheidstoets"), i.lbt.label + (f" (score {i.lbt_score})" if i.lbt_score is not None else "")),
        (_("Opleidingsniveau"), i.opleidingsniveau.label),
        (_("Geletterdheid"), i.geletterdheid.label),
        (_("Hoofddoel"), i.ambitie.label),
        (_("Gezondheid beperkt het leren"), str(gezondheid)),
        (
            _("NT2-certificaat of A2-niveau"),
            str(
                _("ja")
                if i.heeft_nt2_of_a2_niveau
                else _("nee")
                if i.heeft_nt2_of_a2_niveau is False
                else _("onbekend")
            ),
        ),
    ]
    return AdviesWeergave(
        route=advies.route,
        samenvatting=advies.samenvatting,
        regelset_versie=advies.regelset_versie,
        routes=routes,
        feiten=feiten,
        toont_gezondheid=toont_gezondheid,
    )
