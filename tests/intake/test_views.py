"""Intake pages: health answers only for the own klantmanager and teamleider, logged; 404 outside scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from koers.audit.models import Toegangslog
from koers.dossiers.models import DossierDeling, TijdlijnGebeurtenis
from koers.intake import selectors, services
from tests.conftest import verified_client
from tests.factories import GebruikerFactory

from .conftest import alle_verplichte_antwoorden

GEZONDHEIDSVRAAG = "Zijn er psychische klachten"


@pytest.fixture
def met_gezondheidsantwoord(intake, klantmanager):
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden={"gezondheid_psychisch": "Nachtmerries."}, verwachte_versie=intake.versie
    )
    return intake


def _gezondheidslog(intake):
    return Toegangslog.objects.filter(dossier_id=intake.dossier_id, gegevenscategorie="gezondheid", actie="raadplegen")


@pytest.mark.parametrize("wie", ["klantmanager", "teamleider"])
def test_health_answers_visible_to_own_klantmanager_and_teamleider_and_logged(request, met_gezondheidsantwoord, wie):
    intake = met_gezondheidsantwoord
    client = verified_client(request.getfixturevalue(wie))
    antwoord = client.get(reverse("intake:vragenlijst", args=[intake.dossier_id]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert GEZONDHEIDSVRAAG in html and "Nachtmerries." in html
    assert "verborgen vanwege privacy" not in html
    assert _gezondheidslog(intake).count() == 1


def test_health_answers_hidden_from_another_klantmanager_of_the_same_gemeente(met_gezondheidsantwoord, gemeente):
    intake = met_gezondheidsantwoord
    ander = GebruikerFactory(username="km-ander", rol="klantmanager", gemeente=gemeente)
    antwoord = verified_client(ander).get(reverse("intake:vragenlijst", args=[intake.dossier_id]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Nachtmerries." not in html and GEZONDHEIDSVRAAG not in html
    assert "verborgen vanwege privacy" in html
    assert "Wat is de hoogst afgeronde" in html
    assert not _gezondheidslog(intake).exists()
    assert Toegangslog.objects.filter(dossier_id=intake.dossier_id, gebruiker=ander, actie="raadplegen").count() == 1


def test_other_klantmanager_cannot_overwrite_health_answers_by_posting(met_gezondheidsantwoord, gemeente):
    intake = met_gezondheidsantwoord
    ander = GebruikerFactory(username="km-ander", rol="klantmanager", gemeente=gemeente)
    intake.refresh_from_db()
    antwoord = verified_client(ander).post(
        reverse("intake:vragenlijst", args=[intake.dossier_id]),
        {"versie": intake.versie, "actie": "concept", "gezondheid_psychisch": "", "werk_ervaring": "Bakker."},
    )
    assert antwoord.status_code == 302
    assert selectors.antwoorden(intake)["gezondheid_psychisch"] == "Nachtmerries."
    assert selectors.antwoorden(intake)["werk_ervaring"] == "Bakker."


def test_intake_is_404_for_other_gemeente_and_for_ketenpartner_even_when_shared(
    met_gezondheidsantwoord, andere_gemeente, ketenpartner, klantmanager
):
    intake = met_gezondheidsantwoord
    buiten = GebruikerFactory(username="km-ww", rol="klantmanager", gemeente=andere_gemeente)
    partner = GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=ketenpartner)
    DossierDeling.objects.create(
        dossier=intake.dossier, ketenpartner=ketenpartner, doel="taal", gedeeld_door=klantmanager
    )
    for gebruiker in (buiten, partner):
        client = verified_client(gebruiker)
        for naam in ("overzicht", "vragenlijst", "advies", "lbt", "gesprekken"):
            antwoord = client.get(reverse(f"intake:{naam}", args=[intake.dossier_id]))
            assert antwoord.status_code == 404, (gebruiker.username, naam)
            assert b"Nachtmerries" not in antwoord.content
    assert not Toegangslog.objects.filter(gebruiker__in=[buiten, partner]).exists()


def test_start_draft_and_complete_in_the_browser_flow(dossier, km_client, vragenlijst_v1, klantmanager):
    url = reverse("intake:starten", args=[dossier.pk])
    assert km_client.post(url).status_code == 302
    intake = selectors.intake_van(dossier)
    vragenlijst_url = reverse("intake:vragenlijst", args=[dossier.pk])
    antwoord = km_client.post(
        vragenlijst_url, {"versie": intake.versie, "actie": "afronden", "werk_ervaring": "Kapper."}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'href="#id_ambitie_hoofddoel' in html  # the error summary links to the missing question
    assert "Er is nog geen gehouden intakegesprek vastgelegd." in html
    assert selectors.antwoorden(intake)["werk_ervaring"] == "Kapper."  # the draft was kept
    intake.refresh_from_db()
    assert not intake.is_afgerond


def test_advice_page_explains_all_three_routes_with_citations(klaar_voor_afronden, km_client, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    html = km_client.get(reverse("intake:advies", args=[intake.dossier_id])).content.decode()
    for route in ("B1-route", "Onderwijsroute", "Z-route"):
        assert route in html
    assert "Wet inburgering 2021, art. 14 (Stb. 2021, 38) [L]" in html
    assert "ECLI:NL:RVS:2024:5413" in html
    assert html.count("overwogen, niet geadviseerd") == 2


def test_decision_form_shows_motivation_error_linked_to_field(klaar_voor_afronden, km_client, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    advies = selectors.laatste_advies(intake)
    ander = "z" if advies.route != "z" else "b1"
    url = reverse("intake:besluit", args=[intake.dossier_id])
    antwoord = km_client.post(url, {"route": ander, "motivatie": "", "advies": advies.pk})
    assert antwoord.status_code == 200
    assert 'href="#id_motivatie"' in antwoord.content.decode()
    assert selectors.routebesluit(intake.dossier) is None
    antwoord = km_client.post(url, {"route": ander, "motivatie": "Past beter.", "advies": advies.pk})
    assert antwoord.status_code == 302
    assert selectors.routebesluit(intake.dossier).route == ander
    assert TijdlijnGebeurtenis.objects.filter(dossier=intake.dossier, soort="routebesluit").count() == 1


def test_other_klantmanager_sees_advice_without_the_health_argument(intake, klantmanager, gemeente, gehouden_gesprek):
    services.bewaar_antwoorden(
        intake,
        door=klantmanager,
        antwoorden=alle_verplichte_antwoorden(intake, gezondheid_beperkt_leren=True),
        verwachte_versie=intake.versie,
    )
    services.registreer_lbt(intake, door=klantmanager, uitkomst="niet_afgenomen")
    services.rond_intake_af(intake, door=klantmanager)
    ander = GebruikerFactory(username="km-ander", rol="klantmanager", gemeente=gemeente)
    html = verified_client(ander).get(reverse("intake:advies", args=[intake.dossier_id])).content.decode()
    assert "De gezondheid beperkt het leervermogen." not in html
    assert "verborgen vanwege privacy" in html
    eigen = verified_client(klantmanager).get(reverse("intake:advies", args=[intake.dossier_id])).content.decode()
    assert "De gezondheid beperkt het leervermogen." in eigen
    assert _gezondheidslog(intake).filter(gebruiker=klantmanager).count() == 1
