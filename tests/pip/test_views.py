"""PIP pages: scoping, the read-only view of a vastgestelde PIP, approval pages, the PDF download."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from koers.audit.models import Toegangslog
from koers.dossiers.models import DossierDeling
from koers.pip import services
from koers.pip.models import PIP
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory


def test_overzicht_lists_versions_with_pdf_link(km_client, vastgesteld, pip_dossier):
    response = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "PIP-0855-2026-000001" in html and "Vastgesteld" in html
    assert f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/beschikking.pdf" in html
    assert "Wijziging starten" in html


def test_concept_can_be_drafted_and_edited_in_the_browser(km_client, pip_dossier, instelling):
    response = km_client.post(f"/dossiers/{pip_dossier.pk}/pip/nieuw/")
    pip = PIP.objects.get(dossier=pip_dossier)
    assert response.status_code == 302 and response["Location"].endswith(f"/pip/{pip.pk}/bewerken/")

    pagina = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/{pip.pk}/bewerken/")
    assert pagina.status_code == 200 and 'name="route_motivering"' in pagina.content.decode()
    gegevens = {
        "versie": pip.versie,
        "leerroute": "b1",
        "route_motivering": pip.route_motivering,
        "hoofddoel": "werk",
        "voortgangsgesprek_interval_maanden": 4,
        "afspraken": "Mevrouw komt elke week naar de les.",
        "contactpersoon": pip.contactpersoon_id,
    }
    response = km_client.post(f"/dossiers/{pip_dossier.pk}/pip/{pip.pk}/bewerken/", gegevens)
    assert response.status_code == 302
    assert PIP.objects.get(pk=pip.pk).afspraken == "Mevrouw komt elke week naar de les."

    response = km_client.post(
        f"/dossiers/{pip_dossier.pk}/pip/{pip.pk}/onderdelen/", {"soort": "taal", "niveau": "B1", "uren_per_week": "10"}
    )
    assert response.status_code == 302 and pip.onderdelen.count() == 1


def test_vastgestelde_pip_shows_no_edit_form_and_refuses_post(km_client, vastgesteld, pip_dossier):
    url = f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/bewerken/"

    response = km_client.get(url, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "kan niet meer worden gewijzigd" in html
    assert 'name="route_motivering"' not in html

    response = km_client.post(url, {"versie": vastgesteld.versie, "leerroute": "z", "route_motivering": "x"})
    assert response.status_code == 403
    assert PIP.objects.get(pk=vastgesteld.pk).leerroute == "b1"
    response = km_client.post(f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/onderdelen/", {"soort": "pvt"})
    assert vastgesteld.onderdelen.count() == 2


def test_pdf_download_is_the_stored_file_and_is_logged(km_client, vastgesteld, pip_dossier):
    response = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/beschikking.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="PIP-0855-2026-000001.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Toegangslog.objects.filter(dossier_id=pip_dossier.pk, omschrijving__contains="PIP-0855-2026-000001").exists()


def test_demo_pip_without_pdf_gets_one_on_first_download(km_client, vastgesteld, pip_dossier):
    PIP.objects.filter(pk=vastgesteld.pk).update(pdf="", pdf_sha256="")

    response = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/beschikking.pdf")

    assert response.status_code == 200
    assert len(PIP.objects.get(pk=vastgesteld.pk).pdf_sha256) == 64


def test_other_gemeente_gets_404(vastgesteld, pip_dossier, andere_gemeente):
    buiten = verified_client(GebruikerFactory(username="km.buiten", rol="klantmanager", gemeente=andere_gemeente))

    for pad in ("", f"{vastgesteld.pk}/", f"{vastgesteld.pk}/beschikking.pdf", "wijzigen/"):
        assert buiten.get(f"/dossiers/{pip_dossier.pk}/pip/{pad}").status_code == 404


def test_ketenpartner_gets_403_on_shared_and_404_on_other_dossiers(
    vastgesteld, pip_dossier, ketenpartner, klantmanager
):
    medewerker = GebruikerFactory(
        username="kp", rol="ketenpartner_medewerker", gemeente=None, ketenpartner=ketenpartner
    )
    client = verified_client(medewerker)
    assert client.get(f"/dossiers/{pip_dossier.pk}/pip/").status_code == 404
    DossierDeling.objects.create(dossier=pip_dossier, ketenpartner=ketenpartner, doel="taal", gedeeld_door=klantmanager)

    assert client.get(f"/dossiers/{pip_dossier.pk}/pip/").status_code == 403
    assert client.get(f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/beschikking.pdf").status_code == 403


def test_teamleider_sees_goedkeuringen_and_approves(concept, klantmanager, teamleider, pip_dossier):
    services.dien_in_ter_goedkeuring(concept, door=klantmanager)
    client = verified_client(teamleider)

    lijst = client.get("/dossiers/goedkeuringen/")
    assert lijst.status_code == 200 and "Amina Haddad" in lijst.content.decode()
    assert "Goedkeuringen" in lijst.content.decode()  # main-menu item
    response = client.post(
        f"/dossiers/{pip_dossier.pk}/pip/{concept.pk}/beoordelen/", {"besluit": "goedkeuren", "versie": 2}
    )
    assert response.status_code == 302
    assert PIP.objects.get(pk=concept.pk).status == "goedgekeurd"


def test_klantmanager_cannot_open_goedkeuringen(km_client):
    assert km_client.get("/dossiers/goedkeuringen/").status_code == 403


@pytest.mark.parametrize("reden", ["afschalen", "schakelen"])
def test_wijzigen_page_preselects_reason(km_client, vastgesteld, pip_dossier, reden):
    response = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/wijzigen/?reden={reden}")

    assert response.status_code == 200
    gekozen = re.findall(r'<input type="radio" name="reden" value="(\w+)"[^>]*checked', response.content.decode())
    assert gekozen == [reden]


def test_vaststellen_page_confirms_and_stores(km_client, concept, pip_dossier):
    url = f"/dossiers/{pip_dossier.pk}/pip/{concept.pk}/vaststellen/"
    assert "Na vaststellen" in km_client.get(url).content.decode()

    zonder_bevestiging = km_client.post(url, {"dagtekening": "2026-10-15", "versie": concept.versie})
    assert zonder_bevestiging.status_code == 200 and PIP.objects.get(pk=concept.pk).status == "concept"

    response = km_client.post(url, {"dagtekening": "2026-10-15", "versie": concept.versie, "bevestig": "on"})
    assert response.status_code == 302
    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "vastgesteld" and pip.dagtekening == dt.date(2026, 10, 15)


def test_dossier_has_pip_tab(km_client, pip_dossier):
    response = km_client.get(f"/dossiers/{pip_dossier.pk}/")
    assert f'href="/dossiers/{pip_dossier.pk}/pip/"' in response.content.decode()


def test_bezwaar_pages(km_client, vastgesteld, pip_dossier):
    response = km_client.post(
        f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/bezwaar/",
        {"ontvangen_op": "2026-11-02", "indiener": "Mr. K. Bakker, advocaat", "gronden": "Onderwijsroute"},
    )
    assert response.status_code == 302
    overzicht = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/").content.decode()
    assert "Mr. K. Bakker, advocaat" in overzicht and "beslissen" in overzicht


def test_unused_dossier_without_route_decision_explains_next_step(km_client, gemeente, klantmanager):
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, status="intake")
    html = km_client.get(f"/dossiers/{dossier.pk}/pip/").content.decode()
    assert "Neem eerst in de brede intake een besluit over de leerroute" in html
