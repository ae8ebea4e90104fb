"""What a user may do with the offer of a dossier. Scoping itself is in dossiers.selectors."""

from __future__ import annotations

from koers.accounts.roles import Rol
from koers.dossiers.permissions import mag_dossier_bewerken, mag_duo_signaal_verwerken


def mag_aanbod_bewerken(user, dossier) -> bool:
    """Enrol, record exams, plan conversations, ontzorgen, close: an editing role in the dossier's gemeente."""
    return mag_dossier_bewerken(user, dossier)


def mag_examen_importeren(user, dossier) -> bool:
    """Exam results DUO reports: its system client, for any gemeente's dossier, or the gemeente's own editors."""
    return mag_dossier_bewerken(user, dossier) or mag_duo_signaal_verwerken(user, dossier)


def mag_uren_invoeren(user, inschrijving, *, in_scope: bool) -> bool:
    """Hours: the gemeente's editors, or a provider's employee for its own enrolments of shared dossiers."""
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return (
            in_scope
            and inschrijving.ketenpartner_id is not None
            and (inschrijving.ketenpartner_id == user.ketenpartner_id)
        )
    return in_scope and mag_dossier_bewerken(user, inschrijving.dossier)


def mag_sanctie_besluiten(user, dossier) -> bool:
    """A proposed fine is decided by a teamleider (or functioneel beheerder) of the dossier's gemeente."""
    return user.gemeente_id == dossier.gemeente_id and user.rol in {Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER}


def mag_klassen_zien(user) -> bool:
    return user.is_authenticated and user.rol in {Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.KETENPARTNER_MEDEWERKER}
