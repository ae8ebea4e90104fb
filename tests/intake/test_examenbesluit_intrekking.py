"""Withdrawing a vrijstelling or ontheffing: it stays with its history, no longer counts, and the pages say so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from koers.aanbod.afsluiten import controleer, sluit_af
from koers.accounts.models import Ketenpartner
from koers.audit.models import Toegangslog
from koers.dossiers.models import Dossier
from koers.intake import selectors, services
from koers.intake.models import Ontheffing, Vrijstelling
from tests.conftest import verified_client
from tests.factories import GebruikerFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db

GEEN_VOLLEDIGE_VRIJSTELLING = "Er is geen volledige vrijstelling geregistreerd bij de brede intake."


@pytest.fixture
def duo_systeem(db):
    duo = KetenpartnerFactory(naam="DUO", soort=Ketenpartner.Soort.DUO, keurmerk=False)
    return GebruikerFactory(username="duo-portaal", rol="ketenpartner_medewerker", ketenpartner=duo)


def _vrijstelling(intake, door, **extra) -> Vrijstelling:
    gegevens = {"grond": "diploma", "besloten_door": "duo", "datum": dt.date(2026, 9, 1), **extra}
    return services.registreer_vrijstelling(intake, door=door, **gegevens)


def test_withdrawn_vrijstelling_stays_but_no_longer_lets_the_dossier_close(intake, klantmanager):
    vrijstelling = _vrijstelling(intake, klantmanager)
    assert controleer(intake.dossier, "vrijstelling") == []

    ingetrokken = services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="Diploma bleek niet geldig.")

    assert controleer(intake.dossier, "vrijstelling") == [GEEN_VOLLEDIGE_VRIJSTELLING]
    assert Vrijstelling.objects.filter(pk=vrijstelling.pk).exists()  # never deleted
    assert ingetrokken.is_ingetrokken and ingetrokken.ingetrokken_door == klantmanager
    assert ingetrokken.intrekkingsreden == "Diploma bleek niet geldig."
    assert selectors.geldende_examenbesluiten(intake.dossier, "vrijstelling") == []
    historie = list(vrijstelling.history.order_by("history_date"))
    assert [h.ingetrokken_op is None for h in historie] == [True, False]
    assert historie[-1].history_user == klantmanager
    titels = list(intake.dossier.tijdlijn.values_list("titel", flat=True))
    assert (
        "Vrijstelling ingetrokken: Nederlands diploma – Volledig (alle onderdelen) "
        "(besluit van DUO van 1 september 2026)" in titels
    )
    assert not any("niet geldig" in t for t in titels)  # the free-text reason stays off the timeline
    with pytest.raises(ValidationError):
        sluit_af(Dossier.objects.get(pk=intake.dossier_id), reden="vrijstelling", door=klantmanager)


def test_another_full_vrijstelling_in_force_still_counts(intake, klantmanager):
    eerste = _vrijstelling(intake, klantmanager)
    tweede = _vrijstelling(intake, klantmanager, grond="ingeburgerd", datum=dt.date(2026, 10, 1))
    services.trek_examenbesluit_in(eerste, door=klantmanager, reden="Vervangen.")
    assert selectors.geldende_examenbesluiten(intake.dossier, "vrijstelling") == [tweede]
    assert controleer(intake.dossier, "vrijstelling") == []


def test_withdrawing_needs_a_reason_and_happens_once(intake, klantmanager):
    vrijstelling = _vrijstelling(intake, klantmanager)
    with pytest.raises(ValidationError) as fout:
        services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="  ")
    assert "Vul de reden van de intrekking in." in str(fout.value)
    services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="Onjuist.")
    with pytest.raises(ValidationError) as fout:
        services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="Nog eens.")
    assert "Deze vrijstelling is al ingetrokken op" in str(fout.value)
    assert vrijstelling.history.count() == 2


def test_only_editors_of_the_gemeente_and_duo_for_its_own_decisions_may_withdraw(
    intake, klantmanager, andere_gemeente, duo_systeem
):
    van_gemeente = _vrijstelling(intake, klantmanager, besloten_door="gemeente")
    van_duo = _vrijstelling(intake, klantmanager)
    anderen = [
        GebruikerFactory(username="km-ww", rol="klantmanager", gemeente=andere_gemeente),
        GebruikerFactory(username="bm", rol="beleidsmedewerker", gemeente=intake.dossier.gemeente),
    ]
    for gebruiker in anderen:
        with pytest.raises(PermissionDenied):
            services.trek_examenbesluit_in(van_duo, door=gebruiker, reden="Nee.")
    with pytest.raises(PermissionDenied):
        services.trek_examenbesluit_in(van_gemeente, door=duo_systeem, reden="Nee.")
    assert not Vrijstelling.objects.exclude(ingetrokken_op=None).exists()

    services.trek_examenbesluit_in(van_duo, door=duo_systeem, reden="Ingetrokken door DUO.")
    assert Vrijstelling.objects.get(pk=van_duo.pk).is_ingetrokken


def test_withdrawn_medical_ontheffing_names_no_ground_on_the_timeline_and_logs_health(intake, klantmanager):
    ontheffing = services.registreer_ontheffing(
        intake, door=klantmanager, grond="medisch", besloten_door="duo", datum=dt.date(2026, 9, 1)
    )
    services.trek_examenbesluit_in(ontheffing, door=klantmanager, reden="Keuring herzien.")

    laatste = intake.dossier.tijdlijn.filter(titel__startswith="Ontheffing ingetrokken").get()
    assert "medisch" not in laatste.titel.lower() and "Keuring" not in laatste.titel
    assert Toegangslog.objects.filter(
        actie=Toegangslog.Actie.WIJZIGEN, gegevenscategorie="gezondheid", omschrijving="ontheffing ingetrokken"
    ).exists()
    assert selectors.geldende_examenbesluiten(intake.dossier, "ontheffing") == []
    assert Ontheffing.objects.count() == 1


def test_dossier_closed_on_the_withdrawn_decision_asks_for_a_review(intake, klantmanager):
    vrijstelling = _vrijstelling(intake, klantmanager)
    sluit_af(Dossier.objects.get(pk=intake.dossier_id), reden="vrijstelling", door=klantmanager)

    services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="Onjuist besluit.")

    dossier = Dossier.objects.get(pk=intake.dossier_id)
    assert dossier.status == "afgerond"  # the status chain has no way back; the klantmanager reviews
    assert dossier.tijdlijn.filter(
        titel="Let op: het dossier is afgesloten met reden ‘Vrijstelling’, maar na de intrekking geldt er geen "
        "volledige vrijstelling meer. Beoordeel het dossier."
    ).exists()


def test_no_review_entry_when_the_dossier_was_closed_for_another_reason(intake, klantmanager):
    vrijstelling = _vrijstelling(intake, klantmanager)
    services.trek_examenbesluit_in(vrijstelling, door=klantmanager, reden="Onjuist besluit.")
    assert not intake.dossier.tijdlijn.filter(titel__startswith="Let op").exists()


def test_intake_page_marks_a_withdrawn_decision_and_keeps_the_one_in_force(intake, klantmanager, km_client):
    oud = _vrijstelling(intake, klantmanager)
    _vrijstelling(intake, klantmanager, grond="ingeburgerd", datum=dt.date(2026, 10, 1))
    services.trek_examenbesluit_in(oud, door=klantmanager, reden="Vervangen door DUO.")

    antwoord = km_client.get(reverse("intake:overzicht", args=[intake.dossier_id]))

    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert inhoud.count(">ingetrokken</span>") == 1
    assert "Vervangen door DUO." in inhoud
    assert "Anderszins voldoende ingeburgerd" in inhoud


def test_intake_page_hides_the_reason_of_a_withdrawn_medical_ontheffing_without_the_health_right(intake, klantmanager):
    ontheffing = services.registreer_ontheffing(
        intake, door=klantmanager, grond="medisch", besloten_door="duo", datum=dt.date(2026, 9, 1)
    )
    services.trek_examenbesluit_in(ontheffing, door=klantmanager, reden="Keuring herzien.")
    collega = GebruikerFactory(username="km2", rol="klantmanager", gemeente=intake.dossier.gemeente)

    eigen = verified_client(klantmanager).get(reverse("intake:overzicht", args=[intake.dossier_id])).content.decode()
    ander = verified_client(collega).get(reverse("intake:overzicht", args=[intake.dossier_id])).content.decode()

    assert "Keuring herzien." in eigen and ">ingetrokken</span>" in eigen
    assert "Keuring herzien." not in ander and ">ingetrokken</span>" in ander
    assert "grond verborgen vanwege privacy" in ander
