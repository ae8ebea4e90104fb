"""Every read of dossiers goes through here, scoped to what the user may see."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from koers.accounts.roles import GEMEENTE_DOSSIER_ROLLEN, Rol
from koers.inburgeraars.models import Informatieprofiel
from koers.inburgeraars.validators import normaliseer_bsn
from koers.utils.pagination import KeysetPagina, keyset_pagina

from .models import Dossier, DossierDeling, TijdlijnGebeurtenis


def dossiers_voor(user) -> QuerySet[Dossier]:
    """The dossiers ``user`` may see: own gemeente, own regio's gemeenten, or explicitly shared with their partner."""
    qs = Dossier.objects.all()
    if not user.is_authenticated:
        return qs.none()
    rol = user.rol
    if rol in GEMEENTE_DOSSIER_ROLLEN:
        return qs.filter(gemeente_id=user.gemeente_id)
    if rol == Rol.REGIOCOORDINATOR:
        return qs.filter(gemeente__regios=user.regio_id)
    if rol == Rol.KETENPARTNER_MEDEWERKER:
        gedeeld = DossierDeling.objects.filter(
            dossier=OuterRef("pk"), ketenpartner_id=user.ketenpartner_id, ingetrokken_op__isnull=True
        )
        return qs.filter(Exists(gedeeld))
    return qs.none()  # beleidsmedewerker and anyone else: no person at all


def dossier_voor(user, pk: int) -> Dossier:
    """One dossier with its person, or 404 when it does not exist *or* is out of scope (no existence leak)."""
    try:
        return dossiers_voor(user).select_related("inburgeraar", "gemeente", "klantmanager").get(pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class CaseloadFilter:
    zoek: str = ""
    status: str = ""
    alleen_eigen: bool = True


def caseload(user, filters: CaseloadFilter, *, na: int | None = None, grootte: int = 25) -> KeysetPagina:
    """The caseload list: scoped, filtered, newest first, keyset-paginated; one query for the page."""
    qs = dossiers_voor(user).select_related("inburgeraar", "klantmanager")
    if filters.alleen_eigen and user.rol == Rol.KLANTMANAGER:
        qs = qs.filter(klantmanager=user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    zoek = filters.zoek.strip()
    if zoek:
        qs = qs.filter(_zoekvoorwaarde(zoek))
    return keyset_pagina(qs, na=na, grootte=grootte)


def _zoekvoorwaarde(zoek: str) -> Q:
    cijfers = normaliseer_bsn(zoek)
    if cijfers.isdigit() and len(cijfers) == 9:
        return Q(inburgeraar__bsn=cijfers)
    if cijfers.isdigit() and len(cijfers) == 10:
        return Q(inburgeraar__v_nummer=cijfers)
    delen = zoek.lower().split()
    voorwaarde = Q()
    for deel in delen:
        voorwaarde &= Q(inburgeraar__achternaam__istartswith=deel) | Q(inburgeraar__voornamen__istartswith=deel)
    return voorwaarde


def tijdlijn(dossier: Dossier, *, limiet: int = 200) -> list[TijdlijnGebeurtenis]:
    return list(dossier.tijdlijn.select_related("door")[:limiet])


def huishouden(dossier: Dossier):
    return list(dossier.inburgeraar.gezinsleden.select_related("gerelateerde"))


@dataclass(frozen=True)
class ProfielWeergave:
    """COA's current informatieprofiel of a dossier's person, with what Koers already holds next to it."""

    profiel: Informatieprofiel
    eerdere_versies: int
    talen_niet_bij_persoon: list[str]
    gezinsleden_in_koers: int


def _talen(tekst: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;/]| en ", tekst or "") if t.strip()]


def informatieprofiel(dossier: Dossier) -> ProfielWeergave | None:
    """The person's current COA profile (earlier versions stay in its history), or None when none was received.

    ``dossier`` comes from ``dossier_voor`` (already scoped); two queries, whatever the profile holds."""
    profiel = Informatieprofiel.objects.filter(inburgeraar_id=dossier.inburgeraar_id).first()
    if profiel is None:
        return None
    bekend = {t.casefold() for t in _talen(dossier.inburgeraar.talen)}
    return ProfielWeergave(
        profiel=profiel,
        eerdere_versies=profiel.versie - 1,  # the import raises the version on every change it stores
        talen_niet_bij_persoon=[t for t in _talen(profiel.talen) if t.casefold() not in bekend],
        gezinsleden_in_koers=dossier.inburgeraar.gezinsleden.count(),
    )


def dubbelen_in_scope(user, kandidaten) -> QuerySet[Dossier]:
    """Possible duplicates narrowed to the dossiers the user may see."""
    return dossiers_voor(user).filter(inburgeraar__in=kandidaten).select_related("inburgeraar", "gemeente")
