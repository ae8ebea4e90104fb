"""The import pages of functioneel beheer: upload, progress, rejected lines, report, duplicate decision, scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.audit.models import Toegangslog
from koers.inburgeraars.models import Inburgeraar
from koers.koppelvlakken.models import Import
from koers.utils.idempotentie import nieuwe_sleutel
from tests.conftest import verified_client
from tests.factories import GebruikerFactory, InburgeraarFactory

from .conftest import COA_V1, coa_rij, csv_bytes, importeer

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(fb_client, django_capture_on_commit_callbacks):
    """Post the upload form; the queued task runs after commit (eager Celery), then the result page is shown."""

    def _upload(inhoud: bytes, naam="profielen.csv", bron="coa"):
        with django_capture_on_commit_callbacks(execute=True):
            response = fb_client.post(
                reverse("koppelvlakken:upload"),
                {
                    "bron": bron,
                    "mappingversie": "v1",
                    "bestand": SimpleUploadedFile(naam, inhoud),
                    "formuliersleutel": nieuwe_sleutel(),
                },
            )
        assert response.status_code == 302
        return fb_client.get(response["Location"])

    return _upload


def test_upload_through_the_page_applies_and_shows_the_result(upload):
    response = upload(csv_bytes(COA_V1, [coa_rij(1), coa_rij(2)]))

    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Toegepast" in tekst and "2 van 2 records" in tekst
    assert Inburgeraar.objects.count() == 2
    assert 'hx-trigger="every 2s"' not in tekst, "no polling once the import is done"


def test_rejected_lines_are_listed_and_downloadable(fb_client, upload):
    response = upload(csv_bytes(COA_V1, [coa_rij(1), coa_rij(2, bsn="111111111")]))
    tekst = response.content.decode()
    assert "Afgewezen regels" in tekst and "elfproef" in tekst
    imp = Import.objects.get()

    rapport = fb_client.get(reverse("koppelvlakken:rapport", args=[imp.pk]))

    assert rapport["Content-Type"].startswith("text/csv")
    regels = rapport.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("regel;bsn")
    assert any(r.startswith("3;") and "elfproef" in r for r in regels)
    assert any(r.startswith("2;") and "Niet toegepast" in r for r in regels)
    assert "kruk" not in rapport.content.decode(), "no health data in the report"


def test_upload_errors_are_shown_in_the_error_summary(fb_client):
    response = fb_client.post(
        reverse("koppelvlakken:upload"),
        {
            "bron": "coa",
            "mappingversie": "v1",
            "bestand": SimpleUploadedFile("profielen.pdf", b"x"),
            "formuliersleutel": nieuwe_sleutel(),
        },
    )
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "Kies een CSV-, XLSX- of JSON-bestand." in tekst
    assert not Import.objects.exists()


def test_progress_partial_polls_every_two_seconds_while_running(fb_client, beheerder):
    imp = Import.objects.create(
        bron="duo",
        formaat="csv",
        mappingversie="v1",
        gemeente=beheerder.gemeente,
        geupload_door=beheerder,
        inhoud=b"x",
        sha256="0" * 64,
        status=Import.Status.GEVALIDEERD,
        totaal=5000,
        verwerkt=1250,
    )

    response = fb_client.get(reverse("koppelvlakken:voortgang", args=[imp.pk]))

    tekst = response.content.decode()
    assert 'hx-trigger="every 2s"' in tekst and "1250 van 5000 records" in tekst
    assert "<progress" in tekst and "<script" not in tekst and "style=" not in tekst


def test_other_gemeente_imports_are_invisible(fb_client, andere_gemeente):
    ander = GebruikerFactory(username="fb2", rol="functioneel_beheerder", gemeente=andere_gemeente)
    imp = importeer(ander, "coa", csv_bytes(COA_V1, [coa_rij(1, gemeentecode="0294")]))

    assert fb_client.get(reverse("koppelvlakken:detail", args=[imp.pk])).status_code == 404
    assert fb_client.get(reverse("koppelvlakken:rapport", args=[imp.pk])).status_code == 404
    assert f"Import {imp.pk}<" not in fb_client.get(reverse("koppelvlakken:lijst")).content.decode()


@pytest.mark.parametrize("rol", ["klantmanager", "teamleider", "beleidsmedewerker"])
def test_only_functioneel_beheer_sees_the_pages(gemeente, rol):
    client = verified_client(GebruikerFactory(username=f"u-{rol}", rol=rol, gemeente=gemeente))
    assert client.get(reverse("koppelvlakken:lijst")).status_code == 403
    assert client.get(reverse("koppelvlakken:upload")).status_code == 403


def test_duplicate_decision_page_links_to_the_existing_person(fb_client, beheerder, gemeente):
    bestaand = InburgeraarFactory(achternaam="Tesfay1", geboortedatum="1994-02-03", bsn="", v_nummer="")
    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1)]))
    record = imp.records.get()
    url = reverse("koppelvlakken:dubbel", args=[imp.pk, record.pk])

    pagina = fb_client.get(url)
    tekst = pagina.content.decode()
    assert "Mogelijk dubbele persoon" in tekst and "Tesfay1" in tekst
    assert "kruk" not in tekst, "health data is not shown to a functioneel beheerder"
    assert Toegangslog.objects.filter(inburgeraar_id=bestaand.pk, omschrijving="import: mogelijk dubbel").exists()

    response = fb_client.post(url, {"keuze": str(bestaand.pk), "formuliersleutel": nieuwe_sleutel()}, follow=True)

    assert "Het besluit is vastgelegd" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "toegepast" and record.inburgeraar == bestaand


def test_beheer_index_links_to_imports(fb_client):
    assert reverse("koppelvlakken:lijst") in fb_client.get(reverse("beheer:index")).content.decode()
