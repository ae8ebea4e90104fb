"""Background work (Celery): thin wrappers around delivery and the daily signals."""

from __future__ import annotations

from celery import shared_task

from . import bezorging, signalen
from .models import Bezorging


@shared_task
def verstuur_gebeurtenis(gebeurtenis_id: str) -> int:
    """Hand each delivery of a new event to a worker (queued after the change's commit)."""
    ids = list(Bezorging.objects.filter(gebeurtenis_id=gebeurtenis_id).values_list("id", flat=True))
    for pk in ids:
        bezorg.delay(pk)
    return len(ids)


@shared_task
def bezorg(bezorging_id: int) -> str | None:
    """One attempt for one delivery (no-op when it is not due, done, or being sent by another worker)."""
    return bezorging.bezorg(bezorging_id)


@shared_task
def verstuur_wachtende() -> int:
    """Every minute: deliveries whose retry is due, or whose dispatch was lost (a worker died), go out."""
    ids = bezorging.wachtende()
    for pk in ids:
        bezorg.delay(pk)
    return len(ids)


@shared_task
def meld_dagelijkse_signalen() -> dict[str, int]:
    """Daily: 'termijn dreigt te verlopen' and 'uren ontbreken', each once per termijn (date) or month."""
    return signalen.meld_dagelijkse_signalen()


@shared_task
def ruim_op() -> int:
    """Nightly: events past the retention period, and their delivery log, are removed."""
    return bezorging.ruim_op()
