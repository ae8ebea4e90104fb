"""Fixtures for the offer: providers with and without keurmerk, contracts, enrolments, real vastgestelde PIPs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from koers.aanbod.models import Contract, Product
from koers.aanbod.services import schrijf_in, wijzig_inschrijving_status
from tests.factories import KetenpartnerFactory


@pytest.fixture(autouse=True)
def vaste_dag():
    with time_machine.travel(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def met_keurmerk(db):
    return KetenpartnerFactory(naam="Taalschool De Brug", keurmerk=True, keurmerk_geldig_tot=dt.date(2028, 12, 31))


@pytest.fixture
def zonder_keurmerk(db):
    return KetenpartnerFactory(naam="Taalpunt", keurmerk=False, keurmerk_nummer="", keurmerk_geldig_tot=None)


@pytest.fixture
def contract(gemeente, met_keurmerk):
    return Contract.objects.create(
        ketenpartner=met_keurmerk,
        gemeente=gemeente,
        product=Product.B1_ROUTE,
        prijs=10000,
        capaciteit=40,
        start=dt.date(2026, 1, 1),
    )


def stel_pip_vast(dossier, door, *, route: str = "b1", dagtekening: dt.date = dt.date(2026, 1, 2), niveaus=None):
    """A real vastgesteld PIP for ``dossier`` through the intake and PIP services, made on its dagtekening day.

    ``niveaus`` lowers exam components in the language part, e.g. ``{"spreken": "A2"}`` (afschalen in the PIP).
    """
    from koers.pip import services as pip_services
    from koers.pip.models import PIPInstelling
    from tests.pip.conftest import neem_routebesluit

    PIPInstelling.objects.get_or_create(
        gemeente=dossier.gemeente,
        defaults={
            "vier_ogen": False,
            "bezwaaradres": "College van burgemeester en wethouders\nPostbus 1\n5000 AA Tilburg",
            "ondertekenaar_naam": "J. de Wit",
            "ondertekenaar_functie": "Teamleider Inburgering",
        },
    )
    if dossier.aangemeld_op > dagtekening:
        dossier.aangemeld_op = dagtekening - dt.timedelta(days=60)
        dossier.save(update_fields=["aangemeld_op"])
    moment = dt.datetime.combine(dagtekening, dt.time(9, 0), tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        neem_routebesluit(dossier, door, route=route)
        pip = pip_services.maak_concept(dossier, door=door)
        pip_services.voeg_onderdeel_toe(
            pip,
            door=door,
            soort="taal",
            niveau="B1" if route != "z" else "A1",
            niveaus_per_vaardigheid=niveaus or {},
            uren_per_week=12,
            aanbieder="Taalschool De Brug",
        )
        pip.refresh_from_db()
        return pip_services.stel_vast(pip, door=door, dagtekening=dagtekening)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def b1_pip(dossier, klantmanager):
    """The dossier's vastgestelde PIP with the B1-route (dagtekening 2 January 2026)."""
    return stel_pip_vast(dossier, klantmanager, route="b1")


@pytest.fixture
def z_pip(dossier, klantmanager):
    return stel_pip_vast(dossier, klantmanager, route="z")


@pytest.fixture
def gestart(dossier, klantmanager, met_keurmerk):
    """A B1-route enrolment at a keurmerk school that has started."""
    inschrijving = schrijf_in(
        dossier,
        door=klantmanager,
        product=Product.B1_ROUTE,
        ketenpartner=met_keurmerk,
        aangemeld_op=dt.date(2026, 1, 5),
    )
    return wijzig_inschrijving_status(inschrijving, naar="gestart", door=klantmanager, op=dt.date(2026, 1, 12))
