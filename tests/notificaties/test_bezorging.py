"""Events reach a real HTTP receiver: signed, as CloudEvents, exactly once, also after a failed first try."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction

from koers.dossiers.services import registreer_inburgeraar
from koers.notificaties import bezorging, ondertekening, services, tasks
from koers.notificaties.models import Abonnement, Bezorging, Gebeurtenis, Poging
from tests.notificaties.conftest import persoon

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _vaste_tijd(time_machine):
    time_machine.move_to(START, tick=False)


def test_registering_a_person_sends_dossier_geopend_as_signed_cloudevent_without_personal_data(
    abonnement, ontvanger, klantmanager, versturen
):
    with versturen():
        dossier = registreer_inburgeraar(door=klantmanager, **persoon())

    [verzoek] = ontvanger.verzoeken
    assert verzoek.headers["content-type"] == "application/cloudevents+json; charset=utf-8"
    event = verzoek.event
    assert event == {
        "specversion": "1.0",
        "type": "nl.koers.inburgering.dossier-geopend",
        "source": "urn:nld:gemeente:0855:systeem:koers",
        "id": event["id"],
        "subject": f"dossiers/{dossier.pk}",
        "time": "2026-11-02T09:00:00.000Z",
        "datacontenttype": "application/json",
        "dataref": f"https://koers.tilburg.example/api/v1/dossiers/{dossier.pk}",
        "data": {"dossierId": dossier.pk, "dossierUrl": f"https://koers.tilburg.example/api/v1/dossiers/{dossier.pk}"},
    }
    assert event["id"] == str(Gebeurtenis.objects.get().id)
    assert verzoek.headers["webhook-id"] == event["id"]
    assert ondertekening.verifieer(abonnement.geheim, headers=verzoek.headers, body=verzoek.body)
    assert not ondertekening.verifieer(ondertekening.nieuw_geheim(), headers=verzoek.headers, body=verzoek.body)
    for persoonlijk in (b"Tesfay", b"Yonas", b"111222333", b"1994"):
        assert persoonlijk not in verzoek.body
    b = Bezorging.objects.get()
    assert (b.status, b.pogingen) == ("bezorgd", 1)
    [poging] = Poging.objects.all()
    assert (poging.http_status, poging.gelukt, poging.fout) == (204, True, "")


def test_a_500_on_the_first_delivery_is_retried_after_a_minute_and_the_event_arrives_exactly_once(
    abonnement, ontvanger, klantmanager, versturen, time_machine
):
    ontvanger.antwoorden = [500]
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    assert ontvanger.geslaagd() == []
    b = Bezorging.objects.get()
    assert (b.status, b.volgende_poging_op) == ("wachtend", START + dt.timedelta(minutes=1))

    time_machine.move_to(START + dt.timedelta(seconds=30), tick=False)
    assert tasks.verstuur_wachtende() == 0  # not yet due
    time_machine.move_to(START + dt.timedelta(seconds=61), tick=False)
    assert tasks.verstuur_wachtende() == 1
    time_machine.move_to(START + dt.timedelta(hours=13), tick=False)
    assert tasks.verstuur_wachtende() == 0
    assert bezorging.bezorg(b.pk) is None  # a late duplicate dispatch sends nothing

    assert [v.antwoord for v in ontvanger.verzoeken] == [500, 204]
    eerste, tweede = ontvanger.verzoeken
    assert eerste.event["id"] == tweede.event["id"]  # the receiver can deduplicate on id
    assert len(ontvanger.geslaagd()) == 1
    assert ondertekening.verifieer(abonnement.geheim, headers=tweede.headers, body=tweede.body)
    assert [(p.http_status, p.gelukt) for p in Poging.objects.order_by("id")] == [(500, False), (204, True)]
    assert Poging.objects.order_by("id").first().fout == "HTTP 500 Internal Server Error"


def test_a_rolled_back_change_sends_nothing(abonnement, ontvanger, klantmanager, versturen):
    with versturen(), pytest.raises(RuntimeError), transaction.atomic():
        registreer_inburgeraar(door=klantmanager, **persoon())
        raise RuntimeError("de wijziging mislukt na de tijdlijn")
    assert tasks.verstuur_wachtende() == 0
    assert ontvanger.verzoeken == []
    assert not Gebeurtenis.objects.exists()


def test_events_of_another_gemeente_do_not_arrive(
    abonnement, ontvanger, klantmanager, andere_gemeente, ander_beheerder, versturen
):
    from tests.factories import GebruikerFactory

    ander = services.maak_abonnement(
        door=ander_beheerder,
        naam="Winterswijk",
        callback_url=ontvanger.url("/winterswijk"),
        gebeurtenistypen=["dossier-geopend"],
    )
    km_ander = GebruikerFactory(username="km.ww", rol="klantmanager", gemeente=andere_gemeente)
    with versturen():
        eigen = registreer_inburgeraar(door=klantmanager, **persoon())
        vreemd = registreer_inburgeraar(door=km_ander, **persoon(bsn="", achternaam="Bekele"))

    assert [e["subject"] for e in ontvanger.geslaagd("/koers")] == [f"dossiers/{eigen.pk}"]
    assert [e["subject"] for e in ontvanger.geslaagd("/winterswijk")] == [f"dossiers/{vreemd.pk}"]
    assert ontvanger.geslaagd("/winterswijk")[0]["source"] == "urn:nld:gemeente:0294:systeem:koers"
    assert ander.bezorgingen.count() == 1


def test_only_chosen_event_types_and_active_subscriptions_receive(beheerder, ontvanger, klantmanager, versturen):
    services.maak_abonnement(
        door=beheerder,
        naam="Alleen afsluiten",
        callback_url=ontvanger.url("/af"),
        gebeurtenistypen=["dossier-afgesloten"],
    )
    uit = services.maak_abonnement(
        door=beheerder, naam="Uitgezet", callback_url=ontvanger.url("/uit"), gebeurtenistypen=["dossier-geopend"]
    )
    services.zet_actief(uit, door=beheerder, actief=False)
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    assert ontvanger.verzoeken == []
    assert not Gebeurtenis.objects.exists()


def test_a_receiver_that_keeps_failing_is_retried_with_growing_waits_then_marked_failed(
    abonnement, ontvanger, klantmanager, versturen, time_machine
):
    ontvanger.standaard = 503
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    b = Bezorging.objects.get()
    moment = START
    for wacht in (60, 300, 1800, 7200, 43200):
        b.refresh_from_db()
        assert b.volgende_poging_op == moment + dt.timedelta(seconds=wacht)
        moment = b.volgende_poging_op
        time_machine.move_to(moment, tick=False)
        assert tasks.verstuur_wachtende() == 1
    b.refresh_from_db()
    assert (b.status, b.pogingen, b.volgende_poging_op) == ("mislukt", 6, None)
    assert len(ontvanger.verzoeken) == 6 and ontvanger.geslaagd() == []
    time_machine.move_to(moment + dt.timedelta(days=2), tick=False)
    assert tasks.verstuur_wachtende() == 0


def test_resend_of_a_failed_delivery_sends_the_same_event_again_and_is_logged_with_the_user(
    abonnement, ontvanger, klantmanager, beheerder, versturen, time_machine
):
    ontvanger.standaard = 500
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    b = Bezorging.objects.get()
    Bezorging.objects.filter(pk=b.pk).update(status="mislukt", volgende_poging_op=None)
    ontvanger.standaard = 200
    with versturen():
        services.verstuur_opnieuw(b, door=beheerder)
    b.refresh_from_db()
    assert b.status == "bezorgd"
    assert len(ontvanger.geslaagd()) == 1
    assert ontvanger.verzoeken[0].event["id"] == ontvanger.verzoeken[1].event["id"]
    laatste = Poging.objects.order_by("id").last()
    assert (laatste.gelukt, laatste.handmatig_door) == (True, beheerder)
    with pytest.raises(Exception, match="al bezorgd"):
        services.verstuur_opnieuw(b, door=beheerder)
    assert len(ontvanger.verzoeken) == 2


def test_410_gone_marks_the_delivery_failed_and_deactivates_the_subscription(
    abonnement, ontvanger, klantmanager, versturen
):
    ontvanger.antwoorden = [410]
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    assert Bezorging.objects.get().status == "mislukt"
    abonnement.refresh_from_db()
    assert not abonnement.actief and "410" in abonnement.deactiveringsreden


def test_an_unreachable_receiver_is_logged_with_the_error(beheerder, klantmanager, versturen):
    services.maak_abonnement(
        door=beheerder, naam="Weg", callback_url="http://127.0.0.1:9/weg", gebeurtenistypen=["dossier-geopend"]
    )
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    [poging] = Poging.objects.all()
    assert poging.http_status is None and "ConnectionError" in poging.fout
    assert Bezorging.objects.get().status == "wachtend"


def test_the_body_never_changes_between_attempts(abonnement, ontvanger, klantmanager, versturen, time_machine):
    ontvanger.antwoorden = [500]
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    time_machine.move_to(START + dt.timedelta(minutes=2), tick=False)
    tasks.verstuur_wachtende()
    eerste, tweede = ontvanger.verzoeken
    assert json.loads(eerste.body) == json.loads(tweede.body)
    assert eerste.headers["webhook-timestamp"] != tweede.headers["webhook-timestamp"]


def test_a_deactivated_subscription_gets_no_waiting_deliveries(
    abonnement, ontvanger, klantmanager, beheerder, versturen, time_machine
):
    ontvanger.antwoorden = [500]
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    services.zet_actief(Abonnement.objects.get(), door=beheerder, actief=False)
    time_machine.move_to(START + dt.timedelta(minutes=2), tick=False)
    tasks.verstuur_wachtende()
    assert len(ontvanger.verzoeken) == 1
    assert Bezorging.objects.get().status == "mislukt"


def test_old_events_are_removed_after_the_retention_period_unless_still_waiting(
    abonnement, ontvanger, klantmanager, versturen, time_machine
):
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    ontvanger.standaard = 500
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon(bsn="", achternaam="Bekele"))
    time_machine.move_to(START + dt.timedelta(days=181), tick=False)
    assert tasks.ruim_op() > 0
    [over] = Gebeurtenis.objects.all()
    assert over.bezorgingen.get().status == "wachtend"
    assert Poging.objects.filter(bezorging__gebeurtenis=over).count() == 1
