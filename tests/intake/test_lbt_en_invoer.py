"""Issue 16: the LBT is part of the brede intake (provisional advice without it), plausible LBT dates, the 2023
dispensation, truthful labels and stated input limits on the intake forms."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.intake import selectors, services
from koers.intake.models import Leerbaarheidstoets
from tests.conftest import verified_client

from .conftest import alle_verplichte_antwoorden

VANDAAG = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _vaste_klok():
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture
def zonder_lbt(intake, klantmanager, gehouden_gesprek):
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden=alle_verplichte_antwoorden(intake), verwachte_versie=intake.versie
    )
    services.registreer_lbt(intake, door=klantmanager, uitkomst="niet_afgenomen")
    intake.refresh_from_db()
    return intake


def test_intake_without_lbt_completes_with_a_provisional_advice_that_says_why(zonder_lbt, klantmanager, km_client):
    services.rond_intake_af(zonder_lbt, door=klantmanager)
    advies = selectors.laatste_advies(zonder_lbt)
    assert advies.advies.voorlopig
    response = km_client.get(reverse("intake:advies", args=[zonder_lbt.dossier_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorlopig advies" in html
    assert "de leerbaarheidstoets is niet afgenomen en er is geen dispensatie" in html
    assert "art. 14" in html


def test_route_decision_on_a_provisional_advice_needs_a_written_reason(zonder_lbt, klantmanager, km_client):
    services.rond_intake_af(zonder_lbt, door=klantmanager)
    advies = selectors.laatste_advies(zonder_lbt)
    url = reverse("intake:besluit", args=[zonder_lbt.dossier_id])
    assert "Het advies is voorlopig" in km_client.get(url).content.decode()
    response = km_client.post(url, {"route": advies.route, "advies": advies.pk, "motivatie": ""})
    assert response.status_code == 200
    assert "voorlopig" in response.content.decode()
    assert selectors.routebesluit(zonder_lbt.dossier) is None
    response = km_client.post(
        url, {"route": advies.route, "advies": advies.pk, "motivatie": "Toets kan pas over vier maanden."}
    )
    assert response.status_code == 302
    assert selectors.routebesluit(zonder_lbt.dossier).route == advies.route


def test_lbt_dated_in_the_future_is_refused_and_nothing_is_saved(intake, klantmanager, km_client):
    with pytest.raises(ValidationError) as fout:
        services.registreer_lbt(
            intake, door=klantmanager, uitkomst="b1_haalbaar", datum=dt.date(2031, 3, 1), afgenomen_in="azc"
        )
    assert "datum" in fout.value.error_dict
    response = km_client.post(
        reverse("intake:lbt", args=[intake.dossier_id]),
        {"uitkomst": "b1_haalbaar", "datum": "2031-03-01", "afgenomen_in": "azc"},
    )
    assert response.status_code == 200
    assert "De datum van de afname ligt in de toekomst" in response.content.decode()
    assert not Leerbaarheidstoets.objects.filter(intake=intake).exists()


def test_dispensation_decided_before_2023_is_refused(intake, klantmanager):
    with pytest.raises(ValidationError) as fout:
        services.registreer_lbt(
            intake,
            door=klantmanager,
            uitkomst="dispensatie",
            dispensatie_grond=Leerbaarheidstoets.Dispensatiegrond.values[0],
            besluit_datum=dt.date(2022, 11, 1),
        )
    assert "1 januari 2023" in str(fout.value.error_dict["besluit_datum"])
    assert not Leerbaarheidstoets.objects.filter(intake=intake).exists()
    toets = services.registreer_lbt(
        intake,
        door=klantmanager,
        uitkomst="dispensatie",
        dispensatie_grond=Leerbaarheidstoets.Dispensatiegrond.values[0],
        besluit_datum=dt.date(2023, 1, 2),
    )
    assert toets.uitkomst == "dispensatie"


def test_lbt_form_labels_afgenomen_in_truthfully(intake, km_client):
    html = km_client.get(reverse("intake:lbt", args=[intake.dossier_id])).content.decode()
    label = html[html.index('for="id_afgenomen_in"') :][:300]
    assert "niet verplicht" not in label
    assert "verplicht bij een uitslag" in html.lower()


def test_intake_forms_state_the_maximum_length_of_text_fields(intake, km_client):
    html = km_client.get(reverse("intake:gesprekken", args=[intake.dossier_id])).content.decode()
    assert "Maximaal 200 tekens" in html and "Maximaal 100 tekens" in html
    vragen = km_client.get(reverse("intake:vragenlijst", args=[intake.dossier_id])).content.decode()
    assert "Maximaal 4000 tekens" in vragen


def test_other_gemeente_klantmanager_has_no_health_right_on_the_intake(intake, andere_gemeente):
    from tests.factories import GebruikerFactory

    buiten = GebruikerFactory(username="km.ww", rol="klantmanager", gemeente=andere_gemeente)
    assert verified_client(buiten).get(reverse("intake:advies", args=[intake.dossier_id])).status_code == 404
