"""The roles people have in Koers, and what each role may do in general (scoping lives in selectors)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    KLANTMANAGER = "klantmanager", _("Klantmanager")
    TEAMLEIDER = "teamleider", _("Teamleider")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    KETENPARTNER_MEDEWERKER = "ketenpartner_medewerker", _("Medewerker ketenpartner")
    REGIOCOORDINATOR = "regiocoordinator", _("Regiocoördinator")
    GEMEENTESYSTEEM = "gemeentesysteem", _("Systeem van de gemeente (API)")


# Roles that work inside one gemeente and see its dossiers.
GEMEENTE_ROLLEN = frozenset(
    {Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER, Rol.BELEIDSMEDEWERKER, Rol.GEMEENTESYSTEEM}
)
# Roles that read every dossier of their own gemeente (a gemeentesysteem only reads, through the API).
GEMEENTE_DOSSIER_ROLLEN = frozenset({Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER, Rol.GEMEENTESYSTEEM})
# Roles that may see personal data at all (a beleidsmedewerker sees aggregates only).
PERSOONSGEGEVENS_ROLLEN = frozenset(
    {
        Rol.KLANTMANAGER,
        Rol.TEAMLEIDER,
        Rol.FUNCTIONEEL_BEHEERDER,
        Rol.KETENPARTNER_MEDEWERKER,
        Rol.REGIOCOORDINATOR,
        Rol.GEMEENTESYSTEEM,
    }
)
# Roles that may register people and change dossiers.
BEWERK_ROLLEN = frozenset({Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER})
