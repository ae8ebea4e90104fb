"""Every API list costs a fixed number of queries, however many items its page holds (no query per row)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.accounts.models import Gebruiker, Ketenpartner
from koers.demo.seed import seed
from tests.api.conftest import sessieclient, systeemclient

pytestmark = pytest.mark.django_db

ALS_KLANTMANAGER = [
    "dossiers",
    "inburgeraars",
    "brede-intakes",
    "leerbaarheidstoetsen",
    "route-adviezen",
    "routebesluiten",
    "pips",
    "termijnen",
    "inschrijvingen",
    "urenregistraties",
    "examenresultaten",
    "voortgangsgesprekken",
    "contracten",
]
ALS_TAALSCHOOL = ["inschrijvingen", "urenregistraties", "klassen", "deelnemers", "examenresultaten"]


def _queries(client, pad: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as gevangen:
        response = client.get(pad)
    assert response.status_code == 200, (pad, response.content[:300])
    return len(gevangen), len(response.json()["results"])


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        seed(grootte=40, seed=2026, peildatum=dt.date(2026, 11, 2))
        yield
        transaction.set_rollback(True)


def _vergelijk(client, resource: str) -> None:
    groot, n_groot = _queries(client, f"/api/v1/{resource}?aantal=20")
    if n_groot < 3:
        pytest.skip(f"the demo has too few {resource} to compare")
    klein, n_klein = _queries(client, f"/api/v1/{resource}?aantal={n_groot - 1}")
    assert groot == klein, f"{resource}: {klein} queries for {n_klein} items, {groot} for {n_groot}"


@pytest.mark.parametrize("resource", ALS_KLANTMANAGER)
def test_a_klantmanagers_list_costs_the_same_whatever_its_page_holds(demo, resource):
    teamleider = Gebruiker.objects.filter(rol="teamleider", gemeente__naam="Tilburg").first()
    _vergelijk(sessieclient(teamleider), resource)


@pytest.mark.parametrize("resource", ALS_TAALSCHOOL)
def test_a_language_schools_list_costs_the_same_whatever_its_page_holds(demo, resource):
    school = Ketenpartner.objects.get(naam="Taalschool De Brug")
    _vergelijk(systeemclient(ketenpartner=school), resource)
