"""A BRP person becomes the fields of the registration form; what Koers cannot store becomes a note."""

from __future__ import annotations

import datetime as dt

from koers.koppelvlakken.brp.doelen import DOELEN
from koers.koppelvlakken.brp.mapping import voorinvulling
from koers.koppelvlakken.brp.stub import beantwoord


def _persoon(bsn: str) -> dict:
    return beantwoord([bsn], list(DOELEN["registratie"].velden))["personen"][0]


def test_a_complete_brp_person_fills_name_birth_date_gender_address_and_nationality():
    uit = voorinvulling(_persoon("999990019"))

    assert uit.gegevens == {
        "bsn": "999990019",
        "voornamen": "Amira Noor",
        "achternaam": "Haddad",
        "geslacht": "V",
        "geboortedatum": dt.date(1991, 3, 14),
        "adres": "Stationsstraat 12, 5038 EC Tilburg",
        "nationaliteit": "Syrische",
    }
    assert uit.opmerkingen == []


def test_voorvoegsel_becomes_tussenvoegsel_and_nationalities_are_joined():
    uit = voorinvulling(_persoon("999990056"))

    assert (uit.gegevens["tussenvoegsel"], uit.gegevens["achternaam"]) == ("van der", "Meer")
    assert uit.gegevens["nationaliteit"] == "Oekraïense, Poolse"
    assert uit.gegevens["adres"] == "ul. Długa 5, 80-827 Gdańsk, Polen"


def test_house_letter_and_addition_are_written_the_dutch_way_and_in_onderzoek_is_noted():
    uit = voorinvulling(_persoon("999990032"))

    assert uit.gegevens["adres"] == "Burgemeester Brokxlaan 1201b-3, 5041 SG Tilburg"
    assert "in onderzoek" in " ".join(uit.opmerkingen)


def test_an_incomplete_birth_date_is_left_empty_with_a_note_and_staatloos_is_kept():
    uit = voorinvulling(_persoon("999990044"))

    assert "geboortedatum" not in uit.gegevens
    assert uit.gegevens["nationaliteit"] == "Staatloos"
    assert uit.gegevens["adres"] == "Woonboot bij de Piushaven, Tilburg"
    opmerkingen = " ".join(uit.opmerkingen)
    assert "geboortedatum" in opmerkingen
    assert "geheimhouding" in opmerkingen


def test_fields_not_asked_are_not_filled():
    uit = voorinvulling({"naam": {"geslachtsnaam": "Haddad"}})

    assert uit.gegevens == {"achternaam": "Haddad"}
