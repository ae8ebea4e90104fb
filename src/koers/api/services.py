"""Registering a system that calls the API: a system account for its organisation plus an OAuth2 client."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import get_application_model

from koers.accounts.models import Gebruiker
from koers.accounts.roles import Rol

from .scopes import toegestane_scopes


@dataclass(frozen=True)
class NieuweKoppeling:
    application: object
    client_id: str
    client_secret: str  # shown once; only a hash is stored
    scopes: list[str]


@transaction.atomic
def registreer_systeem(
    *, naam: str, gemeente=None, ketenpartner=None, client_id: str = "", client_secret: str = ""
) -> NieuweKoppeling:
    """A client for a gemeente's own system (read its gemeente) or a ketenpartner's system (COA, DUO, a school)."""
    if (gemeente is None) == (ketenpartner is None):
        raise ValidationError(_("Kies een gemeente of een ketenpartner."), code="organisatie")
    rol = Rol.GEMEENTESYSTEEM if gemeente is not None else Rol.KETENPARTNER_MEDEWERKER
    gebruiker = Gebruiker(
        username=f"systeem-{slugify(naam)[:100]}-{get_random_string(6).lower()}",
        first_name=naam[:150],
        rol=rol,
        gemeente=gemeente,
        ketenpartner=ketenpartner,
    )
    gebruiker.set_unusable_password()
    gebruiker.save()
    scopes = sorted(toegestane_scopes(gebruiker))
    if not scopes:
        raise ValidationError(_("Voor deze organisatie bestaat geen API-toegang."), code="geen_scopes")
    secret = client_secret or generate_client_secret()
    application = get_application_model().objects.create(
        name=naam,
        user=gebruiker,
        client_id=client_id or generate_client_id(),
        client_secret=secret,
        client_type="confidential",
        authorization_grant_type="client-credentials",
        hash_client_secret=True,
    )
    return NieuweKoppeling(application, application.client_id, secret, scopes)
