"""Delivering events: one signed HTTP POST per attempt, every attempt logged, retries with growing waits.

A delivery row is locked while it is sent (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), and only a
waiting row whose time has come is sent, so two workers never send the same attempt and a delivered event is
never sent again. Should a worker die after the receiver answered but before the answer was stored, the
attempt is repeated with the same CloudEvents id: receivers deduplicate on ``id``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from koers.utils.clock import nu

from . import cloudevents, ondertekening
from .adressen import controleer_url
from .models import Abonnement, Bezorging, Gebeurtenis, Poging

log = logging.getLogger(__name__)

GONE = 410
TOO_MANY_REQUESTS = 429
MAX_RETRY_AFTER = 24 * 3600


def _vergrendeld(bezorging_id: int) -> Bezorging | None:
    qs = Bezorging.objects.filter(
        pk=bezorging_id, status=Bezorging.Status.WACHTEND, volgende_poging_op__lte=nu()
    ).select_related("abonnement", "gebeurtenis__gemeente")
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return qs.first()


def _post(abonnement: Abonnement, body: bytes, bericht_id: str) -> tuple[int | None, str, float, dict]:
    """Send once: (HTTP status or None, error text, seconds taken, response headers)."""
    headers = {
        "Content-Type": cloudevents.CONTENT_TYPE,
        "User-Agent": "Koers-notificaties/1.0",
        "WebHook-Request-Origin": settings.NOTIFICATIES_ORIGIN,
        **ondertekening.headers(abonnement.geheim, bericht_id=bericht_id, tijdstempel=int(nu().timestamp()), body=body),
    }
    if abonnement.autorisatie:
        headers["Authorization"] = f"Bearer {abonnement.autorisatie}"
    start = time.monotonic()
    try:
        controleer_url(abonnement.callback_url)
        # No redirects (they could lead to an internal address); the body of the answer is not read.
        with requests.post(
            abonnement.callback_url,
            data=body,
            headers=headers,
            timeout=settings.NOTIFICATIES_TIMEOUT,
            allow_redirects=False,
            stream=True,
        ) as antwoord:
            fout = "" if 200 <= antwoord.status_code < 300 else f"HTTP {antwoord.status_code} {antwoord.reason}"
            return antwoord.status_code, fout, time.monotonic() - start, dict(antwoord.headers)
    except ValidationError as exc:
        return None, " ".join(exc.messages), time.monotonic() - start, {}
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}", time.monotonic() - start, {}


def _wachttijd(bezorging: Bezorging, http_status: int | None, antwoordheaders: dict) -> int | None:
    """Seconds until the next attempt, or None when the retries are used up."""
    wachttijden = settings.NOTIFICATIES_WACHTTIJDEN
    if bezorging.mislukt_op_rij >= len(wachttijden):
        return None
    wacht = wachttijden[bezorging.mislukt_op_rij]
    if http_status == TOO_MANY_REQUESTS and str(antwoordheaders.get("Retry-After", "")).isdigit():
        wacht = max(wacht, min(int(antwoordheaders["Retry-After"]), MAX_RETRY_AFTER))
    return wacht


def bezorg(bezorging_id: int) -> str | None:
    """Make one attempt for a waiting delivery whose time has come; returns its new status (None: not due)."""
    with transaction.atomic():
        bezorging = _vergrendeld(bezorging_id)
        if bezorging is None:
            return None  # delivered, failed, not yet due, or being sent by another worker right now
        abonnement, gebeurtenis = bezorging.abonnement, bezorging.gebeurtenis
        moment = nu()
        if not abonnement.actief:
            status, fout, duur, antwoordheaders = None, _("Abonnement is niet actief; niet verstuurd."), 0.0, {}
        else:
            body = cloudevents.als_body(gebeurtenis, gemeentecode=gebeurtenis.gemeente.gemeentecode)
            status, fout, duur, antwoordheaders = _post(abonnement, body, str(gebeurtenis.id))
        gelukt = status is not None and 200 <= status < 300
        Poging.objects.create(
            bezorging=bezorging,
            tijdstip=moment,
            http_status=status,
            duur_ms=round(duur * 1000),
            fout=fout[:300],
            gelukt=gelukt,
            handmatig_door_id=bezorging.opnieuw_door_id,
        )
        bezorging.pogingen += 1
        bezorging.opnieuw_door = None
        if gelukt:
            bezorging.status, bezorging.bezorgd_op, bezorging.volgende_poging_op = Bezorging.Status.BEZORGD, nu(), None
        elif not abonnement.actief or status == GONE:
            bezorging.status, bezorging.volgende_poging_op = Bezorging.Status.MISLUKT, None
            if status == GONE:  # the receiver says this endpoint is retired (CloudEvents webhook spec)
                Abonnement.objects.filter(pk=abonnement.pk).update(
                    actief=False, gedeactiveerd_op=moment, deactiveringsreden=_("Ontvanger antwoordde 410 Gone")
                )
        elif (wacht := _wachttijd(bezorging, status, antwoordheaders)) is not None:
            bezorging.mislukt_op_rij += 1
            bezorging.volgende_poging_op = moment + dt.timedelta(seconds=wacht)
        else:
            bezorging.status, bezorging.volgende_poging_op = Bezorging.Status.MISLUKT, None
            log.warning(
                "notificatie %s aan abonnement %s mislukt na %s pogingen",
                gebeurtenis.id,
                abonnement.pk,
                bezorging.pogingen,
            )
        bezorging.save()
        return bezorging.status


def wachtende(maximum: int | None = None) -> list[int]:
    """Ids of waiting deliveries whose time has come, oldest first (retries and dispatches lost with a worker)."""
    qs = Bezorging.objects.filter(status=Bezorging.Status.WACHTEND, volgende_poging_op__lte=nu())
    return list(
        qs.order_by("volgende_poging_op", "id").values_list("id", flat=True)[
            : maximum or settings.NOTIFICATIES_VEEG_MAXIMUM
        ]
    )


def ruim_op() -> int:
    """Forget events older than NOTIFICATIES_BEWAARDAGEN with nothing left to send (their log goes with them)."""
    grens = nu() - dt.timedelta(days=settings.NOTIFICATIES_BEWAARDAGEN)
    wachtend = Bezorging.objects.filter(gebeurtenis=OuterRef("pk"), status=Bezorging.Status.WACHTEND)
    oud = Gebeurtenis.objects.filter(aangemaakt_op__lt=grens).exclude(Exists(wachtend))
    aantal, _per_model = oud.delete()
    return aantal
