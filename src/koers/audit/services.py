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
