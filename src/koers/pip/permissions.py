"""What a user may do with PIPs. Scoping to dossiers is in dossiers.selectors; this adds the PIP rules."""

from __future__ import annotations

from koers.accounts.roles import Rol
from koers.dossiers.permissions import mag_dossier_bewerken

# Who may read PIP beschikkingen: the gemeente's own staff and the regio's coordinator (read-only).
LEES_ROLLEN = frozenset(
    {Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER, Rol.REGIOCOORDINATOR, Rol.GEMEENTESYSTEEM}
)


def mag_pip_zien(user) -> bool:
    return user.is_authenticated and user.rol in LEES_ROLLEN


def mag_pip_bewerken(user, dossier) -> bool:
    """Draft, change and vaststellen: an editing role in the dossier's own gemeente."""
    return mag_dossier_bewerken(user, dossier)


def mag_goedkeuren(user, pip) -> bool:
    """Four eyes: a teamleider of the dossier's gemeente who did not draft or submit this PIP."""
    return (
        user.is_authenticated
        and user.rol == Rol.TEAMLEIDER
        and user.gemeente_id == pip.dossier.gemeente_id
        and user.pk not in (pip.opgesteld_door_id, pip.ingediend_door_id)
    )


def is_teamleider(user) -> bool:
    return user.is_authenticated and user.rol == Rol.TEAMLEIDER
