"""Optimistic locking: a write names the version it read; a stale version is refused, never overwritten."""

from __future__ import annotations

from typing import TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from .models import VersieModel

M = TypeVar("M", bound=VersieModel)


class VersieConflict(Exception):
    """Someone else changed the record after it was read."""

    def __init__(self, obj: VersieModel):
        self.obj = obj
        super().__init__(
            _(
                "Iemand anders heeft dit gegeven intussen gewijzigd. Uw wijziging is niet opgeslagen; "
                "bekijk de actuele gegevens en voer uw wijziging opnieuw in."
            )
        )


def vergrendel(obj: M, *, verwachte_versie: int | None) -> M:
    """Lock the stored row of ``obj`` for this transaction and check it still has ``verwachte_versie``.

    Returns the fresh, locked instance. ``None`` skips the check (the caller holds the current version).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("vergrendel() must run inside transaction.atomic()")
    vers = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if verwachte_versie is not None and vers.versie != verwachte_versie:
        raise VersieConflict(vers)
    return vers


def bewaar(obj: VersieModel, *, door=None, reden: str = "") -> None:
    """Save a locked instance with its version raised by one, and its history attributed to ``door``."""
    obj.versie += 1
    if door is not None:
        obj._history_user = door
    if reden:
        obj._change_reason = reden
    obj.save()
