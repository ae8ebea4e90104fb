"""Journey: a klantmanager enrols a person, enters a month of hours for a whole class at once, sees progress against
the plan, and closes a dossier — first with a reason whose conditions are not met (the page says what is missing),
then with one that is met."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, maak_screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def klas(demo_wereld):
    from koers.aanbod.models import Klas
    from koers.aanbod.services import schrijf_in

    km = demo_wereld.gebruikers["km.tilburg"]
    klas = Klas.objects.create(
        ketenpartner=demo_wereld.ketenpartner, gemeente=demo_wereld.gemeente, naam="B1-ochtend", product="b1_route"
    )
    yusuf = schrijf_in(demo_wereld.dossier("yusuf"), door=km, product="b1_route", ketenpartner=demo_wereld.ketenpartner)
    klas.leden.add(yusuf)
    return klas


def test_enrol_enter_class_hours_see_progress_and_close(klas, demo_wereld, page_als):
    from koers.aanbod.models import Inschrijving

    amina = demo_wereld.dossier("amina")
    page = page_als("km.tilburg")

    page.goto(f"/dossiers/{amina.pk}/aanbod/")
    expect(page.get_by_role("heading", level=2, name="Aanbod en voortgang")).to_be_visible()
    controleer_axe(page, "aanbod-tab leeg")
    page.get_by_role("link", name="Aanmelden bij aanbieder").click()
    page.get_by_label("Product").select_option("b1_route")
    page.get_by_label("Aanbieder (zonder contract)").select_option(str(demo_wereld.ketenpartner.pk))
    controleer_axe(page, "aanmelden")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("region", name="Inschrijvingen").last).to_contain_text("B1-route")
    klas.leden.add(Inschrijving.objects.get(dossier=amina))

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klassen en uren").click()
    controleer_axe(page, "klassen")
    page.get_by_role("link", name="B1-ochtend", exact=True).click()
    page.goto(page.url.split("?")[0] + "?maand=2026-10&soort=taal")
    for naam in ("Amina Haddad", "Yusuf Haddad"):
        page.get_by_label(f"Gevolgd {naam}").fill("48")
        page.get_by_label(f"Waarvan fysiek {naam}").fill("40")
        page.get_by_label(f"Geoorloofd afwezig {naam}", exact=True).fill("4")
    controleer_axe(page, "klasuren")
    maak_screenshot(page, "aanbod-klasuren")
    page.get_by_role("button", name="Uren van de hele klas opslaan").click()
    expect(page.get_by_text("De uren van 2 deelnemers zijn opgeslagen.")).to_be_visible()

    page.goto(f"/dossiers/{amina.pk}/aanbod/")
    totalen = page.get_by_role("region", name="Totalen uren")
    expect(totalen).to_contain_text("48")
    controleer_axe(page, "aanbod-tab met uren")
    maak_screenshot(page, "aanbod-voortgang")

    page.get_by_role("link", name="Dossier afsluiten").click()
    expect(page.get_by_role("region", name="Voorwaarden per reden")).to_contain_text("Vul de bron van dit gegeven in")
    controleer_axe(page, "afsluiten")
    page.get_by_label("Overleden").check()
    page.get_by_role("button", name="Dossier afsluiten").click()
    expect(page.get_by_text("Het dossier kan niet worden afgesloten om deze reden.").first).to_be_visible()
    expect(page.get_by_text("Vul de datum in.").first).to_be_visible()
    maak_screenshot(page, "aanbod-afsluiten-ontbreekt")

    page.get_by_label("Overleden").check()
    page.get_by_label("Datum van vertrek of overlijden").fill("2026-11-01")
    page.get_by_label("Bron van dit gegeven").fill("BRP")
    page.get_by_role("button", name="Dossier afsluiten").click()
    expect(page.get_by_text("Het dossier is afgesloten.")).to_be_visible()
    amina.refresh_from_db()
    assert (amina.status, amina.afsluitreden) == ("afgerond", "overleden")
