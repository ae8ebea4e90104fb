"""Asking the BRP through the service: the purpose's fields only, Dutch errors, and one access-log row per request."""

from __future__ import annotations

import pytest
import requests

from koers.audit.models import Toegangslog
from koers.koppelvlakken.brp.client import BrpClient
from koers.koppelvlakken.brp.configuratie import BrpConfig, OAuth
from koers.koppelvlakken.brp.doelen import DOELEN
from koers.koppelvlakken.brp.fouten import (
    BrpGeenToegang,
    BrpNietBeschikbaar,
    BrpNietGeconfigureerd,
    BrpVerzoekOngeldig,
    PersoonNietGevonden,
)
from koers.koppelvlakken.brp.services import raadpleeg_persoon
from tests.factories import GebruikerFactory, InburgeraarFactory


def test_registratie_asks_only_its_fields_and_gets_only_those_back(brp_aan, klantmanager):
    persoon = raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)

    (verzoek,) = brp_aan.verzoeken
    assert verzoek["body"] == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999990019"],
        "fields": list(DOELEN["registratie"].velden),
    }
    assert set(persoon) == {"burgerservicenummer", "naam", "geslacht", "geboorte", "verblijfplaats", "nationaliteiten"}
    assert set(persoon["naam"]) == {"voornamen", "geslachtsnaam"}
    assert "verblijfstitel" not in persoon and "aNummer" not in persoon


def test_a_narrower_purpose_asks_less(brp_aan, klantmanager):
    persoon = raadpleeg_persoon(bsn="999990019", doel="adrescontrole", door=klantmanager)

    assert brp_aan.verzoeken[0]["body"]["fields"] == ["verblijfplaats.verblijfadres"]
    assert set(persoon) == {"verblijfplaats"}


def test_the_api_key_of_the_gemeente_is_sent_in_the_header(brp_aan, klantmanager):
    raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)

    assert brp_aan.verzoeken[0]["headers"]["X-API-KEY"] == "stub-sleutel-0855"


def test_every_brp_request_is_in_the_access_log(brp_aan, klantmanager):
    bekend = InburgeraarFactory(bsn="999990032")

    raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager, pad="/inburgeraars/registreren/")
    raadpleeg_persoon(bsn="999990032", doel="adrescontrole", door=klantmanager)
    with pytest.raises(PersoonNietGevonden):
        raadpleeg_persoon(bsn="999990068", doel="registratie", door=klantmanager)

    rijen = list(Toegangslog.objects.order_by("id"))
    assert len(rijen) == len(brp_aan.verzoeken) == 3
    assert {r.omschrijving for r in rijen} == {"BRP bevraging"}
    assert [r.verwerkingsactiviteit for r in rijen] == [
        "registratie-inburgeraar",
        "uitvoering-wi2021",
        "registratie-inburgeraar",
    ]
    assert [r.inburgeraar_id for r in rijen] == [None, bekend.pk, None]
    assert {(r.gebruikersnaam, r.actie, r.gemeente_id) for r in rijen} == {
        ("km", "raadplegen", klantmanager.gemeente_id)
    }
    assert rijen[0].pad == "/inburgeraars/registreren/"


def test_a_request_that_fails_is_logged_too(brp_aan, klantmanager):
    brp_aan.storing = 503

    with pytest.raises(BrpNietBeschikbaar):
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)

    assert Toegangslog.objects.filter(omschrijving="BRP bevraging").count() == 1


def test_unknown_bsn_raises_not_found_in_dutch(brp_aan, klantmanager):
    with pytest.raises(PersoonNietGevonden, match="geen persoon met dit BSN"):
        raadpleeg_persoon(bsn="999990068", doel="registratie", door=klantmanager)


@pytest.mark.parametrize("status", [500, 503, 429])
def test_brp_outage_raises_unavailable_in_dutch(brp_aan, klantmanager, status):
    brp_aan.storing = status

    with pytest.raises(BrpNietBeschikbaar, match="niet bereikbaar") as fout:
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)
    assert str(status) in fout.value.technisch


def test_a_slow_brp_times_out_as_unavailable(brp_aan, klantmanager, settings):
    settings.BRP_TIMEOUT = (1.0, 0.2)
    brp_aan.vertraging = 0.6

    with pytest.raises(BrpNietBeschikbaar) as fout:
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)
    assert fout.value.technisch == "time-out"


def test_a_brp_that_does_not_listen_is_unavailable(klantmanager):
    client = BrpClient(BrpConfig(gemeentecode="0855", url="http://127.0.0.1:9", timeout=(0.5, 0.5)))

    with pytest.raises(BrpNietBeschikbaar):
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager, client=client)


def test_a_wrong_api_key_is_no_access(brp_aan, klantmanager, monkeypatch):
    monkeypatch.setenv("BRP_KEY_0855", "verkeerd")

    with pytest.raises(BrpGeenToegang, match="geen toegang"):
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager)


def test_an_invalid_bsn_is_refused_before_anything_is_sent_or_logged(brp_aan, klantmanager):
    with pytest.raises(BrpVerzoekOngeldig):
        raadpleeg_persoon(bsn="123456789", doel="registratie", door=klantmanager)

    assert brp_aan.verzoeken == []
    assert not Toegangslog.objects.exists()


def test_a_gemeente_without_koppeling_sends_nothing(brp_aan, andere_gemeente):
    gebruiker = GebruikerFactory(username="km.wsw", rol="klantmanager", gemeente=andere_gemeente)

    with pytest.raises(BrpNietGeconfigureerd, match="staat voor deze gemeente niet aan"):
        raadpleeg_persoon(bsn="999990019", doel="registratie", door=gebruiker)

    assert brp_aan.verzoeken == []
    assert not Toegangslog.objects.exists()


def test_an_unknown_purpose_is_a_programming_error(brp_aan, klantmanager):
    with pytest.raises(ValueError, match="onbekend BRP-doel"):
        raadpleeg_persoon(bsn="999990019", doel="alles", door=klantmanager)


def test_oauth_client_credentials_token_is_fetched_once_and_sent_as_bearer(brp_stub, klantmanager, monkeypatch):
    from koers.koppelvlakken.brp import client as client_module

    client_module.vergeet_tokens()
    aanvragen = []
    origineel = requests.Session.post

    def post(self, url, *args, **kwargs):
        if url == "https://idp.example/token":
            aanvragen.append(kwargs["data"])
            antwoord = requests.Response()
            antwoord.status_code = 200
            antwoord._content = b'{"access_token": "tok-123", "expires_in": 3600}'
            return antwoord
        return origineel(self, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "post", post)
    brp_stub.api_key = ""
    oauth = OAuth(token_url="https://idp.example/token", client_id="koers", client_secret="s3", scope="brp")
    client = BrpClient(BrpConfig(gemeentecode="0855", url=brp_stub.url, oauth=oauth))

    raadpleeg_persoon(bsn="999990019", doel="registratie", door=klantmanager, client=client)
    raadpleeg_persoon(bsn="999990032", doel="registratie", door=klantmanager, client=client)

    assert [a["grant_type"] for a in aanvragen] == ["client_credentials"]
    assert aanvragen[0]["scope"] == "brp"
    assert [v["headers"]["Authorization"] for v in brp_stub.verzoeken] == ["Bearer tok-123"] * 2
    client_module.vergeet_tokens()
