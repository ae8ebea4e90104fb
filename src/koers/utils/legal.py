"""Legal citations and certainty tags shared by every rule Koers applies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Zekerheid(StrEnum):
    """How sure the rule is, as tagged in the domain reference (docs/regels.md)."""

    L = "L"  # confirmed in official guidance or the law itself
    S = "S"  # secondary source only: configurable per gemeente
    ONZEKER = "?"  # not confirmed: a setting a functioneel beheerder fills in


@dataclass(frozen=True)
class Bron:
    """A legal source: law, article and the version (publication) it comes from."""

    regeling: str  # e.g. "Wet inburgering 2021"
    artikel: str  # e.g. "art. 11 lid 1"
    versie: str  # e.g. "Stb. 2021, 38"
    zekerheid: Zekerheid = Zekerheid.L

    def __str__(self) -> str:
        tag = f" [{self.zekerheid.value}]"
        return f"{self.regeling}, {self.artikel} ({self.versie}){tag}"


@dataclass(frozen=True)
class Regel:
    """One versioned rule: a code, a version, the day it applies from, its source and parameters."""

    code: str
    versie: int
    geldig_vanaf: dt.date
    titel: str
    bron: Bron
    parameters: dict = field(default_factory=dict)

    @property
    def sleutel(self) -> str:
        return f"{self.code}@v{self.versie}"


def geldende_versie(versies: list[Regel], op: dt.date) -> Regel:
    """The version of a rule in force on a date: the latest whose geldig_vanaf is on or before it."""
    kandidaten = [r for r in versies if r.geldig_vanaf <= op]
    if not kandidaten:
        raise LookupError(f"geen versie van {versies[0].code if versies else '?'} geldig op {op}")
    return max(kandidaten, key=lambda r: (r.geldig_vanaf, r.versie))
