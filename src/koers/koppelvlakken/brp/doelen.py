"""Per purpose the BRP fields Koers asks for: data minimisation (AVG art. 5(1)(c)) made explicit.

A field is a dotted path in the BRP API's ``fields`` parameter. A purpose asks for nothing its screen does not use;
a new purpose gets its own entry (with its verwerkingsactiviteit) rather than widening an existing one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Doel:
    code: str
    velden: tuple[str, ...]
    verwerkingsactiviteit: str
    waarom: str


DOELEN: dict[str, Doel] = {
    d.code: d
    for d in (
        Doel(
            code="registratie",
            velden=(
                "burgerservicenummer",
                "naam.voornamen",
                "naam.voorvoegsel",
                "naam.geslachtsnaam",
                "geslacht",
                "geboorte.datum",
                "verblijfplaats.verblijfadres",
                "nationaliteiten.nationaliteit",
            ),
            verwerkingsactiviteit="registratie-inburgeraar",
            waarom="Het registratieformulier vooraf invullen: naam, geboortedatum, geslacht, adres, nationaliteit.",
        ),
        Doel(
            code="adrescontrole",
            velden=("verblijfplaats.verblijfadres",),
            verwerkingsactiviteit="uitvoering-wi2021",
            waarom="Het adres controleren voordat een beschikking of brief wordt verstuurd.",
        ),
    )
}


def doel(code: str) -> Doel:
    try:
        return DOELEN[code]
    except KeyError:
        raise ValueError(f"onbekend BRP-doel {code!r}; bekend: {', '.join(DOELEN)}") from None
