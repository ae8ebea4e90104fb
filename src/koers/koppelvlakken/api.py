"""API: deliver a batch of COA profiles or DUO signals (JSON records or a file) and follow its processing.

POST /api/v1/imports answers 202 with the import's URL; the same pipeline as the page then validates every record and
applies all or nothing in the background. GET /api/v1/imports/{id} gives status, progress and the rejected records.
COA's system needs the scope ``profielen:aanleveren``, DUO's ``signalen:aanleveren``; a functioneel beheerder may use
a staff session. The answer names no person: rejected records are given by line, signal number and reason.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from oauth2_provider.models import AbstractAccessToken
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.routers import SimpleRouter

from koers.api.scopes import PROFIELEN_AANLEVEREN, SIGNALEN_AANLEVEREN
from koers.api.veilig import AanmaakMixin
from koers.api.views import KoersViewSet

from . import selectors, services
from .mappings import versies
from .models import Bron, Import, ImportRecord

SCOPE_PER_BRON = {Bron.COA: PROFIELEN_AANLEVEREN, Bron.DUO: SIGNALEN_AANLEVEREN}
MAX_AFGEWEZEN = 1000


class AanleveringSerializer(serializers.Serializer):
    bron = serializers.ChoiceField(choices=Bron.choices)
    mappingversie = serializers.ChoiceField(choices=[(v, v) for v in versies()], default="v1")
    records = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        max_length=100_000,
        help_text=_("De records, met de veldnamen van de veldindeling (docs/imports.md), bijvoorbeeld bsn, soort."),
    )
    bestand = serializers.FileField(required=False, help_text=_("Of een bestand: CSV, XLSX of JSON."))

    def validate(self, attrs):
        if bool(attrs.get("records")) == bool(attrs.get("bestand")):
            raise serializers.ValidationError(
                _("Lever records of een bestand aan, niet allebei en niet geen van twee.")
            )
        return attrs


class AfgewezenSerializer(serializers.ModelSerializer):
    signaalnummer = serializers.CharField(source="signaal_id")
    status = serializers.CharField(help_text=", ".join(ImportRecord.Status.values))

    class Meta:
        model = ImportRecord
        fields = ["regel", "signaalnummer", "status", "reden"]


class ImportSerializer(serializers.ModelSerializer):
    # Plain strings with their values in the help text: a shared "status" enum would collide with other apps'.
    bron = serializers.CharField(help_text=", ".join(Bron.values))
    formaat = serializers.CharField(help_text="csv, xlsx, json")
    status = serializers.CharField(help_text=", ".join(Import.Status.values))
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", default=None)
    voortgang = serializers.SerializerMethodField()
    aantallen = serializers.SerializerMethodField()
    afgewezen = serializers.SerializerMethodField()

    class Meta:
        model = Import
        fields = [
            "id",
            "bron",
            "formaat",
            "mappingversie",
            "gemeentecode",
            "status",
            "melding",
            "voortgang",
            "aantallen",
            "afgewezen",
            "sha256",
            "ontvangen_op",
            "gevalideerd_op",
            "toegepast_op",
        ]

    def get_voortgang(self, obj) -> dict:
        return {"verwerkt": obj.verwerkt, "totaal": obj.totaal}

    def get_aantallen(self, obj) -> dict:
        return {
            "toegepast": obj.aantal_toegepast,
            "ongewijzigd": obj.aantal_ongewijzigd,
            "afgewezen": obj.aantal_afgewezen,
            "mogelijkDubbel": obj.aantal_dubbel,
        }

    @extend_schema(responses=AfgewezenSerializer(many=True))
    def get_afgewezen(self, obj) -> list:
        records = obj.records.filter(status=ImportRecord.Status.AFGEWEZEN).order_by("regel")[:MAX_AFGEWEZEN]
        return AfgewezenSerializer(records, many=True).data


@extend_schema_view(
    create=extend_schema(
        summary="Records of een bestand aanleveren",
        request={"application/json": AanleveringSerializer, "multipart/form-data": AanleveringSerializer},
        responses={
            202: ImportSerializer,
            400: OpenApiResponse(description="Ongeldige aanlevering (problem+json)"),
            403: OpenApiResponse(description="Geen recht of scope voor deze bron (problem+json)"),
        },
    ),
    retrieve=extend_schema(summary="Status, voortgang en afgewezen records van een import"),
)
class ImportViewSet(AanmaakMixin, mixins.RetrieveModelMixin, KoersViewSet):
    serializer_class = ImportSerializer
    scopes = {
        "lezen": [PROFIELEN_AANLEVEREN, SIGNALEN_AANLEVEREN],
        "schrijven": [PROFIELEN_AANLEVEREN, SIGNALEN_AANLEVEREN],
    }
    omschrijving = "import"

    def get_queryset(self):
        return selectors.imports_voor(self.request.user)

    def persoon_van(self, obj):
        return None  # the answer names no person

    def maak(self, request, *args, **kwargs):
        invoer = AanleveringSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bron = invoer.validated_data["bron"]
        token = request.auth
        if isinstance(token, AbstractAccessToken) and SCOPE_PER_BRON[bron] not in token.scope.split():
            raise exceptions.PermissionDenied(
                _("Voor deze bron is de scope %s nodig.") % SCOPE_PER_BRON[bron], code="scope_ontbreekt"
            )
        if bestand := invoer.validated_data.get("bestand"):
            inhoud, naam = bestand.read(), bestand.name
            formaat = services.formaat_uit(naam)
        else:
            records = invoer.validated_data["records"]
            inhoud = json.dumps({"records": records}, sort_keys=True, ensure_ascii=False, default=str).encode()
            naam, formaat = "api.json", "json"
        imp = services.ontvang_import(
            door=request.user,
            bron=bron,
            formaat=formaat,
            mappingversie=invoer.validated_data["mappingversie"],
            inhoud=inhoud,
            bestandsnaam=naam,
        )
        return self.antwoord(imp, status_code=status.HTTP_202_ACCEPTED, nieuw=True)


router = SimpleRouter(trailing_slash=False)
router.register("imports", ImportViewSet, basename="imports")
urlpatterns = router.urls
