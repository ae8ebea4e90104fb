"""The API's filter backend: django-filter, with every number filter kept within what the database can compare."""

from __future__ import annotations

import django_filters
from django_filters.rest_framework import DjangoFilterBackend

GROOTSTE_ID = 2**63 - 1


class KoersFilterBackend(DjangoFilterBackend):
    """A filter value like ``?dossier=99999999999999999999`` is a 400 with a Dutch message, never a database error."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            for filter_ in filterset.filters.values():
                if isinstance(filter_, django_filters.NumberFilter):
                    filter_.extra.setdefault("min_value", -GROOTSTE_ID)
                    filter_.extra.setdefault("max_value", GROOTSTE_ID)
        return filterset
