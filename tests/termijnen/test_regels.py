"""The versioned deadline rule catalogue: codes, versions, sources and certainty tags."""

import datetime as dt

import pytest

from koers.termijnen.engine import regels
from koers.termijnen.engine.regels import REGELS, regel
from koers.utils.legal import Zekerheid

D = dt.date

VERWACHTE_TAGS = {
    "atw": Zekerheid.L,
    "pip_vaststellen": Zekerheid.S,
    "pip_opschorting": Zekerheid.S,
    "inburgeringstermijn": Zekerheid.L,
    "schakelen": Zekerheid.S,
    "ontzorgen": Zekerheid.S,
    "pvt": Zekerheid.ONZEKER,
    "map": Zekerheid.ONZEKER,
    "voortgangsgesprek": Zekerheid.ONZEKER,
    "verlenging_aanvraag": Zekerheid.S,
    "bezwaar": Zekerheid.L,
}


def test_catalogue_holds_every_deadline_kind():
    assert set(REGELS) == set(VERWACHTE_TAGS)


@pytest.mark.parametrize(("code", "zekerheid"), VERWACHTE_TAGS.items())
def test_each_rule_carries_the_certainty_tag_of_the_domain_reference(code, zekerheid):
    assert regel(code, D(2025, 1, 1)).bron.zekerheid == zekerheid


def test_numbers_from_the_domain_reference():
    op = D(2025, 1, 1)
    assert regel("pip_vaststellen", op).parameters["weken"] == 10
    assert regel("pip_opschorting", op).parameters["weken_na_info"] == 2
    assert regel("inburgeringstermijn", op).parameters["jaren"] == 3
    assert regel("schakelen", op).parameters["maanden"] == 18
    assert regel("ontzorgen", op).parameters["maanden"] == 6
    assert regel("voortgangsgesprek", op).parameters["interval_maanden"] == 3
    assert regel("verlenging_aanvraag", op).parameters["aanvragen_vanaf_maanden"] == 30
    assert regel("verlenging_aanvraag", op).parameters["beslistermijn_weken"] == 8
    assert regel("bezwaar", op).parameters["weken"] == 6


def test_every_deadline_rule_says_whether_the_atw_applies():
    statutory = {"pip_vaststellen", "pip_opschorting", "inburgeringstermijn", "schakelen", "bezwaar"}
    for code, versies in REGELS.items():
        for r in versies:
            if code != "atw":
                assert r.parameters["atw"] is (code in statutory), r.sleutel


def test_wi2021_citations_only_use_articles_verified_against_the_law():
    for versies in REGELS.values():
        for r in versies:
            if r.bron.regeling.startswith("Wet inburgering 2021"):
                assert r.bron.artikel in {
                    "art. 11 lid 1 en 2",
                    regels.ARTIKEL_ONBEKEND,
                    regels.GEEN_WETTELIJKE_TERMIJN,
                }


def test_termijn_cites_wet_art_11_and_bezwaar_cites_awb_6_7():
    assert regel("inburgeringstermijn", D(2022, 1, 1)).bron.artikel == "art. 11 lid 1 en 2"
    assert "6:7" in regel("bezwaar", D(2022, 1, 1)).bron.artikel
    assert str(regel("pvt", D(2022, 1, 1)).bron).endswith("[?]")


def test_ontzorgen_allows_maatwerk_from_the_2023_version_on():
    oud, nieuw = regel("ontzorgen", D(2022, 12, 31)), regel("ontzorgen", D(2023, 1, 1))
    assert (oud.versie, oud.parameters["maatwerk"]) == (1, False)
    assert (nieuw.versie, nieuw.parameters["maatwerk"]) == (2, True)
    assert nieuw.bron.versie == "Stb. 2022, 489"
    assert nieuw.sleutel == "ontzorgen@v2"


def test_no_rule_applies_before_the_wet_inburgering_2021():
    with pytest.raises(LookupError):
        regel("inburgeringstermijn", D(2021, 12, 31))


def test_unknown_rule_code_is_refused():
    with pytest.raises(LookupError, match="onbekende termijnregel"):
        regel("bestaat_niet", D(2025, 1, 1))


def test_rule_parameters_cannot_be_changed_by_a_caller():
    with pytest.raises(TypeError):
        regel("inburgeringstermijn", D(2025, 1, 1)).parameters["jaren"] = 5


def test_verlenging_grounds_are_data():
    gronden = {g.code: g for g in regel("verlenging_aanvraag", D(2025, 1, 1)).parameters["gronden"]}
    assert set(gronden) == {"ziekte", "geboorte", "overlijden", "bijzondere_omstandigheden"}
    assert gronden["geboorte"].verlenging_weken == 16
    assert gronden["overlijden"].verlenging_maanden == 3
    assert gronden["ziekte"].minimaal_maanden == 3 and gronden["ziekte"].strikt_langer
    assert gronden["ziekte"].duur_is_werkelijke_duur
    assert gronden["bijzondere_omstandigheden"].minimaal_maanden == 3
    assert not gronden["bijzondere_omstandigheden"].strikt_langer
    assert regels.verlengingsgrond("geboorte") is gronden["geboorte"]
    with pytest.raises(LookupError):
        regels.verlengingsgrond("vakantie")
