"""API: the offer, and the exchange with language schools ("Koers uitwisseling taalaanbieders", docs/taalaanbieders.md).

Aanbieders and contracten are read-only; a school's system reads the people shared with it (``/deelnemers``),
enrols them, reports hours per month (one enrolment, or a whole class at once), status changes and exam evidence.
Everything goes through the aanbod selectors and services, so the pages and the API apply the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import django_filters
from django import forms
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from koers.accounts.models import Ketenpartner
from koers.api.problemen import PROBLEM_JSON
from koers.api.scopes import AANBOD_LEZEN, AANBOD_SCHRIJVEN
from koers.api.veilig import AanmaakMixin, idempotente_post
from koers.api.views import KoersViewSet
from koers.dossiers.models import Dossier, DossierDeling
from koers.dossiers.selectors import dossiers_voor
from koers.utils.clock import vandaag
from koers.utils.concurrency import VersieConflict

from . import permissions, selectors, services
from .models import Contract, Examenresultaat, Inschrijving, Klas, Product, Urenregistratie, Voortgangsgesprek
from .services.inschrijving import heeft_geldig_keurmerk

LEZEN_SCHRIJVEN = {"lezen": [AANBOD_LEZEN], "schrijven": [AANBOD_SCHRIJVEN]}
ALLEEN_LEZEN = ["get", "head", "options"]
S = Inschrijving.Status


# --- fields ------------------------------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "example": "2026-10"})
class MaandField(serializers.Field):
    """A calendar month as ``JJJJ-MM``; stored as its first day."""

    default_error_messages = {"ongeldig": _("Geef de maand als JJJJ-MM, bijvoorbeeld 2026-10.")}

    def to_representation(self, value: dt.date) -> str:
        return f"{value:%Y-%m}"

    def to_internal_value(self, data) -> dt.date:
        return maand_uit(data) or self.fail("ongeldig")


class KeuzeField(serializers.ChoiceField):
    """A choice field whose values the OpenAPI document lists inline.

    Other apps have fields named ``status``, ``soort`` or ``niveau`` with other values; shared enum components would
    collide by name (a warning). The proper fix is ``ENUM_NAME_OVERRIDES`` in the settings, which this app does not own.
    """


class KeuzeFieldSchema(OpenApiSerializerFieldExtension):
    target_class = KeuzeField

    def map_serializer_field(self, auto_schema, direction):
        waarden = [str(w) for w in self.target.choices] + ([""] if self.target.allow_blank else [])
        return {"anyOf": [{"type": "string", "enum": waarden}]}


def maand_uit(tekst) -> dt.date | None:
    """``"2026-10"`` → 1 October 2026; anything else → None."""
    if not isinstance(tekst, str) or not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", tekst.strip()):
        return None
    jaar, maand = (int(deel) for deel in tekst.strip().split("-"))
    return dt.date(jaar, maand, 1) if jaar >= 1900 else None


def uren_veld(label: str, **extra) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal(0), help_text=label, **extra)


class IdFilter(django_filters.NumberFilter):
    """An id in a query parameter: a whole number (``abc`` or ``1.5`` is a 400, never a 500)."""

    field_class = forms.IntegerField


class MaandFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        maand = maand_uit(value)
        if maand is None:
            raise exceptions.ValidationError({self.field_name: [_("Geef de maand als JJJJ-MM, bijvoorbeeld 2026-10.")]})
        return qs.filter(**{self.field_name: maand})


# --- aanbieders en contracten (no personal data) -----------------------------------------------------------------


class AanbiederSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:aanbieder-detail")
    soort = serializers.CharField(read_only=True, help_text=_("taalaanbieder of overig"))
    keurmerk_geldig = serializers.SerializerMethodField(
        help_text=_("Heeft vandaag een geldig Blik op Werk Keurmerk Inburgeren.")
    )

    class Meta:
        model = Ketenpartner
        fields = ["url", "id", "naam", "soort", "keurmerk", "keurmerk_nummer", "keurmerk_geldig_tot", "keurmerk_geldig"]
        read_only_fields = fields

    def get_keurmerk_geldig(self, obj) -> bool:
        return heeft_geldig_keurmerk(obj, vandaag())


class ContractSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:contract-detail")
    aanbieder = serializers.IntegerField(source="ketenpartner_id", read_only=True)
    aanbieder_naam = serializers.CharField(source="ketenpartner.naam", read_only=True)
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True, allow_null=True)
    regio = serializers.CharField(source="regio.naam", read_only=True, allow_null=True)
    product = KeuzeField(choices=Product.choices, read_only=True)
    prijs_per = KeuzeField(choices=Contract.PrijsPer.choices, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "url",
            "id",
            "versie",
            "aanbieder",
            "aanbieder_naam",
            "gemeentecode",
            "regio",
            "product",
            "prijs",
            "prijs_per",
            "capaciteit",
            "start",
            "einde",
        ]
        read_only_fields = fields


class AanbiederFilter(django_filters.FilterSet):
    keurmerk = django_filters.BooleanFilter(label=_("Heeft een keurmerk (true/false)"))


class ContractFilter(django_filters.FilterSet):
    product = django_filters.ChoiceFilter(choices=Product.choices)
    aanbieder = IdFilter(field_name="ketenpartner_id")


@extend_schema_view(
    list=extend_schema(summary="Aanbieders (taalaanbieders en andere aanbieders van inburgering)", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén aanbieder", tags=["aanbod"]),
)
class AanbiederViewSet(KoersViewSet):
    queryset = Ketenpartner.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = AanbiederSerializer
    filterset_class = AanbiederFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "aanbieders"
    http_method_names = ALLEEN_LEZEN

    def get_queryset(self):
        return Ketenpartner.objects.filter(soort__in=permissions.AANBIEDER_SOORTEN)

    def persoon_van(self, obj):
        return None


@extend_schema_view(
    list=extend_schema(summary="Contracten van uw gemeente of regio (een aanbieder: haar eigen)", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén contract", tags=["aanbod"]),
)
class ContractViewSet(KoersViewSet):
    queryset = Contract.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "contracten"
    http_method_names = ALLEEN_LEZEN

    def get_queryset(self):
        return selectors.contracten_voor(self.request.user)

    def persoon_van(self, obj):
        return None


# --- deelnemers: the people a gemeente shared with a school -------------------------------------------------------


class DeelnemerSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:deelnemer-detail")
    id = serializers.IntegerField(read_only=True, help_text=_("Het id van het dossier: gebruik het bij inschrijven."))
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True)
    voornamen = serializers.CharField(source="inburgeraar.voornamen", read_only=True)
    achternaam = serializers.CharField(source="inburgeraar.achternaam", read_only=True)
    geboortedatum = serializers.DateField(source="inburgeraar.geboortedatum", read_only=True)
    gedeeld_op = serializers.DateTimeField(read_only=True)
    doel = serializers.CharField(read_only=True, help_text=_("Waarvoor de gemeente het dossier deelde."))

    class Meta:
        model = Dossier
        fields = ["url", "id", "gemeentecode", "voornamen", "achternaam", "geboortedatum", "gedeeld_op", "doel"]
        read_only_fields = fields


class DeelnemerFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(field_name="gemeente__gemeentecode", label=_("CBS-gemeentecode"))


@extend_schema_view(
    list=extend_schema(
        summary="Personen die een gemeente met uw organisatie deelde (alleen aanbieders)", tags=["aanbod"]
    ),
    retrieve=extend_schema(summary="Eén gedeelde persoon", tags=["aanbod"]),
)
class DeelnemerViewSet(KoersViewSet):
    queryset = Dossier.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = DeelnemerSerializer
    filterset_class = DeelnemerFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "gedeelde deelnemers"
    http_method_names = ALLEEN_LEZEN

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not permissions.is_aanbieder_account(request.user):
            raise exceptions.PermissionDenied(
                _("Alleen voor aanbieders; een gemeente leest haar dossiers met /dossiers.")
            )

    def get_queryset(self):
        gebruiker = self.request.user
        deling = DossierDeling.objects.filter(
            dossier=OuterRef("pk"),
            ketenpartner_id=getattr(gebruiker, "ketenpartner_id", None),
            ingetrokken_op__isnull=True,
        )
        return (
            dossiers_voor(gebruiker)
            .select_related("inburgeraar", "gemeente")
            .annotate(gedeeld_op=Subquery(deling.values("gedeeld_op")[:1]), doel=Subquery(deling.values("doel")[:1]))
        )

    def persoon_van(self, obj):
        return (obj.inburgeraar_id, obj.pk)


# --- inschrijvingen ------------------------------------------------------------------------------------------------


class DeelnemerKortSerializer(serializers.Serializer):
    voornamen = serializers.CharField(read_only=True)
    achternaam = serializers.CharField(read_only=True)
    geboortedatum = serializers.DateField(read_only=True)


class InschrijvingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:inschrijving-detail")
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    gemeentecode = serializers.CharField(source="dossier.gemeente.gemeentecode", read_only=True)
    deelnemer = DeelnemerKortSerializer(source="dossier.inburgeraar", read_only=True)
    aanbieder = serializers.IntegerField(source="ketenpartner_id", read_only=True, allow_null=True)
    contract = serializers.IntegerField(source="contract_id", read_only=True, allow_null=True)
    product = KeuzeField(choices=Product.choices, read_only=True)
    status = KeuzeField(choices=S.choices, read_only=True)

    class Meta:
        model = Inschrijving
        fields = [
            "url",
            "id",
            "versie",
            "dossier",
            "gemeentecode",
            "deelnemer",
            "aanbieder",
            "aanbieder_naam",
            "aanbieder_keurmerk",
            "contract",
            "product",
            "status",
            "aangemeld_op",
            "intake_op",
            "gestart_op",
            "beeindigd_op",
            "reden_afbreken",
        ]
        read_only_fields = fields


class InschrijvenSerializer(serializers.Serializer):
    """Enrol a person: through a contract of the gemeente, or directly with a provider."""

    dossier = serializers.PrimaryKeyRelatedField(
        queryset=Dossier.objects.none(),
        error_messages={"does_not_exist": _("Dossier {pk_value} bestaat niet of is niet met u gedeeld.")},
    )
    product = KeuzeField(choices=Product.choices)
    contract = serializers.PrimaryKeyRelatedField(
        queryset=Contract.objects.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Contract {pk_value} bestaat niet of is niet van u.")},
    )
    aanbieder = serializers.PrimaryKeyRelatedField(
        queryset=Ketenpartner.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("Zonder contract: de aanbieder. Een aanbieder die zelf inschrijft mag dit weglaten."),
        error_messages={"does_not_exist": _("Aanbieder {pk_value} bestaat niet.")},
    )
    aangemeld_op = serializers.DateField(required=False, help_text=_("Standaard vandaag."))

    def __init__(self, *args, gebruiker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruiker is None:  # the schema generator: no querysets needed
            return
        self.fields["dossier"].queryset = dossiers_voor(gebruiker).select_related("inburgeraar", "gemeente")
        self.fields["contract"].queryset = selectors.contracten_voor(gebruiker)
        self.fields["aanbieder"].queryset = Ketenpartner.objects.filter(soort__in=permissions.AANBIEDER_SOORTEN)


class InschrijvingStatusSerializer(serializers.Serializer):
    status = KeuzeField(
        choices=[(s, S(s).label) for s in (S.INTAKE_AANBIEDER, S.GESTART, S.AFGEROND, S.AFGEBROKEN)],
        help_text=_("De nieuwe status: intake_aanbieder, gestart, afgerond of afgebroken."),
    )
    datum = serializers.DateField(required=False, help_text=_("Wanneer; standaard vandaag, niet in de toekomst."))
    reden = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text=_("Verplicht bij afgebroken.")
    )


class InschrijvingFilter(django_filters.FilterSet):
    dossier = IdFilter(field_name="dossier_id")
    status = django_filters.ChoiceFilter(choices=S.choices)
    product = django_filters.ChoiceFilter(choices=Product.choices)


@extend_schema_view(
    list=extend_schema(summary="Inschrijvingen in uw toegang (een aanbieder: haar eigen)", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén inschrijving", tags=["aanbod"]),
    create=extend_schema(
        summary="Deelnemer inschrijven bij een aanbieder",
        request=InschrijvenSerializer,
        responses={201: InschrijvingSerializer},
        tags=["aanbod"],
    ),
)
class InschrijvingViewSet(AanmaakMixin, KoersViewSet):
    queryset = Inschrijving.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = InschrijvingSerializer
    filterset_class = InschrijvingFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "inschrijvingen"
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return selectors.inschrijvingen_voor(self.request.user)

    def maak(self, request, *args, **kwargs):
        invoer = InschrijvenSerializer(data=request.data, gebruiker=request.user)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        aanbieder = gegevens.get("aanbieder")
        if gegevens.get("contract") is None and aanbieder is None and permissions.is_aanbieder_account(request.user):
            aanbieder = request.user.ketenpartner  # a school enrolling directly enrols with itself
        inschrijving = services.schrijf_in(
            gegevens["dossier"],
            door=request.user,
            product=gegevens["product"],
            contract=gegevens.get("contract"),
            ketenpartner=aanbieder,
            aangemeld_op=gegevens.get("aangemeld_op"),
        )
        return self.antwoord(inschrijving, status_code=status.HTTP_201_CREATED, nieuw=True)

    @extend_schema(
        summary="Status wijzigen: intake gehouden, gestart, afgerond of afgebroken",
        request=InschrijvingStatusSerializer,
        responses={200: InschrijvingSerializer},
        tags=["aanbod"],
    )
    @action(detail=True, methods=["put"], url_path="status")
    def status_wijzigen(self, request, pk=None):
        inschrijving = self.get_object()
        versie = self.if_match(inschrijving)
        invoer = InschrijvingStatusSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.wijzig_inschrijving_status(
            inschrijving,
            naar=invoer.validated_data["status"],
            door=request.user,
            op=invoer.validated_data.get("datum"),
            verwachte_versie=versie,
            reden=invoer.validated_data.get("reden", ""),
        )
        return self.antwoord(gewijzigd)


# --- urenregistraties ----------------------------------------------------------------------------------------------


class UrenregistratieSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:urenregistratie-detail")
    inschrijving = serializers.IntegerField(source="inschrijving_id", read_only=True)
    dossier = serializers.IntegerField(source="inschrijving.dossier_id", read_only=True)
    periode = MaandField(read_only=True)
    soort = KeuzeField(choices=Urenregistratie.Soort.choices, read_only=True)
    bron = KeuzeField(choices=Urenregistratie.Bron.choices, read_only=True)

    class Meta:
        model = Urenregistratie
        fields = [
            "url",
            "id",
            "versie",
            "inschrijving",
            "dossier",
            "periode",
            "soort",
            "uren_gevolgd",
            "uren_geoorloofd_afwezig",
            "uren_ongeoorloofd_afwezig",
            "in_persoon_uren",
            "bron",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class UrenSerializer(serializers.Serializer):
    """The four numbers of one month (hours; up to two decimals, a decimal point: 12.5)."""

    uren_gevolgd = uren_veld(_("Lesuren (of activiteiten) die de deelnemer heeft gevolgd."), default=Decimal(0))
    uren_geoorloofd_afwezig = uren_veld(_("Afwezig met geldige reden (ziekte, afspraak)."), default=Decimal(0))
    uren_ongeoorloofd_afwezig = uren_veld(_("Afwezig zonder geldige reden: het verzuim."), default=Decimal(0))
    in_persoon_uren = uren_veld(_("Waarvan fysiek (niet online) gevolgd; hoogstens urenGevolgd."), default=Decimal(0))


class UrenInvoerSerializer(UrenSerializer):
    inschrijving = serializers.PrimaryKeyRelatedField(
        queryset=Inschrijving.objects.none(),
        error_messages={"does_not_exist": _("Inschrijving {pk_value} bestaat niet of is niet van u.")},
    )
    periode = MaandField()
    soort = KeuzeField(choices=Urenregistratie.Soort.choices)

    def __init__(self, *args, gebruiker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruiker is None:  # the schema generator: no querysets needed
            return
        self.fields["inschrijving"].queryset = selectors.inschrijvingen_voor(gebruiker)


class UrenCorrectieSerializer(serializers.Serializer):
    uren_gevolgd = uren_veld(_("Gevolgde uren."))
    uren_geoorloofd_afwezig = uren_veld(_("Afwezig met geldige reden."))
    uren_ongeoorloofd_afwezig = uren_veld(_("Afwezig zonder geldige reden (verzuim)."))
    in_persoon_uren = uren_veld(_("Waarvan fysiek gevolgd."))


def uren_uit(gegevens: dict, *, versie: int | None, basis: Urenregistratie | None = None) -> services.Uren:
    def waarde(veld: str, attribuut: str) -> Decimal:
        if veld in gegevens:
            return gegevens[veld]
        return getattr(basis, attribuut) if basis is not None else Decimal(0)

    return services.Uren(
        gevolgd=waarde("uren_gevolgd", "uren_gevolgd"),
        geoorloofd_afwezig=waarde("uren_geoorloofd_afwezig", "uren_geoorloofd_afwezig"),
        ongeoorloofd_afwezig=waarde("uren_ongeoorloofd_afwezig", "uren_ongeoorloofd_afwezig"),
        in_persoon=waarde("in_persoon_uren", "in_persoon_uren"),
        versie=versie,
    )


class MaandAlGeregistreerd(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "maand_al_geregistreerd"

    def __init__(self, url: str):
        super().__init__(
            _(
                "Voor deze inschrijving, maand en soort zijn al uren geregistreerd (%s). Corrigeer die registratie "
                "met PUT en If-Match."
            )
            % url
        )


class UrenFilter(django_filters.FilterSet):
    inschrijving = IdFilter(field_name="inschrijving_id")
    dossier = IdFilter(field_name="inschrijving__dossier_id")
    periode = MaandFilter(field_name="periode", label=_("Maand als JJJJ-MM"))
    soort = django_filters.ChoiceFilter(choices=Urenregistratie.Soort.choices)


CONFLICT = OpenApiResponse(description=_("Deze maand heeft al uren: corrigeer met PUT."))


@extend_schema_view(
    list=extend_schema(summary="Uren en afwezigheid per maand", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén maand uren", tags=["aanbod"]),
    create=extend_schema(
        summary="Eén maand uren van één inschrijving doorgeven",
        request=UrenInvoerSerializer,
        responses={201: UrenregistratieSerializer, 409: CONFLICT},
        tags=["aanbod"],
    ),
    update=extend_schema(
        summary="Een maand corrigeren",
        request=UrenCorrectieSerializer,
        responses={200: UrenregistratieSerializer},
        tags=["aanbod"],
    ),
    partial_update=extend_schema(
        summary="Een maand gedeeltelijk corrigeren",
        request=UrenCorrectieSerializer,
        responses={200: UrenregistratieSerializer},
        tags=["aanbod"],
    ),
)
class UrenregistratieViewSet(AanmaakMixin, KoersViewSet):
    queryset = Urenregistratie.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = UrenregistratieSerializer
    filterset_class = UrenFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "urenregistraties"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.urenregistraties_voor(self.request.user)

    def persoon_van(self, obj):
        dossier = obj.inschrijving.dossier
        return (dossier.inburgeraar_id, dossier.pk)

    def maak(self, request, *args, **kwargs):
        invoer = UrenInvoerSerializer(data=request.data, gebruiker=request.user)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        try:
            registratie = services.registreer_uren(
                gegevens["inschrijving"],
                periode=gegevens["periode"],
                soort=gegevens["soort"],
                uren=uren_uit(gegevens, versie=None),
                door=request.user,
            )
        except VersieConflict as conflict:
            raise MaandAlGeregistreerd(self.detail_url(conflict.obj)) from None
        return self.antwoord(registratie, status_code=status.HTTP_201_CREATED, nieuw=True)

    def update(self, request, *args, partial: bool = False, **kwargs):
        registratie = self.get_object()
        versie = self.if_match(registratie)
        invoer = UrenCorrectieSerializer(data=request.data, partial=partial)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.registreer_uren(
            registratie.inschrijving,
            periode=registratie.periode,
            soort=registratie.soort,
            uren=uren_uit(invoer.validated_data, versie=versie, basis=registratie),
            door=request.user,
        )
        return self.antwoord(gewijzigd)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


# --- klassen -------------------------------------------------------------------------------------------------------


class KlaslidSerializer(serializers.ModelSerializer):
    inschrijving = serializers.IntegerField(source="pk", read_only=True)
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    voornamen = serializers.CharField(source="dossier.inburgeraar.voornamen", read_only=True)
    achternaam = serializers.CharField(source="dossier.inburgeraar.achternaam", read_only=True)
    status = serializers.CharField(read_only=True, help_text=_("De status van de inschrijving."))

    class Meta:
        model = Inschrijving
        fields = ["inschrijving", "dossier", "voornamen", "achternaam", "status"]
        read_only_fields = fields


class KlasSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:klas-detail")
    aanbieder = serializers.IntegerField(source="ketenpartner_id", read_only=True)
    aanbieder_naam = serializers.CharField(source="ketenpartner.naam", read_only=True)
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True, allow_null=True)
    deelnemers = KlaslidSerializer(source="leden_in_scope", many=True, read_only=True)
    product = KeuzeField(choices=Product.choices, read_only=True)

    class Meta:
        model = Klas
        fields = ["url", "id", "versie", "naam", "product", "aanbieder", "aanbieder_naam", "gemeentecode", "deelnemers"]
        read_only_fields = fields


class PlaatsingSerializer(serializers.Serializer):
    inschrijving = serializers.PrimaryKeyRelatedField(
        queryset=Inschrijving.objects.none(),
        error_messages={"does_not_exist": _("Inschrijving {pk_value} bestaat niet of is niet van u.")},
    )

    def __init__(self, *args, gebruiker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruiker is None:  # the schema generator: no querysets needed
            return
        self.fields["inschrijving"].queryset = selectors.inschrijvingen_voor(gebruiker)


class KlasurenRijSerializer(UrenSerializer):
    inschrijving = serializers.IntegerField(min_value=1)
    versie = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text=_("De versie van de registratie van deze maand die u las; leeg als de maand nog geen uren had."),
    )


class KlasurenSerializer(serializers.Serializer):
    periode = MaandField()
    soort = KeuzeField(choices=Urenregistratie.Soort.choices)
    deelnemers = KlasurenRijSerializer(many=True, allow_empty=False, max_length=500)

    def validate_deelnemers(self, rijen: list[dict]) -> list[dict]:
        gezien: set[int] = set()
        for rij in rijen:
            if rij["inschrijving"] in gezien:
                raise serializers.ValidationError(
                    _("Inschrijving %s staat meer dan eens in de lijst.") % rij["inschrijving"], code="dubbel"
                )
            gezien.add(rij["inschrijving"])
        return rijen


class KlasurenAntwoordSerializer(serializers.Serializer):
    results = UrenregistratieSerializer(many=True)


class KlasFilter(django_filters.FilterSet):
    product = django_filters.ChoiceFilter(choices=Product.choices)


IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True, description="De ETag van de klas die u las."
)
PROBLEEM = {"$ref": "#/components/schemas/Probleem"}


@extend_schema_view(
    list=extend_schema(summary="Klassen (een aanbieder: haar eigen) met de deelnemers in uw toegang", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén klas", tags=["aanbod"]),
)
class KlasViewSet(KoersViewSet):
    queryset = Klas.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = KlasSerializer
    filterset_class = KlasFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "klassen"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        gebruiker = self.request.user
        leden = (
            Inschrijving.objects.filter(dossier__in=dossiers_voor(gebruiker))
            .select_related("dossier__inburgeraar")
            .order_by("dossier__inburgeraar__achternaam", "pk")
        )
        return selectors.klassen_voor(gebruiker).prefetch_related(
            Prefetch("leden", queryset=leden, to_attr="leden_in_scope")
        )

    def _log(self, objs) -> None:
        # a class shows its members: each member is logged as read
        super()._log([lid for obj in objs for lid in (obj.leden_in_scope if isinstance(obj, Klas) else [obj])])

    def persoon_van(self, obj):
        return (obj.dossier.inburgeraar_id, obj.dossier_id)

    @extend_schema(
        summary="Een inschrijving in de klas plaatsen",
        request=PlaatsingSerializer,
        parameters=[IF_MATCH],
        responses={
            200: KlasSerializer,
            (412, PROBLEM_JSON): OpenApiResponse(PROBLEEM, description=_("De klas is intussen gewijzigd.")),
            (428, PROBLEM_JSON): OpenApiResponse(PROBLEEM, description=_("If-Match ontbreekt.")),
        },
        tags=["aanbod"],
    )
    @action(detail=True, methods=["post"], url_path="deelnemers")
    @idempotente_post
    def deelnemers(self, request, pk=None):
        klas = self.get_object()
        versie = self.if_match(klas)
        invoer = PlaatsingSerializer(data=request.data, gebruiker=request.user)
        invoer.is_valid(raise_exception=True)
        services.plaats_in_klas(
            klas, inschrijving=invoer.validated_data["inschrijving"], door=request.user, verwachte_versie=versie
        )
        return self.antwoord(klas)

    @extend_schema(
        summary="Een maand uren voor de hele klas: alles of niets",
        request=KlasurenSerializer,
        responses={200: KlasurenAntwoordSerializer},
        tags=["aanbod"],
    )
    @action(detail=True, methods=["post"], url_path="uren")
    @idempotente_post
    def uren(self, request, pk=None):
        klas = self.get_object()
        invoer = KlasurenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        rijen = invoer.validated_data["deelnemers"]
        regels = {rij["inschrijving"]: uren_uit(rij, versie=rij.get("versie")) for rij in rijen}
        try:
            opgeslagen = services.registreer_klasuren(
                klas,
                periode=invoer.validated_data["periode"],
                soort=invoer.validated_data["soort"],
                regels=regels,
                door=request.user,
            )
        except services.KlasurenFout as fout:
            per_index = [fout.per_rij.get(rij["inschrijving"], []) for rij in rijen]
            raise exceptions.ValidationError(
                {"non_field_errors": fout.messages, "deelnemers": per_index}, code="klasuren"
            ) from None
        registraties = selectors.urenregistraties_voor(request.user).filter(pk__in=[r.pk for r in opgeslagen])
        self._log([r.inschrijving for r in registraties])
        data = UrenregistratieSerializer(registraties, many=True, context=self.get_serializer_context()).data
        return Response({"results": data})


# --- voortgangsgesprekken en examenresultaten ----------------------------------------------------------------------


class VoortgangsgesprekSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:voortgangsgesprek-detail")
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    status = KeuzeField(choices=Voortgangsgesprek.Status.choices, read_only=True)

    class Meta:
        model = Voortgangsgesprek
        fields = ["url", "id", "versie", "dossier", "gepland_op", "gehouden_op", "status", "notities", "afspraken"]
        read_only_fields = fields


class VerslagSerializer(serializers.Serializer):
    gehouden_op = serializers.DateField(required=False, allow_null=True, help_text=_("Verplicht, tenzij gemist."))
    gemist = serializers.BooleanField(default=False, help_text=_("De inburgeraar kwam niet."))
    notities = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    afspraken = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class GesprekFilter(django_filters.FilterSet):
    dossier = IdFilter(field_name="dossier_id")
    status = django_filters.ChoiceFilter(choices=Voortgangsgesprek.Status.choices)


@extend_schema_view(
    list=extend_schema(summary="Voortgangsgesprekken van de gemeente (niet voor aanbieders)", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén voortgangsgesprek", tags=["aanbod"]),
)
class VoortgangsgesprekViewSet(KoersViewSet):
    queryset = Voortgangsgesprek.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = VoortgangsgesprekSerializer
    filterset_class = GesprekFilter
    scopes = {"lezen": [AANBOD_LEZEN], "schrijven": []}  # only gemeente staff write, in their session
    omschrijving = "voortgangsgesprekken"
    http_method_names = ["get", "put", "head", "options"]

    def get_queryset(self):
        return selectors.voortgangsgesprekken_voor(self.request.user)

    @extend_schema(
        summary="Verslag van een gehouden (of gemist) gesprek",
        request=VerslagSerializer,
        responses={200: VoortgangsgesprekSerializer},
        tags=["aanbod"],
    )
    @action(detail=True, methods=["put"], url_path="verslag")
    def verslag(self, request, pk=None):
        gesprek = self.get_object()
        versie = self.if_match(gesprek)
        invoer = VerslagSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        gewijzigd = services.houd_voortgangsgesprek(
            gesprek,
            door=request.user,
            gehouden_op=gegevens.get("gehouden_op"),
            notities=gegevens.get("notities", ""),
            afspraken=gegevens.get("afspraken", ""),
            gemist=gegevens["gemist"],
            verwachte_versie=versie,
        )
        return self.antwoord(gewijzigd)


class ExamenresultaatSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:examenresultaat-detail")
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    gemeld_door = serializers.SerializerMethodField(help_text=_("gemeente, aanbieder of duo"))
    aanbieder_naam = serializers.SerializerMethodField(help_text=_("De aanbieder die het resultaat meldde."))
    bewijs = serializers.SerializerMethodField(help_text=_("De verwijzing naar het bewijs die de aanbieder gaf."))
    onderdeel = KeuzeField(choices=Examenresultaat.Onderdeel.choices, read_only=True)
    niveau = KeuzeField(choices=Examenresultaat.Niveau.choices, read_only=True, allow_blank=True)
    resultaat = KeuzeField(choices=Examenresultaat.Resultaat.choices, read_only=True)

    class Meta:
        model = Examenresultaat
        fields = [
            "url",
            "id",
            "versie",
            "dossier",
            "onderdeel",
            "niveau",
            "datum",
            "resultaat",
            "poging",
            "gratis",
            "gemeld_door",
            "aanbieder_naam",
            "bewijs",
        ]
        read_only_fields = fields

    def get_gemeld_door(self, obj) -> str:
        if obj.geimporteerd:
            return "duo"
        return "aanbieder" if _door_aanbieder(obj) else "gemeente"

    def get_aanbieder_naam(self, obj) -> str | None:
        return obj.ingevoerd_door.ketenpartner.naam if _door_aanbieder(obj) else None

    def get_bewijs(self, obj) -> str | None:
        return obj.bewijs or None


def _door_aanbieder(examen: Examenresultaat) -> bool:
    door = examen.ingevoerd_door
    return bool(
        not examen.geimporteerd
        and door is not None
        and door.ketenpartner_id
        and door.ketenpartner.soort in permissions.AANBIEDER_SOORTEN
    )


class ExamenInvoerSerializer(serializers.Serializer):
    dossier = serializers.PrimaryKeyRelatedField(
        queryset=Dossier.objects.none(),
        error_messages={"does_not_exist": _("Dossier {pk_value} bestaat niet of is niet met u gedeeld.")},
    )
    onderdeel = KeuzeField(choices=Examenresultaat.Onderdeel.choices)
    niveau = KeuzeField(choices=Examenresultaat.Niveau.choices, required=False, allow_blank=True)
    datum = serializers.DateField(help_text=_("De examendatum; niet in de toekomst."))
    resultaat = KeuzeField(choices=Examenresultaat.Resultaat.choices)
    gratis = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("Alleen de gemeente; standaard automatisch.")
    )
    bewijs = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=_("Verplicht voor een aanbieder: kenmerk of adres van het bewijs (uitslagbrief, certificaat)."),
    )

    def __init__(self, *args, gebruiker=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruiker is None:  # the schema generator: no querysets needed
            return
        self.fields["dossier"].queryset = dossiers_voor(gebruiker).select_related("inburgeraar")


class ExamenFilter(django_filters.FilterSet):
    dossier = IdFilter(field_name="dossier_id")
    onderdeel = django_filters.ChoiceFilter(choices=Examenresultaat.Onderdeel.choices)


@extend_schema_view(
    list=extend_schema(summary="Examenresultaten (een aanbieder: van haar eigen deelnemers)", tags=["aanbod"]),
    retrieve=extend_schema(summary="Eén examenresultaat", tags=["aanbod"]),
    create=extend_schema(
        summary="Examenresultaat doorgeven (een aanbieder: met bewijs, van een eigen deelnemer)",
        request=ExamenInvoerSerializer,
        responses={201: ExamenresultaatSerializer},
        tags=["aanbod"],
    ),
)
class ExamenresultaatViewSet(AanmaakMixin, KoersViewSet):
    queryset = Examenresultaat.objects.none()  # for the schema; every request reads get_queryset()
    serializer_class = ExamenresultaatSerializer
    filterset_class = ExamenFilter
    scopes = LEZEN_SCHRIJVEN
    omschrijving = "examenresultaten"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.examenresultaten_voor(self.request.user)

    def maak(self, request, *args, **kwargs):
        invoer = ExamenInvoerSerializer(data=request.data, gebruiker=request.user)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        examen = services.registreer_examen(
            gegevens["dossier"],
            door=request.user,
            onderdeel=gegevens["onderdeel"],
            niveau=gegevens.get("niveau", ""),
            datum=gegevens["datum"],
            resultaat=gegevens["resultaat"],
            gratis=gegevens.get("gratis"),
            bewijs=gegevens.get("bewijs", "").strip(),
        )
        return self.antwoord(examen, status_code=status.HTTP_201_CREATED, nieuw=True)


router = SimpleRouter(trailing_slash=False)
router.register("aanbieders", AanbiederViewSet, basename="aanbieder")
router.register("contracten", ContractViewSet, basename="contract")
router.register("deelnemers", DeelnemerViewSet, basename="deelnemer")
router.register("inschrijvingen", InschrijvingViewSet, basename="inschrijving")
router.register("urenregistraties", UrenregistratieViewSet, basename="urenregistratie")
router.register("klassen", KlasViewSet, basename="klas")
router.register("voortgangsgesprekken", VoortgangsgesprekViewSet, basename="voortgangsgesprek")
router.register("examenresultaten", ExamenresultaatViewSet, basename="examenresultaat")
urlpatterns = router.urls
