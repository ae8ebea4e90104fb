"""Shared helpers for the termijnen tests that need the database."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

D = dt.date


def op(datum: dt.date):
    """Freeze the clock at noon (Amsterdam) on a date."""
    return time_machine.travel(
        dt.datetime(datum.year, datum.month, datum.day, 12, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    )
