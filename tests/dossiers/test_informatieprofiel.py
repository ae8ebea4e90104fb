"""The COA informatieprofiel on the dossier: what it shows, its health field only with the right, every read logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.accounts.models import Ketenpartner
from koers.audit.models import Toegangslog
from koers.dossiers.services import deel_met_ketenpartner
from koers.inburgeraars.services import bewaar_informatieprofiel
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db

PROFIEL = {
    "profieldatum": dt.date(2026, 10, 5),
    "gezinsgrootte": 3,
    "gezinssamenstelling": "Partner en een zoon van 4",
    "land_van_herkomst": "Eritrea",
    "talen": "Tigrinya, Arabisch",
    "opleiding": "voortgezet",
    "opleiding_toelichting": "Middelbare school in Asmara",
    "werkervaring": "Monteur, 6 jaar",
    "lichamelijke_beperkingen": "Loopt met een kruk",
    "ambities": "Een eigen garage",
    "netwerk": "Neef in Breda",
}
BEPERKING = "Loopt met een kruk"
VERBORGEN = "zijn verborgen vanwege privacy; alleen de eigen klantmanager en de teamleider zien ze."


@pytest.fixture
def coa(db):
    organisatie = KetenpartnerFactory(naam="COA", soort=Ketenpartner.Soort.COA, keurmerk=False)
    return GebruikerFactory(username="coa-tvs", rol="ketenpartner_medewerker", ketenpartner=organisatie)


@pytest.fixture
def met_profiel(gemeente, klantmanager, coa):
    persoon = InburgeraarFactory(talen="Arabisch", doelgroep="asielstatushouder")
    dossier = DossierFactory(inburgeraar=persoon, gemeente=gemeente, klantmanager=klantmanager)
    bewaar_informatieprofiel(inburgeraar=persoon, door=coa, **PROFIEL)
    return dossier


def _pagina(user, dossier):
    return verified_client(user).get(reverse("dossiers:informatieprofiel", args=[dossier.pk]))


def test_page_shows_the_current_profile_and_that_an_earlier_version_exists(met_profiel, klantmanager, coa):
    bewaar_informatieprofiel(
        inburgeraar=met_profiel.inburgeraar, door=coa, **{**PROFIEL, "ambities": "Werken als automonteur"}
    )

    antwoord = _pagina(klantmanager, met_profiel)

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    for tekst in (
        "3 personen",
        "Partner en een zoon van 4",
        "Eritrea",
        "Tigrinya, Arabisch",
        "Voortgezet onderwijs",
        "Middelbare school in Asmara",
        "Monteur, 6 jaar",
        "Werken als automonteur",
        "Neef in Breda",
        "Profiel van het COA van 5 oktober 2026",
        "1 eerdere versie is bewaard in de wijzigingshistorie",
    ):
        assert tekst in inhoud, tekst
    assert "Een eigen garage" not in inhoud  # the earlier version is history, not the current profile


def test_languages_the_person_lacks_are_pointed_out_without_repeating_the_person(met_profiel, klantmanager):
    inhoud = _pagina(klantmanager, met_profiel).content.decode()
    assert "Nog niet bij de persoonsgegevens: Tigrinya." in inhoud
    assert reverse("dossiers:persoon_bewerken", args=[met_profiel.pk]) in inhoud
    assert "0 gezinsleden geregistreerd" in inhoud


@pytest.mark.parametrize(
    ("rol", "eigen", "ziet_gezondheid"),
    [
        ("klantmanager", True, True),
        ("teamleider", False, True),
        ("klantmanager", False, False),
        ("functioneel_beheerder", False, False),
        ("regiocoordinator", False, False),
    ],
)
def test_physical_limitations_only_for_own_klantmanager_and_teamleider(
    met_profiel, klantmanager, regio, rol, eigen, ziet_gezondheid
):
    if eigen:
        gebruiker = klantmanager
    elif rol == "regiocoordinator":
        gebruiker = GebruikerFactory(username="rc", rol=rol, regio=regio)
    else:
        gebruiker = GebruikerFactory(username=f"ander-{rol}", rol=rol, gemeente=met_profiel.gemeente)

    antwoord = _pagina(gebruiker, met_profiel)

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Eritrea" in inhoud
    assert (BEPERKING in inhoud) is ziet_gezondheid
    assert (VERBORGEN in inhoud) is not ziet_gezondheid
    logs = Toegangslog.objects.filter(gebruiker=gebruiker, dossier_id=met_profiel.pk, actie="raadplegen")
    assert sorted(logs.values_list("gegevenscategorie", flat=True)) == (
        ["gezondheid", "persoonsgegevens"] if ziet_gezondheid else ["persoonsgegevens"]
    )


def test_privacy_line_shows_even_when_coa_noted_no_limitation(gemeente, klantmanager, coa):
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager)
    bewaar_informatieprofiel(inburgeraar=dossier.inburgeraar, door=coa, **{**PROFIEL, "lichamelijke_beperkingen": ""})
    collega = GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente)

    assert VERBORGEN in _pagina(collega, dossier).content.decode()  # its presence reveals nothing
    assert "niet vermeld door het COA" in _pagina(klantmanager, dossier).content.decode()


def test_no_profile_gives_a_clear_empty_state_saying_where_it_comes_from(dossier, klantmanager):
    antwoord = _pagina(klantmanager, dossier)

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Er is nog geen informatieprofiel van het COA ontvangen." in inhoud
    assert "‘Imports van COA en DUO’" in inhoud
    assert VERBORGEN not in inhoud
    logs = Toegangslog.objects.filter(gebruiker=klantmanager, dossier_id=dossier.pk)
    assert list(logs.values_list("gegevenscategorie", "omschrijving")) == [
        ("persoonsgegevens", "informatieprofiel COA")
    ]


def test_no_profile_for_a_family_migrant_explains_coa_makes_none(gemeente, klantmanager):
    dossier = DossierFactory(
        inburgeraar=InburgeraarFactory(doelgroep="gezinsmigrant"), gemeente=gemeente, klantmanager=klantmanager
    )
    inhoud = _pagina(klantmanager, dossier).content.decode()
    assert "alleen op voor asielstatushouders" in inhoud


def test_ketenpartner_other_gemeente_and_policy_staff_see_nothing(
    met_profiel, klantmanager, ketenpartner, andere_gemeente
):
    deel_met_ketenpartner(met_profiel, ketenpartner=ketenpartner, doel="Taaltraject", door=klantmanager)
    medewerker = GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=ketenpartner)
    assert verified_client(medewerker).get(reverse("dossiers:detail", args=[met_profiel.pk])).status_code == 200

    assert _pagina(medewerker, met_profiel).status_code == 404
    assert (
        _pagina(
            GebruikerFactory(username="km-ww", rol="klantmanager", gemeente=andere_gemeente), met_profiel
        ).status_code
        == 404
    )
    assert (
        _pagina(
            GebruikerFactory(username="bm", rol="beleidsmedewerker", gemeente=met_profiel.gemeente), met_profiel
        ).status_code
        == 403
    )
    assert not Toegangslog.objects.filter(omschrijving__startswith="informatieprofiel").exists()


def test_dossier_has_a_tab_to_the_profile(met_profiel, klantmanager):
    inhoud = verified_client(klantmanager).get(reverse("dossiers:detail", args=[met_profiel.pk])).content.decode()
    assert f'href="{reverse("dossiers:informatieprofiel", args=[met_profiel.pk])}">Informatieprofiel COA</a>' in inhoud


def test_profile_page_costs_a_fixed_number_of_queries(met_profiel, klantmanager, django_assert_max_num_queries):
    client = verified_client(klantmanager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dossiers:informatieprofiel", args=[met_profiel.pk])).status_code == 200
