"""Dates as Dutch letters, forms and messages write them (independent of the active UI language).

Every helper takes a date or a datetime; an aware datetime is shown in Dutch time (``settings.TIME_ZONE``,
Europe/Amsterdam), never in UTC as the database stores it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_WEEKDAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def lokaal(d: dt.date) -> dt.date:
    """An aware datetime in Dutch time; a date or naive datetime unchanged."""
    if isinstance(d, dt.datetime) and timezone.is_aware(d):
        return timezone.localtime(d)
    return d


def datum_kort(d: dt.date) -> str:
    """A date as Dutch forms and messages write it: '03-11-2026'."""
    return f"{lokaal(d):%d-%m-%Y}"


def tijd(d: dt.datetime) -> str:
    """The time of day in Dutch time: '10:00'."""
    return f"{lokaal(d):%H:%M}"


def datum_tijd_kort(d: dt.datetime) -> str:
    """Date and time in Dutch time as forms and messages write them: '03-11-2026 10:00'."""
    return f"{lokaal(d):%d-%m-%Y %H:%M}"


def datum_nl(d: dt.date, *, met_weekdag: bool = False) -> str:
    """A date in Dutch: '3 maart 2025', or 'maandag 3 maart 2025'."""
    d = lokaal(d)
    tekst = f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"
    return f"{_WEEKDAGEN[d.weekday()]} {tekst}" if met_weekdag else tekst
