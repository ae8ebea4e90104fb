"""Reads for functioneel beheer, always scoped to the beheerder's gemeente (through ``dossiers_voor``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from koers.audit.models import Toegangslog
from koers.dossiers.selectors import dossiers_voor
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.validators import normaliseer_bsn
from koers.utils.pagination import KeysetPagina, keyset_pagina

HistorischeInburgeraar = Inburgeraar.history.model


def _personen_in_scope(user) -> QuerySet:
    return dossiers_voor(user).values("inburgeraar_id")


def _personen_met_nummer(user, nummer: str) -> QuerySet:
    """Persons of the gemeente with this BSN or v-nummer (exact, indexed)."""
    nummer = normaliseer_bsn(nummer)
    return (
        dossiers_voor(user)
        .filter(Q(inburgeraar__bsn=nummer) | Q(inburgeraar__v_nummer=nummer))
        .values("inburgeraar_id")
    )


@dataclass
class LogFilter:
    gebruikersnaam: str = ""
    persoon: str = ""  # BSN or v-nummer
    dossier: int | None = None
    actie: str = ""
    van: dt.date | None = None
    tot: dt.date | None = None


def toegangslog_voor(user, filters: LogFilter, *, na: int | None = None, grootte: int = 50) -> KeysetPagina:
    """The access log about the gemeente: what its own staff did, and every read of its own dossiers and persons
    (also by a ketenpartner or the regio). Newest first, keyset pages."""
    dossiers = dossiers_voor(user).values("pk")
    qs = Toegangslog.objects.filter(
        Q(gemeente_id=user.gemeente_id)
        | Q(dossier_id__in=dossiers)
        | Q(dossier_id__isnull=True, inburgeraar_id__in=_personen_in_scope(user))
    )
    if filters.gebruikersnaam:
        qs = qs.filter(gebruikersnaam__iexact=filters.gebruikersnaam)
    if filters.persoon:
        qs = qs.filter(inburgeraar_id__in=_personen_met_nummer(user, filters.persoon))
    if filters.dossier is not None:
        qs = qs.filter(dossier_id=filters.dossier)
    if filters.actie:
        qs = qs.filter(actie=filters.actie)
    if filters.van:
        qs = qs.filter(tijdstip__date__gte=filters.van)
    if filters.tot:
        qs = qs.filter(tijdstip__date__lte=filters.tot)
    return keyset_pagina(qs, na=na, grootte=grootte)


def wijzigingen_voor(user, *, zoek: str = "", door: str = "", na: int | None = None, grootte: int = 50) -> KeysetPagina:
    """Versions of the gemeente's persons (who changed what when), newest first. ``zoek``: BSN or v-nummer (exact)
    or the start of a surname."""
    qs = HistorischeInburgeraar.objects.filter(id__in=_personen_in_scope(user)).select_related("history_user")
    zoek = zoek.strip()
    if normaliseer_bsn(zoek).isdigit():
        qs = qs.filter(id__in=_personen_met_nummer(user, zoek))
    elif zoek:
        qs = qs.filter(achternaam__istartswith=zoek)
    if door:
        qs = qs.filter(history_user__username__iexact=door.strip())
    return keyset_pagina(qs, na=na, grootte=grootte)


def wijziging_voor(user, history_id: int):
    """One version with its changes against the version before, or 404 when out of scope (no existence leak)."""
    try:
        versie = HistorischeInburgeraar.objects.select_related("history_user").get(
            history_id=history_id, id__in=_personen_in_scope(user)
        )
    except HistorischeInburgeraar.DoesNotExist as exc:
        raise Http404 from exc
    vorige = versie.prev_record
    wijzigingen = versie.diff_against(vorige).changes if vorige is not None else []
    return versie, vorige, wijzigingen
