"""Services of the brede intake: drafts, completion, advice, decision, questionnaire versions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from koers.audit.models import Toegangslog
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.inburgeraars.models import Gezinslid
from koers.intake import beheer, selectors, services
from koers.intake.advies import REGELSETS, Leerroute, nieuwe_versie
from koers.intake.models import Antwoord, BredeIntake, RouteAdvies, Vraag
from koers.intake.models.route import Onveranderlijk
from koers.utils.concurrency import VersieConflict

from .conftest import alle_verplichte_antwoorden


@pytest.fixture(autouse=True)
def _vaste_klok():
    """Ages and dates below are fixed (e.g. born 2003-01-01): the clock must not run on with the calendar."""
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


def test_start_moves_dossier_to_intake_and_fixes_the_questionnaire_version(dossier, klantmanager, vragenlijst_v1):
    intake = services.start_intake(dossier, door=klantmanager)
    dossier.refresh_from_db()
    assert dossier.status == "intake"
    assert intake.vragenlijst == vragenlijst_v1
    assert TijdlijnGebeurtenis.objects.filter(dossier=dossier, titel__startswith="Brede intake gestart").exists()
    with pytest.raises(ValidationError, match="al gestart"):
        services.start_intake(dossier, door=klantmanager)


def test_questionnaire_v1_covers_every_area_of_life_and_flags_health(vragenlijst_v1):
    vragen = list(vragenlijst_v1.vragen.all())
    assert 25 <= len(vragen) <= 35
    assert {v.levensgebied for v in vragen} == {
        "opleiding_werk",
        "taal",
        "gezondheid",
        "digitaal",
        "financien",
        "wonen",
        "gezin",
        "netwerk",
        "ambities",
    }
    gezondheid = {v.code for v in vragen if v.is_gezondheid}
    assert {"gezondheid_lichamelijk", "gezondheid_psychisch", "gezondheid_beperkt_leren"} <= gezondheid
    assert "opleiding_hoogste_niveau" not in gezondheid


def test_draft_across_two_conversations_keeps_earlier_answers(intake, klantmanager):
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden={"werk_ervaring": "Kapper, zes jaar."}, verwachte_versie=intake.versie
    )
    intake.refresh_from_db()
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden={"ambitie_hoofddoel": "werk"}, verwachte_versie=intake.versie
    )
    assert selectors.antwoorden(intake) == {"werk_ervaring": "Kapper, zes jaar.", "ambitie_hoofddoel": "werk"}
    intake.refresh_from_db()
    assert intake.status == BredeIntake.Status.CONCEPT


def test_stale_draft_is_refused_and_nothing_is_overwritten(intake, klantmanager):
    oude_versie = intake.versie
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden={"werk_ervaring": "A"}, verwachte_versie=oude_versie
    )
    with pytest.raises(VersieConflict):
        services.bewaar_antwoorden(
            intake, door=klantmanager, antwoorden={"werk_ervaring": "B"}, verwachte_versie=oude_versie
        )
    assert selectors.antwoorden(intake)["werk_ervaring"] == "A"


def test_completion_refuses_naming_missing_answers_conversation_and_lbt(intake, klantmanager):
    services.bewaar_antwoorden(
        intake, door=klantmanager, antwoorden={"werk_ervaring": "Kapper."}, verwachte_versie=intake.versie
    )
    with pytest.raises(services.IntakeOnvolledig) as fout:
        services.rond_intake_af(intake, door=klantmanager)
    assert "ambitie_hoofddoel" in fout.value.vragen
    assert "werk_ervaring" not in fout.value.vragen
    tekst = " ".join(fout.value.overig)
    assert "gehouden intakegesprek" in tekst
    assert "leerbaarheidstoets" in tekst
    intake.refresh_from_db()
    assert intake.status == BredeIntake.Status.CONCEPT
    assert not RouteAdvies.objects.exists()


def test_completion_asks_for_a_separate_conversation_with_the_partner(klaar_voor_afronden, klantmanager):
    intake = klaar_voor_afronden
    Gezinslid.objects.create(inburgeraar=intake.dossier.inburgeraar, soort="partner", naam="Omar")
    with pytest.raises(services.IntakeOnvolledig, match="partner"):
        services.rond_intake_af(intake, door=klantmanager)
    services.plan_gesprek(
        intake,
        door=klantmanager,
        gepland_op=dt.datetime(2026, 9, 9, 10, tzinfo=dt.UTC),
        plaats="gemeente",
        is_partnergesprek=True,
    )
    assert services.rond_intake_af(intake, door=klantmanager).is_afgerond


def test_completion_makes_the_advice_and_locks_the_answers(klaar_voor_afronden, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    assert intake.afgerond_door == klantmanager
    advies = selectors.laatste_advies(intake)
    assert advies is not None
    assert [o.route for o in advies.advies.overwegingen] == list(Leerroute)
    with pytest.raises(ValidationError, match="afgerond"):
        services.bewaar_antwoorden(
            intake, door=klantmanager, antwoorden={"werk_ervaring": "X"}, verwachte_versie=intake.versie
        )
    titels = list(TijdlijnGebeurtenis.objects.filter(dossier=intake.dossier).values_list("titel", flat=True))
    assert "Brede intake afgerond" in titels
    assert any(t.startswith("Routeadvies gemaakt") for t in titels)


def test_advice_follows_answers_and_lbt(klaar_voor_afronden, klantmanager):
    intake = klaar_voor_afronden
    intake.dossier.inburgeraar.geboortedatum = dt.date(2003, 1, 1)
    intake.dossier.inburgeraar.save()
    services.bewaar_antwoorden(
        intake,
        door=klantmanager,
        antwoorden={"opleiding_hoogste_niveau": "mbo", "ambitie_hoofddoel": "onderwijs"},
        verwachte_versie=intake.versie,
    )
    services.rond_intake_af(intake, door=klantmanager)
    assert selectors.laatste_advies(intake).route == "onderwijs"
    services.registreer_lbt(
        intake,
        door=klantmanager,
        uitkomst="b1_niet_haalbaar",
        datum=dt.date(2026, 9, 8),
        afgenomen_in="gemeente",
        verwachte_versie=intake.lbt.versie,
    )
    assert services.maak_advies(intake, door=klantmanager).route == "z"
    assert RouteAdvies.objects.filter(intake=intake).count() == 2


def test_stored_advice_is_immutable_and_rerenders_identically_after_a_new_regelset(klaar_voor_afronden, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    opgeslagen = selectors.laatste_advies(intake)
    voor = opgeslagen.advies
    with pytest.raises(Onveranderlijk):
        opgeslagen.save()
    huidig = REGELSETS[-1]
    later = nieuwe_versie(huidig, versie=3, geldig_vanaf=dt.date(2026, 1, 1), onderwijsroute_richtleeftijd=60)
    nieuw = services.maak_advies(intake, door=klantmanager, regelsets=[*REGELSETS, later])
    assert nieuw.regelset_versie == 3
    teruggelezen = RouteAdvies.objects.get(pk=opgeslagen.pk)
    assert teruggelezen.advies == voor
    assert teruggelezen.regelset_versie == huidig.versie


def test_decision_against_advice_needs_motivation_and_moves_dossier(klaar_voor_afronden, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    advies = selectors.laatste_advies(intake)
    ander = next(r for r in Leerroute if r.value != advies.route)
    with pytest.raises(ValidationError) as fout:
        services.neem_routebesluit(intake, door=klantmanager, route=ander.value, motivatie="  ")
    assert "motivatie" in fout.value.error_dict
    assert selectors.routebesluit(intake.dossier) is None
    besluit = services.neem_routebesluit(intake, door=klantmanager, route=ander.value, motivatie="Wil snel werken.")
    assert selectors.routebesluit(intake.dossier) == besluit
    assert besluit.advies.advies.route.value == advies.route
    intake.dossier.refresh_from_db()
    assert intake.dossier.status == "pip_in_voorbereiding"
    assert TijdlijnGebeurtenis.objects.filter(
        dossier=intake.dossier, titel__contains="afwijkend van het advies"
    ).exists()


def test_decision_following_advice_needs_no_motivation(klaar_voor_afronden, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    besluit = services.neem_routebesluit(intake, door=klantmanager, route=selectors.laatste_advies(intake).route)
    assert besluit.volgt_advies and besluit.motivatie == ""


def test_completed_intake_keeps_its_questionnaire_version_when_v2_is_activated(klaar_voor_afronden, klantmanager):
    intake = services.rond_intake_af(klaar_voor_afronden, door=klantmanager)
    v1 = intake.vragenlijst
    v2 = beheer.nieuwe_versie(v1, geldig_vanaf=dt.date(2024, 1, 1))
    assert not v1.is_bewerkbaar and v2.is_bewerkbaar
    Vraag.objects.filter(vragenlijst=v2, code="werk_ervaring").update(tekst="Welk werk deed u hiervoor?")
    Vraag.objects.create(
        vragenlijst=v2, code="rijbewijs", levensgebied="ambities", tekst="Rijbewijs?", antwoordtype="ja_nee"
    )
    beheer.activeer(v2)
    intake.refresh_from_db()
    assert intake.vragenlijst == v1
    assert not v1.vragen.filter(code="rijbewijs").exists()
    assert v1.vragen.get(code="werk_ervaring").tekst.startswith("Welke werkervaring")
    assert Antwoord.objects.filter(intake=intake, vraag__vragenlijst=v1).count() == len(
        alle_verplichte_antwoorden(intake)
    )
    assert selectors.geldende_vragenlijst(dt.date(2026, 10, 1)) == v2


def test_new_intake_after_activation_uses_v2(dossier, klantmanager, vragenlijst_v1):
    v2 = beheer.nieuwe_versie(vragenlijst_v1, geldig_vanaf=dt.date(2024, 1, 1))
    beheer.activeer(v2)
    assert services.start_intake(dossier, door=klantmanager).vragenlijst == v2


def test_activation_refuses_a_version_without_the_advice_questions(vragenlijst_v1):
    v2 = beheer.nieuwe_versie(vragenlijst_v1)
    v2.vragen.filter(code="ambitie_hoofddoel").delete()
    with pytest.raises(ValidationError, match="ambitie_hoofddoel"):
        beheer.activeer(v2)


def test_health_answers_only_by_own_klantmanager_or_teamleider(intake, andere_klantmanager, teamleider):
    with pytest.raises(PermissionDenied):
        services.bewaar_antwoorden(
            intake, door=andere_klantmanager, antwoorden={"gezondheid_psychisch": "x"}, verwachte_versie=None
        )
    services.bewaar_antwoorden(
        intake, door=teamleider, antwoorden={"gezondheid_psychisch": "Slaapt slecht."}, verwachte_versie=None
    )
    log = Toegangslog.objects.filter(dossier_id=intake.dossier_id, gegevenscategorie="gezondheid", actie="wijzigen")
    assert log.count() == 1
    gebeurtenissen = " ".join(
        TijdlijnGebeurtenis.objects.filter(dossier=intake.dossier).values_list("titel", flat=True)
    )
    assert "Slaapt" not in gebeurtenissen


def test_lbt_dispensation_needs_ground_and_decision_date(intake, klantmanager):
    with pytest.raises(ValidationError) as fout:
        services.registreer_lbt(intake, door=klantmanager, uitkomst="dispensatie")
    assert set(fout.value.error_dict) == {"dispensatie_grond", "besluit_datum"}
    toets = services.registreer_lbt(
        intake,
        door=klantmanager,
        uitkomst="dispensatie",
        dispensatie_grond="visueel",
        besluit_datum=dt.date(2026, 9, 3),
        score=5,
    )
    assert toets.score is None and toets.dispensatie_grond == "visueel"


def test_vrijstelling_per_component_and_ontheffing_by_duo(intake, klantmanager):
    with pytest.raises(ValidationError, match="per examenonderdeel"):
        services.registreer_vrijstelling(
            intake, door=klantmanager, grond="nt2_a2", besloten_door="duo", datum=dt.date(2026, 9, 1)
        )
    v = services.registreer_vrijstelling(
        intake,
        door=klantmanager,
        grond="nt2_a2",
        besloten_door="duo",
        datum=dt.date(2026, 9, 1),
        onderdelen=["spreken", "lezen"],
    )
    assert v.onderdelen == ["lezen", "spreken"]
    o = services.registreer_ontheffing(
        intake, door=klantmanager, grond="medisch", besloten_door="duo", datum=dt.date(2026, 9, 2)
    )
    assert o.is_volledig
    titels = " ".join(TijdlijnGebeurtenis.objects.filter(dossier=intake.dossier).values_list("titel", flat=True))
    assert "Vrijstelling vastgelegd" in titels and "Ontheffing vastgelegd" in titels
    assert "medisch" not in titels.lower()
