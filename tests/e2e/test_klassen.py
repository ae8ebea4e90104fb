"""Journey: a klantmanager places an enrolled person in a class from the Aanbod tab, finds them by name on the class
list, records that class's hours for a month, moves the person to another class and still sees the hours."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, maak_screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def klassen(demo_wereld):
    from koers.aanbod.models import Klas
    from koers.aanbod.services import schrijf_in

    km = demo_wereld.gebruikers["km.tilburg"]
    schrijf_in(demo_wereld.dossier("yusuf"), door=km, product="b1_route", ketenpartner=demo_wereld.ketenpartner)
    return [
        Klas.objects.create(
            ketenpartner=demo_wereld.ketenpartner, gemeente=demo_wereld.gemeente, naam=naam, product="b1_route"
        )
        for naam in ("B1-ochtend", "B1-avond")
    ]


def test_place_in_a_class_from_the_aanbod_tab_record_hours_and_move(klassen, demo_wereld, page_als):
    yusuf = demo_wereld.dossier("yusuf")
    page = page_als("km.tilburg")

    page.goto(f"/dossiers/{yusuf.pk}/aanbod/")
    inschrijvingen = page.get_by_role("region", name="Inschrijvingen").last
    expect(inschrijvingen).to_contain_text("—")
    inschrijvingen.get_by_role("link", name="Klas indelen").click()
    expect(page.get_by_role("heading", level=1, name="Klas indelen")).to_be_visible()
    expect(page.get_by_text("Nog niet in een klas geplaatst.")).to_be_visible()
    controleer_axe(page, "klas indelen")
    page.get_by_role("button", name="Plaatsen in B1-ochtend").click()

    expect(page.get_by_text("Yusuf Haddad is geplaatst in klas B1-ochtend.")).to_be_visible()
    expect(page.get_by_role("region", name="Inschrijvingen").last).to_contain_text("B1-ochtend")
    controleer_axe(page, "aanbod-tab met klas")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klassen en uren").click()
    page.get_by_role("link", name="Klaslijst B1-ochtend").click()
    deelnemers = page.get_by_role("region", name="Deelnemers van de klas")
    expect(deelnemers.get_by_role("rowheader", name="Yusuf Haddad")).to_be_visible()
    controleer_axe(page, "klaslijst")
    maak_screenshot(page, "klaslijst")

    page.get_by_role("link", name="Uren van deze klas invoeren").click()
    page.goto(page.url.split("?")[0] + "?maand=2026-10&soort=taal")
    page.get_by_label("Gevolgd Yusuf Haddad").fill("48")
    page.get_by_label("Waarvan fysiek Yusuf Haddad").fill("40")
    controleer_axe(page, "klasuren")
    page.get_by_role("button", name="Uren van de hele klas opslaan").click()
    expect(page.get_by_text("De uren van 1 deelnemers zijn opgeslagen.")).to_be_visible()

    page.goto(f"/dossiers/{yusuf.pk}/aanbod/")
    expect(page.get_by_role("region", name="Totalen uren")).to_contain_text("48")
    page.get_by_role("region", name="Inschrijvingen").last.get_by_role("link", name="Klas indelen").click()
    page.get_by_role("button", name="Verplaatsen naar B1-avond").click()
    expect(
        page.get_by_text("Yusuf Haddad is verplaatst naar klas B1-avond; de uren blijven bij de inschrijving.")
    ).to_be_visible()
    expect(page.get_by_role("region", name="Inschrijvingen").last).to_contain_text("B1-avond")
    expect(page.get_by_role("region", name="Totalen uren")).to_contain_text("48")

    page.goto(f"/klassen/{klassen[1].pk}/uren/?maand=2026-10&soort=taal")
    expect(page.get_by_label("Gevolgd Yusuf Haddad")).to_have_value(re.compile(r"^48(,0+)?$"))
