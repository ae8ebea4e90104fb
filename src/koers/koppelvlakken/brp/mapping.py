"""From a BRP person (Haal Centraal shape) to the fields of koers.inburgeraars.Inburgeraar, for prefilling a form.

Used by the registration form through ``registratie`` (see docs/brp.md): the form is shown again with these values and
``opmerkingen`` above it. The klantmanager still checks and saves; nothing is stored from the BRP directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Nationalities the BRP records without a country (type other than "Nationaliteit").
_BIJZONDERE_NATIONALITEIT = {
    "Staatloos": "Staatloos",
    "NationaliteitOnbekend": "Onbekend",
    "BehandeldAlsNederlander": "Behandeld als Nederlander",
    "VastgesteldNietNederlander": "Vastgesteld niet-Nederlander",
}
_GESLACHT = {"V": "V", "M": "M", "O": "O"}


@dataclass
class Voorinvulling:
    gegevens: dict = field(default_factory=dict)
    opmerkingen: list[str] = field(default_factory=list)


def voorinvulling(persoon: dict) -> Voorinvulling:
    """The Inburgeraar fields the BRP person fills, plus notes for what the klantmanager must check or complete."""
    uit = Voorinvulling()
    g = uit.gegevens
    if bsn := persoon.get("burgerservicenummer"):
        g["bsn"] = bsn
    naam = persoon.get("naam") or {}
    for bron, doel in (("voornamen", "voornamen"), ("voorvoegsel", "tussenvoegsel"), ("geslachtsnaam", "achternaam")):
        if waarde := naam.get(bron):
            g[doel] = waarde
    if code := (persoon.get("geslacht") or {}).get("code"):
        g["geslacht"] = _GESLACHT.get(code.upper(), "O")
    if "geboorte" in persoon:
        datum = _datum((persoon["geboorte"] or {}).get("datum"))
        if datum:
            g["geboortedatum"] = datum
        else:
            uit.opmerkingen.append(_("De geboortedatum in de BRP is niet volledig bekend: vul die zelf in."))
    if "verblijfplaats" in persoon:
        g["adres"] = adres(persoon["verblijfplaats"] or {})
        if not g["adres"]:
            uit.opmerkingen.append(_("De BRP kent geen woonadres van deze persoon."))
    if "nationaliteiten" in persoon:
        g["nationaliteit"] = nationaliteit(persoon["nationaliteiten"] or [])
    if _in_onderzoek(persoon):
        uit.opmerkingen.append(_("Let op: een deel van deze gegevens is bij de BRP in onderzoek."))
    if persoon.get("geheimhoudingPersoonsgegevens"):
        uit.opmerkingen.append(_("Deze persoon heeft geheimhouding van persoonsgegevens: verstrek niets aan derden."))
    return uit


def _datum(datum: dict | None) -> dt.date | None:
    """Only a complete date ("type": "Datum"); a year or year-month from the BRP is no birth date Koers can store."""
    if not datum or datum.get("type") != "Datum" or not datum.get("datum"):
        return None
    try:
        return dt.date.fromisoformat(datum["datum"])
    except ValueError:
        return None


def adres(verblijfplaats: dict) -> str:
    """One line as Koers stores it: 'Straat 12a-2, 5038 AB Tilburg'; a location description or foreign address."""
    v = verblijfplaats.get("verblijfadres") or {}
    soort = verblijfplaats.get("type")
    if soort == "Adres" or (soort is None and "huisnummer" in v):
        straat = v.get("korteStraatnaam") or v.get("officieleStraatnaam") or ""
        nummer = f"{v.get('huisnummer', '')}{v.get('huisletter', '')}"
        if toevoeging := v.get("huisnummertoevoeging"):
            nummer += f"-{toevoeging}"
        postcode = v.get("postcode", "")
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        regel1 = " ".join(p for p in (straat, nummer) if p)
        regel2 = " ".join(p for p in (postcode, v.get("woonplaats", "")) if p)
        return ", ".join(p for p in (regel1, regel2) if p)
    if soort == "Locatie":
        return ", ".join(p for p in (v.get("locatiebeschrijving", ""), v.get("woonplaats", "")) if p)
    if soort == "VerblijfplaatsBuitenland":
        land = (v.get("land") or {}).get("omschrijving", "")
        return ", ".join(p for p in (v.get("regel1", ""), v.get("regel2", ""), v.get("regel3", ""), land) if p)
    return ""


def nationaliteit(nationaliteiten: list[dict]) -> str:
    namen = []
    for n in nationaliteiten:
        if n.get("type") in _BIJZONDERE_NATIONALITEIT:
            namen.append(_BIJZONDERE_NATIONALITEIT[n["type"]])
        elif omschrijving := (n.get("nationaliteit") or {}).get("omschrijving"):
            namen.append(omschrijving)
    return ", ".join(dict.fromkeys(namen))[:100]


def _in_onderzoek(waarde) -> bool:
    if isinstance(waarde, dict):
        return any(k == "inOnderzoek" or _in_onderzoek(v) for k, v in waarde.items())
    if isinstance(waarde, list):
        return any(_in_onderzoek(v) for v in waarde)
    return False
