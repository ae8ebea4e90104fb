"""Each event type comes from the real service that makes the change, once, with ids and links only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from koers.aanbod.afsluiten import Afsluitgegevens, sluit_af
from koers.aanbod.models import Product
from koers.aanbod.services import schrijf_in, wijzig_inschrijving_status
from koers.aanbod.services.uren import Uren, registreer_uren
from koers.dossiers.services import wijzig_status
from koers.intake import services as intake_services
from koers.notificaties import services, tasks
from koers.notificaties.models import Gebeurtenis
from koers.termijnen.models import Termijn
from tests.aanbod.conftest import stel_pip_vast
from tests.factories import DossierFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db
API = "https://koers.tilburg.example/api/v1"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def typen(ontvanger) -> list[str]:
    return [e["type"].removeprefix("nl.koers.inburgering.") for e in ontvanger.geslaagd()]


def test_completing_the_intake_sends_intake_afgerond_once(
    abonnement, ontvanger, klaar_voor_afronden, klantmanager, versturen
):
    intake = klaar_voor_afronden
    with versturen():
        intake_services.rond_intake_af(intake, door=klantmanager, verwachte_versie=intake.versie)
    assert typen(ontvanger) == ["intake-afgerond"]
    [event] = ontvanger.geslaagd()
    assert event["data"] == {
        "dossierId": intake.dossier_id,
        "dossierUrl": f"{API}/dossiers/{intake.dossier_id}",
        "intakeId": intake.pk,
    }
    # later intake entries on the timeline (e.g. an exemption recorded afterwards) do not repeat it
    from koers.dossiers.services import log_gebeurtenis

    with versturen():
        log_gebeurtenis(intake.dossier, soort="intake", titel="Vrijstelling vastgelegd", door=klantmanager)
    assert typen(ontvanger) == ["intake-afgerond"]


def test_intake_entries_before_completion_send_nothing(abonnement, ontvanger, klaar_voor_afronden, versturen):
    # the fixture started the intake, held a conversation and saved answers: all 'intake' timeline entries
    assert ontvanger.verzoeken == []
    assert not Gebeurtenis.objects.exists()


def test_fixing_a_pip_sends_pip_vastgesteld_with_a_link_to_the_pip(
    abonnement, ontvanger, dossier, klantmanager, versturen
):
    with versturen():
        pip = stel_pip_vast(dossier, klantmanager)
    assert typen(ontvanger) == ["pip-vastgesteld"]
    [event] = ontvanger.geslaagd()
    assert event["dataref"] == f"{API}/pips/{pip.pk}"
    assert event["data"]["pipId"] == pip.pk
    assert event["subject"] == f"dossiers/{dossier.pk}"


def test_closing_through_aanbod_sends_dossier_afgesloten(abonnement, ontvanger, dossier, klantmanager, versturen):
    with versturen():
        sluit_af(
            dossier,
            reden="vertrokken",
            door=klantmanager,
            gegevens=Afsluitgegevens(datum=dt.date(2026, 8, 1), bron="BRP"),
        )
    assert typen(ontvanger) == ["dossier-afgesloten"]
    assert "vertrokken" not in ontvanger.verzoeken[0].body.decode()  # the reason is fetched through the API


def test_other_status_changes_send_nothing_and_closing_does(abonnement, ontvanger, dossier, klantmanager, versturen):
    with versturen():
        wijzig_status(dossier, naar="intake", door=klantmanager)
    assert ontvanger.verzoeken == []
    with versturen():
        wijzig_status(dossier, naar="afgerond", door=klantmanager, afsluitreden="overleden")
    assert typen(ontvanger) == ["dossier-afgesloten"]


def test_termijn_at_risk_is_sent_once_per_deadline_not_every_day(
    abonnement, ontvanger, dossier, klantmanager, andere_gemeente, versturen
):
    with versturen():
        stel_pip_vast(dossier, klantmanager)
    ontvanger.verzoeken.clear()
    eerste = Termijn.objects.filter(dossier=dossier, status="open").order_by("datum").first()
    vreemd = DossierFactory(gemeente=andere_gemeente)
    Termijn.objects.create(
        dossier=vreemd,
        gemeente=andere_gemeente,
        soort="pvt",
        datum=eerste.datum,
        oorspronkelijke_datum=eerste.datum,
        regel_code="x",
        regel_versie=1,
        regel_titel="x",
        bron="x",
        zekerheid="L",
        uitleg="x",
    )
    dag = eerste.datum - dt.timedelta(days=10)
    verwacht = Termijn.objects.filter(
        gemeente=dossier.gemeente, status="open", datum__gte=dag, datum__lte=dag + dt.timedelta(days=14)
    ).count()
    for i in range(3):  # three daily runs
        moment = dt.datetime.combine(dag + dt.timedelta(days=i), dt.time(5, 30), tzinfo=dt.UTC)
        with time_machine.travel(moment), versturen():
            tasks.meld_dagelijkse_signalen()
    assert typen(ontvanger) == ["termijn-dreigt-te-verlopen"] * verwacht
    ids = [e["data"]["termijnId"] for e in ontvanger.geslaagd()]
    assert eerste.pk in ids and len(set(ids)) == len(ids)
    assert {e["subject"] for e in ontvanger.geslaagd()} == {f"dossiers/{dossier.pk}"}
    event = next(e for e in ontvanger.geslaagd() if e["data"]["termijnId"] == eerste.pk)
    assert event["data"]["uitersteDatum"] == eerste.datum.isoformat()
    assert event["data"]["termijnsoort"] == eerste.soort


def test_missing_hours_are_sent_once_per_month_from_the_tenth(abonnement, ontvanger, dossier, klantmanager, versturen):
    school = KetenpartnerFactory(naam="Taalschool De Brug", keurmerk=True, keurmerk_geldig_tot=dt.date(2030, 1, 1))
    with time_machine.travel(dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)):
        inschrijving = schrijf_in(
            dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=school, aangemeld_op=dt.date(2026, 1, 5)
        )
        wijzig_inschrijving_status(inschrijving, naar="gestart", door=klantmanager, op=dt.date(2026, 1, 12))

    def dag(datum: dt.date) -> None:
        with time_machine.travel(dt.datetime.combine(datum, dt.time(5, 30), tzinfo=dt.UTC)), versturen():
            tasks.meld_dagelijkse_signalen()

    dag(dt.date(2026, 2, 9))
    assert ontvanger.verzoeken == []
    dag(dt.date(2026, 2, 10))
    dag(dt.date(2026, 2, 11))
    assert [e["data"]["maand"] for e in ontvanger.geslaagd()] == ["2026-01"]
    assert ontvanger.geslaagd()[0]["data"]["inschrijvingId"] == inschrijving.pk
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)), versturen():
        registreer_uren(
            inschrijving, periode=dt.date(2026, 2, 1), soort="taal", uren=Uren(gevolgd=Decimal(40)), door=klantmanager
        )
    dag(dt.date(2026, 3, 10))
    dag(dt.date(2026, 4, 10))
    assert [e["data"]["maand"] for e in ontvanger.geslaagd()] == ["2026-01", "2026-03"]


def test_daily_signals_add_nothing_for_gemeenten_without_such_subscriptions(
    beheerder, ontvanger, dossier, klantmanager, versturen
):
    services.maak_abonnement(
        door=beheerder, naam="Alleen PIP", callback_url=ontvanger.url(), gebeurtenistypen=["pip-vastgesteld"]
    )
    stel_pip_vast(dossier, klantmanager)
    eerste = Termijn.objects.filter(dossier=dossier, status="open").order_by("datum").first()
    with time_machine.travel(dt.datetime.combine(eerste.datum, dt.time(5), tzinfo=dt.UTC)), versturen():
        assert tasks.meld_dagelijkse_signalen() == {"termijn-dreigt-te-verlopen": 0, "uren-ontbreken": 0}
    assert list(Gebeurtenis.objects.values_list("type", flat=True)) == ["pip-vastgesteld"]
