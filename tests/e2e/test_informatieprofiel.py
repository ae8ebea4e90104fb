"""Journey: the klantmanager opens the COA informatieprofiel from the dossier and sees the visible limitation; a
colleague sees the same profile with the health field hidden; a person without a profile says where it comes from."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, controleer_reflow, maak_screenshot

pytestmark = pytest.mark.e2e

BEPERKING = "Loopt met een kruk"


def _profiel_van_coa(persoon) -> None:
    from koers.accounts.models import Ketenpartner
    from koers.inburgeraars.services import bewaar_informatieprofiel
    from tests.factories import GebruikerFactory, KetenpartnerFactory

    coa = KetenpartnerFactory(naam="COA", soort=Ketenpartner.Soort.COA, keurmerk=False)
    systeem = GebruikerFactory(username="coa-tvs", rol="ketenpartner_medewerker", ketenpartner=coa)
    bewaar_informatieprofiel(
        inburgeraar=persoon,
        door=systeem,
        profieldatum=dt.date(2026, 1, 5),
        gezinsgrootte=1,
        gezinssamenstelling="Alleenstaand",
        land_van_herkomst="Eritrea",
        talen="Tigrinya, Arabisch",
        opleiding="mbo",
        werkervaring="Elektricien, 4 jaar",
        lichamelijke_beperkingen=BEPERKING,
        ambities="Installateur worden",
        netwerk="Broer in Utrecht",
    )


def test_klantmanager_reads_the_coa_profile_and_a_colleague_sees_the_health_field_hidden(demo_wereld, page_als):
    tesfay = demo_wereld.dossier("tesfay")
    _profiel_van_coa(tesfay.inburgeraar)

    page = page_als("km.tilburg")
    page.goto(f"/dossiers/{tesfay.pk}/")
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Informatieprofiel COA"
    ).click()
    expect(page).to_have_url(re.compile(rf"/dossiers/{tesfay.pk}/informatieprofiel/$"))
    expect(page.get_by_role("heading", level=2, name="Informatieprofiel COA")).to_be_visible()
    expect(page.get_by_role("link", name="Informatieprofiel COA")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Elektricien, 4 jaar")).to_be_visible()
    expect(page.get_by_text(BEPERKING)).to_be_visible()
    expect(page.get_by_text("Nog niet bij de persoonsgegevens: Arabisch.")).to_be_visible()
    controleer_axe(page, "informatieprofiel (eigen klantmanager)")
    maak_screenshot(page, "informatieprofiel-eigen-klantmanager")
    controleer_reflow(page)

    collega = page_als("km2.tilburg")
    collega.goto(f"/dossiers/{tesfay.pk}/informatieprofiel/")
    expect(collega.get_by_text("Elektricien, 4 jaar")).to_be_visible()
    expect(collega.get_by_text(BEPERKING)).to_have_count(0)
    expect(collega.get_by_text("verborgen vanwege privacy")).to_be_visible()
    controleer_axe(collega, "informatieprofiel (andere klantmanager)")
    maak_screenshot(collega, "informatieprofiel-andere-klantmanager")

    collega.goto(f"/dossiers/{demo_wereld.dossier('yusuf').pk}/informatieprofiel/")
    expect(collega.get_by_text("Er is nog geen informatieprofiel van het COA ontvangen.")).to_be_visible()
    controleer_axe(collega, "informatieprofiel (nog niet ontvangen)")
