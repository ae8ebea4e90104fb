"""'Mijn acties' and the team view: buckets, counts per kind, scoping, and a fixed number of queries."""

import pytest

from koers.termijnen import selectors, services
from tests.factories import DossierFactory, GebruikerFactory

from .helpers import D, op

pytestmark = pytest.mark.django_db
VANDAAG = D(2026, 11, 1)


def dossier_met_start(start, **kwargs):
    """A dossier whose PIP deadline is ``start`` + 10 weeks."""
    d = DossierFactory(aangemeld_op=start, **kwargs)
    services.zorg_voor_startgebeurtenis(d)
    return d


@pytest.fixture
def werklijst(gemeente, andere_gemeente, klantmanager):
    collega = GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente)
    vreemd = GebruikerFactory(username="km.ww", rol="klantmanager", gemeente=andere_gemeente)
    return {
        "verlopen": dossier_met_start(D(2026, 8, 20), gemeente=gemeente, klantmanager=klantmanager),  # 29 Oct
        "binnenkort": dossier_met_start(D(2026, 9, 1), gemeente=gemeente, klantmanager=klantmanager),  # 10 Nov
        "later": dossier_met_start(D(2026, 10, 20), gemeente=gemeente, klantmanager=klantmanager),  # 29 Dec
        "collega": dossier_met_start(D(2026, 8, 20), gemeente=gemeente, klantmanager=collega),
        "vreemd": dossier_met_start(D(2026, 8, 20), gemeente=andere_gemeente, klantmanager=vreemd),
        "collega_km": collega,
    }


def test_mijn_acties_counts_each_bucket_per_kind(werklijst, klantmanager):
    with op(VANDAAG):
        tellingen = selectors.actie_tellingen(klantmanager)
    assert tellingen.totaal == {"verlopen": 1, "binnenkort": 1, "later": 1}
    pip = next(r for r in tellingen.per_soort if r["soort"] == "pip_vaststellen")
    assert (pip["verlopen"], pip["binnenkort"], pip["later"], pip["totaal"]) == (1, 1, 1, 3)


def test_mijn_acties_lists_only_my_own_open_deadlines_in_the_right_group(werklijst, klantmanager):
    with op(VANDAAG):
        verlopen = selectors.acties(klantmanager, groep="verlopen").items
        binnenkort = selectors.acties(klantmanager, groep="binnenkort").items
    assert [t.dossier_id for t in verlopen] == [werklijst["verlopen"].pk]
    assert [t.dossier_id for t in binnenkort] == [werklijst["binnenkort"].pk]


def test_teamleider_sees_the_whole_gemeente_but_never_another_gemeente(werklijst, teamleider):
    with op(VANDAAG):
        verlopen = selectors.acties(teamleider, groep="verlopen").items
        team = selectors.team_overzicht(teamleider)
    assert {t.dossier_id for t in verlopen} == {werklijst["verlopen"].pk, werklijst["collega"].pk}
    assert werklijst["vreemd"].pk not in {t.dossier_id for t in verlopen}
    per_km = {r["klantmanager_id"]: (r["verlopen"], r["binnenkort"], r["later"]) for r in team}
    assert per_km == {werklijst["verlopen"].klantmanager_id: (1, 1, 1), werklijst["collega_km"].pk: (1, 0, 0)}


def test_a_beleidsmedewerker_gets_no_worklist(werklijst, gemeente):
    bm = GebruikerFactory(username="bm", rol="beleidsmedewerker", gemeente=gemeente)
    assert selectors.acties(bm, groep="verlopen").items == []
    assert selectors.team_overzicht(bm) == []


def test_done_and_closed_dossier_deadlines_leave_the_worklist(werklijst, klantmanager):
    services.registreer_feit(
        werklijst["verlopen"], soort="pip_vastgesteld", datum=D(2026, 10, 28), door=klantmanager, gegevens={}
    )
    with op(VANDAAG):
        assert selectors.acties(klantmanager, groep="verlopen").items == []


def test_closing_a_dossier_takes_its_deadlines_off_the_worklist(werklijst, klantmanager):
    from koers.dossiers.services import wijzig_status

    with op(VANDAAG):
        wijzig_status(werklijst["binnenkort"], naar="afgerond", afsluitreden="vertrokken", door=klantmanager)
        assert selectors.acties(klantmanager, groep="binnenkort").items == []
        assert selectors.actie_tellingen(klantmanager).totaal["binnenkort"] == 0
        assert [t.dossier_id for t in selectors.acties(klantmanager, groep="verlopen").items] == [
            werklijst["verlopen"].pk
        ]


def test_keyset_pages_cover_every_row_once(gemeente, klantmanager):
    for dag in range(1, 8):
        dossier_met_start(D(2026, 10, dag), gemeente=gemeente, klantmanager=klantmanager)
    gezien, na = [], ""
    with op(VANDAAG):
        for sorteer in ("datum", "soort"):
            gezien, na = [], ""
            while True:
                pagina = selectors.acties(klantmanager, groep="later", sorteer=sorteer, na=na, grootte=3)
                gezien += [t.pk for t in pagina.items]
                if not pagina.volgende:
                    break
                na = pagina.volgende
            assert len(gezien) == len(set(gezien)) == 7


def test_worklist_costs_the_same_number_of_queries_for_few_or_many_dossiers(
    gemeente, klantmanager, django_assert_num_queries
):
    def tel():
        with op(VANDAAG):
            selectors.actie_tellingen(klantmanager)
            for groep in selectors.GROEPEN:
                [t.dossier.inburgeraar.achternaam for t in selectors.acties(klantmanager, groep=groep).items]

    dossier_met_start(D(2026, 9, 1), gemeente=gemeente, klantmanager=klantmanager)
    with django_assert_num_queries(4):
        tel()
    for dag in range(1, 20):
        dossier_met_start(D(2026, 8, dag), gemeente=gemeente, klantmanager=klantmanager)
    with django_assert_num_queries(4):
        tel()
