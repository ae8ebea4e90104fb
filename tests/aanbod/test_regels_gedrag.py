"""Rules that had no test: the afschalen boundary, free exam attempts, ontzorgen payments, progress conversations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.aanbod.models import Examenresultaat, Voortgangsgesprek
from koers.aanbod.selectors import afschalen_mogelijk, gemiste_gesprekken
from koers.aanbod.services import (
    Uren,
    VasteLast,
    houd_voortgangsgesprek,
    maak_ontzorgingsplan,
    markeer_betaald,
    plan_voortgangsgesprekken,
    registreer_examen,
    registreer_uren,
)
from koers.aanbod.services.resultaten import gratis_pogingen_over
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.utils.concurrency import VersieConflict
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def _uren(inschrijving, km, totaal: Decimal, fysiek: Decimal):
    """``totaal`` lesson hours over ten months of 2026, ``fysiek`` of them in person."""
    for maand in range(1, 11):
        registreer_uren(
            inschrijving,
            periode=dt.date(2026, maand, 1),
            soort="taal",
            uren=Uren(totaal / 10, in_persoon=fysiek / 10),
            door=km,
        )


def test_afschalen_at_exactly_half_in_person_is_possible(gestart, klantmanager, b1_pip):
    _uren(gestart, klantmanager, Decimal(600), Decimal(300))
    assert afschalen_mogelijk(gestart.dossier) == (True, [])


def test_afschalen_just_under_half_in_person_is_not_possible(gestart, klantmanager, b1_pip):
    _uren(gestart, klantmanager, Decimal(600), Decimal("299.90"))
    mogelijk, redenen = afschalen_mogelijk(gestart.dossier)
    assert not mogelijk
    assert redenen == ["Minder dan de helft van deze uren is fysiek gevolgd (49 %)."]


def test_afschalen_shows_on_the_aanbod_tab_at_exactly_half(km_client, gestart, klantmanager, b1_pip):
    _uren(gestart, klantmanager, Decimal(600), Decimal(300))
    assert "Afschalen naar A2 is mogelijk" in km_client.get(f"/dossiers/{gestart.dossier_id}/aanbod/").content.decode()


def _examen(dossier, km, resultaat="niet_behaald", onderdeel="lezen", **extra):
    return registreer_examen(
        dossier, door=km, onderdeel=onderdeel, niveau="B1", datum=dt.date(2026, 11, 2), resultaat=resultaat, **extra
    )


def test_asielstatushouder_has_two_free_attempts_per_component(dossier, klantmanager):
    pogingen = [_examen(dossier, klantmanager) for _ in range(3)]
    assert [(p.poging, p.gratis) for p in pogingen] == [(1, True), (2, True), (3, False)]
    assert gratis_pogingen_over(dossier, "lezen") == 0
    assert gratis_pogingen_over(dossier, "spreken") == 2  # per component
    assert _examen(dossier, klantmanager, onderdeel="spreken").gratis is True


def test_a_third_free_attempt_is_refused(dossier, klantmanager):
    _examen(dossier, klantmanager)
    _examen(dossier, klantmanager)
    with pytest.raises(ValidationError) as fout:
        _examen(dossier, klantmanager, gratis=True)
    assert fout.value.messages == ["Er zijn geen gratis examenpogingen meer voor dit onderdeel."]
    assert Examenresultaat.objects.count() == 2


def test_a_gezinsmigrant_has_no_free_attempts(dossier, klantmanager):
    dossier.inburgeraar.doelgroep = "gezinsmigrant"
    dossier.inburgeraar.save()
    assert gratis_pogingen_over(dossier, "lezen") == 0
    assert _examen(dossier, klantmanager).gratis is False


def test_the_aanbod_tab_shows_the_free_attempts_left(km_client, dossier, klantmanager):
    _examen(dossier, klantmanager)
    tekst = km_client.get(f"/dossiers/{dossier.pk}/aanbod/").content.decode()
    assert "Gratis pogingen over: Lezen 1 · Luisteren 2 · Schrijven 2 · Spreken 2" in tekst


LASTEN = [VasteLast("huur", "Woonstichting", "NL91ABNA0417164300", Decimal("612.40"))]


def test_a_payment_is_marked_paid_once_and_a_stale_mark_is_refused(dossier, klantmanager):
    plan = maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 1), lasten=LASTEN)
    betaling = plan.betalingen.get(maand=dt.date(2026, 11, 1))
    betaald = markeer_betaald(betaling, door=klantmanager, verwachte_versie=1)
    assert (betaald.status, betaald.versie) == ("betaald", 2)
    with pytest.raises(VersieConflict):
        markeer_betaald(betaling, door=klantmanager, verwachte_versie=1)
    assert plan.betalingen.filter(status="betaald").count() == 1
    assert plan.betalingen.filter(status="gepland").count() == 5


def test_a_payment_of_another_gemeente_cannot_be_marked(dossier, klantmanager, andere_gemeente):
    plan = maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 1), lasten=LASTEN)
    betaling = plan.betalingen.first()
    ander = GebruikerFactory(username="km.ander", rol="klantmanager", gemeente=andere_gemeente)
    with pytest.raises(PermissionDenied):
        markeer_betaald(betaling, door=ander)
    betaling.refresh_from_db()
    assert betaling.status == "gepland"


def test_conversations_are_planned_from_the_pip_dagtekening(dossier, klantmanager, b1_pip):
    gesprekken = plan_voortgangsgesprekken(dossier, door=klantmanager)
    assert gesprekken and gesprekken[0].gepland_op > b1_pip.dagtekening
    assert plan_voortgangsgesprekken(dossier, door=klantmanager) == []  # planning again adds nothing


def test_holding_a_conversation_records_it_on_the_timeline(dossier, klantmanager):
    gesprek = plan_voortgangsgesprekken(dossier, door=klantmanager, start=dt.date(2026, 6, 1))[0]
    gehouden = houd_voortgangsgesprek(
        gesprek, door=klantmanager, gehouden_op=dt.date(2026, 11, 3), afspraken="Elke week oefenen", verwachte_versie=1
    )
    assert (gehouden.status, gehouden.gehouden_op, gehouden.afspraken) == (
        "gehouden",
        dt.date(2026, 11, 3),
        "Elke week oefenen",
    )
    assert TijdlijnGebeurtenis.objects.filter(
        dossier=dossier, soort="voortgangsgesprek", titel__startswith="Voortgangsgesprek gehouden op"
    ).exists()
    with pytest.raises(VersieConflict):
        houd_voortgangsgesprek(gesprek, door=klantmanager, gehouden_op=None, gemist=True, verwachte_versie=1)
    assert Voortgangsgesprek.objects.get(pk=gesprek.pk).status == "gehouden"


def test_a_held_conversation_needs_its_date(dossier, klantmanager):
    gesprek = plan_voortgangsgesprekken(dossier, door=klantmanager, start=dt.date(2026, 6, 1))[0]
    with pytest.raises(ValidationError):
        houd_voortgangsgesprek(gesprek, door=klantmanager, gehouden_op=None)
    assert Voortgangsgesprek.objects.get(pk=gesprek.pk).status == "gepland"


def test_missed_conversations_are_those_marked_missed_or_planned_in_the_past_and_not_held(dossier, klantmanager):
    verleden, _vandaag, _toekomst = (
        Voortgangsgesprek.objects.create(dossier=dossier, gepland_op=d)
        for d in (dt.date(2026, 10, 1), dt.date(2026, 11, 15), dt.date(2027, 1, 1))
    )
    gehouden = Voortgangsgesprek.objects.create(dossier=dossier, gepland_op=dt.date(2026, 9, 1))
    houd_voortgangsgesprek(gehouden, door=klantmanager, gehouden_op=dt.date(2026, 9, 1))
    gemist = Voortgangsgesprek.objects.create(dossier=dossier, gepland_op=dt.date(2026, 8, 1))
    houd_voortgangsgesprek(gemist, door=klantmanager, gehouden_op=None, gemist=True)
    assert {g.pk for g in gemiste_gesprekken(dossier)} == {verleden.pk, gemist.pk}


def test_the_aanbod_tab_flags_a_missed_conversation(km_client, dossier):
    Voortgangsgesprek.objects.create(dossier=dossier, gepland_op=dt.date(2026, 10, 1))
    tekst = km_client.get(f"/dossiers/{dossier.pk}/aanbod/").content.decode()
    assert "koers-badge--overdue" in tekst
