"""Who may manage subscriptions: functioneel beheer of a gemeente (UI) and a gemeente's own system (API)."""

from koers.accounts.roles import Rol
from koers.beheer.permissions import mag_functioneel_beheer


def mag_abonnementen_beheren(user) -> bool:
    if mag_functioneel_beheer(user):
        return True
    return bool(user.is_authenticated and user.rol == Rol.GEMEENTESYSTEEM and user.gemeente_id is not None)
