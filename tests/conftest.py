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


@pytest.fixture(scope="session", autouse=True)
def _flush_leegt_ook_de_toegangslog():
    """Transactional tests (the browser journeys) empty the database with one TRUNCATE afterwards, and on PostgreSQL
    the access log refuses TRUNCATE (audit 0003). The test database's superuser empties it as a DBA would: with
    triggers off for that statement only (``session_replication_role = replica``, which the app's role may not set)."""
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no psycopg: SQLite only, nothing to do
        yield
        return
    origineel = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            origineel(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = origineel


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
