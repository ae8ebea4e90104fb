"""Reads of imports, scoped: a beheerder sees the imports of the own gemeente, a system client its own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from koers.beheer.permissions import mag_functioneel_beheer
from koers.inburgeraars.models import Inburgeraar
from koers.utils.pagination import KeysetPagina, keyset_pagina

from .models import Import, ImportRecord


def imports_voor(user) -> QuerySet[Import]:
    qs = Import.objects.defer("inhoud").select_related("geupload_door", "gemeente")
    if not user.is_authenticated:
        return qs.none()
    if mag_functioneel_beheer(user):
        return qs.filter(gemeente_id=user.gemeente_id)
    return qs.filter(geupload_door=user)


def import_voor(user, pk: int) -> Import:
    """One import in scope, or 404 (no existence leak)."""
    try:
        return imports_voor(user).get(pk=pk)
    except Import.DoesNotExist as exc:
        raise Http404 from exc


def importlijst(user, *, na: int | None = None) -> KeysetPagina:
    return keyset_pagina(imports_voor(user), na=na, grootte=25)


def records_met_status(imp: Import, *statussen: str) -> QuerySet[ImportRecord]:
    return imp.records.filter(status__in=statussen).order_by("regel")


def dubbel_record(user, import_pk: int, record_pk: int) -> tuple[ImportRecord, list[Inburgeraar]]:
    """A waiting possible duplicate with its candidates (people already known)."""
    imp = import_voor(user, import_pk)
    try:
        record = imp.records.get(pk=record_pk, status=ImportRecord.Status.MOGELIJK_DUBBEL)
    except ImportRecord.DoesNotExist as exc:
        raise Http404 from exc
    kandidaten = list(Inburgeraar.objects.filter(pk__in=record.kandidaten).prefetch_related("dossiers__gemeente"))
    return record, kandidaten
