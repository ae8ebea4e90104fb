"""Fixtures for the brede intake: a started intake, complete answers, a held conversation, an LBT."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koers.intake import services
from koers.intake.models import Antwoordtype, Vragenlijst
from tests.factories import GebruikerFactory


def antwoord_voor(vraag):
    if vraag.antwoordtype == Antwoordtype.JA_NEE:
        return False
    if vraag.antwoordtype == Antwoordtype.KEUZE:
        return vraag.keuzelijst[0][0]
    if vraag.antwoordtype == Antwoordtype.GETAL:
        return 3
    if vraag.antwoordtype == Antwoordtype.DATUM:
        return "2024-01-01"
    return "Besproken."


def alle_verplichte_antwoorden(intake, **overschrijven) -> dict:
    antwoorden = {v.code: antwoord_voor(v) for v in intake.vragenlijst.vragen.filter(verplicht=True)}
    return {**antwoorden, **overschrijven}


@pytest.fixture
def vragenlijst_v1(db) -> Vragenlijst:
    return Vragenlijst.objects.get(nummer=1)


@pytest.fixture
def intake(dossier, klantmanager, vragenlijst_v1):
    return services.start_intake(dossier, door=klantmanager)


@pytest.fixture
def gehouden_gesprek(intake, klantmanager):
    gesprek = services.plan_gesprek(
        intake, door=klantmanager, gepland_op=timezone.make_aware(dt.datetime(2026, 9, 8, 10)), plaats="azc"
    )
    return services.registreer_gesprek(
        gesprek,
        door=klantmanager,
        verwachte_versie=gesprek.versie,
        gehouden=True,
        plaats="azc",
        tolk_ingezet=True,
        tolk_taal="Arabisch",
    )


@pytest.fixture
def klaar_voor_afronden(intake, klantmanager, gehouden_gesprek):
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden=alle_verplichte_antwoorden(intake), verwachte_versie=intake.versie
    )
    services.registreer_lbt(
        intake, door=klantmanager, uitkomst="b1_haalbaar", score=120, datum=dt.date(2026, 9, 8), afgenomen_in="azc"
    )
    intake.refresh_from_db()
    return intake


@pytest.fixture
def andere_klantmanager(gemeente):
    return GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente)
