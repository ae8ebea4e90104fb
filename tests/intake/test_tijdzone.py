"""Every time a user sees is Dutch time (Europe/Amsterdam), also across a change to or from summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from koers.intake import selectors
from koers.intake.models import IntakeGesprek
from tests.conftest import verified_client

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("gepland_vanaf", "gesprek", "utc_uur"),
    [
        # planned in winter time for a conversation in summer time (the clocks go forward on 29 March 2026)
        (dt.datetime(2026, 3, 20, 9, 15, tzinfo=AMSTERDAM), dt.date(2026, 3, 30), 8),
        # planned in summer time for a conversation in winter time (the clocks go back on 25 October 2026)
        (dt.datetime(2026, 10, 20, 9, 15, tzinfo=AMSTERDAM), dt.date(2026, 10, 26), 9),
    ],
)
def test_conversation_at_ten_shows_ten_on_the_attendance_page_and_in_the_timeline(
    intake, klantmanager, gepland_vanaf, gesprek, utc_uur
):
    pk = intake.dossier_id
    with time_machine.travel(gepland_vanaf, tick=False):
        km_client = verified_client(klantmanager)
        antwoord = km_client.post(
            reverse("intake:gesprekken", args=[pk]), {"gepland_op": f"{gesprek:%Y-%m-%d}T10:00", "plaats": "azc"}
        )
        assert antwoord.status_code == 302
        gepland = IntakeGesprek.objects.get(intake=intake)
        assert gepland.gepland_op.astimezone(dt.UTC).hour == utc_uur  # stored in UTC, as the database keeps it
        km_client.post(
            reverse("intake:uitnodiging_toevoegen", args=[pk, gepland.pk]),
            {"verstuurd_op": f"{gepland_vanaf:%Y-%m-%d}"},
        )
    uitnodiging = gepland.uitnodigingen.get()

    with time_machine.travel(dt.datetime.combine(gesprek, dt.time(11), AMSTERDAM), tick=False):
        km_client = verified_client(klantmanager)
        opkomst = km_client.get(reverse("intake:opkomst", args=[pk, uitnodiging.pk])).content.decode()
        tijdlijn = km_client.get(reverse("dossiers:detail", args=[pk])).content.decode()
        gesprekken = km_client.get(reverse("intake:gesprekken", args=[pk])).content.decode()

    dag = f"{gesprek:%d-%m-%Y}"
    assert f"voor het gesprek van {dag} 10:00." in opkomst
    assert f"{dag} {utc_uur:02d}:00" not in opkomst
    assert f"Intakegesprek gepland op {dag} 10:00 (" in tijdlijn
    assert f"{dag} {utc_uur:02d}:00" not in tijdlijn
    # the moment the conversation was planned, also in Dutch time
    assert f"{gepland_vanaf.day} {'maart' if gepland_vanaf.month == 3 else 'oktober'} 2026 09:15" in tijdlijn
    assert "10:00" in gesprekken
    assert str(selectors.gesprekken(intake)[0]) == f"Gesprek {dag} 10:00"
