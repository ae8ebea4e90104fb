"""From facts to deadlines, without the database (hypothesis over dates)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.termijnen.afleiding import Feit, Instelling, leid_af
from koers.termijnen.engine.berekening import voortgangsgesprekken

D = dt.date
ZONDER_DATABASE = settings(database=None, max_examples=200, deadline=None)
DATA = st.dates(min_value=D(2022, 1, 1), max_value=D(2032, 12, 31))


def per_soort(feiten, instelling=None):
    return {a.soort: a for a in leid_af(feiten, instelling or Instelling())}


@ZONDER_DATABASE
@given(DATA, st.integers(min_value=0, max_value=15), st.integers(min_value=1, max_value=6))
def test_next_voortgangsgesprek_is_the_engines_schedule_after_those_held(dagtekening, gehouden, interval):
    feiten = [Feit("pip_vastgesteld", dagtekening, {"route": "b1"})]
    feiten += [Feit("voortgangsgesprek_gehouden", dagtekening, {})] * gehouden
    termijnen = per_soort(feiten, Instelling(voortgangsgesprek_interval_maanden=interval))
    t = termijnen["inburgeringstermijn"].berekening
    gepland = voortgangsgesprekken(start=t.begindatum, tot=t.datum, interval_maanden=interval)
    if gehouden < len(gepland):
        assert termijnen["voortgangsgesprek"].berekening.datum == gepland[gehouden]
    else:
        assert "voortgangsgesprek" not in termijnen


@ZONDER_DATABASE
@given(DATA, st.lists(DATA, min_size=1, max_size=4))
def test_only_the_first_pip_sets_the_termijn(eerste, later):
    later = [d for d in later if d > eerste]
    feiten = [Feit("pip_vastgesteld", eerste, {"route": "b1", "eerste": True})]
    feiten += [Feit("pip_vastgesteld", d, {"route": "z", "eerste": False}) for d in later]
    t = per_soort(feiten)["inburgeringstermijn"].berekening
    assert t.begindatum == eerste + dt.timedelta(days=1)
    assert t.oorspronkelijke_datum == per_soort(feiten[:1])["inburgeringstermijn"].berekening.oorspronkelijke_datum


def test_without_a_start_event_or_pip_there_is_nothing_to_compute():
    assert leid_af([], Instelling()) == []


def test_a_voided_pip_fact_no_longer_starts_the_termijn():
    from koers.termijnen.afleiding import geldende_feiten

    fout = Feit("pip_vastgesteld", dt.date(2030, 1, 1), {"beschikking": 7, "route": "b1", "eerste": True})
    vervallen = Feit("pip_vervallen", dt.date(2026, 11, 2), {"beschikking": 7, "datum": "2030-01-01"})
    goed = Feit("pip_vastgesteld", dt.date(2026, 10, 15), {"beschikking": 7, "route": "b1", "eerste": True})

    assert geldende_feiten([fout, vervallen, goed]) == [goed]
    termijn = next(a for a in leid_af([fout, vervallen, goed], Instelling()) if a.soort == "inburgeringstermijn")
    assert termijn.berekening.begindatum == dt.date(2026, 10, 16)
    zonder = next(a for a in leid_af([fout], Instelling()) if a.soort == "inburgeringstermijn")
    assert zonder.berekening.begindatum == dt.date(2030, 1, 2)
