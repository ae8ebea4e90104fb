"""The stub answers like the BRP API: only the requested fields, empty for an unknown BSN, 400 problem+json."""

from __future__ import annotations

import requests

from .conftest import API_KEY


def _post(stub, body, **kwargs):
    headers = {"X-API-KEY": API_KEY, **kwargs.pop("headers", {})}
    return requests.post(f"{stub.url}/personen", json=body, headers=headers, timeout=5, **kwargs)


def _raadpleeg(bsns, fields):
    return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": bsns, "fields": fields}


def test_stub_returns_only_the_requested_fields(brp_stub):
    antwoord = _post(brp_stub, _raadpleeg(["999990019"], ["naam.voornamen", "geboorte.datum"]))

    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Type"].startswith("application/json")
    assert antwoord.json() == {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [
            {
                "naam": {"voornamen": "Amira Noor"},
                "geboorte": {"datum": {"type": "Datum", "datum": "1991-03-14", "langFormaat": "14 maart 1991"}},
            }
        ],
    }


def test_stub_keeps_the_type_of_polymorphic_objects_and_the_matching_in_onderzoek(brp_stub):
    antwoord = _post(
        brp_stub, _raadpleeg(["999990032"], ["naam.geslachtsnaam", "verblijfplaats.verblijfadres.huisnummer"])
    )

    persoon = antwoord.json()["personen"][0]
    assert persoon["verblijfplaats"] == {"type": "Adres", "verblijfadres": {"huisnummer": 1201}}
    assert persoon["naam"]["geslachtsnaam"] == "Tesfay"
    assert persoon["naam"]["inOnderzoek"]["geslachtsnaam"] is True
    assert "voornamen" not in persoon["naam"]


def test_stub_adds_geheimhouding_unasked_as_the_brp_does(brp_stub):
    persoon = _post(brp_stub, _raadpleeg(["999990044"], ["geslacht"])).json()["personen"][0]

    assert persoon == {"geslacht": {"code": "M", "omschrijving": "man"}, "geheimhoudingPersoonsgegevens": True}


def test_stub_answers_an_empty_list_for_an_unknown_bsn(brp_stub):
    antwoord = _post(brp_stub, _raadpleeg(["999990068"], ["naam"]))

    assert antwoord.status_code == 200
    assert antwoord.json()["personen"] == []


def test_stub_answers_400_problem_json_naming_every_bad_parameter(brp_stub):
    antwoord = _post(
        brp_stub,
        _raadpleeg(["12345"], ["naam", "bestaatNiet"]),
    )

    assert antwoord.status_code == 400
    assert antwoord.headers["Content-Type"] == "application/problem+json"
    probleem = antwoord.json()
    assert probleem["status"] == 400
    assert {p["name"] for p in probleem["invalidParams"]} == {"burgerservicenummer[0]", "fields[1]"}


def test_stub_refuses_fields_the_brp_delivers_itself(brp_stub):
    antwoord = _post(brp_stub, _raadpleeg(["999990019"], ["naam.inOnderzoek"]))

    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["name"] == "fields[0]"


def test_stub_requires_fields_and_a_known_type(brp_stub):
    antwoord = _post(brp_stub, {"type": "ZoekMetIetsAnders", "burgerservicenummer": ["999990019"]})

    assert antwoord.status_code == 400
    assert {p["name"] for p in antwoord.json()["invalidParams"]} == {"type", "fields"}


def test_stub_refuses_a_request_without_the_api_key(brp_stub):
    antwoord = requests.post(f"{brp_stub.url}/personen", json=_raadpleeg(["999990019"], ["naam"]), timeout=5)

    assert antwoord.status_code == 401
    assert antwoord.headers["Content-Type"] == "application/problem+json"


def test_stub_refuses_a_body_that_is_not_json(brp_stub):
    antwoord = _post(brp_stub, None, data=b"{niet json", headers={"Content-Type": "application/json"})

    assert antwoord.status_code == 400
    assert antwoord.json()["code"] == "paramsValidation"
