"""API: PIPs and their beschikkingen (PDF), through the PIP services (four eyes, dagtekening, numbering)."""

from __future__ import annotations

import django_filters
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from koers.api.scopes import DOSSIERS_LEZEN
from koers.api.veilig import AanmaakMixin, idempotente_post
from koers.api.views import KoersViewSet
from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.permissions import mag_gezondheid_zien
from koers.dossiers.selectors import dossier_voor, dossiers_voor
from koers.intake.privacy import adviezen_per_dossier, motivering_voor_weergave

from . import permissions, services
from .models import PIP, PIPOnderdeel
from .services import INHOUDSVELDEN, ONDERDEELVELDEN


class OnderdeelSerializer(serializers.ModelSerializer):
    class Meta:
        model = PIPOnderdeel
        fields = ["id", *ONDERDEELVELDEN, "volgorde"]
        read_only_fields = ["id", "volgorde"]


class PipLijstSerializer(serializers.ListSerializer):
    """A page of PIPs reads the route advices of all its dossiers in one query (for the motivations' privacy)."""

    def to_representation(self, data):
        pips = list(data.all() if hasattr(data, "all") else data)
        self.child.context["adviezen"] = adviezen_per_dossier({p.dossier_id for p in pips})
        return super().to_representation(pips)


class PipSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pip-detail")
    dossier = serializers.PrimaryKeyRelatedField(read_only=True)
    onderdelen = OnderdeelSerializer(many=True, read_only=True)
    beschikking = serializers.SerializerMethodField(help_text=_("Link naar de beschikking (PDF), als die er is."))

    class Meta:
        model = PIP
        fields = [
            "url",
            "id",
            "versie",
            "dossier",
            "volgnummer",
            "soort",
            "status",
            *INHOUDSVELDEN,
            "onderdelen",
            "afwijzing_reden",
            "beschikkingsnummer",
            "dagtekening",
            "vastgesteld_op",
            "beschikking",
        ]
        read_only_fields = [
            "id",
            "versie",
            "volgnummer",
            "soort",
            "status",
            "afwijzing_reden",
            "beschikkingsnummer",
            "dagtekening",
            "vastgesteld_op",
        ]
        extra_kwargs = {"contactpersoon": {"read_only": True}}
        list_serializer_class = PipLijstSerializer

    def get_beschikking(self, pip) -> str | None:
        if not pip.is_definitief:
            return None
        return self.context["request"].build_absolute_uri(f"/api/v1/pips/{pip.pk}/beschikking")

    def to_representation(self, pip):
        data = super().to_representation(pip)
        request = self.context["request"]
        adviezen = self.context.get("adviezen")
        data["route_motivering"] = motivering_voor_weergave(
            pip.route_motivering,
            dossier=pip.dossier,
            mag_gezondheid=mag_gezondheid_zien(request.user, pip.dossier),
            adviezen=None if adviezen is None else adviezen.get(pip.dossier_id, []),
        ).tekst
        return data


class NieuwePipSerializer(serializers.Serializer):
    dossier = serializers.IntegerField(min_value=1)


class AfwijzingSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=5000)


class VaststellingSerializer(serializers.Serializer):
    dagtekening = serializers.DateField(required=False, help_text=_("Standaard vandaag."))


class PDFRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict):  # an error (problem+json) on the PDF's URL
            import json

            return json.dumps(data, ensure_ascii=False).encode()
        return data


class PIPFilter(django_filters.FilterSet):
    dossier = django_filters.NumberFilter(field_name="dossier_id")
    status = django_filters.CharFilter()


@extend_schema_view(
    list=extend_schema(summary="PIP's (concepten en beschikkingen) in uw toegang", tags=["pip"]),
    retrieve=extend_schema(summary="Eén PIP met zijn onderdelen", tags=["pip"]),
    create=extend_schema(
        summary="Concept-PIP maken (vanuit het routebesluit)",
        request=NieuwePipSerializer,
        responses={201: PipSerializer},
        tags=["pip"],
    ),
    partial_update=extend_schema(summary="Concept wijzigen", tags=["pip"]),
)
class PIPViewSet(AanmaakMixin, mixins.UpdateModelMixin, KoersViewSet):
    serializer_class = PipSerializer
    filterset_class = PIPFilter
    scopes = {"lezen": [DOSSIERS_LEZEN], "schrijven": []}
    omschrijving = "PIP"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if not permissions.mag_pip_zien(self.request.user):
            return PIP.objects.none()
        return (
            PIP.objects.filter(dossier__in=dossiers_voor(self.request.user))
            .select_related("dossier")
            .prefetch_related("onderdelen")
        )

    def maak(self, request, *args, **kwargs):
        invoer = NieuwePipSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        dossier = dossier_voor(request.user, invoer.validated_data["dossier"])
        pip = services.maak_concept(dossier, door=request.user)
        return self.antwoord(pip, status_code=status.HTTP_201_CREATED, nieuw=True)

    def partial_update(self, request, *args, **kwargs):
        pip = self.get_object()
        versie = self.if_match(pip)
        invoer = self.get_serializer(pip, data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        velden = {k: v for k, v in invoer.validated_data.items() if k in INHOUDSVELDEN}
        return self.antwoord(services.wijzig_concept(pip, door=request.user, verwachte_versie=versie, **velden))

    def destroy(self, request, *args, **kwargs):
        pip = self.get_object()
        self.if_match(pip)
        services.verwijder_concept(pip, door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Onderdeel toevoegen aan het concept",
        request=OnderdeelSerializer,
        responses={201: PipSerializer},
        tags=["pip"],
    )
    @action(detail=True, methods=["post"], url_path="onderdelen")
    @idempotente_post
    def onderdelen(self, request, pk=None):
        pip = self.get_object()
        invoer = OnderdeelSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.voeg_onderdeel_toe(pip, door=request.user, **invoer.validated_data)
        return self.antwoord(pip, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Onderdeel verwijderen uit het concept", request=None, responses={200: PipSerializer}, tags=["pip"]
    )
    @action(detail=True, methods=["delete"], url_path=r"onderdelen/(?P<onderdeel_id>[0-9]+)")
    def onderdeel_verwijderen(self, request, pk=None, onderdeel_id=None):
        pip = self.get_object()
        self.if_match(pip)
        onderdeel = pip.onderdelen.filter(pk=onderdeel_id).first()
        if onderdeel is None:
            raise NotFound(_("Dit onderdeel hoort niet bij deze PIP."))
        services.verwijder_onderdeel(onderdeel, door=request.user)
        return self.antwoord(pip)

    @extend_schema(summary="Ter goedkeuring aanbieden", request=None, responses={200: PipSerializer}, tags=["pip"])
    @action(detail=True, methods=["post"], url_path="indienen")
    @idempotente_post
    def indienen(self, request, pk=None):
        pip = self.get_object()
        return self.antwoord(
            services.dien_in_ter_goedkeuring(pip, door=request.user, verwachte_versie=self.if_match(pip))
        )

    @extend_schema(
        summary="Goedkeuren (teamleider, vier ogen)", request=None, responses={200: PipSerializer}, tags=["pip"]
    )
    @action(detail=True, methods=["post"], url_path="goedkeuren")
    @idempotente_post
    def goedkeuren(self, request, pk=None):
        pip = self.get_object()
        return self.antwoord(services.keur_goed(pip, door=request.user, verwachte_versie=self.if_match(pip)))

    @extend_schema(
        summary="Terugsturen naar concept (teamleider)",
        request=AfwijzingSerializer,
        responses={200: PipSerializer},
        tags=["pip"],
    )
    @action(detail=True, methods=["post"], url_path="afwijzen")
    @idempotente_post
    def afwijzen(self, request, pk=None):
        pip = self.get_object()
        versie = self.if_match(pip)
        invoer = AfwijzingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self.antwoord(
            services.wijs_af(pip, door=request.user, reden=invoer.validated_data["reden"], verwachte_versie=versie)
        )

    @extend_schema(
        summary="Vaststellen: beschikking met nummer, dagtekening en PDF",
        request=VaststellingSerializer,
        responses={200: PipSerializer},
        tags=["pip"],
    )
    @action(detail=True, methods=["post"], url_path="vaststellen")
    @idempotente_post
    def vaststellen(self, request, pk=None):
        pip = self.get_object()
        versie = self.if_match(pip)
        invoer = VaststellingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        vastgesteld = services.stel_vast(
            pip, door=request.user, dagtekening=invoer.validated_data.get("dagtekening"), verwachte_versie=versie
        )
        return self.antwoord(vastgesteld)

    @extend_schema(
        summary="De beschikking als PDF",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De beschikking")},
        tags=["pip"],
    )
    @action(detail=True, methods=["get"], url_path="beschikking", renderer_classes=[PDFRenderer])
    def beschikking(self, request, pk=None):
        pip = self.get_object()
        if not pip.is_definitief:
            raise NotFound(_("Deze PIP is nog niet vastgesteld; er is geen beschikking."))
        if not permissions.mag_pip_zien(request.user):
            raise PermissionDenied()
        pip = services.zorg_voor_pdf(pip)
        log_toegang(
            gebruiker=request.user,
            actie=Toegangslog.Actie.EXPORTEREN,
            inburgeraar_id=pip.dossier.inburgeraar_id,
            dossier_id=pip.dossier_id,
            omschrijving="API: beschikking PIP (PDF)",
            pad=request.get_full_path(),
        )
        response = FileResponse(pip.pdf.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pip.beschikkingsnummer}.pdf"'
        return response


router = SimpleRouter(trailing_slash=False)
router.register("pips", PIPViewSet, basename="pip")
urlpatterns = router.urls
