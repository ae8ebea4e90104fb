"""Safe writes: ETag/If-Match (412, 428) and Idempotency-Key on POST (a retried create returns the first result)."""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.db import IntegrityError, transaction
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from .models import Idempotentiesleutel
from .problemen import SleutelHergebruikt, VoorwaardeMislukt, VoorwaardeVereist


def _schoon(etag: str) -> str:
    etag = etag.strip()
    return etag[2:] if etag.startswith("W/") else etag


def verwachte_versie(request, obj) -> int:
    """The version the client read, from If-Match; 428 without it, 412 when it is not the current one."""
    kop = request.headers.get("If-Match", "")
    if not kop:
        raise VoorwaardeVereist()
    if kop.strip() != "*" and obj.etag not in {_schoon(deel) for deel in kop.split(",")}:
        raise VoorwaardeMislukt()
    return obj.versie


def met_etag(response: Response, obj) -> Response:
    response["ETag"] = obj.etag
    return response


def niet_gewijzigd(request, obj) -> bool:
    """If-None-Match matches: the client's copy is current (304)."""
    kop = request.headers.get("If-None-Match", "")
    return bool(kop) and obj.etag in {_schoon(deel) for deel in kop.split(",")}


def _vingerafdruk(request) -> str:
    """What makes two requests the same: method, path and body (for an upload: the fields and each file's content)."""
    digest = hashlib.sha256(request.method.encode() + request.path.encode() + b"\n")
    if request.content_type.startswith("multipart/"):
        for naam in sorted(request.data.keys()):
            if naam not in request.FILES:
                digest.update(f"{naam}={request.data.getlist(naam)}\n".encode())
        for naam in sorted(request.FILES.keys()):
            for bestand in request.FILES.getlist(naam):
                digest.update(f"{naam}:{bestand.name}:".encode())
                for deel in bestand.chunks():
                    digest.update(deel)
                bestand.seek(0)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _herhaal(rij: Idempotentiesleutel) -> Response:
    return Response(rij.inhoud, status=rij.status, headers={**rij.headers, "Idempotent-Replayed": "true"})


def idempotent(request, uitvoeren) -> Response:
    """Run a POST once per (account, Idempotency-Key): a retry gets the stored first answer, a different body 422."""
    sleutel = request.headers.get("Idempotency-Key", "").strip()
    if not sleutel:
        return uitvoeren()
    sleutel = sleutel[:255]
    vingerafdruk = _vingerafdruk(request)
    eerder = Idempotentiesleutel.objects.filter(gebruiker=request.user, sleutel=sleutel).first()
    if eerder is not None:
        if eerder.vingerafdruk != vingerafdruk:
            raise SleutelHergebruikt()
        return _herhaal(eerder)
    try:
        with transaction.atomic():
            response = uitvoeren()
            if 200 <= response.status_code < 300:
                Idempotentiesleutel.objects.create(
                    gebruiker=request.user,
                    sleutel=sleutel,
                    vingerafdruk=vingerafdruk,
                    status=response.status_code,
                    inhoud=json.loads(json.dumps(response.data, cls=JSONEncoder)),
                    headers={k: v for k, v in response.items() if k in ("Location", "ETag")},
                )
    except IntegrityError:
        # A concurrent retry with the same key won the race; its writes stand, ours were rolled back.
        eerder = Idempotentiesleutel.objects.get(gebruiker=request.user, sleutel=sleutel)
        if eerder.vingerafdruk != vingerafdruk:
            raise SleutelHergebruikt() from None
        return _herhaal(eerder)
    return response


def idempotente_post(actie):
    """Decorator for a viewset's POST action: honour Idempotency-Key."""

    @wraps(actie)
    def wrapper(self, request, *args, **kwargs):
        return idempotent(request, lambda: actie(self, request, *args, **kwargs))

    return wrapper


class AanmaakMixin:
    """For viewsets that create (instead of DRF's CreateModelMixin): POST runs ``maak`` once per Idempotency-Key.

    ``maak(request)`` validates with a serializer, calls the service, and returns ``self.antwoord(obj, nieuw=True)``.
    """

    def create(self, request, *args, **kwargs):
        return idempotent(request, lambda: self.maak(request, *args, **kwargs))

    def maak(self, request, *args, **kwargs):
        raise NotImplementedError("call the service that creates this resource")
