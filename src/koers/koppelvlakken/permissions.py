"""Who may deliver imports, and which records an import may touch."""

from __future__ import annotations

from koers.accounts.roles import Rol
from koers.beheer.permissions import mag_functioneel_beheer
from koers.dossiers.permissions import is_ketensysteem


def is_bronsysteem(user, bron: str) -> bool:
    """COA's system client delivers profiles, DUO's delivers signals, for any gemeente."""
    return is_ketensysteem(user, bron)


def mag_importeren(user, bron: str) -> bool:
    """A functioneel beheerder (records of the own gemeente), or the source's own system client (any gemeente)."""
    return mag_functioneel_beheer(user) or is_bronsysteem(user, bron)


def mag_gemeente_aanleveren(user, gemeente) -> bool:
    """Whether a record for ``gemeente`` is in the deliverer's scope."""
    if user.rol == Rol.FUNCTIONEEL_BEHEERDER:
        return gemeente.pk == user.gemeente_id
    return is_bronsysteem(user, "coa") or is_bronsysteem(user, "duo")


def mag_import_zien(user, imp) -> bool:
    if mag_functioneel_beheer(user):
        return imp.gemeente_id == user.gemeente_id
    return imp.geupload_door_id == user.pk
