"""Nightly housekeeping (Celery beat): thin wrappers around utils services."""

from __future__ import annotations

from celery import shared_task

from . import idempotentie


@shared_task
def ruim_formuliersleutels_op() -> int:
    """Forget one-time form keys older than a month; returns how many were removed."""
    return idempotentie.ruim_op()
