"""One-time form keys: a double click or a browser retry of a form creates one record, never two.

Every form rendered with ``{% include "includes/formulier.html" %}`` (or ``{% formuliersleutel %}``) carries a fresh
random key. A view decorated with ``@eenmalig`` runs inside one transaction; when it answers with a redirect (the
result page) the key is stored with that URL in the same transaction. A second POST with the same key does not run
the view again: it is sent to the stored result with "Dit formulier was al verzonden". The unique constraint on
(user, key) holds across app servers: of two concurrent submits, the second's insert waits for the first and fails,
so the second's writes are rolled back and it too is sent to the first result.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .clock import nu
from .models import Formulierverzending

VELD = "formuliersleutel"


def nieuwe_sleutel() -> str:
    return uuid.uuid4().hex


def _sleutel(request) -> uuid.UUID | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(VELD, ""))
    except ValueError:
        return None


def _eerder(request, sleutel: uuid.UUID) -> str | None:
    return (
        Formulierverzending.objects.filter(gebruiker=request.user, sleutel=sleutel)
        .values_list("resultaat_url", flat=True)
        .first()
    )


def _toon_eerder(request, url: str):
    messages.info(request, _("Dit formulier was al verzonden; hieronder ziet u het resultaat."))
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        url = "/"
    return redirect(url)


class _AlVerzonden(Exception):
    """Raised inside the transaction to roll back a duplicate submit's writes."""


def _vergeet_meldingen(request, aantal: int) -> None:
    """Drop the success messages a rolled-back run added: only the first run's outcome is true."""
    wachtrij = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if isinstance(wachtrij, list):
        del wachtrij[aantal:]


def eenmalig(view):
    """Make a form view safe against double submits and retries (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sleutel = _sleutel(request)
        if sleutel is None:
            return view(request, *args, **kwargs)
        if (url := _eerder(request, sleutel)) is not None:
            return _toon_eerder(request, url)
        wachtrij = getattr(getattr(request, "_messages", None), "_queued_messages", None)
        al = len(wachtrij) if isinstance(wachtrij, list) else 0
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if isinstance(response, HttpResponseRedirect):
                    try:
                        with transaction.atomic():
                            Formulierverzending.objects.create(
                                gebruiker=request.user, sleutel=sleutel, resultaat_url=response["Location"][:500]
                            )
                    except IntegrityError as exc:
                        raise _AlVerzonden from exc
                elif _eerder(request, sleutel) is not None:
                    # a concurrent submit of this form finished first (this one saw its lock or version)
                    raise _AlVerzonden
        except _AlVerzonden:
            _vergeet_meldingen(request, al)
            return _toon_eerder(request, _eerder(request, sleutel) or request.path)
        return response

    wrapper.eenmalig = True
    return wrapper


def ruim_op(*, ouder_dan: timedelta = timedelta(days=30)) -> int:
    """Forget form keys older than ``ouder_dan`` (nobody retries a month-old form); returns how many."""
    aantal, _per_model = Formulierverzending.objects.filter(verzonden_op__lt=nu() - ouder_dan).delete()
    return aantal
