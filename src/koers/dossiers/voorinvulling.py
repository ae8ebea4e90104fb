"""Prefilling the registration form from a register that another app connects (today: the BRP, in koppelvlakken).

``koppelvlakken`` depends on ``dossiers``, so ``dossiers`` cannot import it. Instead an app offers a source the way it
offers a dossier tab: ``registratie_voorinvulling = "dotted.path.to.source"`` on its AppConfig. A source has ``knop``
(the button label), ``naam`` ("de BRP"), ``is_aan(gebruiker)`` and ``haal_op(*, bsn, door, pad)``, which returns the
form fields it fills plus notes, or raises ``OphalenMislukt`` with a Dutch message. It writes nothing but its own
access log.
"""

from __future__ import annotations

from typing import Protocol

from django.apps import apps
from django.utils.module_loading import import_string


class Voorinvulling(Protocol):
    gegevens: dict
    opmerkingen: list[str]


class Bron(Protocol):
    knop: str
    naam: str

    def is_aan(self, gebruiker) -> bool: ...

    def haal_op(self, *, bsn: str, door, pad: str) -> Voorinvulling: ...


class OphalenMislukt(Exception):
    """``str(fout)`` is for the user; ``over_bsn`` when the message is about the number typed (shown at that field)."""

    def __init__(self, melding: str, *, over_bsn: bool = False) -> None:
        super().__init__(melding)
        self.over_bsn = over_bsn


def bron_voor(gebruiker) -> Bron | None:
    """The first source that is switched on for this user's gemeente, or None (then the form has no button)."""
    for cfg in apps.get_app_configs():
        if pad := getattr(cfg, "registratie_voorinvulling", None):
            bron = import_string(pad)
            if bron.is_aan(gebruiker):
                return bron
    return None
