"""What a user may do with dossiers. Used by UI views and the API alike; scoping itself is in selectors."""

from __future__ import annotations

from koers.accounts.roles import BEWERK_ROLLEN, PERSOONSGEGEVENS_ROLLEN, Rol


def mag_persoonsgegevens_zien(user) -> bool:
    return user.is_authenticated and user.rol in PERSOONSGEGEVENS_ROLLEN


def mag_dossiers_bewerken(user) -> bool:
    return user.is_authenticated and user.rol in BEWERK_ROLLEN


def is_ketensysteem(user, soort: str) -> bool:
    """A system client of COA or DUO: a ketenpartner account whose organisation is of that ``soort``."""
    return bool(
        user.is_authenticated
        and user.rol == Rol.KETENPARTNER_MEDEWERKER
        and user.ketenpartner_id is not None
        and user.ketenpartner.soort == soort
    )


def mag_registreren(user, gemeente=None) -> bool:
    """Registering needs an editing role in the own gemeente; COA and DUO deliver newcomers for any gemeente."""
    if gemeente is not None and gemeente.pk != user.gemeente_id:
        return is_ketensysteem(user, "coa") or is_ketensysteem(user, "duo")
    return mag_dossiers_bewerken(user)


def mag_koppeling_registreren(user, dossier) -> bool:
    """The koppeling comes from COA (its system client, any gemeente) or is typed in by the gemeente's editors."""
    return mag_dossier_bewerken(user, dossier) or is_ketensysteem(user, "coa")


def mag_duo_signaal_verwerken(user, dossier) -> bool:
    """DUO's system client records its own signals (obligation, LBT, exams, decisions) in any gemeente's dossier."""
    return is_ketensysteem(user, "duo")


def mag_samenvoegen(user) -> bool:
    return user.is_authenticated and user.rol in {Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER}


def mag_dossier_bewerken(user, dossier) -> bool:
    """Editing needs an editing role in the dossier's own gemeente (the dossier must already be in scope)."""
    return mag_dossiers_bewerken(user) and user.gemeente_id == dossier.gemeente_id


def mag_informatieprofiel_zien(user, dossier) -> bool:
    """COA's informatieprofiel is for the gemeente side, like the brede intake: a ketenpartner never sees it, even on
    a shared dossier. Its health field follows ``mag_gezondheid_zien``."""
    return mag_persoonsgegevens_zien(user) and user.rol != Rol.KETENPARTNER_MEDEWERKER


def mag_gezondheid_zien(user, dossier) -> bool:
    """Special-category health data: only the dossier's own klantmanager and the teamleider of its gemeente."""
    if user.gemeente_id != dossier.gemeente_id:
        return False
    if user.rol == Rol.TEAMLEIDER:
        return True
    return user.rol == Rol.KLANTMANAGER and dossier.klantmanager_id == user.pk
