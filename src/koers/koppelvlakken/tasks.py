"""Background work: a thin wrapper around the import pipeline (eager in the demo and the tests)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def verwerk_import_taak(import_id: int) -> str:
    """Validate and apply one import; returns its final status."""
    return services.verwerk_import(import_id).status
