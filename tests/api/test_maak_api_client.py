"""Operations registers a system with one command; the secret is printed once and works for a token."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.api.conftest import token_voor
from tests.factories import KetenpartnerFactory

pytestmark = pytest.mark.django_db


def _uitvoer(*args) -> dict[str, str]:
    uit = io.StringIO()
    call_command("maak_api_client", *args, stdout=uit)
    return {regel.split(":", 1)[0]: regel.split(":", 1)[1].strip() for regel in uit.getvalue().splitlines()}


def test_a_school_client_gets_its_secret_once_and_only_the_schools_scopes(db):
    KetenpartnerFactory(naam="Taalschool Noord", soort="taalaanbieder")
    regels = _uitvoer("Administratie Taalschool Noord", "--ketenpartner", "Taalschool Noord")
    assert regels["scopes"] == "aanbod:lezen aanbod:schrijven"
    assert token_voor(regels["client_id"], regels["client_secret"])["scope"] == "aanbod:lezen aanbod:schrijven"


def test_a_gemeente_system_reads_its_gemeente(gemeente):
    regels = _uitvoer("Zaaksysteem", "--gemeente", "0855")
    assert "dossiers:lezen" in regels["scopes"].split()


def test_an_unknown_organisation_is_refused_with_a_clear_message(db):
    with pytest.raises(CommandError, match="Onbekende gemeente of ketenpartner"):
        _uitvoer("Onbekend", "--gemeente", "9999")
