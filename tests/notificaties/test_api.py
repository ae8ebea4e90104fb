"""/api/v1/abonnementen: a gemeente's own system subscribes, sees only its own, and changes with If-Match."""

from __future__ import annotations

import pytest

from koers.dossiers.services import registreer_inburgeraar
from koers.notificaties import ondertekening
from koers.notificaties.models import Abonnement
from tests.api.conftest import systeemclient
from tests.factories import KetenpartnerFactory
from tests.notificaties.conftest import persoon

pytestmark = pytest.mark.django_db
URL = "/api/v1/abonnementen"


@pytest.fixture
def systeem(gemeente):
    return systeemclient(gemeente=gemeente)


def nieuw(client, ontvanger, **extra):
    body = {"naam": "Zaaksysteem", "callbackUrl": ontvanger.url(), "gebeurtenistypen": ["dossier-geopend"], **extra}
    return client.post(URL, body, format="json")


def test_subscribing_returns_the_secret_once_and_the_system_receives_signed_events(
    systeem, ontvanger, klantmanager, versturen
):
    antwoord = nieuw(systeem, ontvanger, autorisatie="geheim-token-van-ontvanger")
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert data["geheim"].startswith("whsec_")
    assert data["autorisatieIngesteld"] is True and "autorisatie" not in data
    assert antwoord["Location"].endswith(f"{URL}/{data['id']}")
    assert antwoord["ETag"] == f'"notificaties.abonnement-{data["id"]}-1"'

    detail = systeem.get(f"{URL}/{data['id']}").json()
    assert "geheim" not in detail and detail["callbackUrl"] == ontvanger.url()
    assert [a["id"] for a in systeem.get(URL).json()["results"]] == [data["id"]]

    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    [verzoek] = ontvanger.verzoeken
    assert ondertekening.verifieer(data["geheim"], headers=verzoek.headers, body=verzoek.body)
    assert verzoek.headers["authorization"] == "Bearer geheim-token-van-ontvanger"


def test_another_gemeentes_system_sees_nothing_and_gets_404(systeem, ontvanger, andere_gemeente):
    data = nieuw(systeem, ontvanger).json()
    ander = systeemclient(gemeente=andere_gemeente)
    assert ander.get(URL).json()["results"] == []
    assert ander.get(f"{URL}/{data['id']}").status_code == 404
    assert ander.delete(f"{URL}/{data['id']}", HTTP_IF_MATCH="*").status_code == 404
    assert Abonnement.objects.count() == 1


def test_a_system_without_the_scope_is_refused(db):
    school = systeemclient(ketenpartner=KetenpartnerFactory(soort="taalaanbieder"))
    assert school.get(URL).status_code == 403
    assert school.post(URL, {"naam": "x"}, format="json").status_code == 403


def test_changes_need_the_current_version(systeem, ontvanger):
    antwoord = nieuw(systeem, ontvanger)
    pad = f"{URL}/{antwoord.json()['id']}"
    assert systeem.patch(pad, {"actief": False}, format="json").status_code == 428
    gewijzigd = systeem.patch(pad, {"actief": False}, format="json", HTTP_IF_MATCH=antwoord["ETag"])
    assert gewijzigd.status_code == 200
    assert (gewijzigd.json()["actief"], gewijzigd.json()["versie"]) == (False, 2)
    assert gewijzigd.json()["gedeactiveerdOp"] is not None
    verouderd = systeem.patch(pad, {"naam": "Nieuw"}, format="json", HTTP_IF_MATCH=antwoord["ETag"])
    assert verouderd.status_code == 412
    assert Abonnement.objects.get().naam == "Zaaksysteem"
    assert systeem.delete(pad, HTTP_IF_MATCH=gewijzigd["ETag"]).status_code == 204
    assert not Abonnement.objects.exists()


def test_an_internal_callback_address_is_refused_as_problem_json(systeem, ontvanger, settings):
    settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = False
    antwoord = nieuw(systeem, ontvanger)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in antwoord.json()["invalidParams"]] == ["callbackUrl"]
    assert not Abonnement.objects.exists()


def test_unknown_event_types_are_refused(systeem, ontvanger):
    antwoord = nieuw(systeem, ontvanger, gebeurtenistypen=["persoon-verhuisd"])
    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["name"].startswith("gebeurtenistypen")


def test_a_retried_create_with_the_same_idempotency_key_creates_once(systeem, ontvanger):
    eerste = systeem.post(
        URL,
        {"naam": "Z", "callbackUrl": ontvanger.url(), "gebeurtenistypen": ["pip-vastgesteld"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="abc-1",
    )
    tweede = systeem.post(
        URL,
        {"naam": "Z", "callbackUrl": ontvanger.url(), "gebeurtenistypen": ["pip-vastgesteld"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="abc-1",
    )
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert eerste.json()["id"] == tweede.json()["id"]
    assert Abonnement.objects.count() == 1
