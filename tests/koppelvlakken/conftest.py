"""Fixtures for the import pipeline: a beheerder of Tilburg, COA's and DUO's system clients, file builders."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine

from koers.accounts.models import Ketenpartner
from koers.koppelvlakken import services
from koers.koppelvlakken.mappings import COA_V1, DUO_V1
from tests.conftest import verified_client
from tests.factories import GebruikerFactory, KetenpartnerFactory, geldig_bsn


@pytest.fixture(autouse=True)
def _vaste_tijd():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def beheerder(gemeente):
    return GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente)


@pytest.fixture
def fb_client(beheerder):
    return verified_client(beheerder)


@pytest.fixture
def coa_systeem(db):
    coa = KetenpartnerFactory(naam="COA", soort=Ketenpartner.Soort.COA, keurmerk=False)
    return GebruikerFactory(username="coa-tvs", rol="ketenpartner_medewerker", ketenpartner=coa)


@pytest.fixture
def duo_systeem(db):
    duo = KetenpartnerFactory(naam="DUO", soort=Ketenpartner.Soort.DUO, keurmerk=False)
    return GebruikerFactory(username="duo-portaal", rol="ketenpartner_medewerker", ketenpartner=duo)


def csv_bytes(mapping, rijen: list[dict]) -> bytes:
    """A CSV with the mapping's column names; each row gives internal field names."""
    kolommen = mapping.kolommen()
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(kolommen.values())
    for rij in rijen:
        schrijver.writerow([rij.get(naam, "") for naam in kolommen])
    return buffer.getvalue().encode()


def coa_rij(n: int = 1, **extra) -> dict:
    return {
        "bsn": geldig_bsn(500 + n),
        "v_nummer": f"{2000000000 + n}",
        "voornamen": "Yonas",
        "achternaam": f"Tesfay{n}",
        "geboortedatum": "1994-02-03",
        "geslacht": "M",
        "nationaliteit": "Eritrees",
        "gemeentecode": "0855",
        "koppelingsdatum": "2026-10-01",
        "azc_locatie": "AZC Gilze",
        "profieldatum": "2026-10-05",
        "gezinsgrootte": "3",
        "gezinssamenstelling": "partner en een kind",
        "land_van_herkomst": "Eritrea",
        "talen": "Tigrinya, Arabisch",
        "opleiding": "voortgezet",
        "werkervaring": "monteur, 6 jaar",
        "lichamelijke_beperkingen": "loopt met een kruk",
        "ambities": "eigen garage",
        "netwerk": "neef in Breda",
        **extra,
    }


def duo_rij(signaal: str, soort: str, **extra) -> dict:
    return {"signaal_id": signaal, "soort": soort, "gemeentecode": "0855", **extra}


def importeer(door, bron: str, inhoud: bytes, *, formaat: str = "csv", gemeente=None):
    """Deliver through the service; the (eager) task runs on commit, so run it here as the worker would."""
    imp = services.ontvang_import(
        door=door,
        bron=bron,
        formaat=formaat,
        mappingversie="v1",
        inhoud=inhoud,
        bestandsnaam=f"x.{formaat}",
        gemeente=gemeente,
    )
    return services.verwerk_import(imp.pk)


__all__ = ["COA_V1", "DUO_V1", "coa_rij", "csv_bytes", "duo_rij", "importeer"]
