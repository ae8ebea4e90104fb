"""API: POST /api/v1/imports (JSON records or a file) answers 202 with the import's URL; GET shows its outcome."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.accounts.models import Ketenpartner
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Informatieprofiel
from tests.api.conftest import sessieclient, systeemclient
from tests.factories import KetenpartnerFactory, geldig_bsn

from .conftest import COA_V1, coa_rij, csv_bytes

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports"


@pytest.fixture
def coa_api(db):
    return systeemclient(
        ketenpartner=KetenpartnerFactory(naam="COA", soort=Ketenpartner.Soort.COA), scope="profielen:aanleveren"
    )


@pytest.fixture
def duo_api(db):
    return systeemclient(
        ketenpartner=KetenpartnerFactory(naam="DUO", soort=Ketenpartner.Soort.DUO), scope="signalen:aanleveren"
    )


def signaal(n: int, **extra) -> dict:
    return {
        "signaal_id": f"API-{n}",
        "soort": "inburgeringsplicht",
        "bsn": geldig_bsn(700 + n),
        "voornamen": "Samira",
        "achternaam": f"Yusuf{n}",
        "geboortedatum": "1993-04-04",
        "nationaliteit": "Somalisch",
        "doelgroep": "asielstatushouder",
        "gemeentecode": "0855",
        "wet": "wi2021",
        "datum_begin": "2026-10-01",
        **extra,
    }


def test_duo_posts_a_batch_and_follows_it(duo_api, gemeente, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = duo_api.post(
            URL, {"bron": "duo", "mappingversie": "v1", "records": [signaal(1), signaal(2)]}, format="json"
        )

    assert response.status_code == 202, response.content
    locatie = response["Location"]
    assert locatie.endswith(f"/api/v1/imports/{response.json()['id']}")
    status = duo_api.get(locatie)
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "toegepast" and body["voortgang"] == {"verwerkt": 2, "totaal": 2}
    assert body["aantallen"]["toegepast"] == 2
    assert Dossier.objects.filter(wet="wi2021").count() == 2


def test_rejected_records_are_listed_by_line_and_reason_and_nothing_applies(
    duo_api, gemeente, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = duo_api.post(
            URL, {"bron": "duo", "records": [signaal(1), signaal(2, bsn="123456789")]}, format="json"
        )

    body = duo_api.get(response["Location"]).json()
    assert body["status"] == "afgewezen"
    assert [(a["regel"], a["signaalnummer"]) for a in body["afgewezen"]] == [(2, "API-2")]
    assert "elfproef" in body["afgewezen"][0]["reden"]
    assert not Dossier.objects.exists()


def test_the_same_batch_twice_changes_nothing(duo_api, gemeente, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = duo_api.post(URL, {"bron": "duo", "records": [signaal(1)]}, format="json")
    body = duo_api.get(response["Location"]).json()
    assert body["aantallen"] == {"toegepast": 0, "ongewijzigd": 1, "afgewezen": 0, "mogelijkDubbel": 0}
    assert Dossier.objects.count() == 1


def test_coa_uploads_a_file(coa_api, gemeente, django_capture_on_commit_callbacks):
    bestand = SimpleUploadedFile("profielen.csv", csv_bytes(COA_V1, [coa_rij(1)]), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = coa_api.post(URL, {"bron": "coa", "mappingversie": "v1", "bestand": bestand}, format="multipart")

    assert response.status_code == 202, response.content
    assert Informatieprofiel.objects.count() == 1


def test_a_scope_for_one_source_cannot_deliver_for_the_other(duo_api, coa_api, gemeente):
    weigering = duo_api.post(URL, {"bron": "coa", "records": [{"bsn": geldig_bsn(1)}]}, format="json")
    assert weigering.status_code == 403
    assert weigering["Content-Type"].startswith("application/problem+json")
    assert coa_api.post(URL, {"bron": "duo", "records": [signaal(1)]}, format="json").status_code == 403


def test_records_or_file_is_required(duo_api):
    response = duo_api.post(URL, {"bron": "duo", "records": []}, format="json")
    assert response.status_code == 400 and "invalidParams" in response.json()


def test_an_import_of_another_deliverer_is_not_found(duo_api, gemeente, django_capture_on_commit_callbacks):
    ander = systeemclient(ketenpartner=KetenpartnerFactory(naam="DUO test", soort="duo"), scope="signalen:aanleveren")
    with django_capture_on_commit_callbacks(execute=True):
        response = ander.post(URL, {"bron": "duo", "records": [signaal(1)]}, format="json")
    assert duo_api.get(response["Location"]).status_code == 404


def test_functioneel_beheerder_session_may_deliver_for_own_gemeente(
    beheerder, gemeente, django_capture_on_commit_callbacks
):
    client = sessieclient(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"bron": "duo", "records": [signaal(1)]}, format="json")
    assert response.status_code == 202
    assert client.get(response["Location"]).json()["gemeentecode"] == "0855"


def test_klantmanager_session_may_not_deliver(km_api_client):
    assert km_api_client.post(URL, {"bron": "duo", "records": [signaal(1)]}, format="json").status_code == 403


@pytest.fixture
def km_api_client(klantmanager):
    return sessieclient(klantmanager)
