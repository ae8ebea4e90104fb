"""The beschikking PDF reads as a real decision: name, route, dagtekening, number, reasons and objection clause."""

from __future__ import annotations

import datetime as dt
import io
import re

import time_machine
from pypdf import PdfReader

from koers.pip import services


def _tekst(pip) -> str:
    with pip.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_beschikking_pdf_contains_essential_content(vastgesteld):
    tekst = _tekst(vastgesteld)

    assert "Amina Haddad" in tekst
    assert "Piusplein 12" in tekst
    assert "B1-route" in tekst
    assert "15 oktober 2026" in tekst
    assert "PIP-0855-2026-000001" in tekst
    assert "Besluit" in tekst
    assert "Waarom deze leerroute?" in tekst and "Onderwijsroute: niet gekozen" in tekst
    assert "Wet inburgering 2021" in tekst and "art. 11" in tekst
    assert "binnen zes weken na de dagtekening bezwaar maken" in tekst
    assert "Postbus 90155" in tekst and "5000 LH Tilburg" in tekst
    # six weeks after 15 October 2026 is 26 November 2026 (a Thursday: no Atw shift)
    assert "26 november 2026" in tekst
    assert "J. de Wit" in tekst


def test_pdf_is_stored_once_and_matches_its_hash(vastgesteld):
    import hashlib

    with vastgesteld.pdf.open("rb") as f:
        inhoud = f.read()
    assert inhoud.startswith(b"%PDF")
    assert hashlib.sha256(inhoud).hexdigest() == vastgesteld.pdf_sha256


def test_wijzigingsbeschikking_says_what_changed_and_that_the_termijn_stays(vastgesteld, klantmanager, pip_dossier):
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)):
        concept = services.start_wijziging(
            pip_dossier, reden="overig", toelichting="Mevrouw gaat ook vrijwilligerswerk doen.", door=klantmanager
        )
        services.voeg_onderdeel_toe(concept, door=klantmanager, soort="participatie", uren_per_week=4)
        nieuw = services.stel_vast(concept, door=klantmanager)

    tekst = _tekst(nieuw)
    assert "PIP-0855-2026-000002" in tekst
    assert "1 december 2026" in tekst
    assert "Wat verandert er?" in tekst and "Nieuw in het aanbod: Participatie" in tekst
    assert "Uw inburgeringstermijn verandert niet" in tekst
    assert "PIP-0855-2026-000001" in tekst  # it names the decision it replaces
