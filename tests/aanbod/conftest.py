"""Fixtures for the offer: providers with and without keurmerk, contracts, enrolments, a settable leerroute."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from koers.aanbod import bronnen
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


@pytest.fixture
def route(monkeypatch):
    """Set the dossier's leerroute (and first PIP dagtekening) as the PIP would give them."""

    class Route:
        def zet(self, code, dagtekening=None):
            monkeypatch.setattr(bronnen, "leerroute", lambda dossier: code)
            monkeypatch.setattr(bronnen, "eerste_pip_dagtekening", lambda dossier: dagtekening)

    r = Route()
    r.zet("b1")
    return r


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
