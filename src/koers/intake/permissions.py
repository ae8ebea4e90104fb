"""Who may see and change the brede intake. Health answers follow dossiers.permissions.mag_gezondheid_zien."""

from __future__ import annotations

from koers.accounts.roles import Rol
from koers.dossiers import permissions as dossier_permissions


def mag_intake_zien(user, dossier) -> bool:
    """Intake answers are for the gemeente side only: a ketenpartner never sees them, even on a shared dossier."""
    return dossier_permissions.mag_persoonsgegevens_zien(user) and user.rol != Rol.KETENPARTNER_MEDEWERKER


def mag_intake_bewerken(user, dossier) -> bool:
    return dossier_permissions.mag_dossier_bewerken(user, dossier)


def mag_gezondheid_zien(user, dossier) -> bool:
    return mag_intake_zien(user, dossier) and dossier_permissions.mag_gezondheid_zien(user, dossier)


def mag_duo_gegevens_registreren(user, dossier) -> bool:
    """DUO's system client records what DUO decides or measures (LBT result, vrijstelling, ontheffing), and starts
    the intake that holds them when the gemeente has not yet; it never reads or edits the intake's answers."""
    return dossier_permissions.mag_duo_signaal_verwerken(user, dossier)
