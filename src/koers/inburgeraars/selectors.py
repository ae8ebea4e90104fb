"""Reads of person records that are not scoped by a dossier (duplicate detection before registration)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from .models import Inburgeraar


def mogelijke_dubbelen(
    *,
    bsn: str = "",
    v_nummer: str = "",
    achternaam: str = "",
    geboortedatum: dt.date | None = None,
    behalve: int | None = None,
) -> QuerySet[Inburgeraar]:
    """People that may be the same person: same BSN, same v-nummer, or same surname and date of birth.

    Callers must narrow the result to what the user may see (dossiers.selectors does this).
    """
    voorwaarden = Q()
    if bsn:
        voorwaarden |= Q(bsn=bsn)
    if v_nummer:
        voorwaarden |= Q(v_nummer=v_nummer)
    if achternaam and geboortedatum:
        voorwaarden |= Q(achternaam_lc=achternaam.lower(), geboortedatum=geboortedatum)
    if not voorwaarden:
        return Inburgeraar.objects.none()
    qs = Inburgeraar.objects.annotate(achternaam_lc=Lower("achternaam")).filter(
        voorwaarden, samengevoegd_in__isnull=True
    )
    if behalve:
        qs = qs.exclude(pk=behalve)
    return qs


def dubbel_redenen(
    persoon: Inburgeraar, *, bsn: str, v_nummer: str, achternaam: str, geboortedatum: dt.date | None
) -> list[str]:
    """Why a person was flagged as a possible duplicate, in Dutch, for the warning shown to the user."""
    redenen = []
    if bsn and persoon.bsn == bsn:
        redenen.append("zelfde BSN")
    if v_nummer and persoon.v_nummer == v_nummer:
        redenen.append("zelfde v-nummer")
    if achternaam and persoon.achternaam.lower() == achternaam.lower() and persoon.geboortedatum == geboortedatum:
        redenen.append("zelfde achternaam en geboortedatum")
    return redenen
