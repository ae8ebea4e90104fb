"""Functioneel beheer works in Koers' own pages: the access log and person history of its own gemeente only."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import AMINA, OLENA, controleer_axe

pytestmark = pytest.mark.e2e


def test_beheerder_finds_who_viewed_a_person_and_what_changed_only_within_the_own_gemeente(page_als, demo_wereld):
    km = page_als("km.tilburg")
    km.goto(f"/dossiers/{demo_wereld.dossiers['amina'].pk}/")  # a read that must show up in the log

    page = page_als("fb.tilburg")
    page.get_by_role("link", name="Functioneel beheer").first.click()
    page.get_by_role("heading", name="Functioneel beheer", level=1).wait_for()
    controleer_axe(page, "beheer-index")

    page.get_by_role("link", name="Toegangslog doorzoeken").click()
    page.get_by_label("BSN of v-nummer van de persoon").fill(AMINA["bsn"])
    page.get_by_role("button", name="Zoeken").click()
    tabel = page.get_by_role("table")
    tabel.wait_for()
    assert "km.tilburg" in tabel.inner_text()
    controleer_axe(page, "toegangslog met resultaat")

    page.get_by_label("BSN of v-nummer van de persoon").fill(OLENA["bsn"])  # a Winterswijk person
    page.get_by_role("button", name="Zoeken").click()
    assert OLENA["achternaam"] not in page.content()

    page.get_by_role("link", name="Functioneel beheer").first.click()
    page.get_by_role("link", name="Wijzigingsgeschiedenis van personen").click()
    page.get_by_label("Zoek op BSN, v-nummer of achternaam").fill(AMINA["achternaam"])
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("table").wait_for()
    assert AMINA["voornamen"] in page.get_by_role("table").inner_text()
    assert OLENA["achternaam"] not in page.content()
    controleer_axe(page, "wijzigingsgeschiedenis")

    page.goto("/beheer/inburgeraars/inburgeraar/")
    assert AMINA["bsn"] not in page.content()
