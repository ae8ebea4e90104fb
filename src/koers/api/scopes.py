"""The OAuth2 scopes of the Koers API, and which scopes a system client may get (by the organisation it acts for)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oauth2_provider.scopes import BaseScopes

from koers.accounts.roles import Rol

DOSSIERS_LEZEN = "dossiers:lezen"
AANBOD_LEZEN = "aanbod:lezen"
AANBOD_SCHRIJVEN = "aanbod:schrijven"
PROFIELEN_AANLEVEREN = "profielen:aanleveren"
SIGNALEN_AANLEVEREN = "signalen:aanleveren"
ABONNEMENTEN_BEHEREN = "abonnementen:beheren"

SCOPES: dict[str, str] = {
    DOSSIERS_LEZEN: _("Personen, dossiers, intakes, PIP's en termijnen van de eigen gemeente lezen"),
    AANBOD_LEZEN: _("Aanbieders, contracten, inschrijvingen, klassen, uren en resultaten lezen"),
    AANBOD_SCHRIJVEN: _("Inschrijvingen, uren, afwezigheid, voortgang en examens van eigen deelnemers doorgeven"),
    PROFIELEN_AANLEVEREN: _("Informatieprofielen van het COA aanleveren"),
    SIGNALEN_AANLEVEREN: _("Signalen van DUO aanleveren"),
    ABONNEMENTEN_BEHEREN: _("Abonnementen op notificaties beheren"),
}

# The scopes each kind of system may be granted; a client asking for more gets only these (RFC 6749 §3.3).
_PER_KETENPARTNER = {
    "taalaanbieder": {AANBOD_LEZEN, AANBOD_SCHRIJVEN},
    "coa": {PROFIELEN_AANLEVEREN},
    "duo": {SIGNALEN_AANLEVEREN},
}
_GEMEENTESYSTEEM = {DOSSIERS_LEZEN, AANBOD_LEZEN, ABONNEMENTEN_BEHEREN}


def toegestane_scopes(gebruiker) -> set[str]:
    """What the system account behind a client may be granted; nothing for a person's account."""
    if gebruiker is None or not gebruiker.is_active or gebruiker.has_usable_password():
        return set()
    if gebruiker.rol == Rol.GEMEENTESYSTEEM:
        return set(_GEMEENTESYSTEEM)
    if gebruiker.rol == Rol.KETENPARTNER_MEDEWERKER and gebruiker.ketenpartner_id:
        return set(_PER_KETENPARTNER.get(gebruiker.ketenpartner.soort, set()))
    return set()


class KoersScopes(BaseScopes):
    """django-oauth-toolkit scopes backend: the catalogue above, narrowed per application to its system account."""

    def get_all_scopes(self) -> dict[str, str]:
        return {naam: str(tekst) for naam, tekst in SCOPES.items()}

    def get_available_scopes(self, application=None, request=None, *args, **kwargs) -> list[str]:
        if application is None:
            return list(SCOPES)
        return sorted(toegestane_scopes(application.user))

    def get_default_scopes(self, application=None, request=None, *args, **kwargs) -> list[str]:
        return self.get_available_scopes(application, request)
