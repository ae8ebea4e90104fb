"""Daily background work (Celery beat): thin wrappers around the signalering services."""

from __future__ import annotations

from celery import shared_task

from . import signalering


@shared_task
def meld_verlopen_termijnen() -> dict[str, int]:
    """Record newly overdue deadlines on the timeline; closed windows lapse."""
    return signalering.meld_verlopen_termijnen()


@shared_task
def verstuur_digest() -> int:
    """E-mail each klantmanager their overdue and soon-due deadlines."""
    return signalering.verstuur_digest()
