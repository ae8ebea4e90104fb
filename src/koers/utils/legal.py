"""Legal citations and certainty tags shared by every rule Koers applies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


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
    parameters: Mapping = field(default_factory=dict)

    @property
    def sleutel(self) -> str:
        return f"{self.code}@v{self.versie}"


def geldende_versie(versies: list[Regel], op: dt.date) -> Regel:
    """The version of a rule in force on a date: the latest whose geldig_vanaf is on or before it."""
    kandidaten = [r for r in versies if r.geldig_vanaf <= op]
    if not kandidaten:
        raise LookupError(f"geen versie van {versies[0].code if versies else '?'} geldig op {op}")
    return max(kandidaten, key=lambda r: (r.geldig_vanaf, r.versie))


def maak_regel(code: str, versie: int, geldig_vanaf: dt.date, titel: str, bron: Bron, **parameters: object) -> Regel:
    """A rule whose parameters are read-only, so no caller can change the shared catalogue."""
    return Regel(code, versie, geldig_vanaf, titel, bron, MappingProxyType(parameters))


def catalogus(regels: Iterable[Regel]) -> dict[str, list[Regel]]:
    """All versions of each rule, by code."""
    per_code: dict[str, list[Regel]] = {}
    for regel in regels:
        per_code.setdefault(regel.code, []).append(regel)
    return per_code


def versie_uit(per_code: Mapping[str, list[Regel]], code: str, op: dt.date, *, soort: str = "regel") -> Regel:
    """The version of rule ``code`` in force on ``op``; LookupError naming the kind of rule for an unknown code."""
    try:
        versies = per_code[code]
    except KeyError:
        raise LookupError(f"onbekende {soort}: {code}") from None
    return geldende_versie(versies, op)


def instelbare_waarde(regel: Regel, naam: str, waarde=None):
    """A parameter's default, or a gemeente's own value for it, which only [S] and [?] rules allow."""
    if waarde is None:
        return regel.parameters[naam]
    if regel.bron.zekerheid == Zekerheid.L:
        raise ValueError(f"{regel.sleutel}: {naam} staat vast in de wet en is niet per gemeente instelbaar")
    return waarde
