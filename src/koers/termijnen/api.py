"""API: the legal deadlines of dossiers (read-only; they are derived from facts, never edited)."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from koers.api.scopes import DOSSIERS_LEZEN
from koers.api.views import KoersViewSet
from koers.dossiers.selectors import dossiers_voor

from .models import Termijn, Termijnsoort


class TermijnSerializer(serializers.ModelSerializer):
    dossier = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Termijn
        fields = [
            "id",
            "dossier",
            "soort",
            "datum",
            "oorspronkelijke_datum",
            "begindatum",
            "opgeschort",
            "status",
            "voldaan_op",
            "regel_code",
            "regel_versie",
            "regel_titel",
            "bron",
            "zekerheid",
            "uitleg",
        ]
        read_only_fields = fields


class TermijnFilter(django_filters.FilterSet):
    dossier = django_filters.NumberFilter(field_name="dossier_id")
    soort = django_filters.ChoiceFilter(choices=Termijnsoort.choices)
    status = django_filters.ChoiceFilter(choices=Termijn.Status.choices)
    tot = django_filters.DateFilter(field_name="datum", lookup_expr="lte", label="uiterste datum op of vóór")


@extend_schema_view(
    list=extend_schema(summary="Termijnen in uw toegang, met hun wettelijke bron", tags=["termijnen"]),
    retrieve=extend_schema(summary="Eén termijn", tags=["termijnen"]),
)
class TermijnViewSet(KoersViewSet):
    serializer_class = TermijnSerializer
    filterset_class = TermijnFilter
    scopes = {"lezen": [DOSSIERS_LEZEN], "schrijven": []}
    omschrijving = "termijnen"

    def get_queryset(self):
        return Termijn.objects.filter(dossier__in=dossiers_voor(self.request.user)).select_related("dossier")


router = SimpleRouter(trailing_slash=False)
router.register("termijnen", TermijnViewSet, basename="termijn")
urlpatterns = router.urls
