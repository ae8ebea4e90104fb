"""Checks on one record's fields, without the database: types, required fields, BSN elfproef, known codes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koers.inburgeraars.validators import normaliseer_bsn, valideer_bsn, valideer_v_nummer
from koers.utils.clock import vandaag

from .mappings import Mapping, Veld


def zet_om(mapping: Mapping, ruw: dict[str, str]) -> tuple[dict, list[str]]:
    """The record's values as JSON-ready Python values, and the reasons it cannot be used (Dutch, per field)."""
    waarden: dict = {}
    fouten: list[str] = []
    for veld in mapping.velden:
        tekst = (ruw.get(veld.naam) or "").strip()
        if not tekst:
            if veld.verplicht:
                fouten.append(_("%(veld)s ontbreekt.") % {"veld": veld.kolom})
            waarden[veld.naam] = [] if veld.soort == "lijst" else ("" if veld.soort in _TEKSTSOORTEN else None)
            continue
        try:
            waarden[veld.naam] = _waarde(veld, tekst)
        except ValidationError as exc:
            fouten.append(f"{veld.kolom}: {' '.join(exc.messages)}")
    if mapping.bron in ("coa", "duo") and not (waarden.get("bsn") or waarden.get("v_nummer")):
        fouten.append(_("Er is geen BSN en geen v-nummer: de persoon is niet te herkennen."))
    return waarden, fouten


_TEKSTSOORTEN = ("tekst", "bsn", "v_nummer", "code", "gemeentecode")


def _waarde(veld: Veld, tekst: str):
    if len(tekst) > veld.max_lengte:
        raise ValidationError(_("langer dan %s tekens.") % veld.max_lengte)
    if veld.soort == "bsn":
        bsn = normaliseer_bsn(tekst)
        valideer_bsn(bsn)
        return bsn
    if veld.soort == "v_nummer":
        valideer_v_nummer(tekst)
        return tekst
    if veld.soort == "datum":
        return _datum(tekst, toekomst=veld.toekomst).isoformat()
    if veld.soort == "geheel":
        try:
            getal = int(tekst)
        except ValueError:
            raise ValidationError(_("‘%s’ is geen geheel getal.") % tekst) from None
        if getal < 0:
            raise ValidationError(_("mag niet negatief zijn."))
        return getal
    if veld.soort == "code":
        return _code(veld, tekst)
    if veld.soort == "lijst":
        return [_code(veld, deel) for deel in tekst.replace(";", ",").split(",") if deel.strip()]
    if veld.soort == "gemeentecode":
        code = tekst.zfill(4)
        if not (code.isdigit() and len(code) == 4):
            raise ValidationError(_("‘%s’ is geen CBS-gemeentecode (vier cijfers).") % tekst)
        return code
    return tekst


def _code(veld: Veld, tekst: str) -> str:
    for code in veld.codes:
        if code.lower() == tekst.strip().lower():
            return code
    raise ValidationError(
        _("onbekende waarde ‘%(waarde)s’; kies uit %(codes)s.") % {"waarde": tekst, "codes": ", ".join(veld.codes)}
    )


def _datum(tekst: str, *, toekomst: bool = False) -> dt.date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            datum = dt.datetime.strptime(tekst[:10], formaat).date()
        except ValueError:
            continue
        if datum.year < 1900 or (datum > vandaag() and not toekomst):
            raise ValidationError(_("datum %s is niet mogelijk (vóór 1900 of in de toekomst).") % tekst)
        return datum
    raise ValidationError(_("‘%s’ is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).") % tekst)


def als_datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None
