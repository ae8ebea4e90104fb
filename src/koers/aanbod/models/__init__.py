"""Offer and progress: contracts, enrolments and hours, conversations and exams, ontzorgen, sanctions, closing."""

from .afsluiting import Afsluiting, Overdracht
from .contract import Contract, Product
from .inschrijving import Inschrijving, Klas, Urenregistratie
from .ontzorgen import Ontzorgingsbetaling, Ontzorgingsplan
from .resultaten import MAP, PVT, Examenresultaat, Voortgangsgesprek
from .sanctie import SanctieVoorstelPIP

__all__ = [
    "MAP",
    "PVT",
    "Afsluiting",
    "Contract",
    "Examenresultaat",
    "Inschrijving",
    "Klas",
    "Ontzorgingsbetaling",
    "Ontzorgingsplan",
    "Overdracht",
    "Product",
    "SanctieVoorstelPIP",
    "Urenregistratie",
    "Voortgangsgesprek",
]
