"""The aanbod API and the exchange with language schools: who sees and writes which enrolments, hours and classes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from koers.aanbod import permissions
from koers.aanbod.models import (
    Contract,
    Examenresultaat,
    Inschrijving,
    Klas,
    Product,
    Urenregistratie,
    Voortgangsgesprek,
)
from koers.aanbod.selectors import uren_totalen
from koers.aanbod.services import Uren, plaats_in_klas, registreer_uren, schrijf_in, wijzig_inschrijving_status
from koers.audit.models import Toegangslog
from koers.dossiers.services import deel_met_ketenpartner, trek_deling_in
from koers.utils.concurrency import VersieConflict
from tests.api.conftest import sessieclient, systeemclient
from tests.factories import DossierFactory, GebruikerFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db

OKTOBER = {"periode": "2026-10", "soort": "taal"}


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def andere_school(db):
    return KetenpartnerFactory(naam="Taalschool Noord", soort="taalaanbieder")


@pytest.fixture
def gedeeld(dossier, taalschool, klantmanager):
    """The gemeente's dossier, shared with the school."""
    deel_met_ketenpartner(dossier, ketenpartner=taalschool, doel="NT2-lessen", door=klantmanager)
    return dossier


@pytest.fixture
def inschrijving(gedeeld, taalschool, klantmanager):
    """A started B1-route enrolment at the school, made by the gemeente."""
    nieuw = schrijf_in(
        gedeeld, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=taalschool, aangemeld_op=dt.date(2026, 9, 5)
    )
    return wijzig_inschrijving_status(nieuw, naar="gestart", door=klantmanager, op=dt.date(2026, 9, 14))


@pytest.fixture
def registratie(inschrijving, klantmanager):
    return registreer_uren(
        inschrijving, periode=dt.date(2026, 10, 1), soort="taal", uren=Uren(Decimal(40)), door=klantmanager
    )


@pytest.fixture
def klas(inschrijving, taalschool, gemeente):
    klas = Klas.objects.create(ketenpartner=taalschool, gemeente=gemeente, naam="NT2 ochtend", product="b1_route")
    klas.leden.add(inschrijving)
    return klas


@pytest.fixture
def tweede_lid(gemeente, taalschool, klantmanager, klas):
    """A second student of the same class."""
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager)
    deel_met_ketenpartner(dossier, ketenpartner=taalschool, doel="NT2-lessen", door=klantmanager)
    lid = schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=taalschool)
    klas.leden.add(lid)
    return lid


@pytest.fixture
def andere_school_api(andere_school):
    return systeemclient(ketenpartner=andere_school)


@pytest.fixture
def km_elders(andere_gemeente):
    return sessieclient(GebruikerFactory(username="km.elders", rol="klantmanager", gemeente=andere_gemeente))


@pytest.fixture
def coa_api(db):
    return systeemclient(ketenpartner=KetenpartnerFactory(naam="COA", soort="coa"))


@pytest.fixture
def clients(schoolsysteem, andere_school_api, gemeentesysteem, km_api, km_elders, coa_api):
    return {
        "school_eigen": schoolsysteem,
        "school_ander": andere_school_api,
        "gemeentesysteem": gemeentesysteem,
        "km_eigen": km_api,
        "km_elders": km_elders,
        "coa": coa_api,
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [r["id"] for r in response.json()["results"]]


def reden(response, naam: str) -> str:
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}[naam]


# --- the permission matrix -----------------------------------------------------------------------------------------

# client → (sees the enrolment and its hours, sees the class, may post hours)
MATRIX = {
    "school_eigen": (True, True, 201),
    "school_ander": (False, False, 400),  # the enrolment is not one of its own: unknown to it
    "gemeentesysteem": (True, True, 403),  # reads its gemeente, its classes included; no write scope
    "km_eigen": (True, True, 201),
    "km_elders": (False, False, 400),
    "coa": (None, None, 403),  # no aanbod scope at all
}


@pytest.mark.parametrize("wie", list(MATRIX))
def test_permission_matrix_for_enrolments_hours_and_classes(wie, clients, inschrijving, registratie, klas):
    client = clients[wie]
    ziet, ziet_klas, schrijven = MATRIX[wie]
    urls = {
        "inschrijvingen": (f"/api/v1/inschrijvingen/{inschrijving.pk}", inschrijving.pk, ziet),
        "urenregistraties": (f"/api/v1/urenregistraties/{registratie.pk}", registratie.pk, ziet),
        "klassen": (f"/api/v1/klassen/{klas.pk}", klas.pk, ziet_klas),
    }
    for lijst, (detail, pk, zichtbaar) in urls.items():
        lijst_antwoord = client.get(f"/api/v1/{lijst}")
        detail_antwoord = client.get(detail)
        if zichtbaar is None:
            assert lijst_antwoord.status_code == 403, lijst
            assert detail_antwoord.status_code == 403, lijst
            continue
        assert ids(lijst_antwoord) == ([pk] if zichtbaar else []), lijst
        assert detail_antwoord.status_code == (200 if zichtbaar else 404), lijst
    nieuw = client.post(
        "/api/v1/urenregistraties",
        {"inschrijving": inschrijving.pk, "periode": "2026-09", "soort": "taal", "urenGevolgd": 20},
        format="json",
    )
    assert nieuw.status_code == schrijven, nieuw.content
    assert Urenregistratie.objects.filter(periode=dt.date(2026, 9, 1)).count() == (1 if schrijven == 201 else 0)


@pytest.mark.parametrize("wie", ["school_ander", "gemeentesysteem", "km_elders", "coa"])
def test_only_the_school_itself_or_the_gemeente_may_change_an_enrolment(wie, clients, inschrijving):
    response = clients[wie].put(
        f"/api/v1/inschrijvingen/{inschrijving.pk}/status",
        {"status": "afgerond", "datum": "2026-11-01"},
        format="json",
        HTTP_IF_MATCH=inschrijving.etag,
    )
    assert response.status_code in (403, 404)
    inschrijving.refresh_from_db()
    assert inschrijving.status == "gestart"


# --- the school's month: enrol, start, hours ---------------------------------------------------------------------


def test_a_school_enrols_a_shared_student_and_posts_a_month_of_hours(schoolsysteem, gedeeld, taalschool):
    deelnemers = schoolsysteem.get("/api/v1/deelnemers").json()["results"]
    assert [(d["id"], d["doel"]) for d in deelnemers] == [(gedeeld.pk, "NT2-lessen")]
    assert deelnemers[0]["achternaam"] == gedeeld.inburgeraar.achternaam

    aangemeld = schoolsysteem.post(
        "/api/v1/inschrijvingen",
        {"dossier": gedeeld.pk, "product": "b1_route", "aangemeldOp": "2026-09-07"},
        format="json",
    )
    assert aangemeld.status_code == 201, aangemeld.content
    inschrijving = aangemeld.json()
    assert inschrijving["aanbieder"] == taalschool.pk
    assert inschrijving["aanbiederNaam"] == "Taalschool De Brug"
    assert inschrijving["status"] == "aangemeld"
    assert aangemeld["Location"].endswith(f"/api/v1/inschrijvingen/{inschrijving['id']}")

    gestart = schoolsysteem.put(
        f"/api/v1/inschrijvingen/{inschrijving['id']}/status",
        {"status": "gestart", "datum": "2026-09-14"},
        format="json",
        HTTP_IF_MATCH=aangemeld["ETag"],
    )
    assert gestart.status_code == 200, gestart.content
    assert gestart.json()["gestartOp"] == "2026-09-14"

    uren = schoolsysteem.post(
        "/api/v1/urenregistraties",
        {
            "inschrijving": inschrijving["id"],
            "periode": "2026-10",
            "soort": "taal",
            "urenGevolgd": "46.5",
            "urenGeoorloofdAfwezig": 4,
            "urenOngeoorloofdAfwezig": 2,
            "inPersoonUren": 40,
        },
        format="json",
    )
    assert uren.status_code == 201, uren.content
    assert uren.json() | {"url": None, "gewijzigdOp": None} == {
        "url": None,
        "id": uren.json()["id"],
        "versie": 1,
        "inschrijving": inschrijving["id"],
        "dossier": gedeeld.pk,
        "periode": "2026-10",
        "soort": "taal",
        "urenGevolgd": 46.5,
        "urenGeoorloofdAfwezig": 4.0,
        "urenOngeoorloofdAfwezig": 2.0,
        "inPersoonUren": 40.0,
        "bron": "aanbieder",
        "gewijzigdOp": None,
    }
    totalen = uren_totalen(gedeeld)
    assert (totalen["taal"], totalen["ongeoorloofd_afwezig"]) == (Decimal("46.5"), Decimal(2))
    maand = schoolsysteem.get(f"/api/v1/urenregistraties?inschrijving={inschrijving['id']}&periode=2026-10")
    assert ids(maand) == [uren.json()["id"]]
    assert gedeeld.tijdlijn.filter(soort="uren", door=schoolsysteem.systeem).exists()


def test_a_school_enrols_through_its_own_contract_with_the_gemeente(schoolsysteem, gedeeld, taalschool, gemeente):
    contract = Contract.objects.create(
        ketenpartner=taalschool, gemeente=gemeente, product="b1_route", prijs=9000, start=dt.date(2026, 1, 1)
    )
    assert ids(schoolsysteem.get("/api/v1/contracten")) == [contract.pk]
    response = schoolsysteem.post(
        "/api/v1/inschrijvingen", {"dossier": gedeeld.pk, "product": "b1_route", "contract": contract.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["contract"] == contract.pk


def test_a_school_cannot_enrol_a_dossier_the_gemeente_did_not_share(schoolsysteem, gemeente, klantmanager):
    niet_gedeeld = DossierFactory(gemeente=gemeente, klantmanager=klantmanager)
    response = schoolsysteem.post(
        "/api/v1/inschrijvingen", {"dossier": niet_gedeeld.pk, "product": "b1_route"}, format="json"
    )
    assert response.status_code == 400
    assert "niet met u gedeeld" in reden(response, "dossier")
    assert not Inschrijving.objects.exists()
    assert ids(schoolsysteem.get("/api/v1/deelnemers")) == []


def test_a_withdrawn_share_ends_the_schools_access(schoolsysteem, inschrijving, klantmanager):
    trek_deling_in(inschrijving.dossier.delingen.get(), door=klantmanager)
    assert ids(schoolsysteem.get("/api/v1/inschrijvingen")) == []
    assert schoolsysteem.get(f"/api/v1/inschrijvingen/{inschrijving.pk}").status_code == 404


def test_a_school_cannot_enrol_a_student_with_another_school(schoolsysteem, gedeeld, andere_school, gemeente):
    direct = schoolsysteem.post(
        "/api/v1/inschrijvingen",
        {"dossier": gedeeld.pk, "product": "b1_route", "aanbieder": andere_school.pk},
        format="json",
    )
    assert direct.status_code == 403
    assert "alleen bij zichzelf" in direct.json()["detail"]
    contract_ander = Contract.objects.create(
        ketenpartner=andere_school, gemeente=gemeente, product="b1_route", prijs=1, start=dt.date(2026, 1, 1)
    )
    via_contract = schoolsysteem.post(
        "/api/v1/inschrijvingen",
        {"dossier": gedeeld.pk, "product": "b1_route", "contract": contract_ander.pk},
        format="json",
    )
    assert via_contract.status_code == 400
    assert "contract" in {p["name"] for p in via_contract.json()["invalidParams"]}
    assert not Inschrijving.objects.exists()


def test_a_school_cannot_see_or_write_another_schools_students(
    schoolsysteem, inschrijving, andere_school, klantmanager
):
    """The same student, shared with two schools: each school sees only its own enrolment and hours."""
    deel_met_ketenpartner(inschrijving.dossier, ketenpartner=andere_school, doel="KNM", door=klantmanager)
    bij_ander = schrijf_in(inschrijving.dossier, door=klantmanager, product=Product.KNM, ketenpartner=andere_school)
    uren_ander = registreer_uren(
        bij_ander, periode=dt.date(2026, 10, 1), soort="knm", uren=Uren(Decimal(8)), door=klantmanager
    )
    assert ids(schoolsysteem.get("/api/v1/inschrijvingen")) == [inschrijving.pk]
    assert schoolsysteem.get(f"/api/v1/inschrijvingen/{bij_ander.pk}").status_code == 404
    assert ids(schoolsysteem.get("/api/v1/urenregistraties")) == []
    assert schoolsysteem.get(f"/api/v1/urenregistraties/{uren_ander.pk}").status_code == 404
    post = schoolsysteem.post(
        "/api/v1/urenregistraties", {"inschrijving": bij_ander.pk, "periode": "2026-09", "soort": "knm"}, format="json"
    )
    assert post.status_code == 400
    assert "inschrijving" in {p["name"] for p in post.json()["invalidParams"]}
    put = schoolsysteem.put(
        f"/api/v1/urenregistraties/{uren_ander.pk}",
        {"urenGevolgd": 1, "urenGeoorloofdAfwezig": 0, "urenOngeoorloofdAfwezig": 0, "inPersoonUren": 0},
        format="json",
        HTTP_IF_MATCH=uren_ander.etag,
    )
    assert put.status_code == 404
    uren_ander.refresh_from_db()
    assert uren_ander.uren_gevolgd == Decimal(8)


def test_gemeente_staff_enrol_with_any_provider_as_before(km_api, dossier, andere_school):
    response = km_api.post(
        "/api/v1/inschrijvingen",
        {"dossier": dossier.pk, "product": "knm", "aanbieder": andere_school.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["aanbiederNaam"] == "Taalschool Noord"


def test_reads_are_logged_per_person_and_providers_and_contracts_are_not(schoolsysteem, klas, tweede_lid):
    schoolsysteem.get("/api/v1/inschrijvingen")
    gelezen = Toegangslog.objects.filter(gebruiker=schoolsysteem.systeem, omschrijving="API: inschrijvingen")
    assert set(gelezen.values_list("dossier_id", flat=True)) == {lid.dossier_id for lid in klas.leden.all()}
    schoolsysteem.get(f"/api/v1/klassen/{klas.pk}")
    assert Toegangslog.objects.filter(gebruiker=schoolsysteem.systeem, omschrijving="API: klassen").count() == 2
    voor = Toegangslog.objects.count()
    aanbieders = schoolsysteem.get("/api/v1/aanbieders").json()["results"]
    assert {"naam", "keurmerkGeldig"} <= set(aanbieders[0])
    schoolsysteem.get("/api/v1/contracten")
    assert Toegangslog.objects.count() == voor


# --- safe writes -------------------------------------------------------------------------------------------------


def test_a_correction_needs_the_current_version_and_a_stale_one_is_412(schoolsysteem, registratie):
    url = f"/api/v1/urenregistraties/{registratie.pk}"
    etag = schoolsysteem.get(url)["ETag"]
    assert schoolsysteem.patch(url, {"urenGevolgd": 36}, format="json").status_code == 428
    eerste = schoolsysteem.patch(url, {"urenGevolgd": 36}, format="json", HTTP_IF_MATCH=etag)
    assert eerste.status_code == 200, eerste.content
    assert (eerste.json()["urenGevolgd"], eerste.json()["versie"]) == (36.0, 2)
    oud = schoolsysteem.patch(url, {"urenGevolgd": 50}, format="json", HTTP_IF_MATCH=etag)
    assert oud.status_code == 412
    assert oud.json()["code"] == "versie_gewijzigd"
    registratie.refresh_from_db()
    assert registratie.uren_gevolgd == Decimal(36)
    assert uren_totalen(registratie.inschrijving.dossier)["taal"] == Decimal(36)


def test_posting_a_month_that_already_has_hours_is_a_conflict_pointing_at_it(schoolsysteem, registratie):
    response = schoolsysteem.post(
        "/api/v1/urenregistraties",
        {"inschrijving": registratie.inschrijving_id, **OKTOBER, "urenGevolgd": 12},
        format="json",
    )
    assert response.status_code == 409
    assert f"/api/v1/urenregistraties/{registratie.pk}" in response.json()["detail"]
    registratie.refresh_from_db()
    assert registratie.uren_gevolgd == Decimal(40)


def test_a_retried_post_with_the_same_idempotency_key_creates_one_record(schoolsysteem, inschrijving):
    invoer = {"inschrijving": inschrijving.pk, **OKTOBER, "urenGevolgd": 30}
    eerste = schoolsysteem.post("/api/v1/urenregistraties", invoer, format="json", HTTP_IDEMPOTENCY_KEY="okt-1")
    tweede = schoolsysteem.post("/api/v1/urenregistraties", invoer, format="json", HTTP_IDEMPOTENCY_KEY="okt-1")
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert tweede["Idempotent-Replayed"] == "true"
    assert tweede.json()["id"] == eerste.json()["id"]
    assert Urenregistratie.objects.filter(inschrijving=inschrijving).count() == 1
    inschrijven = {"dossier": inschrijving.dossier_id, "product": "knm"}
    for _ in range(2):
        schoolsysteem.post("/api/v1/inschrijvingen", inschrijven, format="json", HTTP_IDEMPOTENCY_KEY="knm-1")
    assert Inschrijving.objects.filter(dossier=inschrijving.dossier, product="knm").count() == 1


def test_the_school_moves_its_enrolment_along_and_bad_steps_are_refused(schoolsysteem, inschrijving):
    url = f"/api/v1/inschrijvingen/{inschrijving.pk}/status"
    te_vroeg = schoolsysteem.put(
        url, {"status": "afgerond", "datum": "2026-09-01"}, format="json", HTTP_IF_MATCH=inschrijving.etag
    )
    assert te_vroeg.status_code == 400
    assert "startdatum" in te_vroeg.json()["detail"]
    zonder_reden = schoolsysteem.put(url, {"status": "afgebroken"}, format="json", HTTP_IF_MATCH=inschrijving.etag)
    assert zonder_reden.status_code == 400
    afgebroken = schoolsysteem.put(
        url, {"status": "afgebroken", "reden": "Verhuisd"}, format="json", HTTP_IF_MATCH=inschrijving.etag
    )
    assert afgebroken.status_code == 200, afgebroken.content
    assert (afgebroken.json()["status"], afgebroken.json()["redenAfbreken"]) == ("afgebroken", "Verhuisd")
    oud = schoolsysteem.put(url, {"status": "afgerond"}, format="json", HTTP_IF_MATCH=inschrijving.etag)
    assert oud.status_code == 412


# --- classes -----------------------------------------------------------------------------------------------------


def klasrij(inschrijving, gevolgd, **extra) -> dict:
    return {"inschrijving": inschrijving.pk, "urenGevolgd": gevolgd, "inPersoonUren": gevolgd, **extra}


def test_a_class_batch_with_one_bad_row_saves_nothing(schoolsysteem, klas, inschrijving, tweede_lid):
    url = f"/api/v1/klassen/{klas.pk}/uren"
    fout = schoolsysteem.post(
        url, {**OKTOBER, "deelnemers": [klasrij(inschrijving, 40), klasrij(tweede_lid, 500)]}, format="json"
    )
    assert fout.status_code == 400
    velden = {p["name"]: p["reason"] for p in fout.json()["invalidParams"]}
    assert "400" in velden["deelnemers.1"]
    assert "deelnemers.0" not in velden
    assert "niets opgeslagen" in velden["nonFieldErrors"]
    assert not Urenregistratie.objects.exists()

    goed = schoolsysteem.post(
        url,
        {**OKTOBER, "deelnemers": [klasrij(inschrijving, 40), klasrij(tweede_lid, 36, urenOngeoorloofdAfwezig=4)]},
        format="json",
    )
    assert goed.status_code == 200, goed.content
    assert sorted(r["urenGevolgd"] for r in goed.json()["results"]) == [36.0, 40.0]
    assert Urenregistratie.objects.filter(periode=dt.date(2026, 10, 1), bron="aanbieder").count() == 2


def test_a_class_batch_refuses_a_participant_of_another_class_and_a_stale_row(
    schoolsysteem, klas, inschrijving, tweede_lid, registratie
):
    url = f"/api/v1/klassen/{klas.pk}/uren"
    vreemd = schoolsysteem.post(
        url,
        {
            **OKTOBER,
            "deelnemers": [
                klasrij(tweede_lid, 30),
                {"inschrijving": 987654, "urenGevolgd": 10},  # not a member of this class
            ],
        },
        format="json",
    )
    assert vreemd.status_code == 400
    assert "geen uren invoeren" in reden(vreemd, "deelnemers.1")
    # October already has hours for the first member: a row without the version it read is stale
    verouderd = schoolsysteem.post(
        url, {**OKTOBER, "deelnemers": [klasrij(inschrijving, 38), klasrij(tweede_lid, 30)]}, format="json"
    )
    assert verouderd.status_code == 400
    assert "gewijzigd" in reden(verouderd, "deelnemers.0")
    assert "deelnemers.1" not in {p["name"] for p in verouderd.json()["invalidParams"]}
    assert Urenregistratie.objects.count() == 1
    registratie.refresh_from_db()
    assert registratie.uren_gevolgd == Decimal(40)
    actueel = schoolsysteem.post(
        url,
        {**OKTOBER, "deelnemers": [klasrij(inschrijving, 38, versie=registratie.versie), klasrij(tweede_lid, 30)]},
        format="json",
    )
    assert actueel.status_code == 200, actueel.content
    registratie.refresh_from_db()
    assert registratie.uren_gevolgd == Decimal(38)


def test_placing_an_enrolment_in_a_class_checks_the_class_version_and_the_product(
    schoolsysteem, klas, inschrijving, gedeeld, taalschool, klantmanager
):
    nieuw = schrijf_in(gedeeld, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=taalschool)
    knm = schrijf_in(gedeeld, door=klantmanager, product=Product.KNM, ketenpartner=taalschool)
    url = f"/api/v1/klassen/{klas.pk}/deelnemers"
    etag = schoolsysteem.get(f"/api/v1/klassen/{klas.pk}")["ETag"]
    assert schoolsysteem.post(url, {"inschrijving": nieuw.pk}, format="json").status_code == 428
    geplaatst = schoolsysteem.post(url, {"inschrijving": nieuw.pk}, format="json", HTTP_IF_MATCH=etag)
    assert geplaatst.status_code == 200, geplaatst.content
    assert nieuw.pk in [d["inschrijving"] for d in geplaatst.json()["deelnemers"]]
    assert geplaatst["ETag"] != etag
    oud = schoolsysteem.post(url, {"inschrijving": knm.pk}, format="json", HTTP_IF_MATCH=etag)
    assert oud.status_code == 412
    ander_product = schoolsysteem.post(url, {"inschrijving": knm.pk}, format="json", HTTP_IF_MATCH=geplaatst["ETag"])
    assert ander_product.status_code == 400
    assert "ander product" in reden(ander_product, "inschrijving")
    assert set(klas.leden.values_list("pk", flat=True)) == {inschrijving.pk, nieuw.pk}


def test_plaats_in_klas_refuses_another_schools_class_and_a_stale_version(klas, gedeeld, andere_school, klantmanager):
    systeem = systeemclient(ketenpartner=andere_school).systeem
    nieuw = schrijf_in(gedeeld, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=klas.ketenpartner)
    with pytest.raises(PermissionDenied):
        plaats_in_klas(klas, inschrijving=nieuw, door=systeem, verwachte_versie=klas.versie)
    with pytest.raises(VersieConflict):
        plaats_in_klas(klas, inschrijving=nieuw, door=klantmanager, verwachte_versie=klas.versie + 1)
    plaats_in_klas(klas, inschrijving=nieuw, door=klantmanager, verwachte_versie=klas.versie)
    assert klas.leden.filter(pk=nieuw.pk).exists()


# --- progress conversations and exams ----------------------------------------------------------------------------


def test_exam_evidence_from_the_school_is_marked_as_reported_by_it_and_names_its_evidence(
    schoolsysteem, km_api, inschrijving
):
    invoer = {
        "dossier": inschrijving.dossier_id,
        "onderdeel": "lezen",
        "niveau": "B1",
        "datum": "2026-11-02",
        "resultaat": "behaald",
    }
    zonder = schoolsysteem.post("/api/v1/examenresultaten", invoer, format="json")
    assert zonder.status_code == 400
    assert "bewijs" in reden(zonder, "bewijs").lower()
    gemeld = schoolsysteem.post(
        "/api/v1/examenresultaten", {**invoer, "bewijs": "DUO-uitslag 2026-4411"}, format="json"
    )
    assert gemeld.status_code == 201, gemeld.content
    assert (gemeld.json()["gemeldDoor"], gemeld.json()["aanbiederNaam"], gemeld.json()["bewijs"]) == (
        "aanbieder",
        "Taalschool De Brug",
        "DUO-uitslag 2026-4411",
    )
    bij_gemeente = km_api.get(f"/api/v1/examenresultaten?dossier={inschrijving.dossier_id}").json()["results"]
    assert [(e["gemeldDoor"], e["bewijs"]) for e in bij_gemeente] == [("aanbieder", "DUO-uitslag 2026-4411")]
    assert Examenresultaat.objects.get().ingevoerd_door == schoolsysteem.systeem


def test_a_school_cannot_report_exams_of_a_student_it_does_not_teach(schoolsysteem, gedeeld):
    response = schoolsysteem.post(
        "/api/v1/examenresultaten",
        {"dossier": gedeeld.pk, "onderdeel": "knm", "datum": "2026-11-02", "resultaat": "behaald", "bewijs": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert not Examenresultaat.objects.exists()


def test_progress_conversations_are_the_gemeentes_own(km_api, schoolsysteem, gemeentesysteem, inschrijving):
    gesprek = Voortgangsgesprek.objects.create(dossier=inschrijving.dossier, gepland_op=dt.date(2026, 11, 10))
    assert ids(schoolsysteem.get("/api/v1/voortgangsgesprekken")) == []
    assert ids(gemeentesysteem.get("/api/v1/voortgangsgesprekken")) == [gesprek.pk]
    url = f"/api/v1/voortgangsgesprekken/{gesprek.pk}/verslag"
    verslag = {"gehoudenOp": "2026-11-10", "afspraken": "Twee keer per week naar de taalcafé."}
    assert gemeentesysteem.put(url, verslag, format="json", HTTP_IF_MATCH=gesprek.etag).status_code == 403
    assert schoolsysteem.put(url, verslag, format="json", HTTP_IF_MATCH=gesprek.etag).status_code == 403
    gehouden = km_api.put(url, verslag, format="json", HTTP_IF_MATCH=gesprek.etag)
    assert gehouden.status_code == 200, gehouden.content
    assert (gehouden.json()["status"], gehouden.json()["gehoudenOp"]) == ("gehouden", "2026-11-10")


# --- bad input is a 400 in Dutch, never a 500 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "invoer", "veld"),
    [
        ("/api/v1/urenregistraties", {"periode": "2026-13", "soort": "taal"}, "periode"),
        ("/api/v1/urenregistraties", {"periode": "oktober", "soort": "taal"}, "periode"),
        ("/api/v1/urenregistraties", {**OKTOBER, "urenGevolgd": "12,5"}, "urenGevolgd"),
        ("/api/v1/urenregistraties", {**OKTOBER, "urenGevolgd": -1}, "urenGevolgd"),
        ("/api/v1/urenregistraties", {**OKTOBER, "urenGevolgd": 10, "inPersoonUren": 12}, "nonFieldErrors"),
        ("/api/v1/urenregistraties", {**OKTOBER, "soort": "zwemmen"}, "soort"),
        ("/api/v1/urenregistraties", {**OKTOBER, "inschrijving": 999999}, "inschrijving"),
        ("/api/v1/urenregistraties", {**OKTOBER, "inschrijving": "abc"}, "inschrijving"),
        ("/api/v1/inschrijvingen", {"product": "b1_route", "aangemeldOp": "31-02-2026"}, "aangemeldOp"),
        ("/api/v1/inschrijvingen", {"product": "rijles"}, "product"),
        ("/api/v1/inschrijvingen", {"product": "b1_route", "dossier": 999999}, "dossier"),
    ],
)
def test_bad_input_is_a_400_with_a_dutch_message(schoolsysteem, inschrijving, pad, invoer, veld):
    standaard = {"inschrijving": inschrijving.pk} if "uren" in pad else {"dossier": inschrijving.dossier_id}
    response = schoolsysteem.post(pad, {**standaard, **invoer}, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    melding = reden(response, veld)
    assert melding
    assert not any(engels in melding for engels in ("This field", "valid ", "Invalid", "required", "Ensure"))


@pytest.mark.parametrize(
    "query", ["periode=oktober", "inschrijving=abc", "inschrijving=1.5", "soort=zwemmen", "dossier=x"]
)
def test_bad_filters_are_a_400(schoolsysteem, query):
    response = schoolsysteem.get(f"/api/v1/urenregistraties?{query}")
    assert response.status_code == 400, response.content
    assert response.json()["invalidParams"]


def test_the_openapi_document_describes_the_exchange(client):
    paden = client.get("/api/v1/openapi.json").json()["paths"]
    for pad in ("/inschrijvingen", "/inschrijvingen/{id}/status", "/urenregistraties/{id}", "/klassen/{id}/uren"):
        assert pad in paden
    assert "post" not in paden["/klassen"]
    assert "post" not in paden["/aanbieders"]


# --- the rules themselves ----------------------------------------------------------------------------------------


def test_the_enrolment_rule_lets_a_school_enrol_only_itself_for_shared_dossiers(
    dossier, taalschool, andere_school, klantmanager
):
    school = systeemclient(ketenpartner=taalschool).systeem
    assert permissions.mag_inschrijven(school, dossier, ketenpartner=taalschool, in_scope=True)
    assert not permissions.mag_inschrijven(school, dossier, ketenpartner=taalschool, in_scope=False)
    assert not permissions.mag_inschrijven(school, dossier, ketenpartner=andere_school, in_scope=True)
    assert permissions.mag_inschrijven(klantmanager, dossier, ketenpartner=andere_school, in_scope=True)
    coa = systeemclient(ketenpartner=KetenpartnerFactory(naam="COA", soort="coa")).systeem
    assert not permissions.mag_inschrijven(coa, dossier, ketenpartner=coa.ketenpartner, in_scope=True)
