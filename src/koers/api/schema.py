"""OpenAPI post-processing: what the Dutch API Design Rules ask of every operation, added in one place.

Every 2xx/3xx response documents the ``API-Version`` header (and ``ETag`` where there is one object); every
operation documents its problem+json errors (400 always, 401/403, 404 on items, 412/428 on PUT/PATCH/DELETE,
422 on POST for a reused Idempotency-Key); every POST documents the ``Idempotency-Key`` header.
"""

from __future__ import annotations

from django.conf import settings

PROBLEEM = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (problem details).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "example": "urn:koers:probleem:ongeldige_invoer"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}

_FOUTEN = {
    "400": "Ongeldige invoer; per veld een melding in invalidParams.",
    "401": "Geen of een ongeldig token.",
    "403": "Het token of de rol heeft hier geen recht op.",
    "404": "Bestaat niet, of valt buiten uw toegang.",
    "406": "Dit formaat kan niet worden geleverd.",
    "412": "If-Match komt niet overeen met de huidige versie.",
    "415": "Dit formaat wordt niet ondersteund.",
    "422": "Deze Idempotency-Key is al gebruikt voor een ander verzoek.",
    "428": "If-Match ontbreekt.",
}

_VERSIE = {
    "API-Version": {
        "description": "De volledige versie van de API.",
        "schema": {"type": "string", "example": "1.0.0"},
        "required": True,
    }
}
_ETAG = {"ETag": {"description": "De versie van dit object, voor If-Match.", "schema": {"type": "string"}}}


def _fouten_voor(methode: str, pad: str) -> list[str]:
    codes = ["400", "401", "403", "406"]
    if "{" in pad or methode == "post":
        codes.append("404")  # a POST names related objects (a dossier, an intake) that may be out of reach
    if methode in ("put", "patch", "delete") or (methode == "post" and "{" in pad):
        codes += ["412", "428"]
    if methode in ("post", "put", "patch"):
        codes.append("415")
    if methode == "post":
        codes.append("422")
    return codes


def verrijk(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK."""
    result.setdefault("components", {}).setdefault("schemas", {})["Probleem"] = PROBLEEM
    probleem_ref = {"$ref": "#/components/schemas/Probleem"}
    for pad, operaties in result.get("paths", {}).items():
        for methode, operatie in operaties.items():
            if methode not in ("get", "post", "put", "patch", "delete"):
                continue
            antwoorden = operatie.setdefault("responses", {})
            for code, antwoord in antwoorden.items():
                if code[0] in "23":
                    kop = antwoord.setdefault("headers", {})
                    kop.update(_VERSIE)
                    if "{" in pad or code == "201":
                        kop.update(_ETAG)
            for code in _fouten_voor(methode, pad):
                antwoorden.setdefault(
                    code,
                    {"description": _FOUTEN[code], "content": {"application/problem+json": {"schema": probleem_ref}}},
                )
            if methode == "post":
                operatie.setdefault("parameters", []).append(
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "description": "Unieke sleutel per bedoeld verzoek; een herhaling geeft het eerste antwoord.",
                        "schema": {"type": "string", "maxLength": 255},
                    }
                )
            wijzigt_object = methode in ("put", "patch", "delete") or (methode == "post" and "{" in pad)
            if wijzigt_object and not any(p.get("name") == "If-Match" for p in operatie.get("parameters", [])):
                operatie.setdefault("parameters", []).append(
                    {
                        "name": "If-Match",
                        "in": "header",
                        "required": methode != "post",
                        "description": "De ETag van de versie die u las (bij acties op een object dat een versie "
                        "heeft: verplicht).",
                        "schema": {"type": "string"},
                    }
                )
    result["info"]["version"] = settings.KOERS_API_VERSIE
    return result
