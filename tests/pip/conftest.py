"""PIP fixtures: a dossier with a route decision from the brede intake, and PIPs at each stage."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from koers.intake.advies import AdviesInvoer, adviseer, regelset_op
from koers.intake.models import BredeIntake, RouteAdvies, RouteBesluit, Vragenlijst
from koers.pip import services
from koers.pip.models import PIPInstelling
from koers.utils.clock import nu
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def neem_routebesluit(dossier, door, *, route: str = "b1", motivatie: str = "") -> RouteBesluit:
    """A completed intake with an engine advice and the klantmanager's decision, created directly."""
    vragenlijst = Vragenlijst.objects.order_by("nummer").first() or Vragenlijst.objects.create(
        nummer=99, geldig_vanaf=dt.date(2022, 1, 1), status="actief"
    )
    intake = BredeIntake.objects.create(
        dossier=dossier,
        vragenlijst=vragenlijst,
        status="afgerond",
        gestart_op=nu(),
        afgerond_op=nu(),
        afgerond_door=door,
    )
    invoer = AdviesInvoer(
        leeftijd=30,
        doelgroep="asielstatushouder",
        lbt="b1_haalbaar",
        lbt_score=520,
        opleidingsniveau="voortgezet",
        geletterdheid="gealfabetiseerd_ander_schrift",
        ambitie="werk",
        gezondheidsbeperking_leren=False,
    )
    advies = adviseer(invoer, regelset_op(dt.date(2026, 1, 1)))
    route_advies = RouteAdvies.objects.create(
        intake=intake,
        route=advies.route.value,
        gegevens=advies.to_dict(),
        regelset_versie=advies.regelset_versie,
        gemaakt_op=nu(),
        gemaakt_door=door,
    )
    return RouteBesluit.objects.create(
        intake=intake,
        advies=route_advies,
        route=route,
        motivatie=motivatie or "Mevrouw wil snel aan het werk en leert makkelijk.",
        besloten_door=door,
        besloten_op=nu(),
    )


# The route decision and the concept are made on this day, so a beschikking dated 15 October 2026 is plausible
# (a dagtekening may not lie before the route decision or the PIP's creation, nor in the future).
OPGESTELD_OP = dt.datetime(2026, 10, 15, 8, tzinfo=dt.UTC)


@pytest.fixture
def pip_dossier(gemeente, klantmanager):
    persoon = InburgeraarFactory(voornamen="Amina", achternaam="Haddad", adres="Piusplein 12, 5038 WL Tilburg")
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, inburgeraar=persoon, status="intake")
    with time_machine.travel(OPGESTELD_OP):
        neem_routebesluit(dossier, klantmanager)
    return dossier


@pytest.fixture
def instelling(gemeente):
    return PIPInstelling.objects.create(
        gemeente=gemeente,
        vier_ogen=False,
        bezwaaradres="College van burgemeester en wethouders van Tilburg\nPostbus 90155\n5000 LH Tilburg",
        ondertekenaar_naam="J. de Wit",
        ondertekenaar_functie="Teamleider Inburgering",
    )


@pytest.fixture
def concept(pip_dossier, klantmanager, instelling):
    with time_machine.travel(OPGESTELD_OP):
        pip = services.maak_concept(pip_dossier, door=klantmanager)
        services.voeg_onderdeel_toe(
            pip, door=klantmanager, soort="taal", niveau="B1", uren_per_week=12, aanbieder="De Brug"
        )
        services.voeg_onderdeel_toe(pip, door=klantmanager, soort="knm", niveau="", uren_per_week=2)
    pip.refresh_from_db()
    return pip


@pytest.fixture
def vastgesteld(concept, klantmanager):
    with time_machine.travel(OPGESTELD_OP + dt.timedelta(hours=4)):
        return services.stel_vast(concept, door=klantmanager, dagtekening=dt.date(2026, 10, 15))


@pytest.fixture
def andere_teamleider(andere_gemeente):
    return GebruikerFactory(username="tl.ander", rol="teamleider", gemeente=andere_gemeente)
