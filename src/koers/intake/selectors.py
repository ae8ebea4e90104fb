"""Reads for the brede intake. Callers pass a dossier they got from dossiers.selectors (already scoped)."""

from __future__ import annotations

import datetime as dt

from koers.dossiers.models import Dossier
from koers.utils.clock import vandaag

from .models import (
    BredeIntake,
    Ontheffing,
    RouteAdvies,
    RouteBesluit,
    SanctieVoorstel,
    Vraag,
    Vragenlijst,
    Vrijstelling,
)


def geldende_vragenlijst(op: dt.date | None = None) -> Vragenlijst | None:
    """The active questionnaire version in force on a date: the latest active one whose geldig_vanaf has come."""
    return (
        Vragenlijst.objects.filter(status=Vragenlijst.Status.ACTIEF, geldig_vanaf__lte=op or vandaag())
        .order_by("-geldig_vanaf", "-nummer")
        .first()
    )


def intake_van(dossier: Dossier) -> BredeIntake | None:
    return (
        BredeIntake.objects.select_related("vragenlijst", "afgerond_door", "gestart_door")
        .filter(dossier=dossier)
        .first()
    )


def vragen(intake: BredeIntake, *, met_gezondheid: bool) -> list[Vraag]:
    """The questions this user may see, filtered in Python so a list with prefetched questions costs no query."""
    return [v for v in intake.vragenlijst.vragen.all() if met_gezondheid or not v.is_gezondheid]


def antwoorden(intake: BredeIntake) -> dict[str, object]:
    """Answers keyed by question code (all of them: callers decide what to show). Uses prefetched answers (with
    ``antwoorden__vraag``) when a list prefetched them, otherwise one query."""
    if "antwoorden" in getattr(intake, "_prefetched_objects_cache", {}):
        return {a.vraag.code: a.waarde for a in intake.antwoorden.all()}
    return dict(intake.antwoorden.values_list("vraag__code", "waarde"))


def geldende_examenbesluiten(dossier: Dossier, soort: str) -> list[Vrijstelling] | list[Ontheffing]:
    """The vrijstellingen (``soort="vrijstelling"``) or ontheffingen of a dossier still in force: withdrawn ones
    no longer count (the intake page still lists them, marked withdrawn)."""
    model = Vrijstelling if soort == "vrijstelling" else Ontheffing
    return list(model.objects.geldend().filter(intake__dossier=dossier))


def gesprekken(intake: BredeIntake):
    return list(intake.gesprekken.prefetch_related("uitnodigingen"))


def laatste_advies(intake: BredeIntake) -> RouteAdvies | None:
    return intake.adviezen.select_related("gemaakt_door").first()


def besluiten(intake: BredeIntake) -> list[RouteBesluit]:
    return list(intake.besluiten.select_related("advies", "besloten_door"))


def sanctievoorstellen(intake: BredeIntake) -> list[SanctieVoorstel]:
    return list(intake.sanctievoorstellen.select_related("besloten_door").prefetch_related("gronden__gesprek"))


def routebesluit(dossier: Dossier) -> RouteBesluit | None:
    """The latest route decision of a dossier, with its advice (``.advies.advies`` is the engine's Advies)."""
    return (
        RouteBesluit.objects.filter(intake__dossier=dossier)
        .select_related("advies", "besloten_door", "intake")
        .order_by("-besloten_op", "-id")
        .first()
    )
