"""Signing each request the Standard Webhooks way (https://www.standardwebhooks.com/), HMAC-SHA256.

The NL GOV profile names no signature scheme, so Koers follows Standard Webhooks, for which receivers find
libraries in many languages. Headers: ``webhook-id`` (the CloudEvents id), ``webhook-timestamp`` (Unix seconds)
and ``webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">``. The secret is shown as
``whsec_<base64>``; the HMAC key is the base64-decoded part.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

VOORVOEGSEL = "whsec_"


def nieuw_geheim() -> str:
    return VOORVOEGSEL + base64.b64encode(secrets.token_bytes(32)).decode()


def _sleutel(geheim: str) -> bytes:
    return base64.b64decode(geheim.removeprefix(VOORVOEGSEL))


def handtekening(geheim: str, *, bericht_id: str, tijdstempel: int, body: bytes) -> str:
    """The value of the webhook-signature header."""
    inhoud = f"{bericht_id}.{tijdstempel}.".encode() + body
    digest = hmac.new(_sleutel(geheim), inhoud, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(geheim: str, *, bericht_id: str, tijdstempel: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": bericht_id,
        "webhook-timestamp": str(tijdstempel),
        "webhook-signature": handtekening(geheim, bericht_id=bericht_id, tijdstempel=tijdstempel, body=body),
    }


def verifieer(geheim: str, *, headers: dict[str, str], body: bytes) -> bool:
    """What a receiver does (also used by the tests): recompute and compare in constant time."""
    verwacht = handtekening(
        geheim, bericht_id=headers["webhook-id"], tijdstempel=int(headers["webhook-timestamp"]), body=body
    )
    return any(hmac.compare_digest(verwacht, s) for s in headers["webhook-signature"].split())
