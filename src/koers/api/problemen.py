"""Errors as RFC 9457 problem details (``application/problem+json``) with field-level messages in Dutch.

Every refusal the services raise (Django ValidationError, PermissionDenied, Http404, VersieConflict) becomes the same
shape as DRF's own errors, so a client never sees an HTML error page or a 500 for bad input.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from koers.utils.concurrency import VersieConflict

PROBLEM_JSON = "application/problem+json"


class VoorwaardeVereist(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "if_match_vereist"

    def __init__(self):
        super().__init__(
            _("Stuur de ETag die u las mee in de header If-Match; zo overschrijft u geen wijziging van een ander.")
        )


class VoorwaardeMislukt(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "versie_gewijzigd"

    def __init__(self, detail: str | None = None):
        super().__init__(
            detail
            or _("Dit gegeven is intussen door iemand anders gewijzigd. Haal het opnieuw op en probeer het nog eens.")
        )


class SleutelHergebruikt(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_hergebruikt"

    def __init__(self):
        super().__init__(_("Deze Idempotency-Key is al gebruikt voor een ander verzoek."))


_TITELS = {
    400: gettext_lazy("Een of meer gegevens zijn ongeldig."),
    401: gettext_lazy("Niet geauthenticeerd."),
    403: gettext_lazy("Geen toegang."),
    404: gettext_lazy("Niet gevonden."),
    405: gettext_lazy("Deze methode is hier niet toegestaan."),
    406: gettext_lazy("Dit formaat kan niet worden geleverd."),
    409: gettext_lazy("Conflict."),
    412: gettext_lazy("De versie komt niet overeen."),
    415: gettext_lazy("Dit formaat wordt niet ondersteund."),
    422: gettext_lazy("Het verzoek kan niet worden verwerkt."),
    500: gettext_lazy("Interne fout."),
    428: gettext_lazy("If-Match ontbreekt."),
    429: gettext_lazy("Te veel verzoeken."),
}


def _naar_drf(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Dit bestaat niet, of u heeft er geen toegang toe."))
    if isinstance(exc, VersieConflict):
        return VoorwaardeMislukt(str(exc))
    return exc


def _ongeldige_velden(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error detail into ``invalidParams`` entries with camelCase field names."""
    rijen: list[dict] = []
    if isinstance(detail, dict):
        for veld, fouten in detail.items():
            naam = (
                re.sub(camelize_re, underscore_to_camel, str(veld)) if veld != "non_field_errors" else "nonFieldErrors"
            )
            rijen += _ongeldige_velden(fouten, f"{prefix}.{naam}" if prefix else naam)
    elif isinstance(detail, list):
        for index, fout in enumerate(detail):
            if isinstance(fout, dict | list):
                rijen += _ongeldige_velden(fout, f"{prefix}.{index}")
            else:
                rijen += _ongeldige_velden(fout, prefix)
    else:
        rijen.append(
            {"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)}
        )
    return rijen


def probleem_response(request, *, status_code: int, code: str, detail: str, ongeldig=None, headers=None) -> Response:
    data = {
        "type": f"urn:koers:probleem:{code}",
        "code": code,
        "title": str(_TITELS.get(status_code, gettext_lazy("Fout."))),
        "status": status_code,
        "detail": detail,
        "instance": request.path if request is not None else "",
    }
    if ongeldig:
        data["invalidParams"] = ongeldig
    response = Response(data, status=status_code, headers=headers)
    response.content_type = PROBLEM_JSON
    return response


def probleem_handler(exc: Exception, context: dict):
    """DRF's EXCEPTION_HANDLER: every handled error as problem+json."""
    exc = _naar_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    ongeldig = None
    if isinstance(exc, exceptions.ValidationError):
        ongeldig = _ongeldige_velden(exc.detail)
        detail = ongeldig[0]["reason"] if len(ongeldig) == 1 else _("Controleer de velden in invalidParams.")
        code = "ongeldige_invoer"
    else:
        detail = str(exc.detail) if hasattr(exc, "detail") else str(exc)
        codes = exc.get_codes() if hasattr(exc, "get_codes") else "fout"
        code = codes if isinstance(codes, str) else "fout"
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return probleem_response(
        request, status_code=response.status_code, code=code, detail=detail, ongeldig=ongeldig, headers=headers
    )


def _probleem_json(request, status_code: int, code: str, detail: str):
    from django.http import JsonResponse

    data = {
        "type": f"urn:koers:probleem:{code}",
        "code": code,
        "title": str(_TITELS.get(status_code, gettext_lazy("Fout."))),
        "status": status_code,
        "detail": detail,
        "instance": request.path,
    }
    return JsonResponse(data, status=status_code, content_type=PROBLEM_JSON, json_dumps_params={"ensure_ascii": False})


def niet_gevonden(request, exception=None):
    """handler404: problem+json under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return _probleem_json(request, 404, "not_found", _("Dit bestaat niet, of u heeft er geen toegang toe."))
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def serverfout(request):
    """handler500: never an HTML page for an API client; the error itself is in the server log."""
    if request.path.startswith("/api/"):
        return _probleem_json(request, 500, "serverfout", _("Er ging iets mis in Koers. Probeer het later opnieuw."))
    from django.views.defaults import server_error

    return server_error(request)
