"""The Termijnen tab, 'Mijn acties' and the team view, as a user sees them."""

import pytest
from django.urls import reverse

from koers.termijnen import services
from koers.termijnen.models import Termijnfeit
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory

from .helpers import D, op

pytestmark = pytest.mark.django_db


def tab(dossier):
    return reverse("termijnen:dossier", args=[dossier.pk])


def test_tab_shows_each_deadline_with_its_rule_and_legal_source(klantmanager, dossier):
    services.registreer_feit(dossier, soort="pip_vastgesteld", datum=D(2026, 10, 15), gegevens={"route": "b1"})
    with op(D(2026, 11, 1)):
        antwoord = verified_client(klantmanager).get(tab(dossier))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Einde inburgeringstermijn" in inhoud
    assert "Wet inburgering 2021, art. 11 lid 1 en 2 (Stb. 2021, 38) [L]" in inhoud
    assert "15 oktober 2029" in inhoud
    # Schakelen ends on a Saturday + Easter: the shift is explained with its source.
    assert "Algemene termijnenwet" in inhoud and "verschoven" in inhoud
    assert "koers-badge--later" in inhoud


def test_tab_records_the_default_start_event_lazily(km_client, dossier):
    km_client.get(tab(dossier))
    assert Termijnfeit.objects.filter(dossier=dossier, soort="startgebeurtenis").count() == 1


def test_tab_of_another_gemeentes_dossier_is_404(km_client, andere_gemeente):
    vreemd = DossierFactory(gemeente=andere_gemeente)
    assert km_client.get(tab(vreemd)).status_code == 404
    assert not Termijnfeit.objects.filter(dossier=vreemd).exists()


def test_registering_information_requested_suspends_the_pip_deadline(km_client, dossier):
    km_client.get(tab(dossier))
    antwoord = km_client.post(
        reverse("termijnen:info_gevraagd", args=[dossier.pk]), {"gevraagd-datum": "2026-10-01"}, follow=True
    )
    assert antwoord.status_code == 200
    assert "opgeschort" in antwoord.content.decode()
    assert Termijnfeit.objects.filter(dossier=dossier, soort="info_gevraagd", datum=D(2026, 10, 1)).exists()


def test_a_verlenging_before_the_termijn_exists_shows_an_error_and_stores_nothing(km_client, dossier):
    antwoord = km_client.post(
        reverse("termijnen:verlenging", args=[dossier.pk]),
        {"verlenging-grond": "geboorte", "verlenging-besluitdatum": "2026-10-01"},
    )
    assert antwoord.status_code == 400
    assert "Er loopt nog geen inburgeringstermijn" in antwoord.content.decode()
    assert not Termijnfeit.objects.filter(soort="verlenging").exists()


def test_a_verlenging_moves_the_end_shown_on_the_tab(dossier, klantmanager):
    services.registreer_feit(dossier, soort="pip_vastgesteld", datum=D(2026, 10, 15), gegevens={"route": "b1"})
    with op(D(2029, 5, 1)):  # sessions expire: log in at the frozen time
        antwoord = verified_client(klantmanager).post(
            reverse("termijnen:verlenging", args=[dossier.pk]),
            {"verlenging-grond": "geboorte", "verlenging-besluitdatum": "2029-05-01"},
            follow=True,
        )
    assert "4 februari 2030" in antwoord.content.decode()


def test_ketenpartner_cannot_register_facts(dossier, ketenpartner):
    kp = GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=ketenpartner)
    antwoord = verified_client(kp).post(
        reverse("termijnen:info_gevraagd", args=[dossier.pk]), {"gevraagd-datum": "2026-10-01"}
    )
    assert antwoord.status_code == 404
    assert not Termijnfeit.objects.filter(soort="info_gevraagd").exists()


def test_mijn_acties_shows_a_deadline_due_within_two_weeks(klantmanager, dossier):
    services.zorg_voor_startgebeurtenis(dossier)  # PIP due 10 November 2026
    with op(D(2026, 11, 1)):
        inhoud = verified_client(klantmanager).get(reverse("termijnen:acties")).content.decode()
    assert "Binnen 2 weken" in inhoud and dossier.inburgeraar.achternaam in inhoud
    assert "koers-badge--soon" in inhoud
    with op(D(2026, 11, 11)):
        inhoud = verified_client(klantmanager).get(reverse("termijnen:acties")).content.decode()
    assert "koers-badge--overdue" in inhoud and "koers-badge--soon" not in inhoud


def test_mijn_acties_is_in_the_main_menu_for_a_klantmanager(km_client):
    inhoud = km_client.get(reverse("termijnen:acties")).content.decode()
    assert 'href="/acties/" aria-current="page"' in inhoud


def test_team_view_is_for_teamleiders_only(km_client, teamleider, dossier):
    services.zorg_voor_startgebeurtenis(dossier)
    assert km_client.get(reverse("termijnen:team")).status_code == 403
    with op(D(2026, 11, 1)):
        antwoord = verified_client(teamleider).get(reverse("termijnen:team"))
    assert antwoord.status_code == 200
    assert str(dossier.klantmanager.last_name) in antwoord.content.decode()


def test_team_drill_down_to_another_gemeentes_klantmanager_is_404(teamleider, andere_gemeente):
    vreemd = GebruikerFactory(username="km.ww", rol="klantmanager", gemeente=andere_gemeente)
    url = reverse("termijnen:team_klantmanager", args=[vreemd.pk])
    assert verified_client(teamleider).get(url).status_code == 404


def test_a_deadline_that_falls_today_is_not_yet_overdue(klantmanager, dossier):
    from koers.dossiers.models import TijdlijnGebeurtenis
    from koers.termijnen import selectors, signalering

    services.zorg_voor_startgebeurtenis(dossier)  # PIP due Tuesday 10 November 2026
    with op(D(2026, 11, 10)):
        acties = verified_client(klantmanager).get(reverse("termijnen:acties"))
        tabblad = verified_client(klantmanager).get(tab(dossier))
        tellingen = selectors.actie_tellingen(klantmanager)
        assert signalering.meld_verlopen_termijnen()["verlopen"] == 0
    assert acties.status_code == 200 and tabblad.status_code == 200
    assert "koers-badge--soon" in acties.content.decode() and "koers-badge--overdue" not in acties.content.decode()
    assert "koers-badge--overdue" not in tabblad.content.decode()
    assert tellingen.totaal["verlopen"] == 0 and tellingen.totaal["binnenkort"] == 1
    assert not TijdlijnGebeurtenis.objects.filter(dossier=dossier, soort="termijn_verlopen").exists()
    with op(D(2026, 11, 11)):
        assert signalering.meld_verlopen_termijnen()["verlopen"] == 1
        assert "koers-badge--overdue" in verified_client(klantmanager).get(tab(dossier)).content.decode()
    assert TijdlijnGebeurtenis.objects.filter(dossier=dossier, soort="termijn_verlopen").count() == 1
