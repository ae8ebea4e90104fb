"""Dates that cannot be are refused with a specific Dutch message, and nothing is saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.aanbod.models import Inschrijving, Ontzorgingsbetaling, Ontzorgingsplan, Product
from koers.aanbod.services import VasteLast, maak_ontzorgingsplan, schrijf_in, wijzig_inschrijving_status
from tests.aanbod.conftest import stel_pip_vast

pytestmark = pytest.mark.django_db

HUUR = [VasteLast("huur", "Woonstichting", "NL91ABNA0417164300", Decimal("600"))]


@pytest.fixture
def aangemeld(dossier, klantmanager, met_keurmerk):
    return schrijf_in(
        dossier,
        door=klantmanager,
        product=Product.B1_ROUTE,
        ketenpartner=met_keurmerk,
        aangemeld_op=dt.date(2026, 3, 2),
    )


def test_a_course_cannot_start_before_its_enrolment(aangemeld, klantmanager):
    with pytest.raises(ValidationError) as fout:
        wijzig_inschrijving_status(aangemeld, naar="gestart", door=klantmanager, op=dt.date(2026, 3, 1))
    assert fout.value.messages == ["De startdatum (01-03-2026) kan niet vóór de aanmelddatum (02-03-2026) liggen."]
    aangemeld.refresh_from_db()
    assert (aangemeld.status, aangemeld.gestart_op, aangemeld.versie) == ("aangemeld", None, 1)


def test_a_course_cannot_end_before_it_started(aangemeld, klantmanager):
    gestart = wijzig_inschrijving_status(aangemeld, naar="gestart", door=klantmanager, op=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError) as fout:
        wijzig_inschrijving_status(gestart, naar="afgerond", door=klantmanager, op=dt.date(2026, 3, 31))
    assert fout.value.messages == ["De einddatum (31-03-2026) kan niet vóór de startdatum (01-04-2026) liggen."]
    assert Inschrijving.objects.get().status == "gestart"


def test_a_status_date_in_the_future_is_refused(aangemeld, klantmanager):
    with pytest.raises(ValidationError) as fout:
        wijzig_inschrijving_status(aangemeld, naar="gestart", door=klantmanager, op=dt.date(2026, 11, 16))
    assert fout.value.messages == ["De datum kan niet in de toekomst liggen."]


def test_the_status_form_shows_the_refusal_and_saves_nothing(km_client, aangemeld):
    antwoord = km_client.post(
        f"/dossiers/{aangemeld.dossier_id}/aanbod/inschrijvingen/{aangemeld.pk}/status/",
        {"naar": "gestart", "op": "2026-02-01", "reden": "", "versie": aangemeld.versie},
    )
    assert antwoord.status_code == 200
    assert "De startdatum (01-02-2026) kan niet vóór de aanmelddatum (02-03-2026) liggen." in antwoord.content.decode()
    assert Inschrijving.objects.get().status == "aangemeld"


def test_ontzorgen_ending_before_the_pip_is_refused(dossier, klantmanager):
    stel_pip_vast(dossier, klantmanager, dagtekening=dt.date(2026, 9, 15))
    with pytest.raises(ValidationError) as fout:
        maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 2, 1), lasten=HUUR)  # to July 2026
    assert fout.value.messages == [
        "De ontzorgingsperiode (februari 2026 tot en met juli 2026) eindigt vóór de dagtekening van het PIP "
        "(15-09-2026); ontzorgen hoort bij het PIP."
    ]
    assert not Ontzorgingsplan.objects.exists() and not Ontzorgingsbetaling.objects.exists()


def test_ontzorgen_overlapping_the_pip_is_accepted(dossier, klantmanager):
    stel_pip_vast(dossier, klantmanager, dagtekening=dt.date(2026, 9, 15))
    plan = maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 4, 1), lasten=HUUR)  # to Sept
    assert plan.betalingen.count() == 6


def test_ontzorgen_ending_before_its_own_start_is_refused(dossier, klantmanager):
    with pytest.raises(ValidationError) as fout:
        maak_ontzorgingsplan(
            dossier, door=klantmanager, start=dt.date(2026, 12, 1), lasten=HUUR, maanden=-2, maatwerk_reden="x"
        )
    assert fout.value.messages == [
        "De ontzorgingsperiode moet ten minste één maand duren; zij eindigt nu vóór haar start."
    ]
    assert not Ontzorgingsplan.objects.exists()
