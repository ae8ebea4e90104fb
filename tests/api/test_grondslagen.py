"""The API's common behaviour, shown on dossiers: tokens and scopes, problem+json, versions, safe writes, logging."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.audit.models import Toegangslog
from koers.dossiers.models import Dossier
from tests.api.conftest import systeemclient, token_voor
from tests.factories import DossierFactory, GemeenteFactory, KetenpartnerFactory, geldig_bsn

pytestmark = pytest.mark.django_db

NIEUW = {
    "voornamen": "Yonas",
    "achternaam": "Tesfay",
    "geboortedatum": "1994-02-03",
    "geslacht": "M",
    "nationaliteit": "Eritrees",
    "doelgroep": "asielstatushouder",
    "bsn": geldig_bsn(900),
}


def test_a_gemeente_system_reads_its_own_dossiers_and_every_read_is_logged(gemeentesysteem, dossier, andere_gemeente):
    DossierFactory(gemeente=andere_gemeente)
    response = gemeentesysteem.get("/api/v1/dossiers")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    data = response.json()
    assert [d["id"] for d in data["results"]] == [dossier.pk]
    assert data["results"][0]["inburgeraar"]["achternaam"] == dossier.inburgeraar.achternaam
    assert "aangemeldOp" in data["results"][0]
    log = Toegangslog.objects.get(dossier_id=dossier.pk)
    assert log.gebruiker == gemeentesysteem.systeem
    assert log.omschrijving == "API: dossiers"


def test_another_gemeentes_dossier_is_not_found_without_revealing_it(gemeentesysteem, andere_gemeente):
    ander = DossierFactory(gemeente=andere_gemeente)
    response = gemeentesysteem.get(f"/api/v1/dossiers/{ander.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert not Toegangslog.objects.filter(dossier_id=ander.pk).exists()


def test_a_language_school_token_has_no_access_to_dossiers(schoolsysteem, dossier):
    assert schoolsysteem.get("/api/v1/dossiers").status_code == 403
    assert schoolsysteem.get(f"/api/v1/inburgeraars/{dossier.inburgeraar_id}").status_code == 403


def test_a_client_gets_only_the_scopes_of_its_organisation_and_is_refused_more(gemeente):
    from rest_framework.test import APIClient

    from koers.api.services import registreer_systeem

    koppeling = registreer_systeem(naam="COA", ketenpartner=KetenpartnerFactory(naam="COA", soort="coa"))
    assert token_voor(koppeling.client_id, koppeling.client_secret)["scope"] == "profielen:aanleveren"
    te_veel = APIClient().post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", "scope": "dossiers:lezen"},
        HTTP_AUTHORIZATION="Basic "
        + __import__("base64").b64encode(f"{koppeling.client_id}:{koppeling.client_secret}".encode()).decode(),
    )
    assert te_veel.status_code == 400
    assert te_veel.json()["error"] == "invalid_scope"


def test_no_token_is_401_with_a_bearer_challenge(db):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/dossiers")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["title"] == "Niet geauthenticeerd."


def test_a_wrong_secret_gets_no_token(gemeente):
    from rest_framework.test import APIClient

    from koers.api.services import registreer_systeem

    koppeling = registreer_systeem(naam="Zaaksysteem", gemeente=gemeente)
    response = APIClient().post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", "client_id": koppeling.client_id, "client_secret": "fout"},
    )
    assert response.status_code == 401


def test_staff_register_a_person_once_even_when_the_post_is_retried(km_api, gemeente, klantmanager):
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "registratie-1"}
    eerste = km_api.post("/api/v1/dossiers", NIEUW, format="json", **sleutel)
    assert eerste.status_code == 201, eerste.content
    tweede = km_api.post("/api/v1/dossiers", NIEUW, format="json", **sleutel)
    assert tweede.status_code == 201
    assert tweede["Idempotent-Replayed"] == "true"
    assert tweede.json()["id"] == eerste.json()["id"]
    assert tweede["Location"] == eerste["Location"]
    assert Dossier.objects.filter(gemeente=gemeente).count() == 1
    anders = km_api.post("/api/v1/dossiers", {**NIEUW, "voornamen": "Anders"}, format="json", **sleutel)
    assert anders.status_code == 422
    assert anders.json()["code"] == "idempotency_key_hergebruikt"


def test_bad_input_is_400_with_a_dutch_message_per_field(km_api):
    response = km_api.post(
        "/api/v1/dossiers", {**NIEUW, "bsn": "123456789", "geboortedatum": "gisteren"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    velden = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert "elfproef" in velden["bsn"].lower() or "bsn" in velden["bsn"].lower()
    assert "geboortedatum" in velden


def test_registering_the_same_bsn_twice_is_refused_with_a_link_to_the_existing_dossier(km_api, dossier):
    response = km_api.post("/api/v1/dossiers", {**NIEUW, "bsn": dossier.inburgeraar.bsn}, format="json")
    assert response.status_code == 400
    reden = response.json()["invalidParams"][0]
    assert reden["name"] == "bsn"
    assert f"/api/v1/dossiers/{dossier.pk}" in reden["reason"]


def test_writes_need_if_match_and_a_stale_version_is_refused(km_api, dossier):
    url = f"/api/v1/inburgeraars/{dossier.inburgeraar_id}"
    gelezen = km_api.get(url)
    etag = gelezen["ETag"]
    assert km_api.patch(url, {"telefoon": "0612345678"}, format="json").status_code == 428
    eerste = km_api.patch(url, {"telefoon": "0612345678"}, format="json", HTTP_IF_MATCH=etag)
    assert eerste.status_code == 200
    assert eerste["ETag"] != etag
    oud = km_api.patch(url, {"telefoon": "0687654321"}, format="json", HTTP_IF_MATCH=etag)
    assert oud.status_code == 412
    dossier.inburgeraar.refresh_from_db()
    assert dossier.inburgeraar.telefoon == "0612345678"
    assert km_api.get(url, HTTP_IF_NONE_MATCH=eerste["ETag"]).status_code == 304


def test_a_gemeente_system_may_read_but_not_change(gemeentesysteem, dossier):
    url = f"/api/v1/inburgeraars/{dossier.inburgeraar_id}"
    etag = gemeentesysteem.get(url)["ETag"]
    response = gemeentesysteem.patch(url, {"telefoon": "0612345678"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 403


def test_pages_link_to_the_next_page_by_cursor(gemeentesysteem, gemeente):
    dossiers = [DossierFactory(gemeente=gemeente) for _ in range(3)]
    eerste = gemeentesysteem.get("/api/v1/dossiers?aantal=2").json()
    assert [d["id"] for d in eerste["results"]] == [dossiers[2].pk, dossiers[1].pk]
    volgende = gemeentesysteem.get(eerste["_links"]["next"]["href"]).json()
    assert [d["id"] for d in volgende["results"]] == [dossiers[0].pk]
    assert "next" not in volgende["_links"]


def test_search_by_bsn_finds_one_person(gemeentesysteem, gemeente):
    gezocht = DossierFactory(gemeente=gemeente)
    DossierFactory(gemeente=gemeente)
    response = gemeentesysteem.get(f"/api/v1/dossiers?zoek={gezocht.inburgeraar.bsn}")
    assert [d["id"] for d in response.json()["results"]] == [gezocht.pk]


def test_status_change_and_closing_go_through_the_service(km_api, dossier):
    url = f"/api/v1/dossiers/{dossier.pk}"
    etag = km_api.get(url)["ETag"]
    fout = km_api.put(f"{url}/status", {"status": "pip_vastgesteld"}, format="json", HTTP_IF_MATCH=etag)
    assert fout.status_code == 400
    assert fout.json()["invalidParams"][0]["code"] == "ongeldige_overgang"
    dicht = km_api.put(
        f"{url}/status", {"status": "afgerond", "afsluitreden": "verhuisd"}, format="json", HTTP_IF_MATCH=etag
    )
    assert dicht.status_code == 200, dicht.content
    assert dicht.json()["status"] == "afgerond"
    tijdlijn = km_api.get(f"{url}/tijdlijn").json()
    assert any(r["soort"] == "status" for r in tijdlijn)


def test_the_openapi_document_and_docs_are_served(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert document.json()["info"]["version"] == "1.0.0"
    assert "/dossiers" in document.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_other_gemeente_systems_are_scoped_separately(gemeente, dossier):
    ander = systeemclient(gemeente=GemeenteFactory(naam="Breda", gemeentecode="0758"))
    assert ander.get(f"/api/v1/dossiers/{dossier.pk}").status_code == 404


def test_an_unknown_api_url_or_an_id_that_is_no_number_is_a_problem_json_404(gemeentesysteem):
    for pad in ("/api/v1/dossiers/abc", "/api/v1/dossiers/1234567890123456789012", "/api/v1/bestaat-niet"):
        response = gemeentesysteem.get(pad)
        assert response.status_code == 404, pad
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_a_filter_value_beyond_any_id_is_a_400_not_a_database_error(gemeentesysteem):
    response = gemeentesysteem.get("/api/v1/termijnen?dossier=99999999999999999999999")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "dossier"


def test_a_retried_file_upload_with_the_same_key_imports_once(db, gemeente):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from koers.koppelvlakken.models import Import

    coa = systeemclient(ketenpartner=KetenpartnerFactory(naam="COA", soort="coa"))
    inhoud = Path("docs/voorbeelden/coa-informatieprofielen.csv").read_bytes()

    def upload():
        bestand = SimpleUploadedFile("coa.csv", inhoud, content_type="text/csv")
        return coa.post(
            "/api/v1/imports",
            {"bron": "coa", "mappingversie": "v1", "bestand": bestand},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="coa-upload-1",
        )

    eerste, tweede = upload(), upload()
    assert eerste.status_code == tweede.status_code == 202, eerste.content
    assert tweede["Idempotent-Replayed"] == "true"
    assert Import.objects.count() == 1


def test_problem_titles_follow_the_chosen_language(gemeentesysteem):
    assert gemeentesysteem.get("/api/v1/dossiers/999999").json()["title"] == "Niet gevonden."
    gemeentesysteem.cookies["django_language"] = "en"
    assert gemeentesysteem.get("/api/v1/dossiers/999999").json()["title"] == "Not found."
