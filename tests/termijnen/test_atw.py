"""The Algemene termijnenwet calendar and the shift of a statutory term past non-working days."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.termijnen.engine import atw

D = dt.date
ZONDER_DATABASE = settings(database=None, max_examples=400)
DATA_2022_2035 = st.dates(min_value=D(2022, 1, 1), max_value=D(2035, 12, 31))

# Written out by hand, not derived from dateutil, so the calendar is checked against an independent source.
GOEDE_VRIJDAG = {
    2022: D(2022, 4, 15), 2023: D(2023, 4, 7), 2024: D(2024, 3, 29), 2025: D(2025, 4, 18),
    2026: D(2026, 4, 3), 2027: D(2027, 3, 26), 2028: D(2028, 4, 14), 2029: D(2029, 3, 30),
    2030: D(2030, 4, 19), 2031: D(2031, 4, 11), 2032: D(2032, 3, 26), 2033: D(2033, 4, 15),
    2034: D(2034, 4, 7), 2035: D(2035, 3, 23),
}  # fmt: skip
TWEEDE_PAASDAG = {
    2022: D(2022, 4, 18), 2023: D(2023, 4, 10), 2024: D(2024, 4, 1), 2025: D(2025, 4, 21),
    2026: D(2026, 4, 6), 2027: D(2027, 3, 29), 2028: D(2028, 4, 17), 2029: D(2029, 4, 2),
    2030: D(2030, 4, 22), 2031: D(2031, 4, 14), 2032: D(2032, 3, 29), 2033: D(2033, 4, 18),
    2034: D(2034, 4, 10), 2035: D(2035, 3, 26),
}  # fmt: skip
HEMELVAARTSDAG = {
    2022: D(2022, 5, 26), 2023: D(2023, 5, 18), 2024: D(2024, 5, 9), 2025: D(2025, 5, 29),
    2026: D(2026, 5, 14), 2027: D(2027, 5, 6), 2028: D(2028, 5, 25), 2029: D(2029, 5, 10),
    2030: D(2030, 5, 30), 2031: D(2031, 5, 22), 2032: D(2032, 5, 6), 2033: D(2033, 5, 26),
    2034: D(2034, 5, 18), 2035: D(2035, 5, 3),
}  # fmt: skip
TWEEDE_PINKSTERDAG = {
    2022: D(2022, 6, 6), 2023: D(2023, 5, 29), 2024: D(2024, 5, 20), 2025: D(2025, 6, 9),
    2026: D(2026, 5, 25), 2027: D(2027, 5, 17), 2028: D(2028, 6, 5), 2029: D(2029, 5, 21),
    2030: D(2030, 6, 10), 2031: D(2031, 6, 2), 2032: D(2032, 5, 17), 2033: D(2033, 6, 6),
    2034: D(2034, 5, 29), 2035: D(2035, 5, 14),
}  # fmt: skip
JAREN = range(2022, 2036)


def koningsdag_verwacht(jaar):
    return D(jaar, 4, 26) if jaar in (2025, 2031) else D(jaar, 4, 27)


def atw_lijst(jaar):
    """Atw art. 3 lid 1 and lid 2 (Goede Vrijdag), written out by hand: and nothing else."""
    return {
        D(jaar, 1, 1),
        GOEDE_VRIJDAG[jaar],
        TWEEDE_PAASDAG[jaar],
        koningsdag_verwacht(jaar),
        D(jaar, 5, 5),
        HEMELVAARTSDAG[jaar],
        TWEEDE_PINKSTERDAG[jaar],
        D(jaar, 12, 25),
        D(jaar, 12, 26),
    }


ALLE_FEESTDAGEN = sorted(d for jaar in JAREN for d in atw_lijst(jaar))


@pytest.mark.parametrize("jaar", JAREN)
def test_the_atw_calendar_is_exactly_art_3_lid_1_and_2(jaar):
    assert set(atw.atw_feestdagen(jaar)) == atw_lijst(jaar)
    assert all(atw.is_atw_feestdag(d) and atw.is_atw_vrije_dag(d) for d in atw_lijst(jaar))


@pytest.mark.parametrize("feestdag", ALLE_FEESTDAGEN, ids=str)
def test_every_atw_feestdag_2022_2035_shifts_a_deadline_to_the_next_working_day(feestdag):
    verschoven = atw.verschuif_atw(feestdag)
    assert verschoven > feestdag
    assert verschoven.weekday() < 5 and verschoven not in ALLE_FEESTDAGEN
    tussen = [feestdag + dt.timedelta(days=i) for i in range((verschoven - feestdag).days)]
    assert all(d.weekday() >= 5 or d in ALLE_FEESTDAGEN for d in tussen)


def test_2025_calendar_names_each_day_in_dutch():
    assert atw.atw_feestdagen(2025) == {
        D(2025, 1, 1): "Nieuwjaarsdag",
        D(2025, 4, 18): "Goede Vrijdag",
        D(2025, 4, 21): "tweede Paasdag",
        D(2025, 4, 26): "Koningsdag",
        D(2025, 5, 5): "5 mei (Bevrijdingsdag)",
        D(2025, 5, 29): "Hemelvaartsdag",
        D(2025, 6, 9): "tweede Pinksterdag",
        D(2025, 12, 25): "eerste Kerstdag",
        D(2025, 12, 26): "tweede Kerstdag",
    }


def test_kings_day_is_celebrated_on_26_april_when_27_april_is_a_sunday():
    assert D(2025, 4, 27).weekday() == 6
    assert atw.koningsdag(2025) == D(2025, 4, 26)
    assert not atw.is_atw_feestdag(D(2025, 4, 27))
    assert atw.koningsdag(2026) == D(2026, 4, 27)


@pytest.mark.parametrize("jaar", [2026, 2027, 2028, 2029])
def test_fifth_of_may_counts_every_year_not_only_in_lustrum_years(jaar):
    assert atw.is_atw_feestdag(D(jaar, 5, 5))


def test_first_easter_and_whit_sunday_are_not_separate_feestdagen():
    namen = atw.atw_feestdagen(2025).values()
    assert not any("eerste Paasdag" in n or "eerste Pinksterdag" in n for n in namen)
    assert not atw.is_atw_feestdag(D(2025, 4, 20))  # still a vrije dag, as a Sunday
    assert atw.is_atw_vrije_dag(D(2025, 4, 20))


@pytest.mark.parametrize("jaar", JAREN)
def test_good_friday_is_equated_with_a_feestdag_by_art_3_lid_2(jaar):
    goede_vrijdag = GOEDE_VRIJDAG[jaar]
    assert atw.is_atw_feestdag(goede_vrijdag) and atw.is_atw_vrije_dag(goede_vrijdag)
    assert atw.reden_vrije_dag(goede_vrijdag) == "Goede Vrijdag"
    assert atw.atw_feestdag_bron(goede_vrijdag) == atw.BRON_GOEDE_VRIJDAG
    assert atw.BRON_GOEDE_VRIJDAG.artikel == "art. 3 lid 2"
    # Easter Monday follows: the term runs to the Tuesday after Easter
    assert atw.verschuif_atw(goede_vrijdag) == TWEEDE_PAASDAG[jaar] + dt.timedelta(days=1)


def test_term_ending_on_good_friday_2027_moves_to_tuesday_30_march():
    assert D(2027, 3, 26).weekday() == 4
    assert atw.verschuif_atw(D(2027, 3, 26)) == D(2027, 3, 30)


@given(DATA_2022_2035)
@ZONDER_DATABASE
def test_no_shifted_deadline_ends_on_good_friday(dag):
    verschoven = atw.verschuif_atw(dag)
    assert verschoven not in GOEDE_VRIJDAG.values()
    assert verschoven.weekday() < 5


def test_thursday_before_easter_is_a_working_day():
    assert atw.verschuif_atw(D(2027, 3, 25)) == D(2027, 3, 25)


@pytest.mark.parametrize("jaar", JAREN)
def test_friday_after_ascension_is_a_working_day_without_a_gelijkstelling(jaar):
    vrijdag = HEMELVAARTSDAG[jaar] + dt.timedelta(days=1)
    assert atw.verschuif_atw(vrijdag) == vrijdag
    assert atw.verschuif_atw(HEMELVAARTSDAG[jaar]) == vrijdag


def test_days_of_general_holiday_calendars_outside_the_atw_are_working_days():
    assert not atw.is_atw_vrije_dag(D(2027, 5, 4))  # Dodenherdenking, a Tuesday
    assert not atw.is_atw_vrije_dag(D(2025, 12, 31))  # oudejaarsdag
    assert not atw.is_atw_vrije_dag(D(2026, 1, 2))  # a bridge day, unless beheer enters it


def test_gelijkgestelde_dagen_passed_as_extra_move_a_deadline_and_name_art_3_lid_3():
    extra = {D(2025, 5, 30): "vrijdag na Hemelvaartsdag"}
    assert atw.verschuif_atw(D(2025, 5, 29), extra) == D(2025, 6, 2)
    assert atw.verschuif_atw(D(2025, 5, 29), {D(2025, 5, 30)}) == D(2025, 6, 2)
    assert atw.atw_feestdag_bron(D(2025, 5, 30), extra) == atw.BRON_GELIJKSTELLING
    assert atw.BRON_GELIJKSTELLING.artikel == "art. 3 lid 3"
    assert atw.reden_vrije_dag(D(2025, 5, 30), extra) == "vrijdag na Hemelvaartsdag"
    assert atw.atw_feestdag_bron(D(2025, 5, 30)) is None


def test_deadline_on_kings_day_moves_to_next_working_day():
    assert atw.verschuif_atw(D(2026, 4, 27)) == D(2026, 4, 28)


def test_deadline_on_christmas_2025_moves_to_monday_29_december():
    assert atw.verschuif_atw(D(2025, 12, 25)) == D(2025, 12, 29)


def test_deadline_on_new_years_day_2026_moves_to_friday_2_january():
    assert atw.verschuif_atw(D(2026, 1, 1)) == D(2026, 1, 2)


def test_deadline_on_a_saturday_moves_to_monday():
    assert atw.verschuif_atw(D(2025, 3, 15)) == D(2025, 3, 17)
    assert atw.reden_vrije_dag(D(2025, 3, 15)) == "een zaterdag"
    assert atw.reden_vrije_dag(D(2025, 3, 16)) == "een zondag"
    assert atw.reden_vrije_dag(D(2025, 3, 17)) is None


@ZONDER_DATABASE
@given(DATA_2022_2035)
def test_shifted_date_is_never_a_saturday_sunday_or_feestdag(d):
    resultaat = atw.verschuif_atw(d)
    assert resultaat.weekday() < 5
    assert not atw.is_atw_feestdag(resultaat)


@ZONDER_DATABASE
@given(DATA_2022_2035)
def test_shift_never_moves_a_date_backwards_and_keeps_a_normal_weekday(d):
    resultaat = atw.verschuif_atw(d)
    assert resultaat >= d
    if not atw.is_atw_vrije_dag(d):
        assert resultaat == d


@ZONDER_DATABASE
@given(DATA_2022_2035)
def test_shift_skips_no_normal_working_day(d):
    resultaat = atw.verschuif_atw(d)
    tussen = [d + dt.timedelta(days=i) for i in range((resultaat - d).days)]
    assert all(atw.is_atw_vrije_dag(x) for x in tussen)
    assert len(tussen) <= 4  # Christmas on a Thursday + the weekend is the longest run


@ZONDER_DATABASE
@given(DATA_2022_2035)
def test_a_working_day_that_is_not_on_the_atw_list_never_moves(d):
    if d.weekday() < 5 and d not in atw_lijst(d.year):
        assert atw.verschuif_atw(d) == d
    else:
        assert atw.verschuif_atw(d) > d


@ZONDER_DATABASE
@given(DATA_2022_2035, st.sets(st.dates(min_value=D(2022, 1, 1), max_value=D(2035, 12, 31)), max_size=20))
def test_extra_days_only_ever_move_a_deadline_later_and_onto_no_extra_day(d, extra):
    zonder, met = atw.verschuif_atw(d), atw.verschuif_atw(d, extra)
    assert met >= zonder
    assert met not in extra and met.weekday() < 5 and not atw.is_atw_feestdag(met)
