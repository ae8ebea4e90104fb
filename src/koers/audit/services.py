"""Writing the access log. Called by selectors/services whenever personal data is shown or changed."""

from __future__ import annotations

from django.conf import settings

from .models import Toegangslog


def log_toegang(
    *,
    gebruiker,
    actie: str,
    inburgeraar_id: int | None,
    dossier_id: int | None = None,
    verwerkingsactiviteit: str | None = None,
    gegevenscategorie: str = "persoonsgegevens",
    omschrijving: str = "",
    pad: str = "",
) -> Toegangslog:
    return Toegangslog.objects.create(
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username(),
        rol=getattr(gebruiker, "rol", ""),
        organisatie=getattr(gebruiker, "organisatie_naam", ""),
        gemeente_id=getattr(gebruiker, "gemeente_id", None),
        verwerkingsactiviteit=verwerkingsactiviteit or settings.KOERS_STANDAARD_VERWERKING,
        actie=actie,
        inburgeraar_id=inburgeraar_id,
        dossier_id=dossier_id,
        gegevenscategorie=gegevenscategorie,
        omschrijving=omschrijving[:300],
        pad=pad[:500],
    )


def log_raadpleging(
    request,
    *,
    inburgeraar_id: int,
    dossier_id: int | None = None,
    gegevenscategorie: str = "persoonsgegevens",
    omschrijving: str = "",
) -> Toegangslog:
    return log_toegang(
        gebruiker=request.user,
        actie=Toegangslog.Actie.RAADPLEGEN,
        inburgeraar_id=inburgeraar_id,
        dossier_id=dossier_id,
        gegevenscategorie=gegevenscategorie,
        omschrijving=omschrijving,
        pad=request.get_full_path(),
    )


def log_toegangen(
    *, gebruiker, actie: str, personen, omschrijving: str, gegevenscategorie: str = "persoonsgegevens", pad: str = ""
) -> None:
    """One access-log row per (inburgeraar_id, dossier_id) on a list or export, written in one query."""
    Toegangslog.objects.bulk_create(
        [
            Toegangslog(
                gebruiker=gebruiker,
                gebruikersnaam=gebruiker.get_username(),
                rol=getattr(gebruiker, "rol", ""),
                organisatie=getattr(gebruiker, "organisatie_naam", ""),
                gemeente_id=getattr(gebruiker, "gemeente_id", None),
                verwerkingsactiviteit=settings.KOERS_STANDAARD_VERWERKING,
                actie=actie,
                inburgeraar_id=inburgeraar_id,
                dossier_id=dossier_id,
                gegevenscategorie=gegevenscategorie,
                omschrijving=omschrijving,
                pad=pad[:500],
            )
            for inburgeraar_id, dossier_id in personen
        ]
    )


def log_raadplegingen(request, *, personen, omschrijving: str, gegevenscategorie: str = "persoonsgegevens") -> None:
    """Log the persons shown on a list page (one row each, one query)."""
    log_toegangen(
        gebruiker=request.user,
        actie=Toegangslog.Actie.RAADPLEGEN,
        personen=personen,
        omschrijving=omschrijving,
        gegevenscategorie=gegevenscategorie,
        pad=request.get_full_path(),
    )
