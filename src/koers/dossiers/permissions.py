"""What a user may do with dossiers. Used by UI views and the API alike; scoping itself is in selectors."""

from __future__ import annotations

from koers.accounts.roles import BEWERK_ROLLEN, PERSOONSGEGEVENS_ROLLEN, Rol


def mag_persoonsgegevens_zien(user) -> bool:
    return user.is_authenticated and user.rol in PERSOONSGEGEVENS_ROLLEN


def mag_dossiers_bewerken(user) -> bool:
    return user.is_authenticated and user.rol in BEWERK_ROLLEN


def mag_registreren(user) -> bool:
    return mag_dossiers_bewerken(user)


def mag_samenvoegen(user) -> bool:
    return user.is_authenticated and user.rol in {Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER}


def mag_dossier_bewerken(user, dossier) -> bool:
    """Editing needs an editing role in the dossier's own gemeente (the dossier must already be in scope)."""
    return mag_dossiers_bewerken(user) and user.gemeente_id == dossier.gemeente_id


def mag_gezondheid_zien(user, dossier) -> bool:
    """Special-category health data: only the dossier's own klantmanager and the teamleider of its gemeente."""
    if user.gemeente_id != dossier.gemeente_id:
        return False
    if user.rol == Rol.TEAMLEIDER:
        return True
    return user.rol == Rol.KLANTMANAGER and dossier.klantmanager_id == user.pk
