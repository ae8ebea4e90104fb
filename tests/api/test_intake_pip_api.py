"""Holding a brede intake and vaststellen a PIP using only the API (staff sessions), as the pages would."""

from __future__ import annotations

import pytest
import time_machine

from koers.audit.models import Toegangslog
from koers.pip.models import PIP
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _antwoord(vraag: dict):
    if vraag["antwoordtype"] == "ja_nee":
        return False
    if vraag["antwoordtype"] == "keuze":
        return vraag["keuzes"][0][0]
    if vraag["antwoordtype"] == "getal":
        return 3
    if vraag["antwoordtype"] == "datum":
        return "2024-01-01"
    return "Besproken."


def _houd_intake(km_api, dossier) -> dict:
    intake = km_api.post("/api/v1/brede-intakes", {"dossier": dossier.pk}, format="json")
    assert intake.status_code == 201, intake.content
    url = intake["Location"]
    gesprek = km_api.post(
        "/api/v1/intakegesprekken",
        {"intake": intake.json()["id"], "geplandOp": "2026-09-08T10:00:00+02:00", "plaats": "azc"},
        format="json",
    )
    assert gesprek.status_code == 201, gesprek.content
    verslag = km_api.put(
        gesprek["Location"],
        {"gehouden": True, "plaats": "azc", "tolkIngezet": True, "tolkTaal": "Arabisch"},
        format="json",
        HTTP_IF_MATCH=gesprek["ETag"],
    )
    assert verslag.status_code == 200, verslag.content
    gelezen = km_api.get(url)
    antwoorden = {v["code"]: _antwoord(v) for v in gelezen.json()["vragen"] if v["verplicht"]}
    bewaard = km_api.patch(
        f"{url}/antwoorden", {"antwoorden": antwoorden}, format="json", HTTP_IF_MATCH=gelezen["ETag"]
    )
    assert bewaard.status_code == 200, bewaard.content
    assert bewaard.json()["antwoorden"] == antwoorden
    lbt = km_api.put(
        f"{url}/leerbaarheidstoets",
        {"uitkomst": "b1_haalbaar", "score": 120, "datum": "2026-09-08", "afgenomenIn": "azc"},
        format="json",
    )
    assert lbt.status_code == 200, lbt.content
    afgerond = km_api.post(f"{url}/afronden", format="json", HTTP_IF_MATCH=bewaard["ETag"])
    assert afgerond.status_code == 200, afgerond.content
    assert afgerond.json()["status"] == "afgerond"
    return afgerond.json()


@time_machine.travel("2026-09-10 10:00 +02:00", tick=False)
def test_klantmanager_and_teamleider_take_a_dossier_to_a_vastgesteld_pip_through_the_api(km_api, tl_api, dossier):
    intake = _houd_intake(km_api, dossier)
    adviezen = km_api.get(f"/api/v1/route-adviezen?dossier={dossier.pk}").json()["results"]
    assert adviezen and adviezen[0]["route"] == "b1"
    assert adviezen[0]["overwegingen"][0]["voor"][0]["bron"]
    besluit = km_api.post("/api/v1/routebesluiten", {"intake": intake["id"], "route": "b1"}, format="json")
    assert besluit.status_code == 201, besluit.content

    concept = km_api.post("/api/v1/pips", {"dossier": dossier.pk}, format="json")
    assert concept.status_code == 201, concept.content
    pip_url = concept["Location"]
    onderdeel = km_api.post(
        f"{pip_url}/onderdelen",
        {"soort": "taal", "niveau": "B1", "urenPerWeek": "12.0", "aanbieder": "Taalschool De Brug"},
        format="json",
    )
    assert onderdeel.status_code == 201, onderdeel.content
    ingediend = km_api.post(f"{pip_url}/indienen", format="json", HTTP_IF_MATCH=onderdeel["ETag"])
    assert ingediend.status_code == 200, ingediend.content
    assert ingediend.json()["status"] == "ter_goedkeuring"

    zelf = km_api.post(f"{pip_url}/goedkeuren", format="json", HTTP_IF_MATCH=ingediend["ETag"])
    assert zelf.status_code == 403
    goed = tl_api.post(f"{pip_url}/goedkeuren", format="json", HTTP_IF_MATCH=ingediend["ETag"])
    assert goed.status_code == 200, goed.content
    vast = km_api.post(
        f"{pip_url}/vaststellen", {"dagtekening": "2026-09-10"}, format="json", HTTP_IF_MATCH=goed["ETag"]
    )
    assert vast.status_code == 200, vast.content
    beschikking = vast.json()
    assert beschikking["status"] == "vastgesteld"
    assert beschikking["beschikkingsnummer"].startswith("PIP-0855-2026-")

    pdf = km_api.get(beschikking["beschikking"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert Toegangslog.objects.filter(dossier_id=dossier.pk, omschrijving="API: beschikking PIP (PDF)").exists()

    termijnen = km_api.get(f"/api/v1/termijnen?dossier={dossier.pk}").json()["results"]
    soorten = {t["soort"]: t for t in termijnen}
    assert "inburgeringstermijn" in soorten
    assert soorten["inburgeringstermijn"]["bron"]
    assert soorten["inburgeringstermijn"]["begindatum"] == "2026-09-11"


@time_machine.travel("2026-09-10 10:00 +02:00", tick=False)
def test_vaststellen_twice_with_the_same_idempotency_key_makes_one_beschikking(km_api, tl_api, dossier):
    intake = _houd_intake(km_api, dossier)
    km_api.post("/api/v1/routebesluiten", {"intake": intake["id"], "route": "b1"}, format="json")
    pip_url = km_api.post("/api/v1/pips", {"dossier": dossier.pk}, format="json")["Location"]
    etag = km_api.post(f"{pip_url}/onderdelen", {"soort": "taal", "niveau": "B1"}, format="json")["ETag"]
    etag = km_api.post(f"{pip_url}/indienen", format="json", HTTP_IF_MATCH=etag)["ETag"]
    etag = tl_api.post(f"{pip_url}/goedkeuren", format="json", HTTP_IF_MATCH=etag)["ETag"]
    kop = {"HTTP_IF_MATCH": etag, "HTTP_IDEMPOTENCY_KEY": "vaststellen-1"}
    eerste = km_api.post(f"{pip_url}/vaststellen", format="json", **kop)
    tweede = km_api.post(f"{pip_url}/vaststellen", format="json", **kop)
    assert eerste.status_code == tweede.status_code == 200
    assert tweede["Idempotent-Replayed"] == "true"
    assert PIP.objects.filter(dossier=dossier, status="vastgesteld").count() == 1


def test_health_answers_stay_out_for_a_klantmanager_who_is_not_the_dossiers_own(km_api, gemeente, dossier):
    from tests.api.conftest import sessieclient
    from tests.conftest import verified_client  # noqa: F401
    from tests.factories import GebruikerFactory

    intake = km_api.post("/api/v1/brede-intakes", {"dossier": dossier.pk}, format="json").json()
    gezondheid = [v for v in km_api.get(f"/api/v1/brede-intakes/{intake['id']}").json()["vragen"]]
    collega = sessieclient(GebruikerFactory(username="km-collega", rol="klantmanager", gemeente=gemeente))
    zichtbaar = collega.get(f"/api/v1/brede-intakes/{intake['id']}").json()["vragen"]
    assert len(zichtbaar) < len(gezondheid)


def test_an_intake_of_another_gemeente_cannot_be_started(km_api, andere_gemeente):
    ander = DossierFactory(gemeente=andere_gemeente)
    response = km_api.post("/api/v1/brede-intakes", {"dossier": ander.pk}, format="json")
    assert response.status_code == 404
