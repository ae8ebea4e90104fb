"""What a user may do with the offer of a dossier. Scoping itself is in dossiers.selectors."""

from __future__ import annotations

from koers.accounts.models import Ketenpartner
from koers.accounts.roles import Rol
from koers.dossiers.permissions import mag_dossier_bewerken, mag_dossiers_bewerken, mag_duo_signaal_verwerken


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


# The kinds of ketenpartner that provide courses (a person can be enrolled with them).
AANBIEDER_SOORTEN = frozenset({Ketenpartner.Soort.TAALAANBIEDER, Ketenpartner.Soort.OVERIG})


def is_aanbieder_account(user) -> bool:
    """An employee or system client of a provider (a school), as opposed to gemeente staff or COA/DUO."""
    return bool(
        user.is_authenticated
        and user.rol == Rol.KETENPARTNER_MEDEWERKER
        and user.ketenpartner_id is not None
        and user.ketenpartner.soort in AANBIEDER_SOORTEN
    )


def mag_inschrijven(user, dossier, *, ketenpartner, in_scope: bool) -> bool:
    """Enrol: the gemeente's editors with any provider; a provider only with itself as provider, and only for a
    dossier the gemeente shared with it (``in_scope``), directly or through one of its own contracts."""
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return (
            in_scope
            and is_aanbieder_account(user)
            and ketenpartner is not None
            and ketenpartner.pk == user.ketenpartner_id
        )
    return mag_aanbod_bewerken(user, dossier)


def mag_inschrijving_bijwerken(user, inschrijving, *, in_scope: bool) -> bool:
    """Move an enrolment along its chain: the gemeente's editors, or the provider for its own enrolments of shared
    dossiers (the same rule as for hours)."""
    return mag_uren_invoeren(user, inschrijving, in_scope=in_scope)


def mag_klas_indelen(user, klas, inschrijving, *, in_scope: bool) -> bool:
    """Place an enrolment in a class: the provider in its own class, for its own enrolment of a shared dossier;
    the gemeente's editors for their own dossier, in a class of their gemeente or of no gemeente."""
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return klas.ketenpartner_id == user.ketenpartner_id and mag_uren_invoeren(user, inschrijving, in_scope=in_scope)
    return (
        in_scope
        and mag_dossier_bewerken(user, inschrijving.dossier)
        and klas.gemeente_id in (None, inschrijving.dossier.gemeente_id)
    )


def mag_klaslijst_beheren(user, klas) -> bool:
    """Offer "place" and "remove" on a class list: a provider's staff in its own classes, the gemeente's editors in
    a class of their gemeente or of no gemeente. Each member is still checked with ``mag_klas_indelen``."""
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return is_aanbieder_account(user) and klas.ketenpartner_id == user.ketenpartner_id
    return mag_dossiers_bewerken(user) and user.gemeente_id is not None and klas.gemeente_id in (None, user.gemeente_id)


def mag_examen_melden(user, dossier, *, eigen_inschrijving: bool, in_scope: bool) -> bool:
    """Exam evidence: the gemeente's editors, or a provider for a student it teaches (an enrolment of its own in a
    dossier shared with it). A provider's report is marked as such and must name its evidence."""
    if user.rol == Rol.KETENPARTNER_MEDEWERKER:
        return in_scope and eigen_inschrijving and is_aanbieder_account(user)
    return mag_aanbod_bewerken(user, dossier)


def mag_sanctie_besluiten(user, dossier) -> bool:
    """A proposed fine is decided by a teamleider (or functioneel beheerder) of the dossier's gemeente."""
    return user.gemeente_id == dossier.gemeente_id and user.rol in {Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEERDER}


def mag_klassen_zien(user) -> bool:
    return user.is_authenticated and user.rol in {Rol.KLANTMANAGER, Rol.TEAMLEIDER, Rol.KETENPARTNER_MEDEWERKER}
