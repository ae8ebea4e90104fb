"""Events as CloudEvents 1.0 following the NL GOV profile: structured JSON, minimal data (ids and links only).

- ``id``: the outbox row's UUID, the same on every retry and resend (receivers deduplicate on source + id).
- ``source``: a URN in the 'nld' namespace naming the gemeente (its OIN when configured) and the system.
- ``type``: reverse-DNS, ``nl.koers.inburgering.<code>``.
- ``subject``: the dossier, as ``dossiers/<id>`` — never a BSN or a name.
- ``time``: when Koers recorded the change (the timeline entry), as the profile recommends.
- ``dataref``: the API resource to fetch the details from ('informatiearm notificeren').
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings

from .models import Gebeurtenis

SPECVERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


def bron(gemeentecode: str) -> str:
    """The CloudEvents source of one gemeente's Koers."""
    systeem = settings.NOTIFICATIES_SYSTEEM
    oin = settings.NOTIFICATIES_OIN.get(gemeentecode)
    if oin:
        return f"urn:nld:oin:{oin}:systeem:{systeem}"
    return f"urn:nld:gemeente:{gemeentecode}:systeem:{systeem}"


def api_url(pad: str) -> str:
    return f"{settings.NOTIFICATIES_API_URL.rstrip('/')}/{pad.lstrip('/')}"


def _rfc3339(tijdstip: dt.datetime) -> str:
    return tijdstip.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def als_cloudevent(gebeurtenis: Gebeurtenis, *, gemeentecode: str) -> dict:
    """The event as a CloudEvents JSON object."""
    event = {
        "specversion": SPECVERSION,
        "type": gebeurtenis.cloudevents_type,
        "source": bron(gemeentecode),
        "id": str(gebeurtenis.id),
        "subject": gebeurtenis.onderwerp,
        "time": _rfc3339(gebeurtenis.tijdstip),
        "datacontenttype": "application/json",
        "data": gebeurtenis.gegevens,
    }
    if gebeurtenis.dataref:
        event["dataref"] = gebeurtenis.dataref
    return event


def als_body(gebeurtenis: Gebeurtenis, *, gemeentecode: str) -> bytes:
    """The exact bytes POSTed (structured content mode); the same bytes on every attempt."""
    return json.dumps(als_cloudevent(gebeurtenis, gemeentecode=gemeentecode), separators=(",", ":")).encode()
