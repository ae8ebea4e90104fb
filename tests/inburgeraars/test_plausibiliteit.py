"""Impossible birth dates are refused and unlikely ages warned about, in Dutch, with nothing saved until confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.plausibiliteit import leeftijdswaarschuwing, valideer_geboortedatum
from tests.factories import registratie_gegevens

VANDAAG = dt.date(2026, 12, 1)


_registratie = registratie_gegevens


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.parametrize("datum", ["0001-01-01", "1890-01-01", "2090-01-01", "9999-12-31"])
@pytest.mark.django_db
def test_registering_an_impossible_birth_date_is_refused_and_saves_nothing(km_client, datum):
    response = km_client.post("/dossiers/nieuw/", _registratie(geboortedatum=datum))

    assert response.status_code == 200
    tekst = response.content.decode()
    assert "toekomst" in tekst or "meer dan 120 jaar" in tekst
    assert not Inburgeraar.objects.filter(achternaam="Tesfay").exists()


@pytest.mark.parametrize(("datum", "woord"), [("2012-05-01", "jonger dan 18 jaar"), ("1950-05-01", "AOW-leeftijd")])
@pytest.mark.django_db
def test_an_unlikely_age_is_saved_only_after_the_user_confirms_it(km_client, datum, woord):
    eerste = km_client.post("/dossiers/nieuw/", _registratie(geboortedatum=datum))

    assert eerste.status_code == 200
    assert woord in eerste.content.decode()
    assert 'type="checkbox" name="leeftijd_bevestigd"' in eerste.content.decode()
    assert not Inburgeraar.objects.filter(achternaam="Tesfay").exists()

    bevestigd = km_client.post("/dossiers/nieuw/", _registratie(geboortedatum=datum, leeftijd_bevestigd="on"))

    assert bevestigd.status_code == 302
    assert Inburgeraar.objects.get(achternaam="Tesfay").geboortedatum.isoformat() == datum


@pytest.mark.django_db
def test_a_plausible_age_needs_no_confirmation(km_client):
    response = km_client.post("/dossiers/nieuw/", _registratie())

    assert response.status_code == 302


@pytest.mark.django_db
def test_editing_a_person_to_a_future_birth_date_is_refused_and_keeps_the_old_date(km_client, dossier):
    persoon = dossier.inburgeraar
    oude = persoon.geboortedatum
    data = _registratie(geboortedatum="2031-01-01", versie=persoon.versie, achternaam=persoon.achternaam)

    response = km_client.post(f"/dossiers/{dossier.pk}/persoon/", data)

    assert response.status_code == 200
    assert "Een geboortedatum kan niet in de toekomst liggen." in response.content.decode()
    persoon.refresh_from_db()
    assert persoon.geboortedatum == oude


def test_the_service_layer_refuses_impossible_dates_too():
    with pytest.raises(ValidationError):
        valideer_geboortedatum(dt.date(2027, 1, 1))
    with pytest.raises(ValidationError):
        valideer_geboortedatum(dt.date(1890, 1, 1))
    valideer_geboortedatum(dt.date(1960, 1, 1))


def test_the_age_warning_follows_the_aow_age_of_the_day():
    assert leeftijdswaarschuwing(dt.date(2008, 12, 1), op=VANDAAG) == ""  # 18 today
    assert "jonger" in leeftijdswaarschuwing(dt.date(2008, 12, 2), op=VANDAAG)
    assert "AOW" in leeftijdswaarschuwing(dt.date(1959, 12, 1), op=VANDAAG)  # 67 today
    assert leeftijdswaarschuwing(dt.date(1959, 12, 2), op=VANDAAG) == ""
    # from 2028 the AOW age is 67 years and 3 months
    assert leeftijdswaarschuwing(dt.date(1961, 1, 1), op=dt.date(2028, 3, 1)) == ""
    assert "AOW" in leeftijdswaarschuwing(dt.date(1960, 11, 1), op=dt.date(2028, 3, 1))


@pytest.mark.django_db
def test_a_long_text_field_states_its_limit_and_the_server_says_what_is_too_long(km_client):
    formulier = km_client.get("/dossiers/nieuw/").content.decode()
    assert "Maximaal 200 tekens." in formulier  # achternaam
    assert "maxlength" not in formulier  # the browser no longer cuts pasted text silently

    response = km_client.post("/dossiers/nieuw/", _registratie(achternaam="T" * 201))

    assert response.status_code == 200
    assert "200" in response.content.decode()
    assert not Inburgeraar.objects.filter(achternaam__startswith="TTT").exists()


@pytest.mark.django_db
def test_the_age_confirmation_stands_right_under_the_birth_date(km_client):
    html = km_client.post("/dossiers/nieuw/", _registratie(geboortedatum="2012-05-01")).content.decode()

    geboortedatum = html.index('name="geboortedatum"')
    bevestiging = html.index('name="leeftijd_bevestigd"')
    volgende_veld = html.index('name="geslacht"')
    assert geboortedatum < bevestiging < volgende_veld
