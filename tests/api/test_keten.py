"""The chain through the API only (issue 17, "done when"): COA and DUO files in, an intake held, a PIP vastgesteld,
a language school enrols the student and reports a month of hours, and a subscribed system receives each event
exactly once although its first delivery fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.notificaties import tasks as notificatie_tasks
from tests.api.conftest import sessieclient, systeemclient
from tests.api.test_intake_pip_api import _antwoord
from tests.factories import GebruikerFactory, KetenpartnerFactory
from tests.notificaties.conftest import ontvanger  # noqa: F401 - a real HTTP receiver (fixture)

pytestmark = pytest.mark.django_db

VOORBEELDEN = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"
YONAS_BSN = "999990007"  # in both example files: COA profile, then DUO's obligation (Wi2021) and LBT signals
START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def _lever_aan(client, bron: str, bestand: str, sleutel: str) -> dict:
    upload = SimpleUploadedFile(bestand, (VOORBEELDEN / bestand).read_bytes(), content_type="text/csv")
    response = client.post(
        "/api/v1/imports",
        {"bron": bron, "mappingversie": "v1", "bestand": upload},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY=sleutel,
    )
    assert response.status_code == 202, response.content
    status = client.get(response["Location"]).json()
    assert status["status"] == "toegepast", (status["melding"], status["afgewezen"])
    assert status["voortgang"]["verwerkt"] == status["voortgang"]["totaal"] > 0
    return status


@pytest.fixture
def als_na_commit(django_capture_on_commit_callbacks):
    """Each request of a client ends as if committed: what waits for the commit (the import task, webhook
    deliveries) runs right after it, as a worker would."""

    def verpak(client):
        for naam in ("get", "post", "put", "patch", "delete"):
            origineel = getattr(client, naam)

            def verzoek(*args, _origineel=origineel, **kwargs):
                with django_capture_on_commit_callbacks(execute=True):
                    return _origineel(*args, **kwargs)

            setattr(client, naam, verzoek)
        return client

    return verpak


@pytest.fixture(autouse=True)
def _ontvanger_op_deze_machine(settings):
    settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = True  # the test receiver listens on 127.0.0.1


def test_the_whole_chain_runs_through_the_api_and_each_event_arrives_exactly_once(ontvanger, gemeente, als_na_commit):  # noqa: F811
    traveller = time_machine.travel(START, tick=False)
    klok = traveller.start()
    try:
        _keten(ontvanger, gemeente, klok, als_na_commit)
    finally:
        traveller.stop()


def _keten(ontvanger, gemeente, klok, als_na_commit):  # noqa: F811
    km = GebruikerFactory(username="km.keten", rol="klantmanager", gemeente=gemeente)
    tl = GebruikerFactory(username="tl.keten", rol="teamleider", gemeente=gemeente)
    km_api, tl_api = als_na_commit(sessieclient(km)), als_na_commit(sessieclient(tl))
    school = KetenpartnerFactory(naam="Taalschool De Brug", soort="taalaanbieder", keurmerk=True)

    # The gemeente's zaaksysteem subscribes to every event; its first delivery will fail.
    zaaksysteem = als_na_commit(systeemclient(gemeente=gemeente))
    abonnement = zaaksysteem.post(
        "/api/v1/abonnementen",
        {
            "naam": "Zaaksysteem",
            "callbackUrl": ontvanger.url(),
            "gebeurtenistypen": ["dossier-geopend", "intake-afgerond", "pip-vastgesteld"],
        },
        format="json",
    )
    assert abonnement.status_code == 201, abonnement.content
    ontvanger.antwoorden = [500]

    # 1. COA delivers the informatieprofielen: persons, dossiers and koppelingen appear in Tilburg.
    coa = als_na_commit(systeemclient(ketenpartner=KetenpartnerFactory(naam="COA", soort="coa")))
    _lever_aan(coa, "coa", "coa-informatieprofielen.csv", "coa-2026-11-20")
    # 2. DUO signals the obligation (Wi2021) and the LBT result; a retry of the same upload changes nothing.
    duo = als_na_commit(systeemclient(ketenpartner=KetenpartnerFactory(naam="DUO", soort="duo")))
    _lever_aan(duo, "duo", "duo-signalen.csv", "duo-2026-11-20")
    _lever_aan(duo, "duo", "duo-signalen.csv", "duo-2026-11-20")

    dossiers = km_api.get(f"/api/v1/dossiers?zoek={YONAS_BSN}").json()["results"]
    assert len(dossiers) == 1
    dossier = dossiers[0]
    termijnen = {t["soort"]: t for t in km_api.get(f"/api/v1/termijnen?dossier={dossier['id']}").json()["results"]}
    assert termijnen["pip_vaststellen"]["status"] == "open"

    # The teamleider assigns the new dossier to a klantmanager (only she then sees its health questions).
    toegewezen = tl_api.put(
        f"/api/v1/dossiers/{dossier['id']}/klantmanager",
        {"klantmanager": km.username},
        format="json",
        HTTP_IF_MATCH=tl_api.get(f"/api/v1/dossiers/{dossier['id']}")["ETag"],
    )
    assert toegewezen.status_code == 200, toegewezen.content

    # 3. The klantmanager holds the intake (DUO's LBT signal already started it and recorded the LBT).
    intake = km_api.get(f"/api/v1/brede-intakes?dossier={dossier['id']}").json()["results"][0]
    lbt = km_api.get(f"/api/v1/leerbaarheidstoetsen?dossier={dossier['id']}").json()["results"][0]
    assert lbt["uitkomst"] == "b1_haalbaar"
    gesprek = km_api.post(
        "/api/v1/intakegesprekken",
        {"intake": intake["id"], "geplandOp": "2026-11-18T10:00:00+01:00", "plaats": "gemeente"},
        format="json",
    )
    km_api.put(
        gesprek["Location"],
        {"gehouden": True, "plaats": "gemeente", "tolkIngezet": True, "tolkTaal": "Tigrinya"},
        format="json",
        HTTP_IF_MATCH=gesprek["ETag"],
    )
    url = f"/api/v1/brede-intakes/{intake['id']}"
    gelezen = km_api.get(url)
    antwoorden = {v["code"]: _antwoord(v) for v in gelezen.json()["vragen"] if v["verplicht"]}
    bewaard = km_api.patch(
        f"{url}/antwoorden", {"antwoorden": antwoorden}, format="json", HTTP_IF_MATCH=gelezen["ETag"]
    )
    afgerond = km_api.post(f"{url}/afronden", format="json", HTTP_IF_MATCH=bewaard["ETag"])
    assert afgerond.status_code == 200, afgerond.content
    besluit = km_api.post("/api/v1/routebesluiten", {"intake": intake["id"], "route": "b1"}, format="json")
    assert besluit.status_code == 201, besluit.content

    # 4. PIP: concept, part of the offer, four eyes, vaststellen.
    pip_url = km_api.post("/api/v1/pips", {"dossier": dossier["id"]}, format="json")["Location"]
    etag = km_api.post(
        f"{pip_url}/onderdelen", {"soort": "taal", "niveau": "B1", "aanbieder": school.naam}, format="json"
    )["ETag"]
    etag = km_api.post(f"{pip_url}/indienen", format="json", HTTP_IF_MATCH=etag)["ETag"]
    etag = tl_api.post(f"{pip_url}/goedkeuren", format="json", HTTP_IF_MATCH=etag)["ETag"]
    vastgesteld = km_api.post(f"{pip_url}/vaststellen", format="json", HTTP_IF_MATCH=etag)
    assert vastgesteld.status_code == 200, vastgesteld.content
    assert vastgesteld.json()["status"] == "vastgesteld"

    # 5. The gemeente shares the dossier with the school; the school enrols its student and reports November.
    gedeeld = km_api.post(
        f"/api/v1/dossiers/{dossier['id']}/delingen",
        {"ketenpartner": school.pk, "doel": "B1-route volgens het PIP"},
        format="json",
    )
    assert gedeeld.status_code == 201, gedeeld.content
    taalschool = als_na_commit(systeemclient(ketenpartner=school))
    assert [d["id"] for d in taalschool.get("/api/v1/deelnemers").json()["results"]] == [dossier["id"]]
    aangemeld = taalschool.post(
        "/api/v1/inschrijvingen",
        {"dossier": dossier["id"], "product": "b1_route", "aangemeldOp": "2026-11-20"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="debrug-aanmelding-1",
    )
    assert aangemeld.status_code == 201, aangemeld.content
    gestart = taalschool.put(
        f"{aangemeld['Location']}/status",
        {"status": "gestart", "datum": "2026-11-20"},
        format="json",
        HTTP_IF_MATCH=aangemeld["ETag"],
    )
    assert gestart.status_code == 200, gestart.content
    uren = taalschool.post(
        "/api/v1/urenregistraties",
        {
            "inschrijving": aangemeld.json()["id"],
            "periode": "2026-11",
            "soort": "taal",
            "urenGevolgd": "10.5",
            "urenGeoorloofdAfwezig": 1,
            "urenOngeoorloofdAfwezig": 0,
            "inPersoonUren": 10,
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="debrug-uren-2026-11",
    )
    assert uren.status_code == 201, uren.content
    assert km_api.get(f"/api/v1/urenregistraties?dossier={dossier['id']}").json()["results"][0]["urenGevolgd"] == 10.5

    # 6. The subscribed system: the failed first delivery is retried, and every event arrives exactly once.
    klok.shift(dt.timedelta(minutes=2))
    notificatie_tasks.verstuur_wachtende()
    klok.shift(dt.timedelta(hours=13))
    notificatie_tasks.verstuur_wachtende()
    ontvangen = ontvanger.geslaagd()
    ids = [e["id"] for e in ontvangen]
    assert len(ids) == len(set(ids)), "an event arrived twice"
    van_yonas = [e["type"] for e in ontvangen if e["subject"] == f"dossiers/{dossier['id']}"]
    assert sorted(van_yonas) == [
        "nl.koers.inburgering.dossier-geopend",
        "nl.koers.inburgering.intake-afgerond",
        "nl.koers.inburgering.pip-vastgesteld",
    ]
    assert ontvanger.verzoeken[0].antwoord == 500
    assert YONAS_BSN.encode() not in b"".join(v.body for v in ontvanger.verzoeken)
