"""Journeys through the foundation pages: login, caseload search, dossier, registration, scoping, language, reflow."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    AMINA,
    KIND_NAAM,
    OLENA,
    TESFAY,
    WACHTWOORD,
    controleer_axe,
    controleer_reflow,
    htmx_swap,
    inloggen,
    maak_screenshot,
    vul_in_met_toetsenbord,
)

pytestmark = pytest.mark.e2e

NIEUW = {"voornamen": "Samira", "achternaam": "Osman", "bsn": "100000009", "v_nummer": "2601000099"}
GOED_BSN = "100000010"


def _zoek(page, tekst: str) -> None:
    page.get_by_label("Zoek op naam, BSN of v-nummer").fill(tekst)
    with htmx_swap(page):
        page.get_by_role("button", name="Zoeken").click()
    controleer_axe(page, f"na zoeken op {tekst!r}")


def test_inloggen_met_wachtwoord_en_code_weigert_verkeerde_code_en_logt_uit(page, demo_wereld):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Koers")
    controleer_axe(page)
    maak_screenshot(page, "inloggen")

    page.get_by_label("Gebruikersnaam").fill("km.tilburg")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Verificatiecode").fill("000000")
    page.get_by_role("button", name="Inloggen").click()

    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_have_attribute("role", "alert")
    expect(samenvatting).to_be_focused()  # announced and read first, before the autofocused user name
    # The same message as for a wrong password: it must not confirm that the password was right.
    expect(samenvatting).to_contain_text("De combinatie van gebruikersnaam, wachtwoord en verificatiecode klopt niet")
    expect(samenvatting.locator("a[href='#id_code']")).to_have_count(0)
    controleer_axe(page, "met foutmelding")
    maak_screenshot(page, "inloggen-fout")

    inloggen(page, "km.tilburg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    expect(page.locator(".koers-header__user")).to_contain_text("Sanne de Vries")
    controleer_axe(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    page.goto("/dossiers/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/dossiers/"))
    expect(page.get_by_text("Haddad")).to_have_count(0)


def test_persoon_vinden_op_naam_bsn_en_v_nummer_en_dossier_openen(km_page, demo_wereld):
    page = km_page
    controleer_axe(page)
    maak_screenshot(page, "caseload")
    tabel = page.get_by_role("region", name="Dossiers")
    expect(tabel.get_by_role("link")).to_have_count(3)  # Amina, Yusuf, Tesfay: the dossiers of km.tilburg

    _zoek(page, "Tesfay")
    expect(tabel.get_by_role("link")).to_have_count(1)
    expect(tabel.get_by_role("link", name="Gebremedhin, Tesfay")).to_be_visible()
    expect(page).to_have_url(re.compile(r"zoek=Tesfay"))

    _zoek(page, TESFAY["v_nummer"])
    expect(tabel.get_by_role("link")).to_have_count(1)
    expect(tabel.get_by_role("link", name="Gebremedhin, Tesfay")).to_be_visible()

    _zoek(page, "Niemand")
    expect(page.get_by_text("Geen dossiers gevonden die voldoen aan uw zoekopdracht.")).to_be_visible()

    _zoek(page, AMINA["bsn"])
    expect(tabel.get_by_role("link")).to_have_count(1)
    maak_screenshot(page, "caseload-gezocht")
    tabel.get_by_role("link", name="Haddad, Amina").click()

    expect(page).to_have_url(re.compile(rf"/dossiers/{demo_wereld.dossier('amina').pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Haddad")
    huishouden = page.get_by_role("region", name="Huishouden")
    expect(huishouden).to_contain_text("Partner: Yusuf Haddad")
    expect(huishouden).to_contain_text(f"Kind: {KIND_NAAM}")
    tijdlijn = page.get_by_role("region", name="Tijdlijn")
    expect(tijdlijn).to_contain_text("Inburgeraar geregistreerd en dossier geopend")
    expect(tijdlijn).to_contain_text("Status gewijzigd van ‘Aangemeld’ naar ‘Brede intake’")
    expect(tijdlijn).to_contain_text("Telefonisch contact: tolk Arabisch geregeld")
    controleer_axe(page)
    maak_screenshot(page, "dossier")


def test_registreren_met_fout_bsn_toont_fout_en_bewaart_niets_tot_het_klopt(km_page, demo_wereld):
    from koers.dossiers.models import Dossier
    from koers.inburgeraars.models import Inburgeraar

    page = km_page
    page.get_by_role("link", name="Nieuwe inburgeraar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe inburgeraar registreren")
    controleer_axe(page)
    maak_screenshot(page, "registreren")
    aantal_voor = Inburgeraar.objects.count()

    page.get_by_label("BSN").fill("123456789")  # fails the elfproef
    page.get_by_label("v-nummer").fill(NIEUW["v_nummer"])
    page.get_by_label("voornamen").fill(NIEUW["voornamen"])
    page.get_by_label("achternaam").fill(NIEUW["achternaam"])
    page.get_by_label("geboortedatum").fill("1994-02-20")
    page.get_by_label("geslacht").select_option("V")
    page.get_by_label("nationaliteit").fill("Somalisch")
    page.get_by_label("doelgroep").select_option("asielstatushouder")
    page.get_by_role("button", name="Registreren").click()

    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_contain_text("Er is 1 fout in het formulier")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("voldoet niet aan de elfproef")
    bsn = page.get_by_label("BSN")
    expect(bsn).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_bsn-fout")).to_contain_text("voldoet niet aan de elfproef")
    assert "id_bsn-fout" in bsn.get_attribute("aria-describedby")
    expect(page.get_by_label("achternaam")).to_have_value(NIEUW["achternaam"])
    controleer_axe(page, "met fout BSN")
    maak_screenshot(page, "registreren-fout")
    assert Inburgeraar.objects.count() == aantal_voor
    assert not Inburgeraar.objects.filter(achternaam=NIEUW["achternaam"]).exists()

    samenvatting.locator("a[href='#id_bsn']").click()
    expect(bsn).to_be_focused()
    bsn.fill(GOED_BSN)
    page.get_by_role("button", name="Registreren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Samira Osman")
    expect(page.get_by_role("status")).to_contain_text("Samira Osman is geregistreerd.")
    nieuw = Dossier.objects.get(inburgeraar__bsn=GOED_BSN)
    expect(page).to_have_url(re.compile(rf"/dossiers/{nieuw.pk}/(#.*)?$"))
    assert nieuw.gemeente == demo_wereld.gemeente
    assert nieuw.klantmanager.username == "km.tilburg"
    assert Inburgeraar.objects.count() == aantal_voor + 1
    controleer_axe(page)


@pytest.mark.parametrize("gebruiker", ["kp.debrug", "km.winterswijk"])
def test_dossier_buiten_bereik_geeft_404_zonder_naam(page_als, demo_wereld, gebruiker):
    page = page_als(gebruiker)
    dossier = demo_wereld.dossier("amina")
    antwoord = page.goto(f"/dossiers/{dossier.pk}/")
    assert antwoord.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    inhoud = page.content()
    for deel in (AMINA["voornamen"], AMINA["achternaam"], AMINA["bsn"], AMINA["v_nummer"]):
        assert deel not in inhoud
    controleer_axe(page)
    maak_screenshot(page, f"niet-gevonden-{gebruiker}")
    if gebruiker == "km.winterswijk":
        page.goto("/dossiers/")
        expect(page.get_by_role("link", name="Kovalenko, Olena")).to_be_visible()
        assert OLENA["achternaam"] in page.content() and AMINA["achternaam"] not in page.content()


def test_registratieformulier_met_alleen_het_toetsenbord(km_page, demo_wereld):
    from koers.dossiers.models import Dossier

    page = km_page
    page.goto("/dossiers/nieuw/")
    stops = vul_in_met_toetsenbord(
        page,
        {
            "bsn": GOED_BSN,
            "v_nummer": NIEUW["v_nummer"],
            "voornamen": NIEUW["voornamen"],
            "achternaam": NIEUW["achternaam"],
            "geboortedatum": "1994-02-20",
            "geslacht": "Vrouw",
            "nationaliteit": "Somalisch",
            "tolk_nodig": True,
            "tolk_taal": "Somalisch",
            "doelgroep": "Asielstatushouder",
        },
    )
    assert stops[0]["tag"] == "a"  # the skip link comes first
    expect(page.get_by_role("heading", level=1)).to_have_text("Samira Osman")
    dossier = Dossier.objects.select_related("inburgeraar").get(inburgeraar__bsn=GOED_BSN)
    persoon = dossier.inburgeraar
    assert (persoon.geboortedatum.isoformat(), persoon.geslacht, persoon.tolk_nodig) == ("1994-02-20", "V", True)
    assert persoon.doelgroep == "asielstatushouder"


def test_taal_is_nl_en_en_na_wisselen(km_page, demo_wereld):
    page = km_page
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/dossiers/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")  # the text matches the lang attribute
    controleer_axe(page, "in English")
    maak_screenshot(page, "caseload-en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")


def test_caseload_en_dossier_zonder_horizontaal_scrollen_bij_360px_en_200_procent(km_page, demo_wereld):
    page = km_page
    controleer_reflow(page, "caseload")
    page.goto(f"/dossiers/{demo_wereld.dossier('amina').pk}/")
    controleer_reflow(page, "dossier")
    page.goto("/dossiers/nieuw/")
    controleer_reflow(page, "registreren")
