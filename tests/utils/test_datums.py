"""Dates and times in messages are Dutch time, whatever the database stores (UTC)."""

from __future__ import annotations

import datetime as dt

from koers.utils.datums import datum_kort, datum_nl, datum_tijd_kort, tijd


def test_aware_time_is_shown_in_dutch_summer_and_winter_time():
    zomer = dt.datetime(2026, 3, 30, 8, 0, tzinfo=dt.UTC)  # 10:00 in Amsterdam (CEST)
    winter = dt.datetime(2026, 10, 26, 9, 0, tzinfo=dt.UTC)  # 10:00 in Amsterdam (CET)
    assert datum_tijd_kort(zomer) == "30-03-2026 10:00"
    assert datum_tijd_kort(winter) == "26-10-2026 10:00"
    assert tijd(zomer) == tijd(winter) == "10:00"


def test_just_after_midnight_in_amsterdam_is_that_day_not_the_utc_day_before():
    kwart_over_twaalf = dt.datetime(2026, 10, 26, 23, 15, tzinfo=dt.UTC)  # 27 October 00:15 in Amsterdam
    assert datum_kort(kwart_over_twaalf) == "27-10-2026"
    assert datum_nl(kwart_over_twaalf, met_weekdag=True) == "dinsdag 27 oktober 2026"


def test_plain_dates_are_unchanged():
    assert datum_kort(dt.date(2026, 3, 3)) == "03-03-2026"
    assert datum_nl(dt.date(2025, 3, 3)) == "3 maart 2025"
