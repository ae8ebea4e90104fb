"""API: inburgeraars and dossiers, through the same selectors and services as the pages."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from koers.accounts.models import Gebruiker, Ketenpartner
from koers.api.scopes import DOSSIERS_LEZEN
from koers.api.veilig import AanmaakMixin, idempotente_post
from koers.api.views import KoersViewSet
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.services import PERSOONSVELDEN
from koers.inburgeraars.validators import normaliseer_bsn

from . import permissions, selectors, services
from .models import Dossier, DossierDeling, TijdlijnGebeurtenis
from .status import Afsluitreden, Status


class InburgeraarSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:inburgeraar-detail")

    class Meta:
        model = Inburgeraar
        fields = ["url", "id", "versie", *PERSOONSVELDEN]
        read_only_fields = ["id", "versie"]


class DossierSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:dossier-detail")
    inburgeraar = InburgeraarSerializer(read_only=True)
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True)
    klantmanager = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    afsluitreden = serializers.ChoiceField(choices=Afsluitreden.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Dossier
        fields = [
            "url",
            "id",
            "versie",
            "inburgeraar",
            "gemeentecode",
            "klantmanager",
            "status",
            "afsluitreden",
            "aangemeld_op",
            "afgesloten_op",
        ]
        read_only_fields = fields


class RegistratieSerializer(serializers.ModelSerializer):
    """A new person and their dossier in the caller's gemeente (as the registration page)."""

    aangemeld_op = serializers.DateField(required=False)
    geen_dubbel = serializers.BooleanField(
        default=False,
        help_text=_("Bevestig dat dit een andere persoon is dan de mogelijke dubbele registraties."),
    )

    class Meta:
        model = Inburgeraar
        fields = [*PERSOONSVELDEN, "aangemeld_op", "geen_dubbel"]


class KlantmanagerSerializer(serializers.Serializer):
    klantmanager = serializers.SlugRelatedField(slug_field="username", queryset=Gebruiker.objects.none())

    def __init__(self, *args, gemeente_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klantmanager"].queryset = Gebruiker.objects.filter(
            gemeente_id=gemeente_id, rol="klantmanager", is_active=True
        )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    afsluitreden = serializers.ChoiceField(choices=Afsluitreden.choices, required=False, allow_blank=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class DelingSerializer(serializers.ModelSerializer):
    ketenpartner = serializers.PrimaryKeyRelatedField(queryset=Ketenpartner.objects.all())
    ketenpartner_naam = serializers.CharField(source="ketenpartner.naam", read_only=True)

    class Meta:
        model = DossierDeling
        fields = ["id", "ketenpartner", "ketenpartner_naam", "doel", "gedeeld_op", "ingetrokken_op"]
        read_only_fields = ["id", "ketenpartner_naam", "gedeeld_op", "ingetrokken_op"]


class TijdlijnSerializer(serializers.ModelSerializer):
    door = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = TijdlijnGebeurtenis
        fields = ["id", "tijdstip", "soort", "titel", "toelichting", "door"]
        read_only_fields = fields


class PersoonFilter(django_filters.FilterSet):
    zoek = django_filters.CharFilter(method="filter_zoek", label=_("BSN, v-nummer of naam"))

    def filter_zoek(self, queryset, name, value):
        cijfers = normaliseer_bsn(value)
        if cijfers.isdigit() and len(cijfers) in (9, 10):
            return queryset.filter(**({"bsn": cijfers} if len(cijfers) == 9 else {"v_nummer": cijfers}))
        for deel in value.lower().split():
            queryset = queryset.filter(achternaam__istartswith=deel) | queryset.filter(voornamen__istartswith=deel)
        return queryset


class DossierFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    klantmanager = django_filters.CharFilter(field_name="klantmanager__username")
    zoek = django_filters.CharFilter(method="filter_zoek", label=_("BSN, v-nummer of naam"))

    def filter_zoek(self, queryset, name, value):
        return queryset.filter(selectors._zoekvoorwaarde(value)) if value.strip() else queryset


@extend_schema_view(
    list=extend_schema(summary="Personen in uw toegang", tags=["inburgeraars"]),
    retrieve=extend_schema(summary="Eén persoon", tags=["inburgeraars"]),
    partial_update=extend_schema(summary="Persoonsgegevens wijzigen", tags=["inburgeraars"]),
)
class InburgeraarViewSet(mixins.UpdateModelMixin, KoersViewSet):
    serializer_class = InburgeraarSerializer
    filterset_class = PersoonFilter
    scopes = {"lezen": [DOSSIERS_LEZEN], "schrijven": []}
    omschrijving = "inburgeraars"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        in_scope = selectors.dossiers_voor(self.request.user).filter(inburgeraar_id=OuterRef("pk"))
        return Inburgeraar.objects.filter(Exists(in_scope))

    def persoon_van(self, obj):
        return (obj.pk, None)

    def partial_update(self, request, *args, **kwargs):
        persoon = self.get_object()
        dossier = selectors.dossiers_voor(request.user).filter(
            inburgeraar=persoon, gemeente_id=request.user.gemeente_id
        )
        dossier = dossier.first()
        if dossier is None or not permissions.mag_dossier_bewerken(request.user, dossier):
            raise PermissionDenied(_("U mag de gegevens van deze persoon niet wijzigen."))
        versie = self.if_match(persoon)
        serializer = self.get_serializer(persoon, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        gewijzigd = services.wijzig_persoon(
            dossier, door=request.user, verwachte_versie=versie, **serializer.validated_data
        )
        return self.antwoord(gewijzigd)


@extend_schema_view(
    list=extend_schema(summary="Dossiers in uw toegang, nieuwste eerst", tags=["dossiers"]),
    retrieve=extend_schema(summary="Eén dossier", tags=["dossiers"]),
    create=extend_schema(
        summary="Persoon registreren en dossier openen",
        request=RegistratieSerializer,
        responses={201: DossierSerializer},
        tags=["dossiers"],
    ),
)
class DossierViewSet(AanmaakMixin, KoersViewSet):
    serializer_class = DossierSerializer
    filterset_class = DossierFilter
    scopes = {"lezen": [DOSSIERS_LEZEN], "schrijven": []}
    omschrijving = "dossiers"

    def get_queryset(self):
        return selectors.dossiers_voor(self.request.user).select_related("inburgeraar", "gemeente", "klantmanager")

    def persoon_van(self, obj):
        return (obj.inburgeraar_id, obj.pk)

    def maak(self, request, *args, **kwargs):
        if not permissions.mag_registreren(request.user):
            raise PermissionDenied(_("U mag geen inburgeraars registreren."))
        invoer = RegistratieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        geen_dubbel = gegevens.pop("geen_dubbel")
        aangemeld_op = gegevens.pop("aangemeld_op", None)
        dubbelen = services.mogelijke_dubbelen_bij_registratie(request.user, gegevens)
        if dubbelen and (services.heeft_zelfde_nummer(dubbelen) or not geen_dubbel):
            urls = ", ".join(self.detail_url(d) for d, _r in dubbelen)
            zelfde = services.heeft_zelfde_nummer(dubbelen)
            raise serializers.ValidationError(
                {
                    "bsn" if zelfde else "geen_dubbel": [
                        _("Er bestaat al een persoon met dit BSN of v-nummer: %s") % urls
                        if zelfde
                        else _("Er is mogelijk al een registratie van deze persoon (%s). Bevestig met geenDubbel.")
                        % urls
                    ]
                },
                code="mogelijk_dubbel",
            )
        extra = {"aangemeld_op": aangemeld_op} if aangemeld_op else {}
        dossier = services.registreer_inburgeraar(door=request.user, **extra, **gegevens)
        return self.antwoord(dossier, status_code=status.HTTP_201_CREATED, nieuw=True)

    @extend_schema(
        summary="Klantmanager toewijzen",
        request=KlantmanagerSerializer,
        responses={200: DossierSerializer},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["put"], url_path="klantmanager")
    def klantmanager(self, request, pk=None):
        dossier = self.get_object()
        if not permissions.mag_dossier_bewerken(request.user, dossier):
            raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
        versie = self.if_match(dossier)
        invoer = KlantmanagerSerializer(data=request.data, gemeente_id=dossier.gemeente_id)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.wijs_klantmanager_toe(
            dossier, klantmanager=invoer.validated_data["klantmanager"], door=request.user, verwachte_versie=versie
        )
        return self.antwoord(gewijzigd)

    @extend_schema(
        summary="Status wijzigen of dossier afsluiten",
        request=StatusSerializer,
        responses={200: DossierSerializer},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["put"], url_path="status")
    def status_wijzigen(self, request, pk=None):
        dossier = self.get_object()
        if not permissions.mag_dossier_bewerken(request.user, dossier):
            raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
        versie = self.if_match(dossier)
        invoer = StatusSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.wijzig_status(
            dossier,
            naar=invoer.validated_data["status"],
            door=request.user,
            verwachte_versie=versie,
            afsluitreden=invoer.validated_data.get("afsluitreden", ""),
            toelichting=invoer.validated_data.get("toelichting", ""),
        )
        return self.antwoord(gewijzigd)

    @extend_schema(
        summary="Dossier delen met een ketenpartner (bijvoorbeeld de taalschool), met het doel",
        request=DelingSerializer,
        responses={201: DelingSerializer},
        tags=["dossiers"],
    )
    @action(detail=True, methods=["post"], url_path="delingen")
    @idempotente_post
    def delen(self, request, pk=None):
        dossier = self.get_object()
        invoer = DelingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        deling = services.deel_met_ketenpartner(
            dossier,
            ketenpartner=invoer.validated_data["ketenpartner"],
            doel=invoer.validated_data["doel"],
            door=request.user,
        )
        return Response(DelingSerializer(deling).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tijdlijn van het dossier", responses={200: TijdlijnSerializer(many=True)}, tags=["dossiers"]
    )
    @action(detail=True, methods=["get"], url_path="tijdlijn", pagination_class=None)
    def tijdlijn(self, request, pk=None):
        dossier = self.get_object()
        self._log([dossier])
        return Response(TijdlijnSerializer(selectors.tijdlijn(dossier), many=True).data)


router = SimpleRouter(trailing_slash=False)
router.register("inburgeraars", InburgeraarViewSet, basename="inburgeraar")
router.register("dossiers", DossierViewSet, basename="dossier")
urlpatterns = router.urls
