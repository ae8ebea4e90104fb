"""Two real requests with the same one-time key at the same moment (a double click reaching two app servers):
PostgreSQL's unique constraint lets exactly one of them create. SQLite has one writer, so this runs on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from koers.aanbod.models import Inschrijving
from koers.utils.models import Formulierverzending
from tests.aanbod.test_eenmalig import aanbod, sleutel_van
from tests.conftest import verified_client

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="two concurrent writers need PostgreSQL"),
]


def test_two_simultaneous_posts_of_one_form_create_one_enrolment(klantmanager, dossier, met_keurmerk):
    from django.db import connections

    sleutel = sleutel_van(verified_client(klantmanager), aanbod(dossier, "aanmelden/"))
    data = {
        "product": "b1_route",
        "ketenpartner": met_keurmerk.pk,
        "aangemeld_op": "2026-11-15",
        "formuliersleutel": sleutel,
    }
    start = threading.Barrier(2)
    antwoorden: list = []

    def verstuur():
        client = verified_client(klantmanager)
        start.wait()
        try:
            antwoorden.append(client.post(aanbod(dossier, "aanmelden/"), data))
        finally:
            connections.close_all()

    draden = [threading.Thread(target=verstuur) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)

    assert [a.status_code for a in antwoorden] == [302, 302]
    assert antwoorden[0]["Location"] == antwoorden[1]["Location"]
    assert Inschrijving.objects.filter(dossier=dossier).count() == 1
    assert Formulierverzending.objects.filter(sleutel=sleutel).count() == 1
    assert connection.vendor == "postgresql"


def test_eight_simultaneous_stale_class_hour_entries_save_once_and_the_others_conflict(
    gemeente, met_keurmerk, klantmanager
):
    """The reviewer's scenario, with real concurrency: eight forms read before the month had hours, sent at once."""
    import datetime as dt
    from decimal import Decimal

    from django.db import connections

    from koers.aanbod.models import Klas, Product, Urenregistratie
    from koers.aanbod.services import KlasurenFout, Uren, registreer_klasuren, schrijf_in
    from tests.factories import DossierFactory

    klas = Klas.objects.create(ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1-avond", product=Product.B1_ROUTE)
    leden = [
        schrijf_in(DossierFactory(gemeente=gemeente), door=klantmanager, product="b1_route", ketenpartner=met_keurmerk)
        for _ in range(2)
    ]
    klas.leden.set(leden)
    start = threading.Barrier(8)
    uitkomsten: list[str] = []

    def voer_in(n: int):
        regels = {lid.pk: Uren(Decimal(40 + n), in_persoon=Decimal(10)) for lid in leden}
        start.wait()
        try:
            registreer_klasuren(klas, periode=dt.date(2026, 10, 1), soort="taal", regels=regels, door=klantmanager)
            uitkomsten.append("opgeslagen")
        except KlasurenFout:
            uitkomsten.append("conflict")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=voer_in, args=(n,)) for n in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)

    assert sorted(uitkomsten) == ["conflict"] * 7 + ["opgeslagen"]
    opgeslagen = list(Urenregistratie.objects.values_list("uren_gevolgd", "versie"))
    assert len(opgeslagen) == 2
    assert len({uren for uren, _versie in opgeslagen}) == 1  # both members carry the one winning entry
    assert {versie for _uren, versie in opgeslagen} == {1}
