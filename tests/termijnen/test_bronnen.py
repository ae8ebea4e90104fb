"""Every rule Koers applies cites its source: an [L] rule names the article it comes from, or it is not [L]."""

from __future__ import annotations

import re

import pytest

from koers.aanbod import regels as aanbodregels
from koers.intake import sancties
from koers.intake.advies import regels as adviesregels
from koers.termijnen.engine import regels as termijnregels
from koers.utils.legal import Regel, Zekerheid

# An article ("art. 11", "art. 6:7", "artikel 3.14") or a court ruling (ECLI) — never "n.t.b.", "—" or empty.
ARTIKEL = re.compile(r"\b(art\.|artikel)\s*\d|ECLI:", re.IGNORECASE)
ONBEKEND = ("n.t.b", "niet geverifieerd", "—")


def _catalogi() -> dict[str, list[Regel]]:
    return {
        "termijnen": [r for versies in termijnregels.REGELS.values() for r in versies],
        "aanbod": [r for versies in aanbodregels.REGELS.values() for r in versies],
        "intake: advies": [r for regelset in adviesregels.REGELSETS for r in regelset.regels],
        "intake: sancties": list(sancties.VERSIES),
    }


def _l_regels_zonder_artikel(regels: list[Regel]) -> list[str]:
    return [
        f"{r.sleutel}: {r.bron}"
        for r in regels
        if r.bron.zekerheid == Zekerheid.L
        and (not ARTIKEL.search(r.bron.artikel) or any(o in r.bron.artikel for o in ONBEKEND))
    ]


@pytest.mark.parametrize("catalogus", list(_catalogi()))
def test_every_l_rule_in_each_catalogue_names_its_article(catalogus):
    regels = _catalogi()[catalogus]
    assert regels, f"catalogus {catalogus} is leeg"
    assert _l_regels_zonder_artikel(regels) == []


def test_the_check_itself_catches_an_l_rule_without_article():
    from koers.utils.legal import Bron, maak_regel

    zonder = maak_regel("x", 1, termijnregels.WI2021_IN_WERKING, "x", Bron("Wet", "artikel n.t.b.", "Stb."))
    streep = maak_regel("y", 1, termijnregels.WI2021_IN_WERKING, "y", Bron("Wet", "—", "Stb."))
    met = maak_regel("z", 1, termijnregels.WI2021_IN_WERKING, "z", Bron("Wet", "art. 11", "Stb."))
    secundair = maak_regel("s", 1, termijnregels.WI2021_IN_WERKING, "s", Bron("Wet", "—", "Stb.", Zekerheid.S))
    assert len(_l_regels_zonder_artikel([zonder, streep, met, secundair])) == 2


def test_inburgeringstermijn_cites_wi2021_article_11():
    r = termijnregels.regel("inburgeringstermijn", termijnregels.WI2021_IN_WERKING)
    assert r.bron.artikel.startswith("art. 11") and r.bron.zekerheid == Zekerheid.L


@pytest.mark.parametrize(
    ("code", "parameter", "waarde"),
    [("pip_vaststellen", "weken", 10), ("schakelen", "maanden", 18), ("ontzorgen", "maanden", 6)],
)
def test_unverified_numbers_are_s_and_keep_their_default(code, parameter, waarde):
    r = termijnregels.regel(code, termijnregels.WIJZIGING_2023_IN_WERKING)
    assert r.bron.zekerheid == Zekerheid.S
    assert r.parameters[parameter] == waarde
