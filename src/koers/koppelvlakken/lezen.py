"""Reading a delivered file (CSV, XLSX, JSON) into numbered rows of raw text, keyed by internal field name."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.utils.translation import gettext as _

from .mappings import Mapping


class OnleesbaarBestand(ValueError):
    """The file as a whole cannot be read (wrong format, missing columns); no record is looked at."""


def lees(inhoud: bytes, *, formaat: str, mapping: Mapping) -> list[tuple[int, dict[str, str]]]:
    """(line number, {field: raw text}) per record; the line number is what a spreadsheet shows."""
    if formaat == "csv":
        regels = _csv(inhoud)
    elif formaat == "xlsx":
        regels = _xlsx(inhoud)
    elif formaat == "json":
        regels = _json(inhoud)
    else:
        raise OnleesbaarBestand(_("Onbekend formaat: %s.") % formaat)
    kolommen = mapping.kolommen()
    if regels:
        aanwezig = set().union(*(r.keys() for _n, r in regels))
        ontbrekend = [
            k
            for naam, k in kolommen.items()
            if _verplicht(mapping, naam) and k not in aanwezig and naam not in aanwezig
        ]
        if ontbrekend:
            raise OnleesbaarBestand(
                _("Het bestand mist de kolom(men) %(kolommen)s van veldindeling %(versie)s.")
                % {"kolommen": ", ".join(f"‘{k}’" for k in ontbrekend), "versie": mapping.versie}
            )
    # A key may be the mapping's column name or the internal field name (the API sends the latter).
    return [(n, {naam: _tekst(rij.get(kolom, rij.get(naam))) for naam, kolom in kolommen.items()}) for n, rij in regels]


def _verplicht(mapping: Mapping, naam: str) -> bool:
    return any(v.naam == naam and v.verplicht for v in mapping.velden)


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, list):
        return ",".join(str(w) for w in waarde)
    return str(waarde).strip()


def _csv(inhoud: bytes) -> list[tuple[int, dict]]:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OnleesbaarBestand(_("Het CSV-bestand is geen UTF-8-tekst.")) from exc
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    # DictReader's line_num counts physical lines; a record's first line is the one a spreadsheet shows.
    return [(i + 2, {k.strip(): v for k, v in rij.items() if k}) for i, rij in enumerate(lezer) if any(rij.values())]


def _xlsx(inhoud: bytes) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is no workbook
        raise OnleesbaarBestand(_("Het bestand is geen leesbaar Excel-bestand (XLSX).")) from exc
    blad = boek.worksheets[0]
    rijen = blad.iter_rows(values_only=True)
    kop = [str(c).strip() if c is not None else "" for c in next(rijen, [])]
    resultaat = []
    for nummer, rij in enumerate(rijen, start=2):
        if rij and any(c not in (None, "") for c in rij):
            resultaat.append((nummer, {k: v for k, v in zip(kop, rij, strict=False) if k}))
    boek.close()
    return resultaat


def _json(inhoud: bytes) -> list[tuple[int, dict]]:
    try:
        gegevens = json.loads(inhoud.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OnleesbaarBestand(_("Het bestand is geen geldige JSON.")) from exc
    if isinstance(gegevens, dict):
        gegevens = gegevens.get("records")
    if not isinstance(gegevens, list) or not all(isinstance(r, dict) for r in gegevens):
        raise OnleesbaarBestand(_("JSON moet een lijst van records zijn, of een object met een lijst ‘records’."))
    return [(i, r) for i, r in enumerate(gegevens, start=1)]
