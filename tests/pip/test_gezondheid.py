"""Issue 16, 1.2: a health-based reason of the route advice reaches only users with the health right — on the PIP
page, the concept form, the beschikking PDF and the intake advice page — and a read that shows it is logged."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from koers.audit.models import Toegangslog
from koers.dossiers.models import DossierDeling
from koers.dossiers.permissions import mag_gezondheid_zien
from koers.intake.advies import AdviesInvoer, adviseer, regelset_op
from koers.intake.models import BredeIntake, RouteAdvies, RouteBesluit, Vragenlijst
from koers.pip import services
from koers.utils.clock import nu
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory

ZIN = "De gezondheid beperkt het leervermogen."
TELLING = "aanwijzingen voor een lage leerbaarheid"


def _besluit_met_gezondheid(dossier, door) -> RouteBesluit:
    intake = BredeIntake.objects.create(
        dossier=dossier,
        vragenlijst=Vragenlijst.objects.order_by("nummer").first(),
        status="afgerond",
        gestart_op=nu(),
        afgerond_op=nu(),
        afgerond_door=door,
    )
    invoer = AdviesInvoer(
        leeftijd=40,
        doelgroep="asielstatushouder",
        lbt="b1_haalbaar",
        lbt_score=300,
        opleidingsniveau="basis",
        geletterdheid="niet_gealfabetiseerd",
        ambitie="participatie",
        gezondheidsbeperking_leren=True,
    )
    advies = adviseer(invoer, regelset_op(dt.date(2026, 1, 1)))
    assert advies.route.value == "z"
    route_advies = RouteAdvies.objects.create(
        intake=intake,
        route="z",
        gegevens=advies.to_dict(),
        regelset_versie=advies.regelset_versie,
        gemaakt_op=nu(),
        gemaakt_door=door,
    )
    return RouteBesluit.objects.create(
        intake=intake, advies=route_advies, route="z", motivatie="", besloten_door=door, besloten_op=nu()
    )


@pytest.fixture
def gezondheidsdossier(gemeente, klantmanager, instelling):
    persoon = InburgeraarFactory(voornamen="Yonas", achternaam="Tesfaye", adres="Piusplein 12, 5038 WL Tilburg")
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, inburgeraar=persoon, status="intake")
    _besluit_met_gezondheid(dossier, klantmanager)
    return dossier


@pytest.fixture
def beschikking(gezondheidsdossier, klantmanager):
    pip = services.maak_concept(gezondheidsdossier, door=klantmanager)
    services.voeg_onderdeel_toe(pip, door=klantmanager, soort="taal", niveau="A1", uren_per_week=8)
    pip.refresh_from_db()
    assert ZIN in pip.route_motivering  # the reasons copied from the decision hold the health sentence
    return services.stel_vast(pip, door=klantmanager)


@pytest.fixture
def gebruikers(klantmanager, teamleider, gemeente, regio, ketenpartner):
    return {
        "eigen_klantmanager": klantmanager,
        "teamleider": teamleider,
        "andere_klantmanager": GebruikerFactory(username="km.collega", rol="klantmanager", gemeente=gemeente),
        "functioneel_beheerder": GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente),
        "regiocoordinator": GebruikerFactory(username="rc", rol="regiocoordinator", regio=regio),
        "ketenpartner": GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=ketenpartner),
    }


MAG = {"eigen_klantmanager", "teamleider"}
ROLLEN = ["eigen_klantmanager", "teamleider", "andere_klantmanager", "functioneel_beheerder", "regiocoordinator"]


def _gezondheidslog(gebruiker, dossier):
    return Toegangslog.objects.filter(gebruiker=gebruiker, dossier_id=dossier.pk, gegevenscategorie="gezondheid")


def _pdf_tekst(inhoud: bytes) -> str:
    reader = PdfReader(io.BytesIO(inhoud))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("rol", ROLLEN)
def test_pip_page_shows_the_health_reason_only_to_users_with_the_right(rol, gebruikers, beschikking):
    gebruiker, dossier = gebruikers[rol], beschikking.dossier
    response = verified_client(gebruiker).get(reverse("pip:detail", args=[dossier.pk, beschikking.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Waarom deze leerroute" in html and ": gekozen." in html
    if rol in MAG:
        assert ZIN in html and TELLING in html
        assert _gezondheidslog(gebruiker, dossier).count() == 1
    else:
        assert ZIN not in html and TELLING not in html
        assert "verborgen vanwege privacy" in html
        assert not _gezondheidslog(gebruiker, dossier).exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_beschikking_pdf_holds_the_health_reason_only_for_users_with_the_right(rol, gebruikers, beschikking):
    gebruiker, dossier = gebruikers[rol], beschikking.dossier
    response = verified_client(gebruiker).get(reverse("pip:pdf", args=[dossier.pk, beschikking.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    tekst = _pdf_tekst(b"".join(response.streaming_content) if response.streaming else response.content)
    assert beschikking.beschikkingsnummer in tekst and "Z-route" in tekst
    if rol in MAG:
        assert ZIN in tekst
        assert "Afschrift" not in tekst
        assert _gezondheidslog(gebruiker, dossier).count() == 1
    else:
        assert ZIN not in tekst and TELLING not in tekst
        assert "Afschrift voor intern gebruik" in tekst
        assert (
            "Om redenen die betrekking hebben op uw persoonlijke omstandigheden (bijzondere persoonsgegevens)" in tekst
        )
        assert not _gezondheidslog(gebruiker, dossier).exists()
    # the stored letter, sent to the inburgeraar, always keeps the complete reasons
    with beschikking.pdf.open("rb") as f:
        assert ZIN in _pdf_tekst(f.read())


@pytest.mark.parametrize("rol", ROLLEN)
def test_intake_advice_page_shows_the_health_reason_only_to_users_with_the_right(rol, gebruikers, beschikking):
    gebruiker, dossier = gebruikers[rol], beschikking.dossier
    response = verified_client(gebruiker).get(reverse("intake:advies", args=[dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Z-route" in html
    if rol in MAG:
        assert ZIN in html and TELLING in html
        assert _gezondheidslog(gebruiker, dossier).count() == 1
    else:
        assert ZIN not in html and TELLING not in html
        assert "verborgen vanwege privacy" in html
        assert not _gezondheidslog(gebruiker, dossier).exists()


def test_ketenpartner_gets_neither_pip_nor_pdf_nor_advice_even_when_the_dossier_is_shared(
    gebruikers, beschikking, klantmanager, ketenpartner
):
    dossier = beschikking.dossier
    DossierDeling.objects.create(dossier=dossier, ketenpartner=ketenpartner, doel="taal", gedeeld_door=klantmanager)
    client = verified_client(gebruikers["ketenpartner"])
    for url, status in (
        (reverse("pip:detail", args=[dossier.pk, beschikking.pk]), 403),
        (reverse("pip:pdf", args=[dossier.pk, beschikking.pk]), 403),
        (reverse("intake:advies", args=[dossier.pk]), 404),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert ZIN.encode() not in response.content
    assert not _gezondheidslog(gebruikers["ketenpartner"], dossier).exists()


def test_other_klantmanager_edits_a_concept_without_seeing_or_erasing_the_health_reason(
    gezondheidsdossier, gebruikers, klantmanager
):
    pip = services.maak_concept(gezondheidsdossier, door=klantmanager)
    collega = gebruikers["andere_klantmanager"]
    client = verified_client(collega)
    url = reverse("pip:bewerken", args=[gezondheidsdossier.pk, pip.pk])
    html = client.get(url).content.decode()
    assert ZIN not in html and "verborgen vanwege privacy" in html
    assert 'name="route_motivering"' not in html
    response = client.post(
        url,
        {
            "versie": pip.versie,
            "leerroute": "z",
            "route_motivering": "Overschreven.",
            "hoofddoel": "participatie",
            "voortgangsgesprek_interval_maanden": 3,
            "contactpersoon": klantmanager.pk,
        },
    )
    assert response.status_code == 302
    pip.refresh_from_db()
    assert ZIN in pip.route_motivering and "Overschreven." not in pip.route_motivering
    eigen = verified_client(klantmanager).get(url).content.decode()
    assert 'name="route_motivering"' in eigen and ZIN in eigen


# The health permission's own gemeente check


@pytest.mark.parametrize("rol", ["teamleider", "klantmanager"])
def test_health_right_is_refused_to_a_user_of_another_gemeente_whatever_the_role(rol, andere_gemeente, dossier):
    buiten = GebruikerFactory(username=f"{rol}.ww", rol=rol, gemeente=andere_gemeente)
    assert not mag_gezondheid_zien(buiten, dossier)
    # even if that user were recorded as the dossier's klantmanager
    dossier.klantmanager = buiten
    assert not mag_gezondheid_zien(buiten, dossier)


def test_health_right_is_granted_to_own_klantmanager_and_teamleider_only(dossier, klantmanager, teamleider, gemeente):
    assert mag_gezondheid_zien(klantmanager, dossier)
    assert mag_gezondheid_zien(teamleider, dossier)
    for rol in ("functioneel_beheerder", "beleidsmedewerker"):
        assert not mag_gezondheid_zien(GebruikerFactory(username=rol, rol=rol, gemeente=gemeente), dossier)
    assert not mag_gezondheid_zien(GebruikerFactory(username="km3", rol="klantmanager", gemeente=gemeente), dossier)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("pagina", ["intake:besluit", "intake:overzicht"])
def test_route_decision_and_overview_log_a_health_based_summary_only_when_they_show_it(
    rol, pagina, gebruikers, gezondheidsdossier
):
    gebruiker = gebruikers[rol]
    response = verified_client(gebruiker).get(reverse(pagina, args=[gezondheidsdossier.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert ("3 van de 3 aanwijzingen op een lage leerbaarheid" in html) == (rol in MAG)  # the health-based summary
    assert _gezondheidslog(gebruiker, gezondheidsdossier).exists() == (rol in MAG)
