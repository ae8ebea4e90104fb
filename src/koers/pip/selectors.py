"""Reads of PIPs. Callers pass a dossier they got from dossiers.selectors (already scoped to the user)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from koers.accounts.models import Gemeente
from koers.dossiers.models import Dossier
from koers.dossiers.selectors import dossiers_voor

from .models import PIP, Bezwaar, PIPInstelling, PIPOnderdeel, PIPStatus


def geldend_pip(dossier: Dossier) -> PIP | None:
    """The PIP in force: the latest vastgestelde one (earlier versions are 'vervangen')."""
    return (
        PIP.objects.filter(dossier=dossier, status=PIPStatus.VASTGESTELD)
        .prefetch_related("onderdelen")
        .order_by("-volgnummer")
        .first()
    )


def eerste_pip(dossier: Dossier) -> PIP | None:
    """The first vastgestelde PIP; its dagtekening starts the inburgeringstermijn (Wi2021 art. 11).

    A first PIP that was withdrawn and replaced still counts (art. 11 lid 3), unless it was withdrawn because its
    dagtekening was wrong: then the replacing beschikking is the first (docs/pip.md, "Intrekking en rectificatie")."""
    return (
        PIP.objects.filter(
            dossier=dossier, status__in=[PIPStatus.VASTGESTELD, PIPStatus.VERVANGEN, PIPStatus.INGETROKKEN]
        )
        .exclude(correcties__soort="intrekking", correcties__grond="onjuiste_dagtekening")
        .order_by("volgnummer")
        .first()
    )


def open_pip(dossier: Dossier) -> PIP | None:
    """The concept (or one awaiting approval) of this dossier, if any."""
    return PIP.objects.filter(dossier=dossier, status__in=["concept", "ter_goedkeuring", "goedgekeurd"]).first()


def pips_van(dossier: Dossier) -> list[PIP]:
    """All versions of the dossier's PIP, newest first, with their parts and objections."""
    return list(
        PIP.objects.filter(dossier=dossier)
        .select_related("goedgekeurd_door", "vastgesteld_door", "opgesteld_door")
        .prefetch_related(
            "onderdelen",
            "correcties",
            Prefetch("bezwaren", queryset=Bezwaar.objects.order_by("-ontvangen_op")),
        )
        .order_by("-volgnummer")
    )


def pip_van(dossier: Dossier, pk: int) -> PIP:
    """One PIP of a dossier, or 404 (the dossier itself was already scoped)."""
    try:
        return (
            PIP.objects.select_related(
                "dossier__inburgeraar", "dossier__gemeente", "goedgekeurd_door", "vastgesteld_door"
            )
            .prefetch_related("onderdelen")
            .get(dossier=dossier, pk=pk)
        )
    except PIP.DoesNotExist as exc:
        raise Http404 from exc


def bezwaar_van(dossier: Dossier, pk: int) -> Bezwaar:
    try:
        return Bezwaar.objects.select_related("pip").get(pip__dossier=dossier, pk=pk)
    except Bezwaar.DoesNotExist as exc:
        raise Http404 from exc


def bezwaren_van(dossier: Dossier) -> list[Bezwaar]:
    return list(Bezwaar.objects.filter(pip__dossier=dossier).select_related("pip").order_by("-ontvangen_op", "-id"))


def onderdelen(pip: PIP) -> list[PIPOnderdeel]:
    return list(pip.onderdelen.all())


def goedkeuringen_voor(user) -> QuerySet[PIP]:
    """PIPs awaiting approval in the user's scope, oldest request first."""
    return (
        PIP.objects.filter(dossier__in=dossiers_voor(user), status=PIPStatus.TER_GOEDKEURING)
        .select_related("dossier__inburgeraar", "ingediend_door", "opgesteld_door")
        .order_by("ingediend_op", "id")
    )


def instelling_voor(gemeente: Gemeente) -> PIPInstelling:
    """The gemeente's PIP settings, or the defaults (unsaved) when functioneel beheer has not set them."""
    return PIPInstelling.objects.filter(gemeente=gemeente).first() or PIPInstelling(gemeente=gemeente)
