"""Who may record the facts deadlines derive from."""

from __future__ import annotations

from koers.dossiers import permissions as dossier_permissions


def mag_feit_registreren(user, dossier) -> bool:
    """The gemeente's editors of the dossier, or DUO's system client for its signals (kennisgeving, verlenging)."""
    return dossier_permissions.mag_dossier_bewerken(user, dossier) or dossier_permissions.mag_duo_signaal_verwerken(
        user, dossier
    )
