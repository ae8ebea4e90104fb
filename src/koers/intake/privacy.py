"""Health data (special category, AVG art. 9) in the route advice and in every text made from it.

One place decides what a user without the health right sees, for the intake advice page, the PIP pages and the
beschikking PDF: arguments the engine marks ``categorie == GEZONDHEID`` are left out — never replaced one by one,
so the shape of what is shown does not reveal whether a health fact exists — and a fixed notice says that such
arguments may have been left out. ``toont_gezondheid`` tells the caller to log the read as "gezondheid".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .advies import Advies, Leerroute
from .advies.engine import GEZONDHEID

VERBORGEN_MELDING = gettext_lazy(
    "Argumenten die rusten op gegevens over de gezondheid (bijzondere persoonsgegevens) zijn verborgen vanwege "
    "privacy; alleen de eigen klantmanager en de teamleider zien ze."
)
# In a copy of the beschikking for staff without the health right; the letter sent to the inburgeraar is complete.
NEUTRALE_FORMULERING = gettext_lazy(
    "Om redenen die betrekking hebben op uw persoonlijke omstandigheden (bijzondere persoonsgegevens) zijn "
    "onderdelen van deze motivering in dit afschrift weggelaten. Het besluit dat aan de inburgeraar is verzonden, "
    "bevat de volledige motivering."
)


def is_gezondheid(argument) -> bool:
    return getattr(argument, "categorie", "") == GEZONDHEID


@dataclass(frozen=True)
class ArgumentWeergave:
    tekst: str
    bron: str
    regel: str
    titel: str


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
    gezondheid_verborgen: bool
    voorlopig: bool
    voorlopig_reden: str


def samenvatting_voor(advies: Advies, *, mag_gezondheid: bool) -> str:
    """The advice's one sentence; without the health right, only the route when the sentence rests on health."""
    if mag_gezondheid or advies.samenvatting_categorie != GEZONDHEID:
        return advies.samenvatting
    voorvoegsel = _("Voorlopig advies") if advies.voorlopig else _("Advies")
    return f"{voorvoegsel}: {advies.route.label}."


def advies_voor_weergave(advies: Advies, *, mag_gezondheid: bool) -> AdviesWeergave:
    def argumenten(lijst) -> list[ArgumentWeergave]:
        return [
            ArgumentWeergave(
                tekst=a.tekst,
                bron=str(a.regel.bron),
                regel=f"{a.regel.code}, versie {a.regel.versie}, geldig vanaf {a.regel.geldig_vanaf:%d-%m-%Y}",
                titel=a.regel.titel,
            )
            for a in lijst
            if mag_gezondheid or not is_gezondheid(a)
        ]

    routes = [
        RouteWeergave(route=o.route, geadviseerd=o.geadviseerd, voor=argumenten(o.voor), tegen=argumenten(o.tegen))
        for o in advies.overwegingen
    ]
    i = advies.invoer
    if mag_gezondheid:
        gezondheid = _("ja") if i.gezondheidsbeperking_leren else _("nee")
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
        samenvatting=samenvatting_voor(advies, mag_gezondheid=mag_gezondheid),
        regelset_versie=advies.regelset_versie,
        routes=routes,
        feiten=feiten,
        toont_gezondheid=mag_gezondheid,  # the facts always show the health answer (ja or nee) to those allowed
        gezondheid_verborgen=not mag_gezondheid,
        voorlopig=advies.voorlopig,
        voorlopig_reden=advies.voorlopig_reden,
    )


# Texts made from the advice (the PIP's "waarom deze leerroute", the beschikking)


def gezondheidsteksten(adviezen: Iterable[Advies]) -> set[str]:
    """Every wording in these advices that reveals or rests on health data."""
    teksten = set()
    for advies in adviezen:
        if advies.samenvatting_categorie == GEZONDHEID:
            teksten.add(advies.samenvatting)
        for overweging in advies.overwegingen:
            teksten.update(a.tekst for a in overweging.voor + overweging.tegen if is_gezondheid(a))
    return teksten


def adviezen_van_dossier(dossier) -> list[Advies]:
    from .models import RouteAdvies

    return [r.advies for r in RouteAdvies.objects.filter(intake__dossier=dossier)]


@dataclass(frozen=True)
class MotiveringWeergave:
    tekst: str
    toont_gezondheid: bool  # the text shown contains a health wording: log the read as "gezondheid"
    gezondheid_verborgen: bool  # the user lacks the right: show the fixed notice (whether or not text was removed)

    @property
    def alineas(self) -> list[str]:
        return [a for a in self.tekst.split("\n\n") if a.strip()]


def motivering_voor_weergave(tekst: str, *, dossier, mag_gezondheid: bool) -> MotiveringWeergave:
    """A text copied from the advice (PIP motivering), with every line holding a health wording removed for users
    without the right. Free text the klantmanager typed is theirs to word; the form asks not to name health."""
    gevoelig = gezondheidsteksten(adviezen_van_dossier(dossier))

    def is_gevoelig(regel: str) -> bool:
        return any(t in regel for t in gevoelig)

    regels = tekst.split("\n")
    bevat = any(is_gevoelig(r) for r in regels)
    if mag_gezondheid:
        return MotiveringWeergave(tekst=tekst, toont_gezondheid=bevat, gezondheid_verborgen=False)
    alineas = []
    for alinea in tekst.split("\n\n"):
        over = [r for r in alinea.split("\n") if not is_gevoelig(r)]
        if any(r.strip() for r in over):
            alineas.append("\n".join(over))
    return MotiveringWeergave(tekst="\n\n".join(alineas), toont_gezondheid=False, gezondheid_verborgen=True)
