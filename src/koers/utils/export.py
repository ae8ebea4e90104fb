"""Spreadsheet-safe exports: every CSV (and any future XLSX) cell goes through ``neutraliseer``.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula
(CSV or formula injection, e.g. ``=HYPERLINK(...)`` leaking data). Text like that gets a leading single quote, the
OWASP advice. Real numbers (``int``, ``Decimal``, ``float``) stay numbers, so a negative amount is still a number;
text is always checked, also text that looks like a number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutraliseer(waarde):
    """The cell value as a spreadsheet may safely read it: formula-like text gets a leading ``'``."""
    if waarde is None or isinstance(waarde, bool | int | float | Decimal):
        return waarde
    tekst = str(waarde)
    if tekst.lstrip(" ").startswith(FORMULETEKENS):
        return "'" + tekst
    return tekst


class VeiligeCsvSchrijver:
    """``csv.writer`` that neutralises every cell it writes."""

    def __init__(self, bestand, **opties):
        self._schrijver = csv.writer(bestand, **opties)

    def writerow(self, rij: Iterable):
        return self._schrijver.writerow([neutraliseer(cel) for cel in rij])

    def writerows(self, rijen: Iterable[Iterable]) -> None:
        for rij in rijen:
            self.writerow(rij)


def veilige_csv_writer(bestand, **opties) -> VeiligeCsvSchrijver:
    """The one CSV writer every export uses (same options as ``csv.writer``)."""
    return VeiligeCsvSchrijver(bestand, **opties)


def csv_response(tekst: str, bestandsnaam: str) -> HttpResponse:
    """A CSV download with a BOM, so spreadsheets read it as UTF-8."""
    response = HttpResponse("\ufeff" + tekst, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
