"""The API documentation opens in the browser without a CDN and without breaking the Content-Security-Policy."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_a_developer_reads_the_api_documentation_with_every_resource(page):
    page.goto("/api/v1/docs")
    page.get_by_text("Koers API").first.wait_for()
    page.get_by_text("/inschrijvingen", exact=True).first.wait_for()
    tekst = page.inner_text("body")
    for pad in ("/dossiers", "/brede-intakes", "/pips", "/termijnen", "/urenregistraties"):
        assert pad in tekst
