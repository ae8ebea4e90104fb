"""Journey: a klantmanager fetches a newcomer's data from the BRP on the registration form, checks it and registers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, maak_screenshot

pytestmark = pytest.mark.e2e

DARIA_BSN = "999990056"  # in the stub: voorvoegsel, two nationalities, a foreign address


@pytest.fixture
def brp_stub(settings, demo_wereld):
    from koers.koppelvlakken.brp.stub import start_stub

    server = start_stub()
    settings.BRP_GEMEENTEN = {demo_wereld.gemeente.gemeentecode: {"url": server.url}}
    settings.BRP_TIMEOUT = (2.0, 5.0)
    yield server
    server.stop()


def test_gegevens_ophalen_uit_de_brp_controleren_en_registreren(page_als, demo_wereld, brp_stub):
    from koers.audit.models import Toegangslog
    from koers.dossiers.models import Dossier
    from koers.inburgeraars.models import Inburgeraar

    page = page_als("km.tilburg")
    page.get_by_role("link", name="Nieuwe inburgeraar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe inburgeraar registreren")
    aantal_voor = Inburgeraar.objects.count()

    page.get_by_label("BSN").fill("9999.900.56")
    page.get_by_label("talen").fill("Oekraïens, Pools")
    page.get_by_role("button", name="Gegevens ophalen uit de BRP").click()

    resultaat = page.locator("#ophalen-resultaat")
    expect(resultaat).to_contain_text("Ingevuld uit de BRP")
    expect(resultaat).to_contain_text("er is nog niets opgeslagen")
    expect(resultaat).to_be_focused()  # the outcome is read first
    expect(page.get_by_label("BSN")).to_have_value(DARIA_BSN)
    expect(page.get_by_label("voornamen")).to_have_value("Daria")
    expect(page.get_by_label("tussenvoegsel")).to_have_value("van der")
    expect(page.get_by_label("achternaam")).to_have_value("Meer")
    expect(page.get_by_label("geboortedatum")).to_have_value("1979-10-02")
    expect(page.get_by_label("geslacht")).to_have_value("V")
    expect(page.get_by_label("nationaliteit")).to_have_value("Oekraïense, Poolse")
    expect(page.get_by_role("textbox", name=re.compile(r"^Adres"))).to_have_value("ul. Długa 5, 80-827 Gdańsk, Polen")
    expect(page.get_by_label("talen")).to_have_value("Oekraïens, Pools")  # typed before fetching: kept
    expect(page.locator("#foutsamenvatting")).to_have_count(0)
    controleer_axe(page, "na ophalen uit de BRP")
    maak_screenshot(page, "registreren-brp-opgehaald")
    assert Inburgeraar.objects.count() == aantal_voor  # fetching saved nothing
    (verzoek,) = brp_stub.verzoeken
    assert "verblijfstitel" not in verzoek["body"]["fields"]
    assert Toegangslog.objects.filter(omschrijving="BRP bevraging", gebruikersnaam="km.tilburg").count() == 1

    page.get_by_label("doelgroep").select_option("overige_migrant")
    page.get_by_label("telefoonnummer").fill("0612345679")
    page.get_by_label("telefoonnummer").press("Enter")  # Enter registers; it does not fetch again

    expect(page.get_by_role("heading", level=1)).to_have_text("Daria van der Meer")
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd.")
    dossier = Dossier.objects.select_related("inburgeraar").get(inburgeraar__bsn=DARIA_BSN)
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier.pk}/(#.*)?$"))
    persoon = dossier.inburgeraar
    assert (persoon.tussenvoegsel, persoon.nationaliteit, persoon.talen) == (
        "van der",
        "Oekraïense, Poolse",
        "Oekraïens, Pools",
    )
    assert persoon.telefoon == "0612345679"
    assert dossier.gemeente == demo_wereld.gemeente
    assert len(brp_stub.verzoeken) == 1
    controleer_axe(page)
