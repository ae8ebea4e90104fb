"""Journey: a klantmanager corrects an obvious clerical error in a vastgestelde beschikking; the earlier PDF stays."""

from __future__ import annotations

import datetime as dt

import pytest
import weasyprint  # noqa: F401  (the live server runs in this process: import the slow PDF library up front)
from playwright.sync_api import expect

from tests.aanbod.conftest import stel_pip_vast
from tests.e2e.conftest import controleer_axe

pytestmark = pytest.mark.e2e


def test_rectification_of_the_dagtekening_keeps_the_earlier_pdf_in_the_history(
    km_page, demo_wereld, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    dossier = demo_wereld.dossiers["amina"]
    pip = stel_pip_vast(dossier, demo_wereld.gebruikers["km.tilburg"], dagtekening=dt.date(2026, 11, 2))
    page = km_page

    page.goto(f"/dossiers/{dossier.pk}/pip/{pip.pk}/")
    page.get_by_role("link", name="Kennelijke verschrijving herstellen").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(pip.beschikkingsnummer)
    controleer_axe(page, "rectificeren")

    page.get_by_role("button", name="Verschrijving herstellen").click()  # no reason given
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    controleer_axe(page, "rectificeren met fout")

    page.get_by_label("Dagtekening").fill("2026-11-03")
    page.get_by_label("Welke verschrijving herstelt u?").fill("Dagtekening verkeerd overgenomen uit het concept.")
    page.get_by_role("button", name="Verschrijving herstellen").click()

    expect(page.get_by_text(f"Beschikking {pip.beschikkingsnummer} is gerectificeerd.")).to_be_visible()
    geschiedenis = page.get_by_role("region", name="Geschiedenis van deze beschikking")
    expect(geschiedenis).to_contain_text("Dagtekening verkeerd overgenomen")
    oude_pdf = geschiedenis.get_by_role("link", name="PDF zoals eerder vastgesteld (dagtekening 2 november 2026)")
    expect(oude_pdf).to_be_visible()
    controleer_axe(page, "beschikking na rectificatie")
    antwoord = page.request.get(oude_pdf.get_attribute("href"))
    assert antwoord.ok and antwoord.body().startswith(b"%PDF")
