"""Dates as Dutch letters, forms and messages write them (independent of the active UI language)."""

from __future__ import annotations

import datetime as dt

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


def datum_kort(d: dt.date) -> str:
    """A date as Dutch forms and messages write it: '03-11-2026'."""
    return f"{d:%d-%m-%Y}"


def datum_nl(d: dt.date, *, met_weekdag: bool = False) -> str:
    """A date in Dutch: '3 maart 2025', or 'maandag 3 maart 2025'."""
    tekst = f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"
    return f"{_WEEKDAGEN[d.weekday()]} {tekst}" if met_weekdag else tekst
