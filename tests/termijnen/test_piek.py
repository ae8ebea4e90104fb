"""PIP deadlines per week for the teamleider: a DUO batch shows as a surge, each week links to its worklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.termijnen import selectors
from koers.termijnen.models import Termijn
from tests.conftest import verified_client
from tests.factories import DossierFactory, InburgeraarFactory
from tests.termijnen.helpers import D, op

pytestmark = pytest.mark.django_db
MAANDAG = D(2026, 11, 2)


def pip_termijnen(gemeente, klantmanager, datum: dt.date, aantal: int, *, achternaam: str = "") -> None:
    """``aantal`` dossiers whose PIP must be fixed by ``datum`` (as after a batch of DUO signals)."""
    rijen = []
    for _ in range(aantal):
        persoon = InburgeraarFactory(achternaam=achternaam) if achternaam else InburgeraarFactory()
        dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, inburgeraar=persoon)
        rijen.append(
            Termijn(
                dossier=dossier,
                gemeente=gemeente,
                klantmanager=klantmanager,
                soort="pip_vaststellen",
                datum=datum,
                oorspronkelijke_datum=datum,
                regel_code="pip_vaststellen",
                regel_versie=1,
                regel_titel="PIP binnen 10 weken",
                bron="Wi2021 art. 14",
                zekerheid="L",
                uitleg="",
            )
        )
    Termijn.objects.bulk_create(rijen)


@pytest.fixture
def gewone_weken(gemeente, klantmanager):
    for week in range(12):
        pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(weeks=week, days=2), 3)


def test_a_batch_in_one_week_is_a_surge_and_counting_is_one_query(
    gewone_weken, gemeente, klantmanager, teamleider, django_assert_num_queries
):
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(weeks=4, days=4), 57)
    with op(MAANDAG + dt.timedelta(days=1)), django_assert_num_queries(1):
        overzicht = selectors.pip_termijnen_per_week(teamleider)
    assert [w.aantal for w in overzicht.weken] == [3, 3, 3, 3, 60, 3, 3, 3, 3, 3, 3, 3]
    assert [w.begin for w in overzicht.pieken] == [MAANDAG + dt.timedelta(weeks=4)]
    assert (overzicht.gewoon, overzicht.drempel) == (3.0, 10)


def test_a_few_extra_deadlines_in_a_quiet_gemeente_are_no_surge(gemeente, klantmanager, teamleider):
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(days=3), 4)
    with op(MAANDAG):
        assert selectors.pip_termijnen_per_week(teamleider).pieken == []


def test_the_threshold_is_configurable(gewone_weken, gemeente, klantmanager, teamleider, settings):
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(weeks=1), 4)  # 7 in week 2
    with op(MAANDAG):
        assert selectors.pip_termijnen_per_week(teamleider).pieken == []
        settings.TERMIJNEN_PIEK_MINIMUM = 5
        assert [w.aantal for w in selectors.pip_termijnen_per_week(teamleider).pieken] == [7]
        settings.TERMIJNEN_PIEK_FACTOR = 3
        assert selectors.pip_termijnen_per_week(teamleider).pieken == []


def test_other_gemeenten_past_and_done_deadlines_are_not_counted(gemeente, klantmanager, teamleider, andere_gemeente):
    pip_termijnen(andere_gemeente, None, MAANDAG + dt.timedelta(days=2), 40)
    pip_termijnen(gemeente, klantmanager, MAANDAG - dt.timedelta(days=1), 40)  # last week: overdue, not ahead
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(weeks=12), 40)  # beyond the 12 weeks
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(days=2), 2)
    Termijn.objects.filter(gemeente=gemeente, datum=MAANDAG + dt.timedelta(days=2)).update(
        status="voldaan", voldaan_op=MAANDAG
    )
    with op(MAANDAG):
        assert selectors.pip_termijnen_per_week(teamleider).totaal == 0


def test_team_view_shows_the_surge_and_its_week_links_to_the_filtered_worklist(
    gewone_weken, gemeente, klantmanager, teamleider
):
    piekweek = MAANDAG + dt.timedelta(weeks=4)
    pip_termijnen(gemeente, klantmanager, piekweek + dt.timedelta(days=4), 57, achternaam="Piekweek")
    pip_termijnen(gemeente, klantmanager, MAANDAG + dt.timedelta(weeks=6), 1, achternaam="Andereweek")
    client = verified_client(teamleider)
    with op(MAANDAG):
        inhoud = client.get(reverse("termijnen:team")).content.decode()
    assert "Piek in de PIP-termijnen" in inhoud
    assert "gewoonlijk 3 per week; vanaf 10 is het een piek" in inhoud
    link = f"{reverse('termijnen:acties')}?soort=pip_vaststellen&amp;week={piekweek.isoformat()}"
    assert link in inhoud
    assert "Week 49 (30 november – 6 december 2026): 60 PIP-termijnen" in inhoud

    with op(MAANDAG):
        lijst = client.get(link.replace("&amp;", "&"))
    inhoud = lijst.content.decode()
    assert "Alleen termijnen in week 49 (30 november – 6 december 2026)." in inhoud
    assert "Piekweek" in inhoud and "Andereweek" not in inhoud
    assert lijst.context["tellingen"].totaal == {"verlopen": 0, "binnenkort": 0, "later": 60}
    assert f'name="week" value="{piekweek.isoformat()}"' in inhoud


def test_mijn_acties_shows_the_overview_to_the_teamleider_only(gewone_weken, teamleider, km_client):
    with op(MAANDAG):
        assert "PIP-termijnen per week" in verified_client(teamleider).get(reverse("termijnen:acties")).content.decode()
        assert "PIP-termijnen per week" not in km_client.get(reverse("termijnen:acties")).content.decode()


def test_no_surge_no_notice(gewone_weken, teamleider):
    with op(MAANDAG):
        inhoud = verified_client(teamleider).get(reverse("termijnen:team")).content.decode()
    assert "PIP-termijnen per week" in inhoud and "Piek in de PIP-termijnen" not in inhoud
