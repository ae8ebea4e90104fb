"""Shared fixtures: organisations, users per role with a verified second factor, and a logged-in client."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice

from tests.factories import (
    DossierFactory,
    GebruikerFactory,
    GemeenteFactory,
    KetenpartnerFactory,
    RegioFactory,
)


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(naam="Tilburg", gemeentecode="0855")


@pytest.fixture
def andere_gemeente(db):
    return GemeenteFactory(naam="Winterswijk", gemeentecode="0294")


@pytest.fixture
def regio(gemeente):
    regio = RegioFactory(naam="Regio Hart van Brabant")
    regio.gemeenten.add(gemeente)
    return regio


@pytest.fixture
def ketenpartner(db):
    return KetenpartnerFactory(naam="Taalschool De Brug")


@pytest.fixture
def klantmanager(gemeente):
    return GebruikerFactory(username="km", rol="klantmanager", gemeente=gemeente)


@pytest.fixture
def teamleider(gemeente):
    return GebruikerFactory(username="tl", rol="teamleider", gemeente=gemeente)


@pytest.fixture
def dossier(gemeente, klantmanager):
    return DossierFactory(gemeente=gemeente, klantmanager=klantmanager)


def verified_client(user) -> Client:
    """A test client logged in with a verified second factor, as after the real login page."""
    client = Client()
    client.force_login(user)
    device, _ = StaticDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def km_client(klantmanager):
    return verified_client(klantmanager)
