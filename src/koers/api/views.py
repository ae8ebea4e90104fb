"""Shared viewset behaviour: scoped reads that are logged like a page, ETags, safe writes, the API root."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang, log_toegangen

from .veilig import met_etag, niet_gewijzigd, verwachte_versie


class KoersViewSet(viewsets.GenericViewSet):
    """Base of every resource. ``get_queryset`` must come from a scoped selector; reads of persons are logged.

    ``omschrijving`` names the resource in the access log; ``persoon_van(obj)`` says whose data an item is
    (``None`` for data about no person, e.g. a contract). Resources that can be created add ``AanmaakMixin``
    (koers.api.veilig) and implement ``maak``; POST actions use ``@idempotente_post``; writes call ``if_match``.
    """

    lookup_value_regex = r"[0-9]{1,18}"  # fits a bigint; anything else is a 404 (problem+json)
    omschrijving = "API"
    gegevenscategorie = "persoonsgegevens"

    def persoon_van(self, obj) -> tuple[int, int | None] | None:
        dossier = getattr(obj, "dossier", None)
        return (dossier.inburgeraar_id, dossier.pk) if dossier is not None else None

    def _log(self, objs) -> None:
        personen = {p for p in (self.persoon_van(o) for o in objs) if p is not None}
        if not personen:
            return
        gebruiker = self.request.user
        pad = self.request.get_full_path()
        if len(personen) == 1:
            (inburgeraar_id, dossier_id) = next(iter(personen))
            log_toegang(
                gebruiker=gebruiker,
                actie=Toegangslog.Actie.RAADPLEGEN,
                inburgeraar_id=inburgeraar_id,
                dossier_id=dossier_id,
                gegevenscategorie=self.gegevenscategorie,
                omschrijving=f"API: {self.omschrijving}",
                pad=pad,
            )
        else:
            log_toegangen(
                gebruiker=gebruiker,
                actie=Toegangslog.Actie.RAADPLEGEN,
                personen=sorted(personen),
                omschrijving=f"API: {self.omschrijving}",
                gegevenscategorie=self.gegevenscategorie,
                pad=pad,
            )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        pagina = self.paginate_queryset(queryset)
        if pagina is None:  # a resource without pagination (a short list by nature)
            rijen = list(queryset)
            self._log(rijen)
            return Response(self.get_serializer(rijen, many=True).data)
        self._log(pagina)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        if hasattr(obj, "etag") and niet_gewijzigd(request, obj):
            return met_etag(Response(status=status.HTTP_304_NOT_MODIFIED), obj)
        self._log([obj])
        return self.antwoord(obj)

    def antwoord(self, obj, *, status_code: int = status.HTTP_200_OK, nieuw: bool = False) -> Response:
        """One object as the answer (with ETag, and Location when it was created)."""
        obj = self.herlaad(obj)
        headers = {}
        if nieuw:
            headers["Location"] = self.detail_url(obj)
        response = Response(self.get_serializer(obj).data, status=status_code, headers=headers)
        return met_etag(response, obj) if hasattr(obj, "etag") else response

    def herlaad(self, obj):
        """The object as the list/detail queryset shows it (fresh version, related rows selected)."""
        return self.get_queryset().get(pk=obj.pk)

    def detail_url(self, obj) -> str:
        return reverse(f"api:{self.basename}-detail", kwargs={"pk": obj.pk}, request=self.request)

    def if_match(self, obj) -> int:
        return verwachte_versie(self.request, obj)


@extend_schema(exclude=True)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def api_root(request):
    """The landing page of /api/v1: where the document, the docs and the token endpoint are."""
    return Response(
        {
            "naam": "Koers API",
            "versie": settings.KOERS_API_VERSIE,
            "_links": {
                "openapi": {"href": reverse("api:openapi", request=request)},
                "documentatie": {"href": reverse("api:docs", request=request)},
                "token": {"href": reverse("api:token", request=request)},
            },
        }
    )
