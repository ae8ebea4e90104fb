"""The route advice: one route, every route weighed, every reason citing a rule of the rule set used."""

import datetime as dt
import itertools
import json
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    nieuwe_versie,
    regelset_op,
)
from koers.intake.advies.invoer import Keuze
from koers.utils.legal import Zekerheid

V1 = REGELSETS[0]
HUIDIG = REGELSETS[-1]  # in force today (from 2023: with the LBT dispensation)


def invoer(**velden) -> AdviesInvoer:
    basis = {
        "leeftijd": 35,
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER,
        "lbt": LbtUitkomst.B1_HAALBAAR,
        "opleidingsniveau": Opleidingsniveau.VOORTGEZET,
        "geletterdheid": Geletterdheid.GEALFABETISEERD_LATIJNS,
        "ambitie": Ambitie.WERK,
        "gezondheidsbeperking_leren": False,
    }
    return AdviesInvoer(**{**basis, **velden})


@st.composite
def invoeren(draw) -> AdviesInvoer:
    lbt = draw(st.sampled_from(LbtUitkomst))
    return AdviesInvoer(
        leeftijd=draw(st.integers(16, 70)),
        doelgroep=draw(st.sampled_from(Doelgroep)),
        lbt=lbt,
        opleidingsniveau=draw(st.sampled_from(Opleidingsniveau)),
        geletterdheid=draw(st.sampled_from(Geletterdheid)),
        ambitie=draw(st.sampled_from(Ambitie)),
        gezondheidsbeperking_leren=draw(st.booleans()),
        lbt_score=draw(st.none() | st.integers(0, 500)) if lbt.heeft_uitslag else None,
        heeft_nt2_of_a2_niveau=draw(st.sampled_from([None, True, False])),
    )


def verwachte_route(i: AdviesInvoer, regelset: Regelset) -> Leerroute:
    """The decision as docs/regels-intake.md states it, written out independently of the engine."""
    p = regelset.parameters
    indicaties = sum(
        [
            i.geletterdheid == Geletterdheid.NIET_GEALFABETISEERD,
            list(Opleidingsniveau).index(i.opleidingsniveau)
            <= list(Opleidingsniveau).index(Opleidingsniveau(p["z_indicatie_max_opleiding"])),
            i.gezondheidsbeperking_leren,
        ]
    )
    met_uitslag = i.lbt in (LbtUitkomst.B1_HAALBAAR, LbtUitkomst.B1_NIET_HAALBAAR)
    drempel = p["z_min_indicaties_met_lbt"] if met_uitslag else p["z_min_indicaties_zonder_lbt"]
    if i.lbt == LbtUitkomst.B1_NIET_HAALBAAR or (indicaties >= drempel and i.heeft_nt2_of_a2_niveau is not True):
        return Leerroute.Z
    # guidelines and settings are weighed: at most onderwijsroute_max_tegenargumenten of them may plead against
    gewogen_tegen = sum(
        [
            i.leeftijd > p["onderwijsroute_richtleeftijd"],
            list(Opleidingsniveau).index(i.opleidingsniveau)
            < list(Opleidingsniveau).index(Opleidingsniveau(p["onderwijsroute_min_opleiding"])),
            i.geletterdheid == Geletterdheid.NIET_GEALFABETISEERD,
        ]
    )
    if i.ambitie == Ambitie.ONDERWIJS and gewogen_tegen <= p["onderwijsroute_max_tegenargumenten"]:
        return Leerroute.ONDERWIJS
    return Leerroute.B1


# Properties over any combination of intake facts


@given(invoeren())
def test_exactly_one_route_is_advised_and_every_route_is_weighed_in_fixed_order(i):
    advies = adviseer(i, HUIDIG)
    assert [o.route for o in advies.overwegingen] == [Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z]
    assert [o.route for o in advies.overwegingen if o.geadviseerd] == [advies.route]
    for overweging in advies.overwegingen:
        assert overweging.voor or overweging.tegen, overweging.route
    assert advies.overweging(advies.route).voor


@given(invoeren())
def test_every_argument_cites_a_rule_of_the_regelset_used(i):
    advies = adviseer(i, HUIDIG)
    assert advies.regelset_versie == HUIDIG.versie
    for overweging in advies.overwegingen:
        for argument in overweging.voor + overweging.tegen:
            assert argument.regel in HUIDIG.regels
            assert argument.tekst.strip().endswith(".")


@given(invoeren())
def test_every_route_not_advised_records_why_not(i):
    advies = adviseer(i, HUIDIG)
    for overweging in advies.overwegingen:
        waarom_niet = [a for a in overweging.tegen if a.regel.code == RegelCode.ELKE_ROUTE_OVERWOGEN]
        assert len(waarom_niet) == (0 if overweging.geadviseerd else 1)
        if not overweging.geadviseerd:
            assert waarom_niet[0].regel.bron.artikel == "ECLI:NL:RVS:2024:5413"


@given(invoeren())
def test_onderwijsroute_always_weighs_age_against_the_guidance_age(i):
    onderwijs = adviseer(i, HUIDIG).overweging(Leerroute.ONDERWIJS)
    leeftijd = [a for a in onderwijs.voor + onderwijs.tegen if a.regel.code == "onderwijsroute_richtleeftijd"]
    assert len(leeftijd) == 1
    assert str(i.leeftijd) in leeftijd[0].tekst
    assert leeftijd[0].regel.bron.zekerheid == Zekerheid.ONZEKER


@given(invoeren())
def test_advised_route_follows_the_documented_decision_order(i):
    assert adviseer(i, HUIDIG).route == verwachte_route(i, HUIDIG)


@given(invoeren())
def test_advice_round_trips_through_json_unchanged(i):
    advies = adviseer(i, HUIDIG)
    opgeslagen = json.loads(json.dumps(advies.to_dict()))
    assert Advies.from_dict(opgeslagen) == advies
    assert adviseer(i, HUIDIG) == advies  # deterministic


@given(invoeren())
def test_samenvatting_is_one_dutch_sentence_naming_the_route(i):
    advies = adviseer(i, HUIDIG)
    voorvoegsel = "Voorlopig advies" if advies.voorlopig else "Advies"
    assert advies.samenvatting.startswith(f"{voorvoegsel}: {advies.route.label}, omdat")
    assert advies.voorlopig == (i.lbt == LbtUitkomst.NIET_AFGENOMEN)
    assert advies.samenvatting.endswith(".")
    assert advies.samenvatting.count(". ") == 0


def test_every_combination_of_categorical_facts_gets_exactly_one_documented_route():
    for combinatie in itertools.product(
        (16, 28, 29, 70),
        Doelgroep,
        LbtUitkomst,
        Opleidingsniveau,
        Geletterdheid,
        Ambitie,
        (False, True),
        (None, True, False),
    ):
        i = AdviesInvoer(*combinatie[:7], heeft_nt2_of_a2_niveau=combinatie[7])
        advies = adviseer(i, HUIDIG)
        assert sum(o.geadviseerd for o in advies.overwegingen) == 1
        assert advies.route == verwachte_route(i, HUIDIG)


# Behaviour in examples


def test_young_person_with_mbo_and_ambition_onderwijs_gets_onderwijsroute():
    advies = adviseer(invoer(leeftijd=22, opleidingsniveau=Opleidingsniveau.MBO, ambitie=Ambitie.ONDERWIJS), HUIDIG)
    assert advies.route == Leerroute.ONDERWIJS
    assert advies.route.label == "Onderwijsroute"
    codes = {a.regel.code for a in advies.overweging(Leerroute.ONDERWIJS).voor}
    assert {"onderwijsroute_richtleeftijd", "onderwijsroute_doelgroep", "schakelen"} <= codes


def test_lbt_b1_niet_haalbaar_gets_z_route_citing_the_lbt_as_not_binding():
    advies = adviseer(
        invoer(
            leeftijd=22,
            opleidingsniveau=Opleidingsniveau.HBO_WO,
            ambitie=Ambitie.ONDERWIJS,
            lbt="b1_niet_haalbaar",
        ),
        HUIDIG,
    )
    assert advies.route == Leerroute.Z
    lbt = [a for a in advies.overweging(Leerroute.Z).voor if a.regel.code == RegelCode.LBT_INDICATIEF]
    assert len(lbt) == 1
    assert "niet bindend" in lbt[0].tekst
    assert "niet bindend" in lbt[0].regel.titel
    assert lbt[0].regel.bron.artikel == "art. 14"
    assert "niet bindend" in advies.samenvatting
    # the onderwijsroute was still weighed with its arguments in favour
    assert advies.overweging(Leerroute.ONDERWIJS).voor


def test_45_year_old_with_hbo_and_ambition_werk_gets_b1_route():
    advies = adviseer(invoer(leeftijd=45, opleidingsniveau=Opleidingsniveau.HBO_WO, ambitie=Ambitie.WERK), HUIDIG)
    assert advies.route == Leerroute.B1
    assert advies.route.label == "B1-route"
    tegen_onderwijs = " ".join(a.tekst for a in advies.overweging(Leerroute.ONDERWIJS).tegen)
    assert "45 jaar" in tegen_onderwijs
    assert "geen wettelijke grens" in tegen_onderwijs
    assert "werk" in tegen_onderwijs


def test_age_above_guidance_is_weighed_not_treated_as_statutory_limit():
    advies = adviseer(invoer(leeftijd=29, opleidingsniveau=Opleidingsniveau.MBO, ambitie=Ambitie.ONDERWIJS), HUIDIG)
    assert advies.route == Leerroute.ONDERWIJS
    assert "leeftijd 29 jaar, boven de richtleeftijd van 28 jaar" in advies.samenvatting
    assert "geen wettelijke grens" in advies.samenvatting


def test_not_literate_with_little_schooling_and_health_limit_gets_z_route_despite_positive_lbt():
    advies = adviseer(
        invoer(
            opleidingsniveau=Opleidingsniveau.GEEN,
            geletterdheid=Geletterdheid.NIET_GEALFABETISEERD,
            gezondheidsbeperking_leren=True,
        ),
        HUIDIG,
    )
    assert advies.route == Leerroute.Z
    assert any(a.regel.code == RegelCode.LBT_INDICATIEF for a in advies.overweging(Leerroute.B1).voor)


def test_dispensation_with_two_indications_of_low_learnability_gets_z_route():
    advies = adviseer(
        invoer(lbt=LbtUitkomst.DISPENSATIE, opleidingsniveau="basis", gezondheidsbeperking_leren=True), HUIDIG
    )
    assert advies.route == Leerroute.Z
    assert any(a.regel.code == RegelCode.LBT_DISPENSATIE for a in advies.overweging(Leerroute.Z).tegen)


def test_dispensation_with_one_indication_gets_b1_route():
    advies = adviseer(invoer(lbt=LbtUitkomst.DISPENSATIE, gezondheidsbeperking_leren=True), HUIDIG)
    assert advies.route == Leerroute.B1


def test_proven_a2_level_outweighs_indications_of_low_learnability():
    zonder = invoer(lbt="niet_afgenomen", opleidingsniveau="basis", geletterdheid="niet_gealfabetiseerd")
    assert adviseer(zonder, HUIDIG).route == Leerroute.Z
    met_a2 = adviseer(replace(zonder, heeft_nt2_of_a2_niveau=True), HUIDIG)
    assert met_a2.route == Leerroute.B1
    assert any(a.regel.code == RegelCode.VRIJSTELLING_A2_NT2 for a in met_a2.overweging(Leerroute.B1).voor)


def test_lbt_not_taken_is_named_in_the_weighing():
    advies = adviseer(invoer(lbt=LbtUitkomst.NIET_AFGENOMEN), HUIDIG)
    assert any("niet afgenomen" in a.tekst for a in advies.overweging(Leerroute.Z).tegen)


# Versioning


LATER = nieuwe_versie(HUIDIG, versie=3, geldig_vanaf=dt.date(2030, 1, 1), onderwijsroute_richtleeftijd=35)
SETS = [V1, HUIDIG, LATER]


def test_regelset_op_picks_the_version_in_force_on_a_date():
    assert regelset_op(dt.date(2022, 1, 1)) is V1
    assert regelset_op(dt.date(2022, 12, 31)) is V1
    assert regelset_op(dt.date(2023, 1, 1)) is HUIDIG
    assert regelset_op(dt.date(2026, 6, 1)) is HUIDIG
    assert regelset_op(dt.date(2029, 12, 31), SETS) is HUIDIG
    assert regelset_op(dt.date(2030, 1, 1), SETS) is LATER
    with pytest.raises(LookupError):
        regelset_op(dt.date(2021, 12, 31))


def test_new_version_bumps_only_the_changed_rule():
    oud, nieuw = HUIDIG.regel("onderwijsroute_richtleeftijd"), LATER.regel("onderwijsroute_richtleeftijd")
    assert (nieuw.versie, nieuw.geldig_vanaf, nieuw.parameters) == (
        2,
        dt.date(2030, 1, 1),
        {"onderwijsroute_richtleeftijd": 35},
    )
    assert oud.parameters == {"onderwijsroute_richtleeftijd": 28}
    assert LATER.regel(RegelCode.LBT_INDICATIEF) == HUIDIG.regel(RegelCode.LBT_INDICATIEF)


def test_later_regelset_changes_advice_only_from_its_start_date():
    dertigjarige = invoer(leeftijd=30, opleidingsniveau=Opleidingsniveau.BASIS, ambitie=Ambitie.ONDERWIJS)
    assert adviseer(dertigjarige, regelset_op(dt.date(2029, 12, 31), SETS)).route == Leerroute.B1
    na = adviseer(dertigjarige, regelset_op(dt.date(2030, 1, 1), SETS))
    assert na.route == Leerroute.ONDERWIJS
    assert na.regelset_versie == 3


@given(invoeren(), st.dates(dt.date(2022, 1, 1), dt.date(2040, 12, 31)))
def test_advice_before_the_new_version_equals_advice_under_version_1(i, datum):
    advies = adviseer(i, regelset_op(datum, SETS))
    if datum < HUIDIG.geldig_vanaf:
        assert advies == adviseer(i, V1)
    elif datum < LATER.geldig_vanaf:
        assert advies == adviseer(i, HUIDIG)
    else:
        assert advies.regelset_versie == 3


def test_stored_advice_keeps_the_rules_it_was_given_under():
    opgeslagen = json.dumps(adviseer(invoer(leeftijd=30, ambitie=Ambitie.WERK), HUIDIG).to_dict())
    # rules change later; the stored advice re-renders with its own rule copies
    teruggelezen = Advies.from_dict(json.loads(opgeslagen))
    assert teruggelezen.route == Leerroute.B1
    leeftijd = next(
        a for a in teruggelezen.overweging(Leerroute.ONDERWIJS).tegen if a.regel.code == "onderwijsroute_richtleeftijd"
    )
    assert leeftijd.regel.parameters == {"onderwijsroute_richtleeftijd": 28}
    assert "28 jaar" in leeftijd.tekst


# The rule set itself


def test_regelset_rejects_parameters_that_disagree_with_their_rule():
    with pytest.raises(ValueError, match="onderwijsroute_richtleeftijd"):
        Regelset(
            versie=9,
            geldig_vanaf=dt.date(2031, 1, 1),
            regels=HUIDIG.regels,
            parameters={**HUIDIG.parameters, "onderwijsroute_richtleeftijd": 40},
        )


def test_regelset_rejects_missing_rules_and_bad_values():
    with pytest.raises(ValueError, match="ontbreken"):
        Regelset(versie=9, geldig_vanaf=dt.date(2031, 1, 1), regels=HUIDIG.regels[1:], parameters=HUIDIG.parameters)
    with pytest.raises(ValueError, match="ongeldige waarde"):
        nieuwe_versie(HUIDIG, versie=9, geldig_vanaf=dt.date(2031, 1, 1), onderwijsroute_min_opleiding="phd")


def test_regelset_v1_cites_only_known_articles_and_tags_settings():
    toegestaan = {
        "—",
        "art. 4",
        "art. 5",
        "art. 11",
        "art. 14",
        "ECLI:NL:RVS:2024:5413",
    }
    artikelen = {r.bron.artikel for r in HUIDIG.regels}
    leerroutes = {a for a in artikelen if a.startswith("art. 7; Memorie van toelichting")}
    assert len(leerroutes) == 3  # B1-, onderwijs- and Z-route: Wet art. 7 with the MvT paragraph
    assert artikelen - leerroutes <= toegestaan
    assert HUIDIG.bron_van_parameter("onderwijsroute_richtleeftijd").zekerheid == Zekerheid.ONZEKER
    assert HUIDIG.bron_van_parameter("z_route_uren_taal_asiel").zekerheid == Zekerheid.S
    assert HUIDIG.parameters["onderwijsroute_richtleeftijd"] == 28
    assert (V1.versie, V1.geldig_vanaf) == (1, dt.date(2022, 1, 1))
    assert (HUIDIG.versie, HUIDIG.geldig_vanaf) == (2, dt.date(2023, 1, 1))
    assert HUIDIG.regel(RegelCode.ELKE_ROUTE_OVERWOGEN).bron.zekerheid == Zekerheid.L


# Enums and input


@pytest.mark.parametrize("enum", [Doelgroep, LbtUitkomst, Opleidingsniveau, Geletterdheid, Ambitie, Leerroute])
def test_every_enum_value_is_stable_snake_case_with_a_dutch_label(enum: type[Keuze]):
    for lid in enum:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", lid.value)
        assert lid.label and lid.label != lid.value
    assert enum.choices() == [(lid.value, lid.label) for lid in enum]


def test_leerroute_labels():
    assert [r.label for r in Leerroute] == ["B1-route", "Onderwijsroute", "Z-route"]
    assert [r.value for r in Leerroute] == ["b1", "onderwijs", "z"]


def test_invoer_coerces_stored_strings_and_rejects_inconsistent_facts():
    i = invoer(lbt="dispensatie", ambitie="onderwijs")
    assert i.lbt is LbtUitkomst.DISPENSATIE
    assert AdviesInvoer.from_dict(json.loads(json.dumps(i.to_dict()))) == i
    with pytest.raises(ValueError, match="lbt_score"):
        invoer(lbt=LbtUitkomst.NIET_AFGENOMEN, lbt_score=12)
    with pytest.raises(ValueError):
        invoer(opleidingsniveau="universiteit")
    with pytest.raises(TypeError):
        invoer(leeftijd="22")
