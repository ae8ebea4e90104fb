"""Deadlines stored per dossier, recomputed from its facts (frozen time)."""

import pytest
from django.core.exceptions import ValidationError

from koers.dossiers.models import TijdlijnGebeurtenis
from koers.dossiers.services import wijs_klantmanager_toe
from koers.termijnen import selectors, services
from koers.termijnen.models import GelijkgesteldeDag, GemeenteInstelling, Termijn, Termijnfeit
from tests.factories import GebruikerFactory

from .helpers import D, op

pytestmark = pytest.mark.django_db


def termijn(dossier, soort):
    return Termijn.objects.get(dossier=dossier, soort=soort)


def stel_pip_vast(dossier, dagtekening, door, route="b1", **extra):
    return services.registreer_feit(
        dossier, soort="pip_vastgesteld", datum=dagtekening, door=door, gegevens={"route": route, **extra}
    )


def test_default_start_event_is_the_registration_and_gives_a_pip_deadline_ten_weeks_later(dossier):
    services.zorg_voor_startgebeurtenis(dossier)
    services.zorg_voor_startgebeurtenis(dossier)  # idempotent

    assert Termijnfeit.objects.filter(dossier=dossier, soort="startgebeurtenis").count() == 1
    pip = termijn(dossier, "pip_vaststellen")
    assert pip.datum == D(2026, 11, 10)  # 1 September 2026 + 10 weeks, a Tuesday
    assert pip.status == "open" and pip.regel_code == "pip_vaststellen" and "Wet inburgering 2021" in pip.bron
    assert (pip.gemeente_id, pip.klantmanager_id) == (dossier.gemeente_id, dossier.klantmanager_id)


def test_koppeling_as_start_event_uses_the_koppeling_date(dossier):
    from koers.inburgeraars.models import Koppeling

    GemeenteInstelling.objects.create(gemeente=dossier.gemeente, pip_startgebeurtenis="koppeling")
    Koppeling.objects.create(inburgeraar=dossier.inburgeraar, gemeente=dossier.gemeente, datum=D(2026, 8, 4))
    services.zorg_voor_startgebeurtenis(dossier)
    pip = termijn(dossier, "pip_vaststellen")
    assert pip.datum == D(2026, 10, 13)
    assert "koppeling" in pip.uitleg


def test_termijn_starts_day_after_first_pip_dagtekening(dossier, klantmanager):
    services.zorg_voor_startgebeurtenis(dossier)
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)

    t = selectors.inburgeringstermijn(dossier)
    assert (t.begindatum, t.datum) == (D(2026, 10, 16), D(2029, 10, 15))
    assert t.bron.startswith("Wet inburgering 2021, art. 11")
    pip = termijn(dossier, "pip_vaststellen")
    assert (pip.status, pip.voldaan_op) == ("voldaan", D(2026, 10, 15))


def test_a_later_pip_does_not_move_the_termijn_but_its_route_drops_the_map(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager, route="b1")
    assert Termijn.objects.filter(dossier=dossier, soort="map").exists()

    stel_pip_vast(dossier, D(2027, 3, 1), klantmanager, route="onderwijs")

    t = selectors.inburgeringstermijn(dossier)
    assert (t.begindatum, t.datum) == (D(2026, 10, 16), D(2029, 10, 15))
    assert Termijnfeit.objects.get(dossier=dossier, datum=D(2027, 3, 1)).gegevens["eerste"] is False
    assert not Termijn.objects.filter(dossier=dossier, soort="map").exists()  # no MAP in the onderwijsroute


def test_info_requested_suspends_and_arrival_extends_the_pip_deadline_by_two_weeks(dossier, klantmanager):
    services.zorg_voor_startgebeurtenis(dossier)
    services.registreer_feit(dossier, soort="info_gevraagd", datum=D(2026, 10, 1), door=klantmanager)
    pip = termijn(dossier, "pip_vaststellen")
    assert (pip.datum, pip.opgeschort) == (D(2026, 11, 10), True)

    services.registreer_feit(dossier, soort="info_ontvangen", datum=D(2026, 11, 5), door=klantmanager)
    pip.refresh_from_db()
    assert (pip.datum, pip.opgeschort) == (D(2026, 11, 19), False)
    assert "Wet inburgering 2021" in " ".join(pip.aanvullende_bronnen)


def test_gemeente_setting_changes_the_weeks_after_information(dossier, klantmanager):
    GemeenteInstelling.objects.create(gemeente=dossier.gemeente, pip_opschorting_weken_na_info=3)
    services.zorg_voor_startgebeurtenis(dossier)
    services.registreer_feit(dossier, soort="info_gevraagd", datum=D(2026, 10, 1), door=klantmanager)
    services.registreer_feit(dossier, soort="info_ontvangen", datum=D(2026, 11, 5), door=klantmanager)
    assert termijn(dossier, "pip_vaststellen").datum == D(2026, 11, 26)


def test_information_received_before_it_was_requested_is_refused(dossier, klantmanager):
    services.registreer_feit(dossier, soort="info_gevraagd", datum=D(2026, 10, 1), door=klantmanager)
    with pytest.raises(ValidationError):
        services.registreer_feit(dossier, soort="info_ontvangen", datum=D(2026, 9, 30), door=klantmanager)
    assert not Termijnfeit.objects.filter(soort="info_ontvangen").exists()


def test_gelijkgestelde_dag_entered_by_beheer_moves_the_deadline(dossier):
    GelijkgesteldeDag.objects.create(datum=D(2026, 11, 10), omschrijving="testdag", besluit="Besluit X")
    services.zorg_voor_startgebeurtenis(dossier)
    pip = termijn(dossier, "pip_vaststellen")
    assert (pip.oorspronkelijke_datum, pip.datum) == (D(2026, 11, 10), D(2026, 11, 11))
    assert "testdag" in pip.uitleg and pip.is_verschoven


def test_good_friday_moves_a_stored_deadline_to_the_tuesday_after_easter(dossier):
    services.registreer_feit(dossier, soort="startgebeurtenis", datum=D(2027, 1, 15), gegevens={})
    pip = termijn(dossier, "pip_vaststellen")
    assert pip.oorspronkelijke_datum == D(2027, 3, 26)  # Goede Vrijdag 2027
    assert pip.datum == D(2027, 3, 30) and pip.is_verschoven
    assert "Goede Vrijdag" in pip.uitleg


def test_verlenging_moves_the_end_of_the_termijn(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    with op(D(2029, 5, 1)):
        services.registreer_verlenging(dossier, grond="geboorte", besluitdatum=D(2029, 5, 1), door=klantmanager)
    t = selectors.inburgeringstermijn(dossier)
    assert t.datum == D(2030, 2, 4)  # 15 October 2029 + 16 weeks
    assert "verlengd door DUO met 16 weken" in t.uitleg
    # PVT and MAP follow the new end.
    assert termijn(dossier, "pvt").datum == D(2030, 2, 4)


def test_verlenging_before_thirty_months_is_refused_and_nothing_is_stored(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    with pytest.raises(ValidationError) as fout:
        services.registreer_verlenging(dossier, grond="geboorte", besluitdatum=D(2028, 1, 1), door=klantmanager)
    assert fout.value.code == "te_vroeg"
    assert not Termijnfeit.objects.filter(soort="verlenging").exists()
    assert selectors.inburgeringstermijn(dossier).datum == D(2029, 10, 15)


def test_verlenging_for_illness_needs_more_than_three_months(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    with pytest.raises(ValidationError):
        services.registreer_verlenging(dossier, grond="ziekte", besluitdatum=D(2029, 5, 1), door=klantmanager, weken=13)
    services.registreer_verlenging(dossier, grond="ziekte", besluitdatum=D(2029, 5, 1), door=klantmanager, weken=20)
    assert selectors.inburgeringstermijn(dossier).datum == D(2030, 3, 4)


def test_switch_window_is_eighteen_months_and_shifted_past_easter_weekend(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    venster = termijn(dossier, "schakelen")
    # Saturday 15 April 2028, then Easter Sunday and tweede Paasdag: the window closes on Tuesday 18 April.
    assert (venster.oorspronkelijke_datum, venster.datum) == (D(2028, 4, 15), D(2028, 4, 18))
    assert "tweede Paasdag" not in venster.uitleg or "zaterdag" in venster.uitleg

    assert selectors.schakelen_toegestaan(dossier, van_route="b1", naar_route="z", op=D(2028, 4, 18))[0]
    mag, uitleg = selectors.schakelen_toegestaan(dossier, van_route="b1", naar_route="z", op=D(2028, 4, 19))
    assert not mag and "18 maanden" in uitleg
    assert selectors.schakelen_toegestaan(dossier, van_route="onderwijs", naar_route="b1", op=D(2029, 1, 1))[0]


def test_switch_is_free_before_the_first_pip(dossier):
    assert selectors.schakelen_toegestaan(dossier, van_route="b1", naar_route="z", op=D(2026, 9, 2))[0]
    assert selectors.inburgeringstermijn(dossier) is None


def test_facts_appear_on_the_timeline_except_the_pip_which_the_pip_app_logs(dossier, klantmanager):
    services.registreer_feit(dossier, soort="info_gevraagd", datum=D(2026, 10, 1), door=klantmanager)
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    soorten = list(TijdlijnGebeurtenis.objects.filter(dossier=dossier).values_list("soort", flat=True))
    assert soorten == ["termijnfeit"]


def test_voortgangsgesprek_held_moves_the_next_one(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    gesprek = termijn(dossier, "voortgangsgesprek")
    assert gesprek.datum == D(2027, 1, 16)
    services.markeer_voldaan(gesprek, door=klantmanager, op=D(2027, 1, 10))
    gesprek.refresh_from_db()
    assert (gesprek.datum, gesprek.status) == (D(2027, 4, 16), "open")


def test_deadline_marked_done_by_hand_stays_done_after_recomputing(dossier, klantmanager):
    stel_pip_vast(dossier, D(2026, 10, 15), klantmanager)
    services.registreer_feit(dossier, soort="ontzorgen_start", datum=D(2026, 11, 1), door=klantmanager)
    services.markeer_voldaan(termijn(dossier, "ontzorgen"), door=klantmanager, op=D(2027, 4, 30))
    services.registreer_feit(dossier, soort="pvt_voldaan", datum=D(2027, 5, 1), door=klantmanager)
    assert termijn(dossier, "ontzorgen").status == "voldaan"
    assert (termijn(dossier, "pvt").status, termijn(dossier, "pvt").voldaan_op) == ("voldaan", D(2027, 5, 1))


def test_reassigning_the_dossier_moves_its_deadlines_to_the_new_klantmanager(dossier, gemeente, teamleider):
    services.zorg_voor_startgebeurtenis(dossier)
    nieuw = GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente)
    wijs_klantmanager_toe(dossier, klantmanager=nieuw, door=teamleider)
    assert termijn(dossier, "pip_vaststellen").klantmanager_id == nieuw.pk
