"""Writes for the offer: each service runs in one transaction with its timeline entry and access log."""

from .inschrijving import KeurmerkOntbreekt, schrijf_in, wijzig_inschrijving_status
from .klassen import haal_uit_klas, plaats_in_klas, verplaats_naar_klas
from .ontzorgen import VasteLast, betaallijst_csv, maak_ontzorgingsplan, markeer_betaald
from .resultaten import (
    houd_voortgangsgesprek,
    plan_voortgangsgesprekken,
    registreer_examen,
    registreer_map,
    registreer_pvt,
)
from .sanctie import besluit_sanctie, stel_sanctie_voor
from .uren import KlasurenFout, Uren, registreer_klasuren, registreer_uren

__all__ = [
    "KeurmerkOntbreekt",
    "KlasurenFout",
    "Uren",
    "VasteLast",
    "besluit_sanctie",
    "betaallijst_csv",
    "haal_uit_klas",
    "houd_voortgangsgesprek",
    "maak_ontzorgingsplan",
    "markeer_betaald",
    "plaats_in_klas",
    "plan_voortgangsgesprekken",
    "registreer_examen",
    "registreer_klasuren",
    "registreer_map",
    "registreer_pvt",
    "registreer_uren",
    "schrijf_in",
    "stel_sanctie_voor",
    "verplaats_naar_klas",
    "wijzig_inschrijving_status",
]
