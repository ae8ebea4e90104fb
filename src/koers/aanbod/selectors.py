"""Reads for the offer: progress against the plan, afschalen, classes and contracts, scoped to the user."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from koers.accounts.roles import GEMEENTE_DOSSIER_ROLLEN, Rol
from koers.dossiers.selectors import dossiers_voor
from koers.utils.clock import vandaag

from . import bronnen
from .models import Contract, Examenresultaat, Inschrijving, Klas, Urenregistratie, Voortgangsgesprek
from .regels import instelbaar, regel

NUL = Decimal("0")
U = Urenregistratie.Soort
LESUREN = (U.TAAL, U.KNM)  # lessons, as opposed to participation activities


def _som(veld: str, voorwaarde: Q | None = None):
    return Coalesce(Sum(veld, filter=voorwaarde), NUL)


def uren_totalen(dossier) -> dict[str, Decimal]:
    """All hour totals of a dossier in one aggregate query. Absence is kept apart and never counts as followed."""
    keurmerk_les = Q(inschrijving__aanbieder_keurmerk=True, soort__in=LESUREN)
    return Urenregistratie.objects.filter(inschrijving__dossier=dossier).aggregate(
        taal=_som("uren_gevolgd", Q(soort=U.TAAL)),
        knm=_som("uren_gevolgd", Q(soort=U.KNM)),
        participatie=_som("uren_gevolgd", Q(soort=U.PARTICIPATIE)),
        gevolgd=_som("uren_gevolgd"),
        geoorloofd_afwezig=_som("uren_geoorloofd_afwezig"),
        ongeoorloofd_afwezig=_som("uren_ongeoorloofd_afwezig"),
        keurmerk_les=_som("uren_gevolgd", keurmerk_les),
        keurmerk_les_in_persoon=_som("in_persoon_uren", keurmerk_les),
    )


@dataclass
class Doel:
    label: str
    gevolgd: Decimal
    doel: int

    @property
    def percentage(self) -> int:
        return min(100, int(self.gevolgd * 100 / self.doel)) if self.doel else 0

    @property
    def bereikt(self) -> bool:
        return self.gevolgd >= self.doel


@dataclass
class Voortgang:
    leerroute: str | None
    totalen: dict[str, Decimal]
    doelen: list[Doel] = field(default_factory=list)
    afschalen: tuple[bool, list[str]] = (False, [])

    @property
    def leerroute_naam(self) -> str:
        return bronnen.ROUTE_NAMEN.get(self.leerroute or "", _("onbekend (nog geen vastgesteld PIP)"))


def afschalen_uit_totalen(leerroute: str | None, totalen: dict[str, Decimal]) -> tuple[bool, list[str]]:
    """Afschalen B1 → A2: B1-route, ≥ 600 lesson hours at keurmerk providers, of which ≥ 50 % in person."""
    hoofdregel = regel("afschalen", vandaag())
    minimum = hoofdregel.parameters["minimum_uren"]
    aandeel_min = hoofdregel.parameters["minimum_aandeel_in_persoon"]
    redenen = []
    if leerroute not in hoofdregel.parameters["leerroutes"]:
        redenen.append(_("Afschalen kan alleen in de B1-route."))
    uren = totalen["keurmerk_les"]
    if uren < minimum:
        redenen.append(
            _("Er zijn %(uren)s lesuren gevolgd bij een aanbieder met keurmerk; nodig is ten minste %(min)s.")
            % {"uren": _getal(uren), "min": minimum}
        )
    if uren and totalen["keurmerk_les_in_persoon"] / uren < aandeel_min:
        redenen.append(
            _("Minder dan de helft van deze uren is fysiek gevolgd (%(pct)s %%).")
            % {"pct": int(totalen["keurmerk_les_in_persoon"] * 100 / uren)}
        )
    return (not redenen, redenen)


def afschalen_mogelijk(dossier) -> tuple[bool, list[str]]:
    """Whether a B1 exam component may be lowered to A2, and if not, why not (in Dutch)."""
    return afschalen_uit_totalen(bronnen.leerroute(dossier), uren_totalen(dossier))


def voortgang(dossier) -> Voortgang:
    """Hours followed against the plan of the dossier's leerroute."""
    route = bronnen.leerroute(dossier)
    totalen = uren_totalen(dossier)
    resultaat = Voortgang(leerroute=route, totalen=totalen, afschalen=afschalen_uit_totalen(route, totalen))
    if route == "z":
        z = regel("z_route_uren", vandaag())
        resultaat.doelen = [
            Doel(_("Taal (inclusief KNM)"), totalen["taal"] + totalen["knm"], instelbaar(z, "taal_uren")),
            Doel(_("Participatie"), totalen["participatie"], instelbaar(z, "participatie_uren")),
        ]
    elif route == "b1":
        afschalen = regel("afschalen", vandaag())
        resultaat.doelen = [
            Doel(
                _("Lesuren bij aanbieder met keurmerk (drempel afschalen)"),
                totalen["keurmerk_les"],
                afschalen.parameters["minimum_uren"],
            )
        ]
    return resultaat


def _getal(waarde: Decimal) -> str:
    return f"{waarde.normalize():f}" if waarde == waarde.to_integral() else f"{waarde:f}"


def inschrijvingen(dossier) -> list[Inschrijving]:
    return list(dossier.inschrijvingen.select_related("ketenpartner", "contract").prefetch_related("klassen"))


def gemiste_gesprekken(dossier) -> list[Voortgangsgesprek]:
    """Signals: conversations marked missed, or planned in the past and never held."""
    return list(
        dossier.voortgangsgesprekken.filter(
            Q(status=Voortgangsgesprek.Status.GEMIST)
            | Q(status=Voortgangsgesprek.Status.GEPLAND, gepland_op__lt=vandaag())
        )
    )


def klassen_voor(user) -> QuerySet[Klas]:
    """Classes a user may enter hours for: a provider's own classes; for the gemeente, classes of its gemeente or
    with a participant whose dossier is in scope."""
    qs = Klas.objects.select_related("ketenpartner", "gemeente")
    if not user.is_authenticated:
        return qs.none()
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return qs.filter(ketenpartner_id=user.ketenpartner_id)
    if user.rol in GEMEENTE_DOSSIER_ROLLEN:
        lid_in_scope = Klas.leden.through.objects.filter(
            klas_id=OuterRef("pk"), inschrijving__dossier__in=dossiers_voor(user)
        )
        return qs.filter(Q(gemeente_id=user.gemeente_id) | Exists(lid_in_scope))
    return qs.none()


def klasleden(user, klas: Klas) -> list[Inschrijving]:
    """The class members whose dossier the user may see, with person, ordered by name."""
    return list(
        klas.leden.filter(dossier__in=dossiers_voor(user))
        .select_related("dossier__inburgeraar")
        .order_by("dossier__inburgeraar__achternaam", "pk")
    )


def klassen_voor_inschrijving(user, inschrijving: Inschrijving) -> list[Klas]:
    """The classes an enrolment can be placed in: of its provider and product, of the dossier's gemeente or of no
    gemeente, with their number of participants; a provider's staff only for its own enrolments."""
    if inschrijving.ketenpartner_id is None:
        return []
    if user.rol == Rol.KETENPARTNER_MEDEWERKER and user.ketenpartner_id != inschrijving.ketenpartner_id:
        return []
    return list(
        Klas.objects.filter(ketenpartner_id=inschrijving.ketenpartner_id, product=inschrijving.product)
        .filter(Q(gemeente__isnull=True) | Q(gemeente_id=inschrijving.dossier.gemeente_id))
        .select_related("ketenpartner", "gemeente")
        .annotate(aantal_deelnemers=Count("leden"))
        .order_by("naam", "pk")
    )


def plaatsbare_inschrijvingen(user, klas: Klas) -> QuerySet[Inschrijving]:
    """Open enrolments in scope with the class's provider and product that are not in it yet, ordered by name; for
    the gemeente only its own dossiers (and those of the class's gemeente)."""
    qs = (
        inschrijvingen_voor(user)
        .filter(ketenpartner_id=klas.ketenpartner_id, product=klas.product)
        .exclude(status__in=[Inschrijving.Status.AFGEROND, Inschrijving.Status.AFGEBROKEN])
        .exclude(klassen=klas)
    )
    if klas.gemeente_id is not None:
        qs = qs.filter(dossier__gemeente_id=klas.gemeente_id)
    if user.rol != Rol.KETENPARTNER_MEDEWERKER:
        qs = qs.filter(dossier__gemeente_id=user.gemeente_id)
    return qs.prefetch_related("klassen").order_by(
        "dossier__inburgeraar__achternaam", "dossier__inburgeraar__voornamen", "pk"
    )


def contracten_voor(user) -> QuerySet[Contract]:
    """Contracts of the user's gemeente, directly or through one of its regio's."""
    qs = Contract.objects.select_related("ketenpartner", "gemeente", "regio")
    if user.rol == Rol.REGIOCOORDINATOR:
        return qs.filter(Q(regio_id=user.regio_id) | Q(gemeente__regios=user.regio_id)).distinct()
    if user.gemeente_id:
        return qs.filter(Q(gemeente_id=user.gemeente_id) | Q(regio__gemeenten=user.gemeente_id)).distinct()
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return qs.filter(ketenpartner_id=user.ketenpartner_id)
    return qs.none()


def inschrijvingen_zonder_uren(periode, *, gemeente_ids) -> QuerySet[Inschrijving]:
    """System read for the daily signals: started enrolments of open dossiers in these gemeenten, started by
    the end of the month ``periode`` (its first day), without any hours recorded for that month."""
    einde = periode.replace(day=calendar.monthrange(periode.year, periode.month)[1])
    uren = Urenregistratie.objects.filter(inschrijving=OuterRef("pk"), periode=periode)
    return (
        Inschrijving.objects.filter(
            status=Inschrijving.Status.GESTART, gestart_op__lte=einde, dossier__gemeente_id__in=gemeente_ids
        )
        .exclude(dossier__status="afgerond")
        .exclude(Exists(uren))
        .order_by("id")
    )


def _inschrijvingen_in_scope(user) -> QuerySet[Inschrijving]:
    qs = Inschrijving.objects.filter(dossier__in=dossiers_voor(user))
    if user.is_authenticated and user.rol == Rol.KETENPARTNER_MEDEWERKER:
        qs = qs.filter(ketenpartner_id=user.ketenpartner_id)
    return qs


def inschrijvingen_voor(user) -> QuerySet[Inschrijving]:
    """Enrolments of dossiers in scope; a provider sees only its own enrolments (of dossiers shared with it)."""
    return _inschrijvingen_in_scope(user).select_related("dossier__inburgeraar", "dossier__gemeente", "ketenpartner")


def urenregistraties_voor(user) -> QuerySet[Urenregistratie]:
    """Hours of the enrolments ``inschrijvingen_voor(user)`` shows."""
    return Urenregistratie.objects.filter(inschrijving__in=_inschrijvingen_in_scope(user)).select_related(
        "inschrijving__dossier"
    )


def examenresultaten_voor(user) -> QuerySet[Examenresultaat]:
    """Exam results of dossiers in scope; a provider sees those of its own students only."""
    qs = Examenresultaat.objects.filter(dossier__in=dossiers_voor(user))
    if user.is_authenticated and user.rol == Rol.KETENPARTNER_MEDEWERKER:
        eigen = Inschrijving.objects.filter(dossier_id=OuterRef("dossier_id"), ketenpartner_id=user.ketenpartner_id)
        qs = qs.filter(Exists(eigen))
    return qs.select_related("dossier", "ingevoerd_door__ketenpartner")


def voortgangsgesprekken_voor(user) -> QuerySet[Voortgangsgesprek]:
    """The gemeente's progress conversations of dossiers in scope; never a provider's (notes are the gemeente's)."""
    if not user.is_authenticated or user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return Voortgangsgesprek.objects.none()
    return Voortgangsgesprek.objects.filter(dossier__in=dossiers_voor(user)).select_related("dossier")
