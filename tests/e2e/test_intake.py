"""Journey: a klantmanager holds a brede intake over two sessions, records the LBT, gets an advice that explains all
three routes, chooses against it (first without, then with a motivation) and sees every step on the timeline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import controleer_axe, inloggen, maak_screenshot

pytestmark = pytest.mark.e2e

EERSTE_SESSIE = {
    "opleiding_hoogste_niveau": "voortgezet",
    "taal_geletterdheid": "gealfabetiseerd_latijns",
    "werk_ervaring": "Twaalf jaar vrachtwagenchauffeur in Aleppo.",
    "taal_moedertaal": "Arabisch; een beetje Engels.",
}
TWEEDE_SESSIE = {
    "gezondheid_lichamelijk": "Geen bijzonderheden.",
    "gezondheid_psychisch": "Geen bijzonderheden.",
    "gezondheid_beperkt_leren": "nee",
    "persoonlijk_omstandigheden": "Partner woont ook in Tilburg.",
    "digitaal_apparaat": "ja",
    "digitaal_vaardigheid": "redelijk",
    "financien_inkomen": "bijstand",
    "financien_schulden": "nee",
    "wonen_situatie": "huurwoning",
    "gezin_samenstelling": "Gehuwd met Amina; één dochter.",
    "netwerk_contacten": "Buren en de moskee.",
    "ambitie_hoofddoel": "werk",
    "ambitie_werkwens": "Weer als chauffeur werken.",
    "ambitie_motivatie": "Zeer gemotiveerd.",
}


def _beantwoord(page, antwoorden: dict) -> None:
    for code, waarde in antwoorden.items():
        radio = page.locator(f"input[type=radio][name='{code}'][value='{waarde}']")
        if radio.count():
            radio.check()
        else:
            page.locator(f"[name='{code}']").fill(waarde)


def _stap(page, naam: str) -> None:
    controleer_axe(page, naam)
    maak_screenshot(page, f"intake-{naam}")


def test_brede_intake_over_twee_sessies_tot_routebesluit(page, live_server, demo_wereld, km_page):
    page = km_page
    dossier = demo_wereld.dossier("yusuf")
    page.goto(f"/dossiers/{dossier.pk}/")
    page.get_by_role("link", name="Brede intake").click()
    expect(page.get_by_role("heading", level=2, name="Brede intake")).to_be_visible()
    _stap(page, "1-niet-gestart")

    page.get_by_role("button", name="Brede intake starten").click()
    expect(page).to_have_url(re.compile(r"/intake/vragenlijst/$"))
    expect(page.get_by_role("heading", name="Persoonlijke omstandigheden en gezondheid")).to_be_visible()
    _beantwoord(page, EERSTE_SESSIE)
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Uw antwoorden zijn als concept opgeslagen.")).to_be_visible()
    _stap(page, "2-concept")

    # Second conversation, a new session: the draft is still there.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    inloggen(page, "km.tilburg")
    page.goto(f"/dossiers/{dossier.pk}/intake/vragenlijst/")
    expect(page.locator("[name='werk_ervaring']")).to_have_value(EERSTE_SESSIE["werk_ervaring"])
    expect(page.locator("input[name='opleiding_hoogste_niveau'][value='voortgezet']")).to_be_checked()
    _beantwoord(page, TWEEDE_SESSIE)
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Uw antwoorden zijn als concept opgeslagen.")).to_be_visible()

    # The conversation itself, held in the AZC with an interpreter.
    page.goto(f"/dossiers/{dossier.pk}/intake/gesprekken/")
    page.get_by_label("Datum en tijd").fill("2026-09-08T10:00")
    page.get_by_label("AZC", exact=True).check()
    page.get_by_label("Er is een tolk nodig").check()
    page.get_by_label("Taal van de tolk").fill("Arabisch")
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_text("Het gesprek is gepland.")).to_be_visible()
    _stap(page, "3-gesprekken")
    page.locator("table a").first.click()
    page.get_by_label("Gesprek gehouden").check()
    _stap(page, "4-gesprek")
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()

    # The leerbaarheidstoets.
    page.goto(f"/dossiers/{dossier.pk}/intake/leerbaarheidstoets/")
    page.get_by_label("B1 binnen 3 jaar haalbaar").check()
    page.get_by_label("Score").fill("131")
    page.get_by_label("Datum afname").fill("2026-09-08")
    page.get_by_label("Afgenomen in").select_option("azc")
    _stap(page, "5-lbt")
    page.get_by_role("button", name="Leerbaarheidstoets opslaan").click()
    expect(page.get_by_text("De leerbaarheidstoets is vastgelegd.")).to_be_visible()
    _stap(page, "6-overzicht")

    # Complete the intake: the advice explains every route, each argument with its legal source.
    page.goto(f"/dossiers/{dossier.pk}/intake/vragenlijst/")
    page.get_by_role("button", name="Intake afronden").click()
    expect(page).to_have_url(re.compile(r"/intake/advies/$"))
    expect(page.get_by_text("Advies: B1-route, omdat")).to_be_visible()
    for titel in (
        "B1-route – geadviseerd",
        "Onderwijsroute – overwogen, niet geadviseerd",
        "Z-route – overwogen, niet geadviseerd",
    ):
        expect(page.get_by_role("heading", level=3, name=titel)).to_be_visible()
    expect(page.get_by_text("Wet inburgering 2021, art. 14 (Stb. 2021, 38) [L]").first).to_be_visible()
    expect(page.get_by_text("ECLI:NL:RVS:2024:5413").first).to_be_visible()
    _stap(page, "7-advies")

    # Choose against the advice: first without a motivation (error linked to the field), then with one.
    page.get_by_role("link", name="Leerroute kiezen").click()
    page.get_by_label("Onderwijsroute").check()
    page.get_by_role("button", name="Leerroute vastleggen").click()
    samenvatting = page.locator("#foutsamenvatting")
    expect(samenvatting).to_contain_text("Schrijf op waarom u daarvan afwijkt")
    expect(samenvatting.locator("a[href='#id_motivatie']")).to_be_visible()
    motivatie = page.get_by_label("Motivatie")
    expect(motivatie).to_have_attribute("aria-invalid", "true")
    _stap(page, "8-besluit-fout")
    motivatie.fill("Hij wil de vakopleiding chauffeur op mbo-niveau volgen; de onderwijsroute sluit daarop aan.")
    page.get_by_role("button", name="Leerroute vastleggen").click()
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier.pk}/$"))
    expect(page.get_by_text("De leerroute is vastgelegd.")).to_be_visible()

    tijdlijn = page.locator(".koers-timeline")
    for stap in (
        "Brede intake gestart (vragenlijst versie 1)",
        "Concept brede intake opgeslagen",
        "Intakegesprek gehouden",
        "Leerbaarheidstoets vastgelegd: B1 binnen 3 jaar haalbaar (score 131)",
        "Brede intake afgerond",
        "Routeadvies gemaakt: B1-route (regelset versie 2)",
        "Leerroute gekozen: Onderwijsroute (afwijkend van het advies: B1-route)",
        "Status gewijzigd van ‘Brede intake’ naar ‘PIP in voorbereiding’",
    ):
        expect(tijdlijn.get_by_text(stap).first).to_be_visible()
    _stap(page, "9-tijdlijn")
