"""The API's door: a token must carry the scope the operation needs; a session must belong to staff."""

from __future__ import annotations

from oauth2_provider.models import AbstractAccessToken
from rest_framework.permissions import SAFE_METHODS, BasePermission

from koers.accounts.roles import Rol

PERSONEN_ROLLEN_SESSIE = frozenset(
    {Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER, Rol.REGIOCOORDINATOR, Rol.KETENPARTNER_MEDEWERKER}
)


class ScopeOfSessie(BasePermission):
    """``view.scopes = {"lezen": [...], "schrijven": [...]}``: any one of the listed scopes suffices.

    Tokens are checked against their scopes; what the account may see or change within them is decided by the
    same selectors and permission functions as the pages. A session needs a person's role (not a system account).
    """

    def has_permission(self, request, view) -> bool:
        gebruiker = request.user
        if not (gebruiker and gebruiker.is_authenticated):
            return False
        token = request.auth
        soort = "lezen" if request.method in SAFE_METHODS else "schrijven"
        if isinstance(token, AbstractAccessToken):
            vereist = set(getattr(view, "scopes", {}).get(soort, ()))
            return bool(vereist & set(token.scope.split()))
        return gebruiker.rol in PERSONEN_ROLLEN_SESSIE and getattr(view, "sessie_toegestaan", True)
