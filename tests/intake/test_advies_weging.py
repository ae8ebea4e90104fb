"""Issue 16: guidelines are weighed, never hard conditions; no final advice without an LBT; health arguments are
marked; the LBT dispensation exists only from 2023."""

import datetime as dt
import itertools
import json

import pytest

from koers.intake.advies import (
    REGELSETS,
    Advies,
    AdviesInvoer,
    Ambitie,
    Doelgroep,
    Geletterdheid,
    LbtUitkomst,
    Leerroute,
    Opleidingsniveau,
    RegelCode,
    Regelset,
    adviseer,
    regelset_op,
)
from koers.intake.advies.engine import GEZONDHEID
from koers.intake.advies.regels import HARDE_VOORWAARDEN
from koers.utils.legal import Bron, Zekerheid

HUIDIG = regelset_op(dt.date(2026, 12, 1))


def invoer(**velden) -> AdviesInvoer:
    basis = {
        "leeftijd": 34,
        "doelgroep": Doelgroep.GEZINSMIGRANT,
        "lbt": LbtUitkomst.B1_HAALBAAR,
        "opleidingsniveau": Opleidingsniveau.HBO_WO,
        "geletterdheid": Geletterdheid.GEALFABETISEERD_LATIJNS,
        "ambitie": Ambitie.ONDERWIJS,
        "gezondheidsbeperking_leren": False,
    }
    return AdviesInvoer(**{**basis, **velden})


def _teksten(overweging) -> str:
    return " ".join(a.tekst for a in overweging.voor + overweging.tegen)


# 2.2 The onderwijsroute is never refused on age alone


def test_34_year_old_with_higher_education_and_ambition_onderwijs_gets_the_onderwijsroute():
    advies = adviseer(invoer(), HUIDIG)
    assert advies.route == Leerroute.ONDERWIJS
    onderwijs = advies.overweging(Leerroute.ONDERWIJS)
    leeftijd = [a for a in onderwijs.tegen if a.regel.code == RegelCode.ONDERWIJSROUTE_RICHTLEEFTIJD]
    assert len(leeftijd) == 1
    assert "34 jaar" in leeftijd[0].tekst and "geen wettelijke grens" in leeftijd[0].tekst
    assert "niet is voldaan aan: leeftijd" not in json.dumps(advies.to_dict())
    assert "gewogen" in advies.samenvatting


@pytest.mark.parametrize("regelset", REGELSETS, ids=lambda r: f"v{r.versie}")
def test_no_combination_of_facts_refuses_the_onderwijsroute_on_age_alone(regelset):
    for leeftijd, lbt, opleiding, geletterdheid, gezondheid, nt2 in itertools.product(
        (18, 28, 29, 34, 45, 66),
        (LbtUitkomst.B1_HAALBAAR, LbtUitkomst.NIET_AFGENOMEN, LbtUitkomst.DISPENSATIE),
        Opleidingsniveau,
        Geletterdheid,
        (False, True),
        (None, True, False),
    ):
        i = invoer(
            leeftijd=leeftijd,
            lbt=lbt,
            opleidingsniveau=opleiding,
            geletterdheid=geletterdheid,
            gezondheidsbeperking_leren=gezondheid,
            heeft_nt2_of_a2_niveau=nt2,
        )
        jong = adviseer(AdviesInvoer.from_dict({**i.to_dict(), "leeftijd": 20}), regelset)
        oud = adviseer(i, regelset)
        alleen_leeftijd = [
            a for a in jong.overweging(Leerroute.ONDERWIJS).tegen if a.regel.code != "elke_route_overwogen"
        ]
        if jong.route == Leerroute.ONDERWIJS and not alleen_leeftijd:
            # nothing pleads against at 20; at any higher age, age is the only argument against: never refused
            assert oud.route == Leerroute.ONDERWIJS, i


def test_catalogue_has_no_hard_condition_from_a_guideline_or_setting():
    assert HARDE_VOORWAARDEN  # the engine does use hard conditions, all of them law
    for regelset in REGELSETS:
        for regel in regelset.regels:
            if regel.code in HARDE_VOORWAARDEN:
                assert regel.bron.zekerheid == Zekerheid.L, regel.sleutel
            if regel.bron.zekerheid != Zekerheid.L:
                assert not regelset.is_harde_voorwaarde(regel.code), regel.sleutel
        assert not regelset.is_harde_voorwaarde(RegelCode.ONDERWIJSROUTE_RICHTLEEFTIJD)
        assert not regelset.is_harde_voorwaarde(RegelCode.ONDERWIJSROUTE_VOORWAARDEN)


def test_a_rule_set_that_makes_a_guideline_a_hard_condition_is_refused():
    regels = tuple(
        r
        if r.code != RegelCode.ONDERWIJSROUTE_DOELGROEP
        else type(r)(r.code, r.versie, r.geldig_vanaf, r.titel, Bron("Handreiking", "—", "—", Zekerheid.S))
        for r in HUIDIG.regels
    )
    with pytest.raises(ValueError, match="harde voorwaarde"):
        Regelset(versie=9, geldig_vanaf=dt.date(2031, 1, 1), regels=regels, parameters=HUIDIG.parameters)


def test_two_weighed_arguments_against_are_named_when_the_onderwijsroute_is_not_advised():
    advies = adviseer(invoer(opleidingsniveau=Opleidingsniveau.BASIS, leeftijd=40), HUIDIG)
    assert advies.route == Leerroute.B1
    waarom = next(
        a for a in advies.overweging(Leerroute.ONDERWIJS).tegen if a.regel.code == RegelCode.ELKE_ROUTE_OVERWOGEN
    )
    assert "40 jaar" in waarom.tekst and "basisonderwijs" in waarom.tekst and "weging" in waarom.tekst


# 2.3 No final advice without a leerbaarheidstoets


def test_advice_without_lbt_and_without_dispensation_is_provisional_and_says_why():
    advies = adviseer(invoer(lbt=LbtUitkomst.NIET_AFGENOMEN, ambitie=Ambitie.WERK), HUIDIG)
    assert advies.voorlopig
    assert advies.samenvatting.startswith("Voorlopig advies: B1-route")
    assert "leerbaarheidstoets" in advies.voorlopig_reden and "art. 14" in advies.voorlopig_reden
    assert Advies.from_dict(json.loads(json.dumps(advies.to_dict()))) == advies


def test_advice_with_lbt_result_or_dispensation_is_final():
    assert not adviseer(invoer(), HUIDIG).voorlopig
    assert not adviseer(invoer(lbt=LbtUitkomst.DISPENSATIE), HUIDIG).voorlopig


# 2.4 The dispensation exists only since 1 January 2023


def test_dispensation_rule_is_in_force_only_from_2023():
    v2022 = regelset_op(dt.date(2022, 12, 31))
    v2023 = regelset_op(dt.date(2023, 1, 1))
    assert RegelCode.LBT_DISPENSATIE not in {r.code for r in v2022.regels}
    regel = v2023.regel(RegelCode.LBT_DISPENSATIE)
    assert regel.geldig_vanaf == dt.date(2023, 1, 1)
    assert "Stb. 2022, 489" in regel.bron.versie


def test_dispensation_before_2023_is_not_applied_and_the_advice_is_provisional():
    advies = adviseer(invoer(lbt=LbtUitkomst.DISPENSATIE), regelset_op(dt.date(2022, 6, 1)))
    assert advies.voorlopig
    teksten = _teksten(advies.overweging(Leerroute.Z))
    assert "1 januari 2023" in teksten
    assert all(a.regel.code != RegelCode.LBT_DISPENSATIE for o in advies.overwegingen for a in o.voor + o.tegen)


def test_no_intake_rule_tagged_law_lacks_an_article_or_citation():
    for regelset in REGELSETS:
        for regel in regelset.regels:
            if regel.bron.zekerheid == Zekerheid.L:
                assert regel.bron.artikel not in ("—", "", "artikel n.t.b."), regel.sleutel


# 1.2 Health arguments carry a category marker


def test_health_arguments_are_marked_and_survive_storage():
    advies = adviseer(
        invoer(
            lbt=LbtUitkomst.NIET_AFGENOMEN,
            opleidingsniveau=Opleidingsniveau.BASIS,
            gezondheidsbeperking_leren=True,
        ),
        HUIDIG,
    )
    argumenten = [a for o in advies.overwegingen for a in o.voor + o.tegen]
    gezondheid = [a for a in argumenten if a.categorie == GEZONDHEID]
    assert "De gezondheid beperkt het leervermogen." in {a.tekst for a in gezondheid}
    assert all("gezondheid" not in a.tekst.lower() for a in argumenten if a.categorie != GEZONDHEID)
    # the count of indications includes the health fact: marked too, whatever the health answer is
    assert any(a.tekst.startswith("Er gelden") for a in gezondheid)
    assert advies.samenvatting_categorie == GEZONDHEID
    assert Advies.from_dict(json.loads(json.dumps(advies.to_dict()))) == advies


def test_dispensation_argument_naming_an_impairment_is_marked_health():
    advies = adviseer(invoer(lbt=LbtUitkomst.DISPENSATIE), HUIDIG)
    dispensatie = [
        a for o in advies.overwegingen for a in o.voor + o.tegen if a.regel.code == RegelCode.LBT_DISPENSATIE
    ]
    assert dispensatie and all(a.categorie == GEZONDHEID for a in dispensatie)


def test_advice_stored_before_the_marker_is_read_with_the_health_sentence_marked():
    advies = adviseer(invoer(gezondheidsbeperking_leren=True), HUIDIG)
    oud = advies.to_dict()
    for o in oud["overwegingen"]:
        for a in o["voor"] + o["tegen"]:
            a.pop("categorie", None)
    oud.pop("samenvatting_categorie", None)
    oud.pop("voorlopig", None)
    oud.pop("voorlopig_reden", None)
    teruggelezen = Advies.from_dict(oud)
    zin = [
        a
        for o in teruggelezen.overwegingen
        for a in o.voor + o.tegen
        if a.tekst == "De gezondheid beperkt het leervermogen."
    ]
    assert zin and all(a.categorie == GEZONDHEID for a in zin)
