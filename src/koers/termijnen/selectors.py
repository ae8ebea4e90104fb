"""Reads of deadlines: per dossier, and the worklists (one aggregate query for counts, keyset pages for rows)."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _

from koers.accounts.roles import Rol
from koers.dossiers.models import Dossier
from koers.utils.clock import vandaag

from .engine import berekening as eng
from .models import VENSTERSOORTEN, Termijn, Termijnsoort

BINNENKORT_DAGEN = 14
GROEPEN = ("verlopen", "binnenkort", "later")
SORTERINGEN = ("datum", "soort")


def termijnen_voor_dossier(dossier: Dossier) -> list[Termijn]:
    """The dossier's stored deadlines, earliest first (the dossier has already been scoped by the caller)."""
    return list(Termijn.objects.filter(dossier=dossier).order_by("datum", "id"))


def inburgeringstermijn(dossier: Dossier) -> Termijn | None:
    """The dossier's inburgeringstermijn (begindatum = start, datum = end), or None before the first PIP."""
    return Termijn.objects.filter(dossier=dossier, soort=Termijnsoort.INBURGERINGSTERMIJN).first()


def schakelen_toegestaan(dossier: Dossier, *, van_route: str, naar_route: str, op: dt.date) -> tuple[bool, str]:
    """Whether the leerroute may be switched on ``op``, with a plain-Dutch explanation citing the rule."""
    from .services import gelijkgestelde_dagen

    termijn = inburgeringstermijn(dossier)
    if termijn is None:
        return True, _("Er loopt nog geen inburgeringstermijn (die begint na het eerste PIP); de leerroute is vrij.")
    extra = gelijkgestelde_dagen()
    venster = eng.schakel_deadline(termijn_start=termijn.begindatum, extra_vrije_dagen=extra)
    mag = eng.schakelen_toegestaan(
        termijn_start=termijn.begindatum, op=op, van_route=van_route, naar_route=naar_route, extra_vrije_dagen=extra
    )
    bron = f"{venster.regel.titel} ({venster.regel.bron})"
    if mag and (van_route, naar_route) in venster.regel.parameters["altijd_toegestaan"]:
        return True, _("Van onderwijsroute naar B1-route mag altijd. %(bron)s.") % {"bron": bron}
    tekst = {"tot": eng.datum_nl(venster.datum), "op": eng.datum_nl(op), "uitleg": venster.uitleg, "bron": bron}
    if mag:
        return True, _("Schakelen mag tot en met %(tot)s. %(uitleg)s %(bron)s.") % tekst
    return False, _("Schakelen kon tot en met %(tot)s; op %(op)s is dat te laat. %(uitleg)s %(bron)s.") % tekst


# --- worklists -------------------------------------------------------------------------------------------------


def grenzen(op: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Today and the last day of 'binnen 2 weken'."""
    vandaag_ = op or vandaag()
    return vandaag_, vandaag_ + dt.timedelta(days=BINNENKORT_DAGEN)


def _open_in_scope(user, *, klantmanager_id: int | None = None, zonder_klantmanager: bool = False) -> QuerySet[Termijn]:
    """Open deadlines the user acts on: gemeente roles see their gemeente's, a klantmanager only their own.

    A teamleider can narrow them to one klantmanager, or to dossiers without a klantmanager.

    Uses the denormalised columns so the index (klantmanager|gemeente, status, datum) serves the query; the
    scoping is the same as ``dossiers_voor`` (own gemeente), and the gemeente is always part of the filter.
    """
    if not user.is_authenticated or user.rol not in (Rol.KLANTMANAGER, Rol.TEAMLEIDER) or not user.gemeente_id:
        return Termijn.objects.none()
    today = vandaag()
    qs = Termijn.objects.filter(gemeente_id=user.gemeente_id, status=Termijn.Status.OPEN)
    if user.rol == Rol.KLANTMANAGER:
        qs = qs.filter(klantmanager_id=user.pk)
    elif zonder_klantmanager:
        qs = qs.filter(klantmanager__isnull=True)
    elif klantmanager_id is not None:
        qs = qs.filter(klantmanager_id=klantmanager_id)
    # A closed window (schakelen, ontzorgen) is not an action any more; the daily job marks it vervallen.
    # Deadlines of a closed dossier are vervallen already (services.synchroniseer_dossier): no join needed.
    return qs.exclude(soort__in=VENSTERSOORTEN, datum__lt=today)


def _groep_q(groep: str, op: dt.date | None = None) -> Q:
    today, grens = grenzen(op)
    return {
        "verlopen": Q(datum__lt=today),
        "binnenkort": Q(datum__gte=today, datum__lte=grens),
        "later": Q(datum__gt=grens),
    }[groep]


@dataclass
class Tellingen:
    per_soort: list[dict]  # {"soort", "label", "verlopen", "binnenkort", "later", "totaal"}
    totaal: dict[str, int]


def _tel(qs: QuerySet[Termijn], *sleutels: str) -> QuerySet:
    return qs.values(*sleutels).annotate(
        verlopen=Count("id", filter=_groep_q("verlopen")),
        binnenkort=Count("id", filter=_groep_q("binnenkort")),
        later=Count("id", filter=_groep_q("later")),
    )


def _in_week(qs: QuerySet[Termijn], week: dt.date | None) -> QuerySet[Termijn]:
    """Only deadlines in the week starting on ``week`` (a Monday), when given."""
    if week is None:
        return qs
    return qs.filter(datum__gte=week, datum__lte=week + dt.timedelta(days=6))


def actie_tellingen(
    user, *, klantmanager_id: int | None = None, zonder_klantmanager: bool = False, week: dt.date | None = None
) -> Tellingen:
    """Counts per deadline kind and group, in one GROUP BY query."""
    scope = _open_in_scope(user, klantmanager_id=klantmanager_id, zonder_klantmanager=zonder_klantmanager)
    qs = _in_week(scope, week)
    rijen = {r["soort"]: r for r in _tel(qs, "soort")}
    per_soort = []
    for soort, label in Termijnsoort.choices:
        r = rijen.get(soort, {"verlopen": 0, "binnenkort": 0, "later": 0})
        per_soort.append(
            {"soort": soort, "label": label, **{g: r[g] for g in GROEPEN}, "totaal": sum(r[g] for g in GROEPEN)}
        )
    totaal = {g: sum(r[g] for r in per_soort) for g in GROEPEN}
    return Tellingen(per_soort=per_soort, totaal=totaal)


@dataclass
class ActiePagina:
    items: list[Termijn]
    volgende: str | None  # cursor for the next page


def _sleutel(t: Termijn, sorteer: str) -> str:
    return f"{t.soort}|{t.datum.isoformat()}|{t.pk}" if sorteer == "soort" else f"{t.datum.isoformat()}|{t.pk}"


def _na_cursor(cursor: str, sorteer: str) -> Q | None:
    """Rows after the cursor in the sort order (keyset): cheap at any depth."""
    try:
        delen = cursor.split("|")
        if sorteer == "soort":
            soort, datum, pk = delen[0], dt.date.fromisoformat(delen[1]), int(delen[2])
            return Q(soort__gt=soort) | Q(soort=soort, datum__gt=datum) | Q(soort=soort, datum=datum, id__gt=pk)
        datum, pk = dt.date.fromisoformat(delen[0]), int(delen[1])
        return Q(datum__gt=datum) | Q(datum=datum, id__gt=pk)
    except (ValueError, IndexError):
        return None


def acties(
    user,
    *,
    groep: str,
    soort: str = "",
    sorteer: str = "datum",
    na: str = "",
    grootte: int = 25,
    klantmanager_id: int | None = None,
    zonder_klantmanager: bool = False,
    week: dt.date | None = None,
) -> ActiePagina:
    """One page of open deadlines in a group, with dossier and person in the same query."""
    scope = _open_in_scope(user, klantmanager_id=klantmanager_id, zonder_klantmanager=zonder_klantmanager)
    qs = _in_week(scope, week).filter(_groep_q(groep))
    if soort in Termijnsoort.values:
        qs = qs.filter(soort=soort)
    sorteer = sorteer if sorteer in SORTERINGEN else "datum"
    if na and (voorwaarde := _na_cursor(na, sorteer)) is not None:
        qs = qs.filter(voorwaarde)
    volgorde = ("soort", "datum", "id") if sorteer == "soort" else ("datum", "id")
    rijen = list(qs.select_related("dossier__inburgeraar", "klantmanager").order_by(*volgorde)[: grootte + 1])
    volgende = _sleutel(rijen[grootte - 1], sorteer) if len(rijen) > grootte else None
    return ActiePagina(items=rijen[:grootte], volgende=volgende)


def team_overzicht(user) -> list[dict]:
    """Per klantmanager of the teamleider's gemeente: open deadlines overdue / within 2 weeks / later (1 query).

    Deadlines of dossiers without a klantmanager form one row of their own, ``klantmanager_id`` None.
    """
    if not user.is_authenticated or user.rol != Rol.TEAMLEIDER:
        return []
    rijen = _tel(
        _open_in_scope(user),
        "klantmanager_id",
        "klantmanager__first_name",
        "klantmanager__last_name",
        "klantmanager__username",
    )
    resultaat = []
    for r in rijen:
        if r["klantmanager_id"] is None:
            naam = _("Zonder klantmanager")
        else:
            volledig = f"{r['klantmanager__first_name']} {r['klantmanager__last_name']}".strip()
            naam = volledig or r["klantmanager__username"]
        resultaat.append(
            {
                "klantmanager_id": r["klantmanager_id"],
                "naam": naam,
                **{g: r[g] for g in GROEPEN},
            }
        )
    return sorted(resultaat, key=lambda r: (-r["verlopen"], -r["binnenkort"], r["naam"]))


def dreigend_te_verlopen(*, van: dt.date, tot: dt.date, gemeente_ids) -> QuerySet[Termijn]:
    """System read for the daily signals: open deadlines due from ``van`` to ``tot`` in these gemeenten.

    Deadlines of a closed dossier are vervallen already (services.synchroniseer_dossier): no join needed.
    """
    return Termijn.objects.filter(
        status=Termijn.Status.OPEN, datum__gte=van, datum__lte=tot, gemeente_id__in=gemeente_ids
    ).order_by("datum", "id")


# --- PIP deadlines per week: a DUO batch shows as a surge ------------------------------------------------------

WEKEN_VOORUIT = 12
# A week is a surge ("piek") when it holds at least PIEK_FACTOR times the usual number of PIP deadlines per week
# (the median of the weeks shown, so the surge itself does not raise 'usual') and at least PIEK_MINIMUM of them.
# Both are settings (TERMIJNEN_PIEK_FACTOR, TERMIJNEN_PIEK_MINIMUM): a large gemeente may want other values.
PIEK_FACTOR = 2.0
PIEK_MINIMUM = 10


@dataclass
class Week:
    begin: dt.date  # Monday
    aantal: int
    piek: bool

    @property
    def einde(self) -> dt.date:
        return self.begin + dt.timedelta(days=6)


@dataclass
class WeekOverzicht:
    weken: list[Week]
    gewoon: float  # median per week
    drempel: int  # from this many a week is a surge

    @property
    def pieken(self) -> list[Week]:
        return [w for w in self.weken if w.piek]

    @property
    def totaal(self) -> int:
        return sum(w.aantal for w in self.weken)


def maandag(datum: dt.date) -> dt.date:
    return datum - dt.timedelta(days=datum.weekday())


def pip_termijnen_per_week(user, *, op: dt.date | None = None, weken: int = WEKEN_VOORUIT) -> WeekOverzicht:
    """Open 'PIP vaststellen' deadlines per week from this week on (the user's scope), in one GROUP BY query."""
    begin = maandag(op or vandaag())
    einde = begin + dt.timedelta(days=7 * weken - 1)
    qs = _open_in_scope(user).filter(soort=Termijnsoort.PIP_VASTSTELLEN, datum__gte=begin, datum__lte=einde)
    per_week = {
        (r["week"].date() if isinstance(r["week"], dt.datetime) else r["week"]): r["aantal"]
        for r in qs.annotate(week=TruncWeek("datum")).values("week").annotate(aantal=Count("id")).order_by()
    }
    aantallen = [per_week.get(begin + dt.timedelta(weeks=i), 0) for i in range(weken)]
    gewoon = float(statistics.median(aantallen)) if aantallen else 0.0
    factor = getattr(settings, "TERMIJNEN_PIEK_FACTOR", PIEK_FACTOR)
    drempel = max(getattr(settings, "TERMIJNEN_PIEK_MINIMUM", PIEK_MINIMUM), math.ceil(factor * gewoon))
    return WeekOverzicht(
        weken=[
            Week(begin=begin + dt.timedelta(weeks=i), aantal=n, piek=n >= drempel and n > gewoon)
            for i, n in enumerate(aantallen)
        ],
        gewoon=gewoon,
        drempel=drempel,
    )
