"""Keyset pagination: cheap at any depth, no COUNT(*) over millions of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass
class KeysetPagina:
    items: list
    volgende: int | None  # cursor for the next page (an id), None on the last page
    vorige_aanwezig: bool


def cursor_uit(request, naam: str = "na") -> int | None:
    """The keyset cursor (``?na=<id>``) of a list page; anything but a number means the first page."""
    waarde = request.GET.get(naam, "")
    return int(waarde) if waarde.isdigit() else None


def keyset_pagina(qs: QuerySet, *, na: int | None, grootte: int = 25) -> KeysetPagina:
    """Page through ``qs`` newest first by primary key: the rows with ``id < na``."""
    if na is not None:
        qs = qs.filter(pk__lt=na)
    rijen = list(qs.order_by("-pk")[: grootte + 1])
    volgende = rijen[grootte - 1].pk if len(rijen) > grootte else None
    return KeysetPagina(items=rijen[:grootte], volgende=volgende, vorige_aanwezig=na is not None)
