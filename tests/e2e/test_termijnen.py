"""Journey: a klantmanager sees a PIP deadline come up in 'Mijn acties', sees it fall overdue when the clock moves,
and finds its legal source on the dossier's Termijnen tab; the teamleider sees it in the team view."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, controleer_reflow, maak_screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def amina_met_start(demo_wereld):
    """Amina registered on Monday 12 January 2026: the PIP is due 10 weeks later, on Monday 23 March 2026."""
    from koers.termijnen.services import zorg_voor_startgebeurtenis

    dossier = demo_wereld.dossier("amina")
    zorg_voor_startgebeurtenis(dossier)
    return dossier


def test_deadline_moves_from_binnen_2_weken_to_verlopen_and_shows_its_legal_source(klok, amina_met_start, page_als):
    klok.zet("2026-03-16 09:00")
    page = page_als("km.tilburg")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn acties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn acties")
    binnenkort = page.get_by_role("region", name="Binnen 2 weken", exact=True)
    expect(binnenkort.get_by_role("row").filter(has_text="Amina Haddad")).to_contain_text("PIP vaststellen")
    expect(binnenkort).to_contain_text("23 maart 2026")
    expect(page.get_by_role("heading", name="Verlopen (0)")).to_be_visible()
    controleer_axe(page, "mijn acties, binnen 2 weken")
    maak_screenshot(page, "termijnen-mijn-acties-binnenkort")

    klok.zet("2026-03-24 09:00")  # the day after the deadline
    page.reload()
    verlopen = page.get_by_role("region", name="Verlopen", exact=True)
    rij = verlopen.get_by_role("row").filter(has_text="Amina Haddad")
    expect(rij).to_contain_text("PIP vaststellen")
    expect(rij.locator(".koers-badge--overdue")).to_have_text("Verlopen")
    expect(page.get_by_role("heading", name="Binnen 2 weken (0)")).to_be_visible()
    controleer_axe(page, "mijn acties, verlopen")
    maak_screenshot(page, "termijnen-mijn-acties-verlopen")

    rij.get_by_role("link", name="PIP vaststellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Haddad")
    expect(page.get_by_role("link", name="Termijnen")).to_have_attribute("aria-current", "page")
    kaart = page.locator("#termijn-pip_vaststellen")
    expect(kaart).to_contain_text("10 weken na de registratie in de gemeente op 12 januari 2026")
    expect(kaart).to_contain_text("Wet inburgering 2021")
    expect(kaart).to_contain_text("[S]")  # the 10 weeks: article not verified (docs/regels-termijnen.md)
    expect(kaart.locator(".koers-badge--overdue")).to_have_text("Verlopen")
    controleer_axe(page, "termijnen-tab")
    maak_screenshot(page, "termijnen-dossier-tab")
    controleer_reflow(page, "termijnen-dossier-tab")


def test_information_requested_suspends_the_pip_deadline_from_the_tab(klok, amina_met_start, page_als):
    klok.zet("2026-03-16 09:00")
    page = page_als("km.tilburg")
    page.goto(f"/dossiers/{amina_met_start.pk}/termijnen/")
    page.get_by_label("Datum waarop informatie van derden is gevraagd").fill("2026-03-02")
    page.get_by_role("button", name="Informatie gevraagd").click()
    expect(page.get_by_role("status")).to_contain_text("de PIP-termijn is opgeschort")
    expect(page.locator("#termijn-pip_vaststellen")).to_contain_text("opgeschort")
    page.get_by_label("Datum waarop de gevraagde informatie is ontvangen").fill("2026-03-20")
    page.get_by_role("button", name="Informatie ontvangen").click()
    expect(page.locator("#termijn-pip_vaststellen")).to_contain_text("3 april 2026")
    controleer_axe(page, "na informatie ontvangen")


def test_teamleider_sees_counts_per_klantmanager_and_drills_down(klok, amina_met_start, page_als):
    klok.zet("2026-03-24 09:00")
    page = page_als("tl.tilburg")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Teamoverzicht").click()
    rij = page.get_by_role("row").filter(has_text="Sanne de Vries")
    expect(rij).to_contain_text("1")
    controleer_axe(page, "teamoverzicht")
    maak_screenshot(page, "termijnen-teamoverzicht")
    rij.get_by_role("link", name="1 verlopen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acties van Sanne de Vries")
    expect(page.get_by_role("region", name="Verlopen", exact=True)).to_contain_text("Amina Haddad")
    controleer_axe(page, "drill-down")


def test_teamleider_opens_the_deadlines_of_dossiers_without_klantmanager(klok, amina_met_start, page_als):
    from koers.dossiers.models import Dossier
    from koers.termijnen.models import Termijn

    Dossier.objects.filter(pk=amina_met_start.pk).update(klantmanager=None)
    Termijn.objects.filter(dossier=amina_met_start).update(klantmanager=None)
    klok.zet("2026-03-24 09:00")
    page = page_als("tl.tilburg")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Teamoverzicht").click()
    expect(page.get_by_role("table").first).not_to_contain_text("None")
    rij = page.get_by_role("row").filter(has_text="Zonder klantmanager")
    rij.get_by_role("link", name="Zonder klantmanager").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijnen zonder klantmanager")
    expect(page.get_by_role("region", name="Verlopen", exact=True)).to_contain_text("Amina Haddad")
    controleer_axe(page, "termijnen zonder klantmanager")
    maak_screenshot(page, "termijnen-zonder-klantmanager")
