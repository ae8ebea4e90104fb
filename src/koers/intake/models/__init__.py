"""Brede intake models, split by concept: the questionnaire, the intake itself, the route, the sanctions."""

from .intake import (
    Antwoord,
    BredeIntake,
    Examenonderdeel,
    IntakeGesprek,
    Leerbaarheidstoets,
    Ontheffing,
    Plaats,
    Uitnodiging,
    Vrijstelling,
)
from .route import RouteAdvies, RouteBesluit
from .sanctie import SanctieVoorstel
from .vragenlijst import Antwoordtype, Levensgebied, Vraag, Vragenlijst

__all__ = [
    "Antwoord",
    "Antwoordtype",
    "BredeIntake",
    "Examenonderdeel",
    "IntakeGesprek",
    "Leerbaarheidstoets",
    "Levensgebied",
    "Ontheffing",
    "Plaats",
    "RouteAdvies",
    "RouteBesluit",
    "SanctieVoorstel",
    "Uitnodiging",
    "Vraag",
    "Vragenlijst",
    "Vrijstelling",
]
