"""Reads for functioneel beheer (and the API): subscriptions, events and deliveries of the user's own gemeente.

No personal data is shown here (events carry ids and links only), so these reads are not in the access log.
"""

from __future__ import annotations

import uuid

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from koers.utils.pagination import KeysetPagina, keyset_pagina

from .models import Abonnement, Bezorging, Gebeurtenis, Poging
from .permissions import mag_abonnementen_beheren


def abonnementen_voor(user) -> QuerySet[Abonnement]:
    """The subscriptions of the user's gemeente (none for other roles)."""
    if not mag_abonnementen_beheren(user):
        return Abonnement.objects.none()
    return Abonnement.objects.filter(gemeente_id=user.gemeente_id)


def abonnementen_met_tellingen(user) -> list[Abonnement]:
    """The list page: each subscription with its waiting and failed deliveries counted (one query)."""
    return list(
        abonnementen_voor(user).annotate(
            aantal_wachtend=Count("bezorgingen", filter=Q(bezorgingen__status=Bezorging.Status.WACHTEND)),
            aantal_mislukt=Count("bezorgingen", filter=Q(bezorgingen__status=Bezorging.Status.MISLUKT)),
        )
    )


def abonnement_voor(user, pk: int) -> Abonnement:
    """One subscription of the user's gemeente; 404 otherwise (existence elsewhere does not leak)."""
    try:
        return abonnementen_voor(user).get(pk=pk)
    except Abonnement.DoesNotExist as exc:
        raise Http404 from exc


def _met_laatste_poging(qs: QuerySet[Bezorging]) -> QuerySet[Bezorging]:
    laatste = Poging.objects.filter(bezorging=OuterRef("pk")).order_by("-tijdstip", "-id")
    return qs.annotate(
        laatste_status=Subquery(laatste.values("http_status")[:1]),
        laatste_fout=Subquery(laatste.values("fout")[:1]),
        laatste_op=Subquery(laatste.values("tijdstip")[:1]),
    )


def bezorgingen_voor(abonnement: Abonnement, *, na: int | None, status: str = "") -> KeysetPagina:
    """The subscription's delivery log, newest first, each with its last attempt (fixed number of queries)."""
    qs = Bezorging.objects.filter(abonnement=abonnement).select_related("gebeurtenis")
    if status in Bezorging.Status.values:
        qs = qs.filter(status=status)
    return keyset_pagina(_met_laatste_poging(qs), na=na)


def gebeurtenis_voor(user, pk: str) -> Gebeurtenis:
    """One event of the user's gemeente with its deliveries and every attempt; 404 otherwise."""
    try:
        sleutel = uuid.UUID(str(pk))
    except ValueError as exc:
        raise Http404 from exc
    if not mag_abonnementen_beheren(user):
        raise Http404
    pogingen = Poging.objects.select_related("handmatig_door").order_by("tijdstip", "id")
    bezorgingen = Bezorging.objects.select_related("abonnement").prefetch_related(
        Prefetch("poging_log", queryset=pogingen)
    )
    try:
        return (
            Gebeurtenis.objects.select_related("gemeente")
            .prefetch_related(Prefetch("bezorgingen", queryset=bezorgingen.order_by("abonnement__naam", "id")))
            .get(pk=sleutel, gemeente_id=user.gemeente_id)
        )
    except Gebeurtenis.DoesNotExist as exc:
        raise Http404 from exc


def bezorging_voor(user, pk: int) -> Bezorging:
    """One delivery of the user's gemeente (for resending); 404 otherwise."""
    if not mag_abonnementen_beheren(user):
        raise Http404
    try:
        return Bezorging.objects.select_related("abonnement", "gebeurtenis").get(
            pk=pk, abonnement__gemeente_id=user.gemeente_id
        )
    except Bezorging.DoesNotExist as exc:
        raise Http404 from exc
