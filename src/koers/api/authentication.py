"""Who calls the API: a system with an OAuth2 client-credentials token, or a member of staff in a verified session."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


class SysteemTokenAuthentication(OAuth2Authentication):
    """A client-credentials token acts as the application's system account (its gemeente or ketenpartner)."""

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        gebruiker, token = resultaat
        if gebruiker is None and token is not None and token.application_id:
            gebruiker = token.application.user
        if gebruiker is None or not gebruiker.is_active:
            raise exceptions.AuthenticationFailed(_("Dit token hoort niet bij een actief systeemaccount."))
        return gebruiker, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="koers"'


class GeverifieerdeSessieAuthentication(SessionAuthentication):
    """A staff session counts only after the second factor, as for the pages (CSRF checked on writes)."""

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        gebruiker = resultaat[0]
        if not (getattr(gebruiker, "is_verified", lambda: False)()):
            return None
        return resultaat
