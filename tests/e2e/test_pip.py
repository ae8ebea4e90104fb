"""Journey: a PIP drafted from the intake decision, approved (four eyes), vastgesteld as a PDF beschikking,
then changed by a wijzigingsbeschikking; both versions stay listed and the dossier shows its deadlines."""

from __future__ import annotations

import io
import re

import pytest
import weasyprint  # noqa: F401  (the live server runs in this process: import the slow PDF library up front)
from playwright.sync_api import expect
from pypdf import PdfReader

from koers.pip.models import PIPInstelling
from tests.e2e.conftest import controleer_axe, maak_screenshot
from tests.pip.conftest import neem_routebesluit

pytestmark = pytest.mark.e2e


def _pdf_tekst(page, url: str) -> str:
    response = page.request.get(url)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.body()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _voeg_onderdeel_toe(page, soort: str, niveau: str = "", uren: str = "") -> None:
    formulier = page.locator("form", has=page.get_by_role("button", name="Onderdeel toevoegen"))
    formulier.get_by_label("Onderdeel", exact=True).select_option(label=soort)
    if niveau:
        formulier.locator("select[name=niveau]").select_option(niveau)
    if uren:
        formulier.get_by_label("Uren per week").fill(uren)
    formulier.get_by_role("button", name="Onderdeel toevoegen").click()
    expect(page.get_by_text("Het onderdeel is toegevoegd.")).to_be_visible()


def _keur_goed(tl_page, naam: str) -> None:
    tl_page.goto("/dossiers/goedkeuringen/")
    expect(tl_page.get_by_role("heading", level=1)).to_have_text("Mijn goedkeuringen")
    controleer_axe(tl_page, "goedkeuringen")
    tl_page.get_by_role("link", name=naam).click()
    expect(tl_page.get_by_role("heading", name="PIP beoordelen")).to_be_visible()
    controleer_axe(tl_page, "beoordelen")
    maak_screenshot(tl_page, "pip-beoordelen")
    tl_page.get_by_label("Goedkeuren").check()
    tl_page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(tl_page.get_by_text("De PIP is goedgekeurd.")).to_be_visible()


def _stel_vast(page) -> None:
    page.get_by_role("link", name="Vaststellen").click()
    controleer_axe(page, "vaststellen")
    page.get_by_label("Ik heb de PIP gecontroleerd").check()
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text(re.compile(r"De PIP is vastgesteld: beschikking PIP-0855-\d{4}-\d{6}"))).to_be_visible()


def test_pip_van_intake_tot_wijzigingsbeschikking(demo_wereld, km_page, tl_page, screenshot):
    amina = demo_wereld.dossier("amina")
    neem_routebesluit(amina, demo_wereld.gebruikers["km.tilburg"], route="b1", motivatie="Mevrouw wil werken.")
    PIPInstelling.objects.create(
        gemeente=demo_wereld.gemeente,
        vier_ogen=True,
        bezwaaradres="College van burgemeester en wethouders van Tilburg\nPostbus 90155\n5000 LH Tilburg",
        ondertekenaar_naam="Eva Bakker",
        ondertekenaar_functie="Teamleider Inburgering",
    )
    page = km_page

    # 1. Draft from the intake decision
    page.goto(f"/dossiers/{amina.pk}/pip/")
    controleer_axe(page, "PIP-tab zonder PIP")
    page.get_by_role("button", name="PIP opstellen").click()
    expect(page.get_by_text("Het concept is gemaakt met de leerroute uit het routebesluit.")).to_be_visible()
    expect(page.get_by_label("Waarom deze leerroute")).to_contain_text("Onderwijsroute: niet gekozen")
    page.get_by_label("Afspraken met de inburgeraar").fill("Mevrouw komt naar alle lessen.")
    page.get_by_label("Kinderopvang").fill("Opvang voor Lina op lesdagen.")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het concept is opgeslagen.")).to_be_visible()
    _voeg_onderdeel_toe(page, "Taal (Nederlands)", "B1", "12")
    _voeg_onderdeel_toe(page, "Kennis van de Nederlandse Maatschappij (KNM)", uren="2")
    controleer_axe(page, "concept bewerken")
    screenshot(page, "pip-concept")

    # 2. Four eyes: submit, the teamleider approves
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    expect(page.get_by_text("De PIP ligt nu ter goedkeuring bij de teamleider.")).to_be_visible()
    expect(page.get_by_role("link", name="Vaststellen")).to_have_count(0)
    _keur_goed(tl_page, "Amina Haddad")

    # 3. Vaststellen: a numbered beschikking that can no longer be edited
    page.reload()
    _stel_vast(page)
    expect(page.get_by_text("kan niet meer worden gewijzigd")).to_be_visible()
    expect(page.get_by_role("link", name="Concept bewerken")).to_have_count(0)
    controleer_axe(page, "vastgestelde PIP")
    screenshot(page, "pip-vastgesteld")

    # 4. The PDF reads as a beschikking
    pdf_url = page.get_by_role("link", name="Beschikking openen (PDF)").get_attribute("href")
    tekst = _pdf_tekst(page, pdf_url)
    assert "Amina Haddad" in tekst and "B1-route" in tekst and "PIP-0855-" in tekst
    assert "binnen zes weken na de dagtekening bezwaar maken" in tekst and "Postbus 90155" in tekst

    # 5. A wijzigingsbeschikking: previous version stays readable, marked vervangen
    page.get_by_role("link", name="Alle versies van de PIP").click()
    page.get_by_role("link", name="Wijziging starten").click()
    controleer_axe(page, "wijziging starten")
    page.get_by_label("Andere wijziging").check()
    page.get_by_label("Wat verandert er en waarom?").fill("Mevrouw gaat ook vrijwilligerswerk doen.")
    page.get_by_role("button", name="Wijziging starten").click()
    expect(page.get_by_text("De wijziging is gestart.")).to_be_visible()
    _voeg_onderdeel_toe(page, "Participatie", uren="4")
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    _keur_goed(tl_page, "Amina Haddad")
    page.reload()
    _stel_vast(page)
    page.get_by_role("link", name="Alle versies van de PIP").click()
    rijen = page.locator("table").first.locator("tbody tr")
    expect(rijen).to_have_count(2)
    expect(rijen.nth(0)).to_contain_text("Vastgesteld")
    expect(rijen.nth(1)).to_contain_text("Vervangen")
    controleer_axe(page, "PIP-overzicht met twee versies")
    screenshot(page, "pip-versies")
    oud_pdf = rijen.nth(1).get_by_role("link", name=re.compile("PDF")).get_attribute("href")
    assert "Uw inburgeringstermijn verandert niet" not in _pdf_tekst(page, oud_pdf)
    nieuw_pdf = rijen.nth(0).get_by_role("link", name=re.compile("PDF")).get_attribute("href")
    assert "Uw inburgeringstermijn verandert niet" in _pdf_tekst(page, nieuw_pdf)

    # 6. The dossier shows its deadlines with their legal source
    page.get_by_role("link", name="Termijnen").click()
    expect(page.locator("main")).to_contain_text("Wet inburgering 2021")
    screenshot(page, "pip-termijnen")
