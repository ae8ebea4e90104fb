"""Who may use the functioneel-beheer pages: a functioneel beheerder of a gemeente (its own gemeente only)."""

from koers.accounts.roles import Rol


def mag_functioneel_beheer(user) -> bool:
    return bool(user.is_authenticated and user.rol == Rol.FUNCTIONEEL_BEHEERDER and user.gemeente_id is not None)
