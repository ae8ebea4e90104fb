"""What this app reads from the PIP and intake apps, in one place, tolerant of what those apps provide.

The PIP app (``koers.pip.selectors.geldend_pip``) gives the leerroute, the voortgangsgesprek interval and the first
dagtekening; when a dossier came in through a transfer package and has no PIP of its own yet, the leerroute of
that package counts (the new gemeente keeps the leerroute).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.db import connection

ROUTE_NAMEN = {"b1": "B1-route", "onderwijs": "Onderwijsroute", "z": "Z-route"}


def geldend_pip(dossier):
    """The PIP in force for a dossier, or None (also while the PIP app is not there yet)."""
    try:
        from koers.pip.selectors import geldend_pip as _geldend_pip
    except ImportError:
        return None
    try:
        return _geldend_pip(dossier)
    except Exception:
        return None


def leerroute(dossier) -> str | None:
    """The leerroute code ("b1", "onderwijs", "z") of the PIP in force, else of a received transfer package."""
    pip = geldend_pip(dossier)
    route = getattr(pip, "leerroute", None) if pip is not None else None
    if route:
        return str(route)
    from .models import Overdracht

    ontvangen = (
        Overdracht.objects.filter(dossier=dossier, richting=Overdracht.Richting.IN).exclude(leerroute="").first()
    )
    return ontvangen.leerroute if ontvangen else None


def eerste_pip_dagtekening(dossier) -> dt.date | None:
    """The dagtekening of the dossier's first PIP (start of the inburgeringstermijn), when known."""
    try:
        from koers.pip.selectors import eerste_pip
    except ImportError:
        return None
    pip = eerste_pip(dossier)
    return getattr(pip, "dagtekening", None) if pip is not None else None


def gesprek_interval(dossier) -> int | None:
    pip = geldend_pip(dossier)
    return getattr(pip, "voortgangsgesprek_interval_maanden", None) if pip is not None else None


def afgeschaalde_onderdelen(dossier) -> set[str]:
    """Exam components the PIP in force has lowered to A2 (afschalen): its language part's per-skill levels."""
    pip = geldend_pip(dossier)
    if pip is None:
        return set()
    return {
        vaardigheid
        for onderdeel in pip.onderdelen.all()
        if onderdeel.soort == "taal"
        for vaardigheid, niveau in (onderdeel.niveaus_per_vaardigheid or {}).items()
        if niveau == "A2"
    }


def pip_samenvatting(dossier) -> dict:
    """Leerroute, first dagtekening and parts of the PIP, for the transfer package."""
    pip = geldend_pip(dossier)
    onderdelen = []
    if pip is not None and hasattr(pip, "onderdelen"):
        try:
            onderdelen = [
                {
                    "soort": o.soort,
                    "niveau": getattr(o, "niveau", "") or "",
                    "uren_per_week": str(getattr(o, "uren_per_week", "") or ""),
                    "omschrijving": getattr(o, "omschrijving", "") or "",
                }
                for o in pip.onderdelen.all()
            ]
        except Exception:
            onderdelen = []
    dagtekening = eerste_pip_dagtekening(dossier)
    return {
        "leerroute": leerroute(dossier) or "",
        "eerste_dagtekening": dagtekening.isoformat() if dagtekening else None,
        "onderdelen": onderdelen,
    }


@cache
def _tabel_bestaat(tabel: str) -> bool:
    return tabel in connection.introspection.table_names()


def intake_beslissingen(dossier, soort: str) -> list | None:
    """Vrijstellingen or ontheffingen in force (not withdrawn) in the intake app; None when that app cannot tell."""
    try:
        from koers.intake.models import Ontheffing, Vrijstelling
        from koers.intake.selectors import geldende_examenbesluiten
    except ImportError:
        return None
    model = Vrijstelling if soort == "vrijstelling" else Ontheffing
    if not _tabel_bestaat(model._meta.db_table):
        return None
    return geldende_examenbesluiten(dossier, soort)
