"""Deadline computations: dates, Atw shifts, gemeente settings and the plain-Dutch explanation."""

import dataclasses
import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.termijnen.engine import atw, berekening
from koers.termijnen.engine.berekening import (
    bezwaar_deadline,
    inburgeringstermijn,
    laatste_dag,
    map_deadline,
    ontzorgen_einde,
    pip_deadline,
    pvt_deadline,
    schakel_deadline,
    schakelen_toegestaan,
    verlenging_aanvraag_vanaf,
    voortgangsgesprekken,
)
from koers.termijnen.engine.regels import B1_ROUTE, ONDERWIJSROUTE, Z_ROUTE, regel
from koers.utils.legal import Bron, Regel, Zekerheid

D = dt.date
ZONDER_DATABASE = settings(database=None, max_examples=300)
DATA_2022_2032 = st.dates(min_value=D(2022, 1, 1), max_value=D(2032, 12, 31))


# --- counting convention -------------------------------------------------------------------------------


def test_one_month_from_31_january_ends_on_the_last_day_of_february():
    assert laatste_dag(D(2025, 1, 31), maanden=1) == D(2025, 2, 28)
    assert laatste_dag(D(2024, 1, 31), maanden=1) == D(2024, 2, 29)


def test_a_period_ends_the_day_before_the_same_date_later():
    assert laatste_dag(D(2025, 3, 15), maanden=1) == D(2025, 4, 14)
    assert laatste_dag(D(2022, 3, 1), maanden=18) == D(2023, 8, 31)
    assert laatste_dag(D(2025, 3, 4), weken=10) == D(2025, 5, 12)


def test_weeks_and_months_cannot_be_mixed_in_one_period():
    with pytest.raises(ValueError):
        laatste_dag(D(2025, 1, 1), maanden=1, weken=1)


@ZONDER_DATABASE
@given(DATA_2022_2032, st.integers(min_value=1, max_value=40))
def test_a_later_start_never_gives_an_earlier_end(begin, maanden):
    assert laatste_dag(begin + dt.timedelta(days=1), maanden=maanden) >= laatste_dag(begin, maanden=maanden)


@ZONDER_DATABASE
@given(DATA_2022_2032, st.integers(min_value=1, max_value=40))
def test_a_period_of_weeks_lasts_exactly_seven_days_per_week(begin, weken):
    assert (laatste_dag(begin, weken=weken) - begin).days + 1 == 7 * weken


# --- PIP ----------------------------------------------------------------------------------------------


def test_pip_deadline_is_ten_weeks_after_registration():
    b = pip_deadline(startdatum=D(2025, 3, 3))
    assert (b.datum, b.oorspronkelijke_datum, b.opgeschort) == (D(2025, 5, 12), D(2025, 5, 12), False)
    assert b.regel.code == "pip_vaststellen"
    assert b.uitleg == "10 weken na de registratie in de gemeente op 3 maart 2025: maandag 12 mei 2025."


def test_pip_deadline_on_a_sunday_moves_to_monday_and_says_why():
    b = pip_deadline(startdatum=D(2025, 3, 2))
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 5, 11), D(2025, 5, 12))
    assert b.uitleg == (
        "10 weken na de registratie in de gemeente op 2 maart 2025; 11 mei 2025 valt op een zondag, dus "
        "verschoven naar maandag 12 mei 2025 (Algemene termijnenwet art. 1)."
    )
    assert [r.code for r in b.aanvullende_regels] == ["atw"]


def test_pip_start_event_can_be_the_duo_kennisgeving():
    b = pip_deadline(startdatum=D(2025, 3, 3), startgebeurtenis="kennisgeving")
    assert "de kennisgeving van DUO" in b.uitleg
    with pytest.raises(ValueError, match="startgebeurtenis"):
        pip_deadline(startdatum=D(2025, 3, 3), startgebeurtenis="intake")


def test_pip_term_is_suspended_while_third_party_information_is_awaited():
    b = pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 4, 1))
    assert b.opgeschort
    assert b.datum == D(2025, 5, 12)
    assert "opgeschort" in b.uitleg
    assert [r.code for r in b.aanvullende_regels] == ["pip_opschorting"]


def test_pip_deadline_extends_to_two_weeks_after_late_information_arrives():
    b = pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 4, 1), info_ontvangen_op=D(2025, 5, 8))
    assert (b.datum, b.opgeschort) == (D(2025, 5, 22), False)
    assert "8 mei 2025 binnenkwam" in b.uitleg


def test_pip_extension_after_information_is_itself_shifted_by_the_atw():
    # 2 weeks after Thursday 15 May 2025 is Thursday 29 May: Hemelvaartsdag; the Friday after is a working day.
    b = pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 4, 1), info_ontvangen_op=D(2025, 5, 15))
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 5, 29), D(2025, 5, 30))


def test_pip_extension_skips_a_gelijkgestelde_dag_entered_by_beheer():
    b = pip_deadline(
        startdatum=D(2025, 3, 3),
        info_gevraagd_op=D(2025, 4, 1),
        info_ontvangen_op=D(2025, 5, 15),
        extra_vrije_dagen={D(2025, 5, 30): "vrijdag na Hemelvaartsdag"},
    )
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 5, 29), D(2025, 6, 2))


def test_early_information_keeps_the_normal_pip_deadline():
    b = pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 3, 10), info_ontvangen_op=D(2025, 3, 20))
    assert b.datum == D(2025, 5, 12)
    assert "blijft gelden" in b.uitleg


def test_information_requested_after_the_deadline_does_not_extend_it():
    b = pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 5, 13), info_ontvangen_op=D(2025, 6, 1))
    assert (b.datum, b.opgeschort) == (D(2025, 5, 12), False)
    assert "verlengt die dus niet" in b.uitleg


def test_gemeente_may_set_the_secondary_source_weeks_after_information():
    b = pip_deadline(
        startdatum=D(2025, 3, 3),
        info_gevraagd_op=D(2025, 4, 1),
        info_ontvangen_op=D(2025, 5, 8),
        weken_na_info=1,
    )
    assert b.datum == D(2025, 5, 15)


def test_inconsistent_information_dates_are_refused():
    with pytest.raises(ValueError):
        pip_deadline(startdatum=D(2025, 3, 3), info_ontvangen_op=D(2025, 4, 1))
    with pytest.raises(ValueError):
        pip_deadline(startdatum=D(2025, 3, 3), info_gevraagd_op=D(2025, 4, 1), info_ontvangen_op=D(2025, 3, 1))


# --- inburgeringstermijn ------------------------------------------------------------------------------


def test_termijn_starts_day_after_first_pip_dagtekening():
    b = inburgeringstermijn(eerste_pip_dagtekening=D(2025, 3, 14))
    assert b.begindatum == D(2025, 3, 15)
    assert b.oorspronkelijke_datum == D(2028, 3, 14)
    assert b.datum == D(2028, 3, 14)  # a Tuesday
    assert b.regel.bron.artikel == "art. 11 lid 1 en 2"


def test_termijn_ending_on_a_saturday_runs_to_monday():
    b = inburgeringstermijn(eerste_pip_dagtekening=D(2022, 3, 15))
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 3, 15), D(2025, 3, 17))


def test_termijn_beginning_on_29_february_ends_on_28_february():
    b = inburgeringstermijn(eerste_pip_dagtekening=D(2024, 2, 28))
    assert (b.begindatum, b.oorspronkelijke_datum) == (D(2024, 2, 29), D(2027, 2, 28))


def test_verlenging_moves_the_termijn_end():
    zonder = inburgeringstermijn(eerste_pip_dagtekening=D(2025, 3, 14))
    met = inburgeringstermijn(eerste_pip_dagtekening=D(2025, 3, 14), verlengingen_weken=[16, 4])
    assert met.begindatum == zonder.begindatum
    assert met.oorspronkelijke_datum == D(2028, 3, 14) + dt.timedelta(weeks=20)
    assert "verlengd door DUO met 20 weken" in met.uitleg
    assert [r.code for r in met.aanvullende_regels][:1] == ["verlenging_aanvraag"]


def test_verlenging_in_months_uses_calendar_months():
    b = inburgeringstermijn(eerste_pip_dagtekening=D(2025, 3, 14), verlengingen_maanden=[3])
    assert b.oorspronkelijke_datum == D(2028, 6, 14)


def test_negative_verlenging_is_refused():
    with pytest.raises(ValueError):
        inburgeringstermijn(eerste_pip_dagtekening=D(2025, 3, 14), verlengingen_weken=[-1])


def test_termijn_end_on_a_gelijkgestelde_dag_moves_only_when_that_day_is_entered():
    zonder = inburgeringstermijn(eerste_pip_dagtekening=D(2027, 5, 7))  # ends Friday 7 May 2030
    met = inburgeringstermijn(eerste_pip_dagtekening=D(2027, 5, 7), extra_vrije_dagen={D(2030, 5, 31)})
    assert zonder.datum == D(2030, 5, 7)
    assert met.datum == D(2030, 5, 7)
    gelijk = inburgeringstermijn(eerste_pip_dagtekening=D(2027, 5, 31), extra_vrije_dagen={D(2030, 5, 31)})
    assert (gelijk.oorspronkelijke_datum, gelijk.datum) == (D(2030, 5, 31), D(2030, 6, 3))
    assert "gelijkgestelde dag" in gelijk.uitleg


@ZONDER_DATABASE
@given(DATA_2022_2032, st.lists(st.integers(min_value=0, max_value=52), max_size=3))
def test_termijn_is_three_years_after_dagtekening_and_never_ends_on_a_vrije_dag(dagtekening, weken):
    b = inburgeringstermijn(eerste_pip_dagtekening=dagtekening, verlengingen_weken=weken)
    assert b.begindatum == dagtekening + dt.timedelta(days=1)
    # 3 years beginning the day after: usually dagtekening + 3 years, but from 1 March before a leap day it runs
    # to 29 February (dagtekening 28 February 2025 -> 29 February 2028).
    basis = laatste_dag(dagtekening + dt.timedelta(days=1), jaren=3)
    assert basis - (dagtekening + relativedelta(years=3)) in (dt.timedelta(0), dt.timedelta(days=1))
    assert b.oorspronkelijke_datum == basis + dt.timedelta(weeks=sum(weken))


def test_termijn_after_a_dagtekening_of_28_february_runs_to_the_leap_day():
    b = inburgeringstermijn(eerste_pip_dagtekening=D(2025, 2, 28))
    assert (b.begindatum, b.oorspronkelijke_datum) == (D(2025, 3, 1), D(2028, 2, 29))
    assert b.datum == atw.verschuif_atw(b.oorspronkelijke_datum)
    assert not atw.is_atw_vrije_dag(b.datum)


# --- schakelen, ontzorgen -----------------------------------------------------------------------------


def test_switch_window_is_18_months_from_the_start_of_the_termijn():
    b = schakel_deadline(termijn_start=D(2024, 1, 15))
    assert b.datum == D(2025, 7, 14)
    assert b.begindatum == D(2024, 1, 15)


def test_switch_window_ending_on_a_sunday_runs_to_monday():
    b = schakel_deadline(termijn_start=D(2024, 3, 1))
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 8, 31), D(2025, 9, 1))


def test_switching_is_refused_after_the_window_except_onderwijsroute_to_b1():
    start = D(2024, 1, 15)
    assert schakelen_toegestaan(termijn_start=start, op=D(2025, 7, 14), van_route=B1_ROUTE, naar_route=Z_ROUTE)
    assert not schakelen_toegestaan(termijn_start=start, op=D(2025, 7, 15), van_route=B1_ROUTE, naar_route=Z_ROUTE)
    assert schakelen_toegestaan(termijn_start=start, op=D(2026, 12, 1), van_route=ONDERWIJSROUTE, naar_route=B1_ROUTE)
    assert not schakelen_toegestaan(
        termijn_start=start, op=D(2026, 12, 1), van_route=B1_ROUTE, naar_route=ONDERWIJSROUTE
    )
    with pytest.raises(ValueError):
        schakelen_toegestaan(termijn_start=start, op=start, van_route="b2", naar_route=B1_ROUTE)


def test_ontzorgen_lasts_six_months_without_atw_shift():
    b = ontzorgen_einde(start=D(2024, 3, 1))
    assert b.datum == b.oorspronkelijke_datum == D(2024, 8, 31)  # a Saturday: not a term to act in
    assert b.regel.versie == 2


def test_ontzorgen_from_31_august_ends_at_the_end_of_february():
    assert ontzorgen_einde(start=D(2023, 8, 31)).datum == D(2024, 2, 29)
    assert ontzorgen_einde(start=D(2022, 8, 31)).regel.versie == 1


# --- PVT, MAP, voortgangsgesprekken ---------------------------------------------------------------------


def test_pvt_and_map_default_to_the_end_of_the_termijn():
    einde = D(2028, 3, 14)
    assert pvt_deadline(termijn_einde=einde).datum == einde
    assert map_deadline(termijn_einde=einde, leerroute=Z_ROUTE).datum == einde
    assert pvt_deadline(termijn_einde=einde).regel.bron.zekerheid == Zekerheid.ONZEKER


def test_gemeente_may_set_pvt_months_before_the_end():
    b = pvt_deadline(termijn_einde=D(2028, 3, 31), maanden_voor_einde=1)
    assert b.datum == D(2028, 2, 29)
    assert "gemeentelijke instelling" in b.uitleg


def test_map_does_not_belong_to_the_onderwijsroute():
    with pytest.raises(ValueError, match="MAP"):
        map_deadline(termijn_einde=D(2028, 3, 14), leerroute=ONDERWIJSROUTE)


def test_voortgangsgesprekken_every_three_months_by_default():
    assert voortgangsgesprekken(start=D(2025, 1, 15), tot=D(2025, 12, 31)) == [
        D(2025, 4, 15),
        D(2025, 7, 15),
        D(2025, 10, 15),
    ]


def test_voortgangsgesprekken_from_month_end_do_not_drift():
    data = voortgangsgesprekken(start=D(2025, 1, 31), tot=D(2025, 5, 31), interval_maanden=1)
    assert data == [D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]


def test_voortgangsgesprekken_interval_must_be_positive():
    with pytest.raises(ValueError):
        voortgangsgesprekken(start=D(2025, 1, 1), tot=D(2026, 1, 1), interval_maanden=0)
    assert voortgangsgesprekken(start=D(2025, 1, 1), tot=D(2024, 1, 1)) == []


def test_gemeente_cannot_override_a_number_fixed_by_law():
    vast = Regel("x", 1, D(2022, 1, 1), "x", Bron("Wet", "art. 1", "Stb."), {"n": 3})
    with pytest.raises(ValueError, match="niet per gemeente instelbaar"):
        berekening._instelbaar(vast, "n", 4)
    assert berekening._instelbaar(vast, "n", None) == 3


# --- verlenging, bezwaar ------------------------------------------------------------------------------


def test_verlenging_may_be_requested_once_the_termijn_is_two_and_a_half_years_old():
    b = verlenging_aanvraag_vanaf(termijn_start=D(2022, 3, 15))
    assert b.datum == D(2024, 9, 15)
    assert "8 weken" in b.uitleg


def test_verlenging_request_date_after_a_month_end_start_is_never_too_early():
    assert verlenging_aanvraag_vanaf(termijn_start=D(2022, 8, 31)).datum == D(2025, 3, 1)


def test_bezwaar_deadline_is_six_weeks_after_dagtekening():
    b = bezwaar_deadline(dagtekening=D(2025, 2, 3))
    assert b.datum == D(2025, 3, 17)
    assert b.regel.bron.regeling == "Algemene wet bestuursrecht"


def test_bezwaar_deadline_on_good_friday_moves_past_easter_monday():
    b = bezwaar_deadline(dagtekening=D(2025, 3, 7))
    assert (b.oorspronkelijke_datum, b.datum) == (D(2025, 4, 18), D(2025, 4, 22))
    assert "Goede Vrijdag" in b.uitleg and "dinsdag 22 april 2025" in b.uitleg
    assert "Algemene termijnenwet art. 1 en art. 3 lid 2" in b.uitleg


def test_bezwaar_deadline_on_easter_monday_moves_to_tuesday():
    assert bezwaar_deadline(dagtekening=D(2025, 3, 10)).datum == D(2025, 4, 22)


def test_berekening_cannot_be_changed_after_the_fact():
    b = bezwaar_deadline(dagtekening=D(2025, 2, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.datum = D(2030, 1, 1)


def test_rule_version_follows_the_peildatum():
    assert ontzorgen_einde(start=D(2022, 12, 1), peildatum=D(2023, 1, 1)).regel.versie == 2
    assert regel("ontzorgen", D(2022, 12, 1)).versie == 1
