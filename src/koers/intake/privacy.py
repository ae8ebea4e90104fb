"""Health data (special category, AVG art. 9) in the route advice, the leerbaarheidstoets and every text made from
them.

One place decides what a user without the health right sees, for the intake pages, the PIP pages and the
beschikking PDF: arguments the engine marks ``categorie == GEZONDHEID`` are left out — never replaced one by one,
so the shape of what is shown does not reveal whether a health fact exists — and a fixed notice says that such
arguments may have been left out. ``toont_gezondheid`` tells the caller to log the read as "gezondheid".

The LBT dispensation rests on a visual or auditive impairment: without the right, its ground (and the outcome's
label naming the impairments) is replaced by one neutral statement, ``DISPENSATIE_VERBORGEN``. The dossier timeline,
read by everyone with access to the dossier, gets only neutral wording (``tijdlijn_samenvatting``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .advies import Advies, LbtUitkomst, Leerroute
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


DISPENSATIE_VERBORGEN = gettext_lazy("Dispensatie van de leerbaarheidstoets (grond verborgen vanwege privacy)")
GROND_ALLEEN_MET_RECHT = gettext_lazy(
    "Alleen de eigen klantmanager en de teamleider leggen de grond van een dispensatie vast."
)
LBT_INLEIDING = gettext_lazy(
    "Leg de uitkomst vast, of de dispensatie die de gemeente verleende bij een visuele of auditieve beperking, of "
    "dat de toets (nog) niet is afgenomen."
)
LBT_INLEIDING_NEUTRAAL = gettext_lazy(
    "Leg de uitkomst vast, of de dispensatie die de gemeente verleende, of dat de toets (nog) niet is afgenomen."
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


def samenvatting_toont_gezondheid(advies: Advies, *, mag_gezondheid: bool) -> bool:
    """Whether ``samenvatting_voor`` shows this user a health-based sentence (log the read as "gezondheid")."""
    return mag_gezondheid and advies.samenvatting_categorie == GEZONDHEID


# The leerbaarheidstoets


def lbt_uitkomst_tekst(uitkomst: LbtUitkomst | str, *, mag_gezondheid: bool) -> str:
    """The outcome's label; without the right, a dispensation (whose label names the impairments) reads neutrally."""
    uitkomst = LbtUitkomst(uitkomst)
    if uitkomst is LbtUitkomst.DISPENSATIE and not mag_gezondheid:
        return str(DISPENSATIE_VERBORGEN)
    return _(uitkomst.label)


def lbt_keuzes(*, mag_gezondheid: bool) -> list[tuple[str, str]]:
    return [(u.value, lbt_uitkomst_tekst(u, mag_gezondheid=mag_gezondheid)) for u in LbtUitkomst]


def lbt_inleiding(*, mag_gezondheid: bool) -> str:
    return str(LBT_INLEIDING if mag_gezondheid else LBT_INLEIDING_NEUTRAAL)


LBT_FORMULIERVELDEN = (
    "uitkomst",
    "score",
    "datum",
    "afgenomen_in",
    "dispensatie_grond",
    "besluit_datum",
    "toelichting",
)


def lbt_formulierwaarden(toets, *, mag_gezondheid: bool) -> dict:
    """The recorded LBT as the form shows it to this user: without the health right, a dispensation's ground and
    explanation stay out (the service keeps them and adds what this user types)."""
    waarden = {veld: getattr(toets, veld) for veld in LBT_FORMULIERVELDEN} | {"versie": toets.versie}
    if not mag_gezondheid:
        waarden["dispensatie_grond"] = ""
        if LbtUitkomst(toets.uitkomst) is LbtUitkomst.DISPENSATIE:
            waarden["toelichting"] = ""
    return waarden


def lbt_voor_weergave(toets, *, mag_gezondheid: bool) -> tuple[str, bool]:
    """A recorded LBT (``Leerbaarheidstoets``) as text, and whether that text shows health data (log the read)."""
    uitkomst = LbtUitkomst(toets.uitkomst)
    if uitkomst is not LbtUitkomst.DISPENSATIE:
        return _(uitkomst.label), False
    if not mag_gezondheid:
        return str(DISPENSATIE_VERBORGEN), False
    if not toets.dispensatie_grond:
        return _(uitkomst.label), True
    grond = toets.get_dispensatie_grond_display()
    tekst = _("Dispensatie van de leerbaarheidstoets (%(grond)s)") % {"grond": grond[0].lower() + grond[1:]}
    return tekst, True


# The route advice


def tijdlijn_samenvatting(advies: Advies) -> str:
    """The advice's sentence for the dossier timeline, which every user with access reads unlogged: neutral."""
    return samenvatting_voor(advies, mag_gezondheid=False)


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
        (
            _("Leerbaarheidstoets"),
            lbt_uitkomst_tekst(i.lbt, mag_gezondheid=mag_gezondheid)
            + (f" (score {i.lbt_score})" if i.lbt_score is not None else ""),
        ),
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
    return adviezen_per_dossier([dossier.pk]).get(dossier.pk, [])


def adviezen_per_dossier(dossier_ids) -> dict[int, list[Advies]]:
    """The stored advices of several dossiers in one query (for lists that show motivations)."""
    from .models import RouteAdvies

    uit: dict[int, list[Advies]] = {}
    for r in RouteAdvies.objects.filter(intake__dossier_id__in=list(dossier_ids)).select_related("intake"):
        uit.setdefault(r.intake.dossier_id, []).append(r.advies)
    return uit


@dataclass(frozen=True)
class MotiveringWeergave:
    tekst: str
    toont_gezondheid: bool  # the text shown contains a health wording: log the read as "gezondheid"
    gezondheid_verborgen: bool  # the user lacks the right: show the fixed notice (whether or not text was removed)

    @property
    def alineas(self) -> list[str]:
        return [a for a in self.tekst.split("\n\n") if a.strip()]


def motivering_voor_weergave(
    tekst: str, *, dossier, mag_gezondheid: bool, adviezen: Iterable[Advies] | None = None
) -> MotiveringWeergave:
    """A text copied from the advice (PIP motivering), with every line holding a health wording removed for users
    without the right. Free text the klantmanager typed is theirs to word; the form asks not to name health."""
    gevoelig = gezondheidsteksten(adviezen_van_dossier(dossier) if adviezen is None else adviezen)

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
