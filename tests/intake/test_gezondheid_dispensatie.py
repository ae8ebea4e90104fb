"""The ground of an LBT dispensation (a visual or auditive impairment) is health data: the advice facts, the LBT page,
the intake overview and the dossier timeline show it only to users with the health right, and such a read is logged
"gezondheid". Everyone else sees one neutral statement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.audit.models import Toegangslog
from koers.intake import services
from koers.intake.models import Leerbaarheidstoets
from koers.intake.privacy import DISPENSATIE_VERBORGEN, lbt_voor_weergave, samenvatting_voor
from koers.intake.selectors import laatste_advies
from tests.conftest import verified_client
from tests.factories import DossierFactory
from tests.intake.conftest import alle_verplichte_antwoorden
from tests.pip import test_gezondheid as matrix

MAG, ROLLEN = matrix.MAG, matrix.ROLLEN
gebruikers = matrix.gebruikers  # the role matrix's users, a fixture shared with the PIP health tests

NEUTRAAL = "Dispensatie van de leerbaarheidstoets (grond verborgen vanwege privacy)"
GRONDWOORDEN = ("visuele", "auditieve")


def _gezondheidsreads(gebruiker, dossier):
    """Reads logged "gezondheid" (the setup's own writes by the klantmanager are not reads)."""
    return Toegangslog.objects.filter(
        gebruiker=gebruiker,
        dossier_id=dossier.pk,
        gegevenscategorie="gezondheid",
        actie=Toegangslog.Actie.RAADPLEGEN,
    )


def _noemt_grond(html: str) -> bool:
    return any(woord in html.lower() for woord in GRONDWOORDEN)


@pytest.fixture
def dispensatiedossier(gemeente, klantmanager, vragenlijst_v1):
    """A completed intake with a dispensation for a visual impairment and a health-based Z-route advice, all made
    through the services, as the klantmanager does it."""
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, status="intake")
    intake = services.start_intake(dossier, door=klantmanager)
    gesprek = services.plan_gesprek(
        intake, door=klantmanager, gepland_op=dt.datetime(2026, 9, 8, 10, tzinfo=dt.UTC), plaats="gemeente"
    )
    services.registreer_gesprek(
        gesprek, door=klantmanager, verwachte_versie=gesprek.versie, gehouden=True, plaats="gemeente"
    )
    antwoorden = alle_verplichte_antwoorden(
        intake,
        opleiding_hoogste_niveau="basis",
        taal_geletterdheid="niet_gealfabetiseerd",
        gezondheid_beperkt_leren=True,
    )
    services.bewaar_antwoorden(intake, door=klantmanager, antwoorden=antwoorden, verwachte_versie=intake.versie)
    services.registreer_lbt(
        intake,
        door=klantmanager,
        uitkomst="dispensatie",
        dispensatie_grond=Leerbaarheidstoets.Dispensatiegrond.VISUEEL,
        besluit_datum=dt.date(2026, 9, 8),
    )
    intake.refresh_from_db()
    services.rond_intake_af(intake, door=klantmanager)  # makes the route advice
    route_advies = laatste_advies(intake)
    assert route_advies.route == "z" and "aanwijzingen" in route_advies.advies.samenvatting
    return dossier


def _pagina(gebruiker, naam: str, dossier) -> str:
    response = verified_client(gebruiker).get(reverse(naam, args=[dossier.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("rol", ROLLEN)
def test_advice_facts_show_the_dispensation_only_to_users_with_the_right(rol, gebruikers, dispensatiedossier):
    gebruiker = gebruikers[rol]
    html = _pagina(gebruiker, "intake:advies", dispensatiedossier)
    assert "Gegevens waarop het advies rust" in html and "Z-route" in html
    if rol in MAG:
        assert "Dispensatie (visuele of auditieve beperking)" in html
        assert _gezondheidsreads(gebruiker, dispensatiedossier).count() == 1
    else:
        assert not _noemt_grond(html)
        assert NEUTRAAL in html
        assert not _gezondheidsreads(gebruiker, dispensatiedossier).exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_lbt_page_shows_the_dispensation_ground_only_to_users_with_the_right(rol, gebruikers, dispensatiedossier):
    gebruiker = gebruikers[rol]
    html = _pagina(gebruiker, "intake:lbt", dispensatiedossier)
    assert "Leerbaarheidstoets" in html
    if rol in MAG:
        assert "Dispensatie van de leerbaarheidstoets (visuele beperking)" in html
        assert _gezondheidsreads(gebruiker, dispensatiedossier).count() == 1
    else:
        assert not _noemt_grond(html)
        assert NEUTRAAL in html
        assert 'name="dispensatie_grond"' not in html
        assert not _gezondheidsreads(gebruiker, dispensatiedossier).exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_intake_overview_shows_the_dispensation_ground_only_to_users_with_the_right(
    rol, gebruikers, dispensatiedossier
):
    gebruiker = gebruikers[rol]
    html = _pagina(gebruiker, "intake:overzicht", dispensatiedossier)
    assert "Brede intake" in html
    if rol in MAG:
        assert "Dispensatie van de leerbaarheidstoets (visuele beperking)" in html
        assert _gezondheidsreads(gebruiker, dispensatiedossier).count() == 1
    else:
        assert not _noemt_grond(html)
        assert NEUTRAAL in html
        assert not _gezondheidsreads(gebruiker, dispensatiedossier).exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_dossier_timeline_names_neither_the_ground_nor_the_health_based_summary(rol, gebruikers, dispensatiedossier):
    """The timeline is read by everyone with access to the dossier, unlogged as health: its lines are written
    neutrally (the full advice stays on the advice page, behind the right and the log)."""
    gebruiker = gebruikers[rol]
    advies = laatste_advies(dispensatiedossier.brede_intake).advies
    html = _pagina(gebruiker, "dossiers:detail", dispensatiedossier)
    assert "Dispensatie van de leerbaarheidstoets vastgelegd" in html
    assert "Routeadvies gemaakt: Z-route" in html
    assert samenvatting_voor(advies, mag_gezondheid=False) in html  # "Advies: Z-route."
    assert not _noemt_grond(html)
    assert advies.samenvatting not in html and "aanwijzingen" not in html
    assert not _gezondheidsreads(gebruiker, dispensatiedossier).exists()


def test_other_klantmanager_saves_the_lbt_without_seeing_or_erasing_the_ground(gebruikers, dispensatiedossier):
    collega = gebruikers["andere_klantmanager"]
    toets = dispensatiedossier.brede_intake.lbt
    response = verified_client(collega).post(
        reverse("intake:lbt", args=[dispensatiedossier.pk]),
        {
            "uitkomst": "dispensatie",
            "besluit_datum": "08-09-2026",
            "toelichting": "Besluit nagekeken.",
            "versie": toets.versie,
        },
    )
    assert response.status_code == 302, response.content.decode()
    toets.refresh_from_db()
    assert toets.dispensatie_grond == "visueel" and toets.toelichting == "Besluit nagekeken."


def test_other_klantmanager_cannot_record_a_new_dispensation_and_is_told_so_neutrally(gebruikers, intake):
    collega = gebruikers["andere_klantmanager"]
    response = verified_client(collega).post(
        reverse("intake:lbt", args=[intake.dossier.pk]), {"uitkomst": "dispensatie", "besluit_datum": "08-09-2026"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alleen de eigen klantmanager en de teamleider leggen de grond van een dispensatie vast." in html
    assert not _noemt_grond(html)
    assert not Leerbaarheidstoets.objects.filter(intake=intake).exists()


def test_lbt_text_is_neutral_without_the_right_and_names_the_ground_with_it(dispensatiedossier):
    toets = dispensatiedossier.brede_intake.lbt
    assert lbt_voor_weergave(toets, mag_gezondheid=False) == (NEUTRAAL, False)
    assert str(DISPENSATIE_VERBORGEN) == NEUTRAAL
    assert lbt_voor_weergave(toets, mag_gezondheid=True) == (
        "Dispensatie van de leerbaarheidstoets (visuele beperking)",
        True,
    )


def test_other_klantmanager_neither_reads_nor_replaces_the_explanation_of_a_dispensation(
    gebruikers, dispensatiedossier, klantmanager
):
    toets = dispensatiedossier.brede_intake.lbt
    services.registreer_lbt(
        dispensatiedossier.brede_intake,
        door=klantmanager,
        uitkomst="dispensatie",
        dispensatie_grond=Leerbaarheidstoets.Dispensatiegrond.VISUEEL,
        besluit_datum=dt.date(2026, 9, 8),
        toelichting="Na rapport van de oogarts.",
        verwachte_versie=toets.versie,
    )
    toets.refresh_from_db()
    collega = gebruikers["andere_klantmanager"]

    assert "oogarts" not in _pagina(collega, "intake:lbt", dispensatiedossier)
    assert "oogarts" in _pagina(klantmanager, "intake:lbt", dispensatiedossier)

    response = verified_client(collega).post(
        reverse("intake:lbt", args=[dispensatiedossier.pk]),
        {
            "uitkomst": "dispensatie",
            "besluit_datum": "08-09-2026",
            "toelichting": "Besluit nagekeken.",
            "versie": toets.versie,
        },
    )
    assert response.status_code == 302
    toets.refresh_from_db()
    assert toets.toelichting == "Na rapport van de oogarts.\n\nBesluit nagekeken."
    assert toets.dispensatie_grond == "visueel"
