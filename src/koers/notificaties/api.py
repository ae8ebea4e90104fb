"""API: /api/v1/abonnementen — a gemeente's own system manages its subscriptions to notifications.

Scope ``abonnementen:beheren``; only subscriptions of the client's own gemeente are visible. The signing secret is
in the answer to the POST that creates a subscription, and never again. Writes name the version read (If-Match);
POST honours Idempotency-Key (a retried create returns the first answer, with the same secret).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from koers.api.scopes import ABONNEMENTEN_BEHEREN
from koers.api.veilig import AanmaakMixin
from koers.api.views import KoersViewSet

from . import selectors, services
from .models import Abonnement, Gebeurtenistype

SCOPES = {"lezen": [ABONNEMENTEN_BEHEREN], "schrijven": [ABONNEMENTEN_BEHEREN]}


class AbonnementSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:abonnement-detail")
    gebeurtenistypen = serializers.ListField(
        child=serializers.ChoiceField(choices=Gebeurtenistype.choices),
        read_only=True,
        help_text=_("De gebeurtenissen die dit systeem krijgt (CloudEvents type nl.koers.inburgering.<code>)."),
    )
    autorisatie_ingesteld = serializers.SerializerMethodField(
        help_text=_("Of Koers een toegangstoken meestuurt (het token zelf wordt nooit getoond).")
    )

    class Meta:
        model = Abonnement
        fields = [
            "url",
            "id",
            "versie",
            "naam",
            "callback_url",
            "gebeurtenistypen",
            "actief",
            "autorisatie_ingesteld",
            "aangemaakt_op",
            "gedeactiveerd_op",
            "deactiveringsreden",
        ]
        read_only_fields = fields

    def get_autorisatie_ingesteld(self, obj) -> bool:
        return bool(obj.autorisatie)


class NieuwAbonnementSerializer(AbonnementSerializer):
    geheim = serializers.CharField(
        read_only=True, help_text=_("Het ondertekeningsgeheim (Standard Webhooks, whsec_…). Alleen in dit antwoord.")
    )

    class Meta(AbonnementSerializer.Meta):
        fields = [*AbonnementSerializer.Meta.fields, "geheim"]
        read_only_fields = fields


class AbonnementInvoerSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=100)
    callback_url = serializers.CharField(max_length=500, help_text=_("https-adres dat de berichten ontvangt."))
    gebeurtenistypen = serializers.ListField(
        child=serializers.ChoiceField(choices=Gebeurtenistype.choices), allow_empty=False
    )
    autorisatie = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_("Optioneel token van de ontvanger; meegestuurd als ‘Authorization: Bearer …’."),
    )
    actief = serializers.BooleanField(required=False, help_text=_("Alleen bij wijzigen."))


@extend_schema_view(
    list=extend_schema(summary="Abonnementen op notificaties van de eigen gemeente", tags=["notificaties"]),
    retrieve=extend_schema(summary="Eén abonnement", tags=["notificaties"]),
    create=extend_schema(
        summary="Abonneren (het antwoord bevat eenmalig het ondertekeningsgeheim)",
        request=AbonnementInvoerSerializer,
        responses={201: NieuwAbonnementSerializer},
        tags=["notificaties"],
    ),
    update=extend_schema(
        summary="Abonnement wijzigen (If-Match)",
        request=AbonnementInvoerSerializer,
        responses={200: AbonnementSerializer},
        tags=["notificaties"],
    ),
    partial_update=extend_schema(
        summary="Abonnement deels wijzigen, bijvoorbeeld deactiveren (If-Match)",
        request=AbonnementInvoerSerializer,
        responses={200: AbonnementSerializer},
        tags=["notificaties"],
    ),
    destroy=extend_schema(summary="Abonnement verwijderen, met zijn bezorglog (If-Match)", tags=["notificaties"]),
)
class AbonnementViewSet(AanmaakMixin, KoersViewSet):
    queryset = Abonnement.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = AbonnementSerializer
    scopes = SCOPES
    omschrijving = "abonnementen"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    parser_classes = [CamelCaseJSONParser]  # JSON only: a subscription has no files

    def get_queryset(self):
        return selectors.abonnementen_voor(self.request.user)

    def persoon_van(self, obj):
        return None  # configuration, no personal data

    def maak(self, request, *args, **kwargs):
        invoer = AbonnementInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = {k: v for k, v in invoer.validated_data.items() if k != "actief"}
        abonnement = services.maak_abonnement(door=request.user, **gegevens)
        data = NieuwAbonnementSerializer(abonnement, context=self.get_serializer_context()).data
        headers = {"Location": self.detail_url(abonnement), "ETag": abonnement.etag}
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)

    def update(self, request, *args, partial: bool = False, **kwargs):
        abonnement = self.get_object()
        versie = self.if_match(abonnement)
        invoer = AbonnementInvoerSerializer(data=request.data, partial=partial)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.wijzig_abonnement(
            abonnement, door=request.user, verwachte_versie=versie, **invoer.validated_data
        )
        return self.antwoord(gewijzigd)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        abonnement = self.get_object()
        self.if_match(abonnement)
        services.verwijder_abonnement(abonnement, door=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


router = SimpleRouter(trailing_slash=False)
router.register("abonnementen", AbonnementViewSet, basename="abonnement")
urlpatterns = router.urls
