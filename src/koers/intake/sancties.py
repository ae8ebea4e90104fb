"""The gemeente's sanction sequence for not coming to the brede intake, as versioned rules with their source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from koers.intake.advies.regels import STB_2021_38, WI2021
from koers.utils.legal import Bron, Regel, Zekerheid, geldende_versie

CODE = "sanctie_niet_verschijnen_brede_intake"

VERSIES: list[Regel] = [
    Regel(
        code=CODE,
        versie=1,
        geldig_vanaf=dt.date(2022, 1, 1),
        titel=(
            "Wie verwijtbaar niet verschijnt bij de brede intake krijgt eerst een waarschuwing, daarna een boete "
            "van € 250 en daarna nogmaals een boete van € 250; alleen na vastgelegd verwijtbaar wegblijven, "
            "en altijd als voorstel dat een medewerker beoordeelt"
        ),
        # No article could be verified (docs/regels-intake.md): [S] until one is, never an invented one.
        bron=Bron(WI2021, "—", STB_2021_38, Zekerheid.S),
        parameters={"reeks": (("waarschuwing", 0), ("boete", 250), ("boete", 250))},
    ),
]


@dataclass(frozen=True)
class Stap:
    volgnummer: int
    soort: str
    bedrag: Decimal
    regel: Regel


def regel_op(datum: dt.date, versies: list[Regel] | None = None) -> Regel:
    return geldende_versie(VERSIES if versies is None else versies, datum)


def volgende_stap(aantal_eerdere: int, *, op: dt.date, versies: list[Regel] | None = None) -> Stap | None:
    """The next step after ``aantal_eerdere`` proposals that still count, or None when the sequence is done."""
    regel = regel_op(op, versies)
    reeks = regel.parameters["reeks"]
    if aantal_eerdere >= len(reeks):
        return None
    soort, bedrag = reeks[aantal_eerdere]
    return Stap(volgnummer=aantal_eerdere + 1, soort=soort, bedrag=Decimal(bedrag), regel=regel)


def regel_naar_dict(regel: Regel) -> dict:
    b = regel.bron
    return {
        "code": regel.code,
        "versie": regel.versie,
        "geldig_vanaf": regel.geldig_vanaf.isoformat(),
        "titel": regel.titel,
        "bron": {"regeling": b.regeling, "artikel": b.artikel, "versie": b.versie, "zekerheid": b.zekerheid.value},
        "parameters": {k: [list(s) for s in v] if k == "reeks" else v for k, v in regel.parameters.items()},
    }
