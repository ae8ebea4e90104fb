"""Functioneel beheer imports COA's file and subscribes a system to notifications, in the browser under axe."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import controleer_axe

pytestmark = pytest.mark.e2e

VOORBEELD = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden" / "coa-informatieprofielen.csv"


def test_beheerder_imports_coa_profiles_and_sees_every_line_applied(page_als, demo_wereld):
    page = page_als("fb.tilburg")
    page.goto("/functioneel-beheer/")
    page.get_by_role("link", name="Imports van COA en DUO").first.click()
    page.get_by_role("heading", name="Imports van COA en DUO", level=1).wait_for()
    controleer_axe(page, "imports-lijst leeg")

    page.get_by_role("link", name="Bestand aanleveren").click()
    page.get_by_role("button", name="Aanleveren").click()  # nothing chosen: the error summary names the fields
    page.locator("#foutsamenvatting").wait_for()
    controleer_axe(page, "upload met fouten")

    page.get_by_label("COA: informatieprofielen").check()
    page.get_by_label("Bestand").set_input_files(str(VOORBEELD))
    page.get_by_role("button", name="Aanleveren").click()
    page.get_by_role("heading", name="Import", level=1).wait_for()
    page.get_by_text("Toegepast", exact=True).first.wait_for()
    assert "Afgewezen: 0" in page.inner_text("main")
    controleer_axe(page, "import toegepast")

    page.goto("/dossiers/?alle=1&zoek=999990007")  # Yonas Tesfay's BSN: his dossier now exists in Tilburg
    assert "Tesfay" in page.get_by_role("table").inner_text()


def test_beheerder_subscribes_a_system_and_reads_the_delivery_log(page_als, demo_wereld, settings):
    settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = True  # the receiver would be on this machine
    page = page_als("fb.tilburg")
    page.goto("/functioneel-beheer/notificaties/")
    page.get_by_role("heading", name="Notificaties aan andere systemen", level=1).wait_for()
    controleer_axe(page, "notificaties-index")
    page.get_by_role("link", name="Nieuw abonnement").click()
    page.get_by_label("Naam van het ontvangende systeem").fill("Zaaksysteem Tilburg")
    page.get_by_label("Callback-URL").fill("http://127.0.0.1:9/koers")
    page.get_by_label("Dossier geopend").check()
    controleer_axe(page, "nieuw abonnement")
    page.get_by_role("button", name="Abonnement aanmaken").click()
    page.get_by_role("heading", name="Ondertekeningsgeheim (wordt maar één keer getoond)").wait_for()
    assert "whsec_" in page.inner_text("main")
    controleer_axe(page, "abonnement met geheim")

    page.reload()
    page.get_by_role("heading", name="Bezorglog").wait_for()
    assert "whsec_" not in page.inner_text("main")  # shown once only
