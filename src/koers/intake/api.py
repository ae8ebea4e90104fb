"""API: brede intakes, leerbaarheidstoetsen, route advices (read) and route decisions, through the intake services.

Health answers, a dispensation's ground and health arguments of an advice are left out for everyone without the
health right (``dossiers.permissions.mag_gezondheid_zien``), exactly as on the pages (``intake.privacy``).
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from koers.api.scopes import DOSSIERS_LEZEN
from koers.api.veilig import AanmaakMixin, idempotente_post, met_etag
from koers.api.views import KoersViewSet
from koers.dossiers.permissions import mag_dossier_bewerken, mag_gezondheid_zien
from koers.dossiers.selectors import dossier_voor, dossiers_voor

from . import privacy, selectors, services
from .models import BredeIntake, IntakeGesprek, Leerbaarheidstoets, RouteAdvies, RouteBesluit


def _mag_gezondheid(request, dossier) -> bool:
    return mag_gezondheid_zien(request.user, dossier)


class VraagSerializer(serializers.Serializer):
    code = serializers.CharField()
    levensgebied = serializers.CharField()
    tekst = serializers.CharField()
    antwoordtype = serializers.CharField()
    keuzes = serializers.ListField(source="keuzelijst", child=serializers.ListField(child=serializers.CharField()))
    verplicht = serializers.BooleanField()


class BredeIntakeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:brede-intake-detail")
    dossier = serializers.PrimaryKeyRelatedField(read_only=True)
    vragenlijst_versie = serializers.IntegerField(source="vragenlijst.versie", read_only=True)
    antwoorden = serializers.SerializerMethodField(
        help_text=_("Antwoorden per vraagcode; gezondheidsvragen alleen voor wie ze mag zien.")
    )
    vragen = serializers.SerializerMethodField(help_text=_("De vragen van de vragenlijst die u mag zien."))

    class Meta:
        model = BredeIntake
        fields = [
            "url",
            "id",
            "versie",
            "dossier",
            "status",
            "vragenlijst_versie",
            "gestart_op",
            "afgerond_op",
            "antwoorden",
            "vragen",
        ]
        read_only_fields = fields

    def _vragen(self, intake):
        return selectors.vragen(intake, met_gezondheid=self.context["mag_gezondheid"](intake))

    @extend_schema_field(VraagSerializer(many=True))
    def get_vragen(self, intake) -> list[dict]:
        return VraagSerializer(self._vragen(intake), many=True).data

    def get_antwoorden(self, intake) -> dict:
        toegestaan = {v.code for v in self._vragen(intake)}
        return {code: waarde for code, waarde in selectors.antwoorden(intake).items() if code in toegestaan}


class IntakeGesprekSerializer(serializers.ModelSerializer):
    intake = serializers.PrimaryKeyRelatedField(queryset=BredeIntake.objects.none())

    class Meta:
        model = IntakeGesprek
        fields = [
            "id",
            "versie",
            "intake",
            "gepland_op",
            "plaats",
            "locatie",
            "gehouden",
            "tolk_ingezet",
            "tolk_taal",
            "partner_aanwezig",
            "is_partnergesprek",
            "notities",
        ]
        read_only_fields = ["id", "versie"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["intake"].queryset = BredeIntake.objects.filter(dossier__in=dossiers_voor(request.user))


class GesprekVerslagSerializer(serializers.ModelSerializer):
    class Meta:
        model = IntakeGesprek
        fields = ["gehouden", "plaats", "locatie", "tolk_ingezet", "tolk_taal", "partner_aanwezig", "notities"]


class StartSerializer(serializers.Serializer):
    dossier = serializers.IntegerField(min_value=1)


class AntwoordenSerializer(serializers.Serializer):
    antwoorden = serializers.DictField(
        child=serializers.JSONField(allow_null=True), help_text=_("Vraagcode → antwoord; alleen de gewijzigde.")
    )


class LeerbaarheidstoetsSerializer(serializers.ModelSerializer):
    intake = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Leerbaarheidstoets
        fields = [
            "id",
            "versie",
            "intake",
            "uitkomst",
            "score",
            "datum",
            "afgenomen_in",
            "dispensatie_grond",
            "besluit_datum",
            "toelichting",
        ]
        read_only_fields = ["id", "versie", "intake"]

    def to_representation(self, toets):
        data = super().to_representation(toets)
        data.update(privacy.lbt_formulierwaarden(toets, mag_gezondheid=self.context["mag_gezondheid"](toets.intake)))
        for veld in ("datum", "besluit_datum"):
            data[veld] = data[veld].isoformat() if hasattr(data[veld], "isoformat") else data[veld]
        return data


class ArgumentSerializer(serializers.Serializer):
    tekst = serializers.CharField()
    bron = serializers.CharField()
    regel = serializers.CharField()


class OverwegingSerializer(serializers.Serializer):
    route = serializers.CharField()
    geadviseerd = serializers.BooleanField()
    voor = ArgumentSerializer(many=True)
    tegen = ArgumentSerializer(many=True)


class RouteAdviesSerializer(serializers.ModelSerializer):
    intake = serializers.PrimaryKeyRelatedField(read_only=True)
    samenvatting = serializers.SerializerMethodField()
    overwegingen = serializers.SerializerMethodField()

    class Meta:
        model = RouteAdvies
        fields = ["id", "intake", "route", "regelset_versie", "gemaakt_op", "samenvatting", "overwegingen"]
        read_only_fields = fields

    def _weergave(self, advies):
        mag = self.context["mag_gezondheid"](advies.intake)
        return privacy.advies_voor_weergave(advies.advies, mag_gezondheid=mag)

    def get_samenvatting(self, advies) -> str:
        return str(self._weergave(advies).samenvatting)

    @extend_schema_field(OverwegingSerializer(many=True))
    def get_overwegingen(self, advies) -> list[dict]:
        return [
            {
                "route": r.route,
                "geadviseerd": r.geadviseerd,
                "voor": [{"tekst": str(a.tekst), "bron": a.bron, "regel": a.regel} for a in r.voor],
                "tegen": [{"tekst": str(a.tekst), "bron": a.bron, "regel": a.regel} for a in r.tegen],
            }
            for r in self._weergave(advies).routes
        ]


class RouteBesluitSerializer(serializers.ModelSerializer):
    intake = serializers.PrimaryKeyRelatedField(read_only=True)
    advies = serializers.PrimaryKeyRelatedField(read_only=True)
    besloten_door = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = RouteBesluit
        fields = ["id", "intake", "advies", "route", "motivatie", "besloten_door", "besloten_op"]
        read_only_fields = fields


class NieuwRouteBesluitSerializer(serializers.Serializer):
    intake = serializers.IntegerField(min_value=1)
    route = serializers.CharField(max_length=20)
    motivatie = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class DossierFilter(django_filters.FilterSet):
    dossier = django_filters.NumberFilter(field_name="dossier_id")


class IntakeDossierFilter(django_filters.FilterSet):
    dossier = django_filters.NumberFilter(field_name="intake__dossier_id")


class IntakeScopeMixin:
    scopes = {"lezen": [DOSSIERS_LEZEN], "schrijven": []}
    gegevenscategorie = "persoonsgegevens"

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["mag_gezondheid"] = lambda intake: _mag_gezondheid(self.request, intake.dossier)
        return context

    def _intakes(self):
        return BredeIntake.objects.filter(dossier__in=dossiers_voor(self.request.user))


@extend_schema_view(
    list=extend_schema(summary="Brede intakes in uw toegang", tags=["intake"]),
    retrieve=extend_schema(summary="Eén brede intake met de antwoorden die u mag zien", tags=["intake"]),
    create=extend_schema(
        summary="Brede intake starten", request=StartSerializer, responses={201: BredeIntakeSerializer}, tags=["intake"]
    ),
)
class BredeIntakeViewSet(IntakeScopeMixin, AanmaakMixin, KoersViewSet):
    serializer_class = BredeIntakeSerializer
    filterset_class = DossierFilter
    omschrijving = "brede intake"

    def get_queryset(self):
        return (
            self._intakes()
            .select_related("dossier", "vragenlijst")
            .prefetch_related("antwoorden__vraag", "vragenlijst__vragen")
        )

    def maak(self, request, *args, **kwargs):
        invoer = StartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        dossier = dossier_voor(request.user, invoer.validated_data["dossier"])
        intake = services.start_intake(dossier, door=request.user)
        return self.antwoord(intake, status_code=status.HTTP_201_CREATED, nieuw=True)

    @extend_schema(
        summary="Antwoorden bewaren (concept)",
        request=AntwoordenSerializer,
        responses={200: BredeIntakeSerializer},
        tags=["intake"],
    )
    @action(detail=True, methods=["patch"], url_path="antwoorden")
    def antwoorden(self, request, pk=None):
        intake = self.get_object()
        versie = self.if_match(intake)
        invoer = AntwoordenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        services.bewaar_antwoorden(
            intake, door=request.user, antwoorden=invoer.validated_data["antwoorden"], verwachte_versie=versie
        )
        return self.antwoord(intake)

    @extend_schema(summary="Brede intake afronden (maakt het routeadvies)", request=None, tags=["intake"])
    @action(detail=True, methods=["post"], url_path="afronden")
    @idempotente_post
    def afronden(self, request, pk=None):
        intake = self.get_object()
        versie = self.if_match(intake)
        afgerond = services.rond_intake_af(intake, door=request.user, verwachte_versie=versie)
        return self.antwoord(afgerond)

    @extend_schema(
        summary="Leerbaarheidstoets vastleggen",
        request=LeerbaarheidstoetsSerializer,
        responses={200: LeerbaarheidstoetsSerializer},
        tags=["intake"],
    )
    @action(detail=True, methods=["put"], url_path="leerbaarheidstoets")
    def leerbaarheidstoets(self, request, pk=None):
        intake = self.get_object()
        bestaand = Leerbaarheidstoets.objects.filter(intake=intake).first()
        versie = self.if_match(bestaand) if bestaand is not None else None
        invoer = LeerbaarheidstoetsSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        toets = services.registreer_lbt(intake, door=request.user, verwachte_versie=versie, **invoer.validated_data)
        toets = Leerbaarheidstoets.objects.select_related("intake__dossier").get(pk=toets.pk)
        return met_etag(
            Response(LeerbaarheidstoetsSerializer(toets, context=self.get_serializer_context()).data), toets
        )


@extend_schema_view(
    list=extend_schema(summary="Leerbaarheidstoetsen (uitkomsten) in uw toegang", tags=["intake"]),
    retrieve=extend_schema(summary="Eén leerbaarheidstoets", tags=["intake"]),
)
class LeerbaarheidstoetsViewSet(IntakeScopeMixin, KoersViewSet):
    serializer_class = LeerbaarheidstoetsSerializer
    filterset_class = IntakeDossierFilter
    omschrijving = "leerbaarheidstoets"

    def get_queryset(self):
        return Leerbaarheidstoets.objects.filter(intake__in=self._intakes()).select_related("intake__dossier")

    def persoon_van(self, obj):
        return (obj.intake.dossier.inburgeraar_id, obj.intake.dossier_id)


@extend_schema_view(
    list=extend_schema(summary="Routeadviezen in uw toegang", tags=["intake"]),
    retrieve=extend_schema(summary="Eén routeadvies met de overwegingen en hun bronnen", tags=["intake"]),
)
class RouteAdviesViewSet(IntakeScopeMixin, KoersViewSet):
    serializer_class = RouteAdviesSerializer
    filterset_class = IntakeDossierFilter
    omschrijving = "routeadvies"

    def get_queryset(self):
        return RouteAdvies.objects.filter(intake__in=self._intakes()).select_related("intake__dossier")

    def persoon_van(self, obj):
        return (obj.intake.dossier.inburgeraar_id, obj.intake.dossier_id)


@extend_schema_view(
    list=extend_schema(summary="Routebesluiten in uw toegang", tags=["intake"]),
    retrieve=extend_schema(summary="Eén routebesluit", tags=["intake"]),
    create=extend_schema(
        summary="Leerroute kiezen (tegen het advies in alleen met motivatie)",
        request=NieuwRouteBesluitSerializer,
        responses={201: RouteBesluitSerializer},
        tags=["intake"],
    ),
)
class RouteBesluitViewSet(IntakeScopeMixin, AanmaakMixin, KoersViewSet):
    serializer_class = RouteBesluitSerializer
    filterset_class = IntakeDossierFilter
    omschrijving = "routebesluit"

    def get_queryset(self):
        return RouteBesluit.objects.filter(intake__in=self._intakes()).select_related(
            "intake__dossier", "besloten_door"
        )

    def persoon_van(self, obj):
        return (obj.intake.dossier.inburgeraar_id, obj.intake.dossier_id)

    def maak(self, request, *args, **kwargs):
        invoer = NieuwRouteBesluitSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        intake = BredeIntakeViewSet._intakes(self).select_related("dossier").filter(pk=invoer.validated_data["intake"])
        intake = intake.first()
        if intake is None:
            raise serializers.ValidationError(
                {"intake": [_("Deze brede intake bestaat niet of valt buiten uw toegang.")]}
            )
        if not mag_dossier_bewerken(request.user, intake.dossier):
            raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
        besluit = services.neem_routebesluit(
            intake,
            door=request.user,
            route=invoer.validated_data["route"],
            motivatie=invoer.validated_data.get("motivatie", ""),
        )
        return self.antwoord(besluit, status_code=status.HTTP_201_CREATED, nieuw=True)


@extend_schema_view(
    list=extend_schema(summary="Intakegesprekken in uw toegang", tags=["intake"]),
    retrieve=extend_schema(summary="Eén intakegesprek", tags=["intake"]),
    create=extend_schema(summary="Intakegesprek plannen", tags=["intake"]),
    update=extend_schema(
        summary="Verslag van het gesprek vastleggen (gehouden, tolk, partner)",
        request=GesprekVerslagSerializer,
        responses={200: IntakeGesprekSerializer},
        tags=["intake"],
    ),
)
class IntakeGesprekViewSet(IntakeScopeMixin, AanmaakMixin, KoersViewSet):
    serializer_class = IntakeGesprekSerializer
    filterset_class = IntakeDossierFilter
    omschrijving = "intakegesprek"
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return IntakeGesprek.objects.filter(intake__in=self._intakes()).select_related("intake__dossier")

    def persoon_van(self, obj):
        return (obj.intake.dossier.inburgeraar_id, obj.intake.dossier_id)

    def maak(self, request, *args, **kwargs):
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        gegevens.pop("gehouden", None)
        intake = gegevens.pop("intake")
        gesprek = services.plan_gesprek(intake, door=request.user, **gegevens)
        return self.antwoord(gesprek, status_code=status.HTTP_201_CREATED, nieuw=True)

    def update(self, request, *args, **kwargs):
        gesprek = self.get_object()
        versie = self.if_match(gesprek)
        invoer = GesprekVerslagSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bijgewerkt = services.registreer_gesprek(
            gesprek, door=request.user, verwachte_versie=versie, **invoer.validated_data
        )
        return self.antwoord(bijgewerkt)


router = SimpleRouter(trailing_slash=False)
router.register("brede-intakes", BredeIntakeViewSet, basename="brede-intake")
router.register("intakegesprekken", IntakeGesprekViewSet, basename="intakegesprek")
router.register("leerbaarheidstoetsen", LeerbaarheidstoetsViewSet, basename="leerbaarheidstoets")
router.register("route-adviezen", RouteAdviesViewSet, basename="route-advies")
router.register("routebesluiten", RouteBesluitViewSet, basename="routebesluit")
urlpatterns = router.urls
