"""Explainable learning-route advice for the brede intake (pure Python; see docs/regels-intake.md)."""

from .engine import Advies, Argument, Leerroute, RouteOverweging, adviseer
from .invoer import AdviesInvoer, Ambitie, Doelgroep, Geletterdheid, LbtUitkomst, Opleidingsniveau
from .regels import REGELSETS, RegelCode, Regelset, nieuwe_versie, regelset_op

__all__ = [
    "REGELSETS",
    "Advies",
    "AdviesInvoer",
    "Ambitie",
    "Argument",
    "Doelgroep",
    "Geletterdheid",
    "LbtUitkomst",
    "Leerroute",
    "Opleidingsniveau",
    "RegelCode",
    "Regelset",
    "RouteOverweging",
    "adviseer",
    "nieuwe_versie",
    "regelset_op",
]
