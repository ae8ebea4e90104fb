"""The permission matrix of the case resources: caller × resource × own/other gemeente, list and detail.

The same rules as the pages: a gemeente's staff and systems see their own gemeente; a language school, COA and DUO
see no case data at all; a beleidsmedewerker sees no person; another gemeente's items are 404, never 403.
"""

from __future__ import annotations

import pytest

from koers.intake import services as intake_services
from koers.intake.models import Vragenlijst
from koers.termijnen.services import zorg_voor_startgebeurtenis
from tests.api.conftest import sessieclient, systeemclient
from tests.factories import DossierFactory, GebruikerFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["inburgeraars", "dossiers", "brede-intakes", "termijnen"]


@pytest.fixture
def wereld(gemeente, andere_gemeente, klantmanager):
    """A dossier with an intake and deadlines in each gemeente."""
    Vragenlijst.objects.get(nummer=1)
    uit = {}
    for naam, g, km in (
        ("eigen", gemeente, klantmanager),
        ("ander", andere_gemeente, GebruikerFactory(username="km-ander", rol="klantmanager", gemeente=andere_gemeente)),
    ):
        dossier = DossierFactory(gemeente=g, klantmanager=km)
        intake = intake_services.start_intake(dossier, door=km)
        zorg_voor_startgebeurtenis(dossier)
        uit[naam] = {
            "inburgeraars": dossier.inburgeraar_id,
            "dossiers": dossier.pk,
            "brede-intakes": intake.pk,
            "termijnen": dossier.termijnen.first().pk,
        }
    return uit


def _bellers(gemeente):
    return {
        "klantmanager (sessie)": lambda: sessieclient(GebruikerFactory(rol="klantmanager", gemeente=gemeente)),
        "teamleider (sessie)": lambda: sessieclient(GebruikerFactory(rol="teamleider", gemeente=gemeente)),
        "gemeentesysteem": lambda: systeemclient(gemeente=gemeente),
        "beleidsmedewerker (sessie)": lambda: sessieclient(
            GebruikerFactory(rol="beleidsmedewerker", gemeente=gemeente)
        ),
        "taalaanbieder": lambda: systeemclient(ketenpartner=KetenpartnerFactory(soort="taalaanbieder")),
        "COA": lambda: systeemclient(ketenpartner=KetenpartnerFactory(soort="coa")),
        "DUO": lambda: systeemclient(ketenpartner=KetenpartnerFactory(soort="duo")),
    }


# What each caller gets for the list and for an item of its own gemeente; another gemeente's item is always 404
# (or the same refusal as the list, when the caller may not use the resource at all).
VERWACHT = {
    "klantmanager (sessie)": (200, 200),
    "teamleider (sessie)": (200, 200),
    "gemeentesysteem": (200, 200),
    "beleidsmedewerker (sessie)": (403, 403),
    "taalaanbieder": (403, 403),
    "COA": (403, 403),
    "DUO": (403, 403),
}


@pytest.mark.parametrize("beller", list(VERWACHT))
@pytest.mark.parametrize("resource", RESOURCES)
def test_each_caller_reaches_exactly_its_own_gemeentes_case_data(beller, resource, wereld, gemeente):
    client = _bellers(gemeente)[beller]()
    lijst_status, eigen_status = VERWACHT[beller]
    lijst = client.get(f"/api/v1/{resource}")
    assert lijst.status_code == lijst_status, lijst.content
    eigen = client.get(f"/api/v1/{resource}/{wereld['eigen'][resource]}")
    assert eigen.status_code == eigen_status
    ander = client.get(f"/api/v1/{resource}/{wereld['ander'][resource]}")
    assert ander.status_code == (404 if eigen_status == 200 else eigen_status)
    if lijst_status == 200:
        ids = {r["id"] for r in lijst.json()["results"]}
        assert wereld["eigen"][resource] in ids
        assert wereld["ander"][resource] not in ids
    assert lijst["Content-Type"] == ("application/json" if lijst_status == 200 else "application/problem+json")


@pytest.mark.parametrize("beller", ["gemeentesysteem", "taalaanbieder", "COA", "DUO", "teamleider (sessie)"])
def test_only_a_klantmanager_or_teamleider_session_may_register_and_systems_never(beller, gemeente):
    client = _bellers(gemeente)[beller]()
    response = client.post(
        "/api/v1/dossiers",
        {
            "voornamen": "Sara",
            "achternaam": "Tesfay",
            "geboortedatum": "1990-01-01",
            "nationaliteit": "Eritrees",
            "doelgroep": "asielstatushouder",
        },
        format="json",
    )
    assert response.status_code == (201 if beller == "teamleider (sessie)" else 403), response.content
