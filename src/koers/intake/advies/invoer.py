"""The facts from the brede intake and the leerbaarheidstoets that the route advice weighs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, Self

from django.utils.translation import gettext_lazy, gettext_noop


class Keuze(StrEnum):
    """A StrEnum whose values are stable snake_case strings (stored) and carry a Dutch label (shown)."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs for Django choices, translated when shown; ``.label`` stays Dutch for stored texts."""
        return [(member.value, gettext_lazy(member.label)) for member in cls]


class Doelgroep(Keuze):
    ASIELSTATUSHOUDER = "asielstatushouder", gettext_noop("Asielstatushouder")
    GEZINSMIGRANT = "gezinsmigrant", gettext_noop("Gezinsmigrant")
    OVERIGE_MIGRANT = "overige_migrant", gettext_noop("Overige migrant")


class LbtUitkomst(Keuze):
    """Outcome of the leerbaarheidstoets (LBT), or why there is none."""

    B1_HAALBAAR = "b1_haalbaar", gettext_noop("B1 binnen 3 jaar haalbaar")
    B1_NIET_HAALBAAR = "b1_niet_haalbaar", gettext_noop("B1 niet binnen 3 jaar haalbaar")
    NIET_AFGENOMEN = "niet_afgenomen", gettext_noop("Niet afgenomen")
    DISPENSATIE = "dispensatie", gettext_noop("Dispensatie (visuele of auditieve beperking)")

    @property
    def heeft_uitslag(self) -> bool:
        return self in (LbtUitkomst.B1_HAALBAAR, LbtUitkomst.B1_NIET_HAALBAAR)


class Opleidingsniveau(Keuze):
    """Highest education in the country of origin; declared in ascending order."""

    GEEN = "geen", gettext_noop("Geen onderwijs")
    BASIS = "basis", gettext_noop("Basisonderwijs")
    VOORTGEZET = "voortgezet", gettext_noop("Voortgezet onderwijs")
    MBO = "mbo", gettext_noop("Middelbaar beroepsonderwijs (mbo)")
    HBO_WO = "hbo_wo", gettext_noop("Hoger onderwijs (hbo of wo)")

    @property
    def rang(self) -> int:
        return list(Opleidingsniveau).index(self)


class Geletterdheid(Keuze):
    GEALFABETISEERD_LATIJNS = "gealfabetiseerd_latijns", gettext_noop("Gealfabetiseerd in het Latijnse schrift")
    GEALFABETISEERD_ANDER_SCHRIFT = (
        "gealfabetiseerd_ander_schrift",
        gettext_noop("Gealfabetiseerd in een ander schrift"),
    )
    NIET_GEALFABETISEERD = "niet_gealfabetiseerd", gettext_noop("Niet gealfabetiseerd")

    @property
    def gealfabetiseerd(self) -> bool:
        return self is not Geletterdheid.NIET_GEALFABETISEERD


class Ambitie(Keuze):
    """The main goal (GGM Hoofddoel)."""

    WERK = "werk", gettext_noop("Werk")
    ONDERWIJS = "onderwijs", gettext_noop("Onderwijs")
    PARTICIPATIE = "participatie", gettext_noop("Participatie")


_ENUM_VELDEN: dict[str, type[Keuze]] = {
    "doelgroep": Doelgroep,
    "lbt": LbtUitkomst,
    "opleidingsniveau": Opleidingsniveau,
    "geletterdheid": Geletterdheid,
    "ambitie": Ambitie,
}


@dataclass(frozen=True)
class AdviesInvoer:
    """Facts from the brede intake (Wet art. 14) that the route advice weighs; strings become enums."""

    leeftijd: int
    doelgroep: Doelgroep
    lbt: LbtUitkomst
    opleidingsniveau: Opleidingsniveau
    geletterdheid: Geletterdheid
    ambitie: Ambitie
    gezondheidsbeperking_leren: bool
    lbt_score: int | None = None
    heeft_nt2_of_a2_niveau: bool | None = None  # None: not known

    def __post_init__(self) -> None:
        for naam, enum in _ENUM_VELDEN.items():
            object.__setattr__(self, naam, enum(getattr(self, naam)))
        if isinstance(self.leeftijd, bool) or not isinstance(self.leeftijd, int):
            raise TypeError("leeftijd moet een geheel getal zijn")
        if not 0 <= self.leeftijd <= 130:
            raise ValueError(f"leeftijd {self.leeftijd} is geen geldige leeftijd")
        if not isinstance(self.gezondheidsbeperking_leren, bool):
            raise TypeError("gezondheidsbeperking_leren moet True of False zijn")
        if self.heeft_nt2_of_a2_niveau is not None and not isinstance(self.heeft_nt2_of_a2_niveau, bool):
            raise TypeError("heeft_nt2_of_a2_niveau moet True, False of None zijn")
        if self.lbt_score is not None:
            if isinstance(self.lbt_score, bool) or not isinstance(self.lbt_score, int) or self.lbt_score < 0:
                raise ValueError("lbt_score moet een geheel getal van 0 of meer zijn")
            if not self.lbt.heeft_uitslag:
                raise ValueError(f"een lbt_score past niet bij leerbaarheidstoets '{self.lbt.value}'")

    def to_dict(self) -> dict[str, Any]:
        return {naam: (waarde.value if isinstance(waarde, Keuze) else waarde) for naam, waarde in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AdviesInvoer:
        return cls(**data)
