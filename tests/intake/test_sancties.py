"""Not showing up: sanctions are proposed in the gemeente's sequence, only after culpable absence, never applied."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.intake import sancties, services
from koers.intake.models import SanctieVoorstel
from koers.utils.legal import Zekerheid


def _gesprek_met_uitnodiging(intake, door, dag: int, *, partner: bool = False):
    gesprek = services.plan_gesprek(
        intake,
        door=door,
        gepland_op=dt.datetime(2026, 9, dag, 10, tzinfo=dt.UTC),
        plaats="gemeente",
        is_partnergesprek=partner,
    )
    return services.registreer_uitnodiging(gesprek, door=door, verstuurd_op=dt.date(2026, 9, 1))


def _wegblijven(intake, door, dag: int, *, verwijtbaar: bool = True, partner: bool = False):
    u = _gesprek_met_uitnodiging(intake, door, dag, partner=partner)
    return services.registreer_opkomst(
        u,
        door=door,
        verwachte_versie=u.versie,
        verschenen="nee",
        verwijtbaar=verwijtbaar,
        toelichting="Geen bericht, geen geldige reden." if verwijtbaar else "Ziek gemeld.",
    )


def test_no_proposal_without_culpable_absence(intake, klantmanager):
    assert _wegblijven(intake, klantmanager, 5, verwijtbaar=False) is None
    assert services.stel_sanctie_voor(intake, door=klantmanager) is None
    assert not SanctieVoorstel.objects.exists()


def test_partner_conversation_absence_grounds_no_sanction(intake, klantmanager):
    assert _wegblijven(intake, klantmanager, 5, partner=True) is None
    assert not SanctieVoorstel.objects.exists()


def test_culpable_absence_needs_a_recorded_reason(intake, klantmanager):
    u = _gesprek_met_uitnodiging(intake, klantmanager, 5)
    with pytest.raises(ValidationError) as fout:
        services.registreer_opkomst(u, door=klantmanager, verwachte_versie=u.versie, verschenen="nee", verwijtbaar=True)
    assert "toelichting" in fout.value.error_dict
    assert not SanctieVoorstel.objects.exists()


def test_sequence_is_warning_then_250_then_250_then_nothing_more(intake, klantmanager):
    voorstellen = []
    for dag in (5, 12, 19, 26):
        voorstel = _wegblijven(intake, klantmanager, dag)
        voorstellen.append(voorstel)
        if voorstel is not None:
            services.beslis_sanctie(voorstel, door=klantmanager, opleggen=True, verwachte_versie=voorstel.versie)
    assert [(v.volgnummer, v.soort, int(v.bedrag)) for v in voorstellen[:3]] == [
        (1, "waarschuwing", 0),
        (2, "boete", 250),
        (3, "boete", 250),
    ]
    assert voorstellen[3] is None
    assert SanctieVoorstel.objects.count() == 3
    assert all(v.regel["code"] == sancties.CODE and v.regel["versie"] == 1 for v in voorstellen[:3])


def test_proposal_is_never_applied_automatically(intake, klantmanager):
    voorstel = _wegblijven(intake, klantmanager, 5)
    voorstel.refresh_from_db()
    assert voorstel.status == SanctieVoorstel.Status.VOORGESTELD
    assert voorstel.besloten_door is None and voorstel.besloten_op is None
    assert list(voorstel.gronden.values_list("verwijtbaar", flat=True)) == [True]


def test_rejected_proposal_does_not_count_in_the_sequence(intake, klantmanager):
    eerste = _wegblijven(intake, klantmanager, 5)
    with pytest.raises(ValidationError):
        services.beslis_sanctie(eerste, door=klantmanager, opleggen=False, verwachte_versie=eerste.versie)
    services.beslis_sanctie(
        eerste, door=klantmanager, opleggen=False, toelichting="Brief kwam niet aan.", verwachte_versie=eerste.versie
    )
    tweede = _wegblijven(intake, klantmanager, 12)
    assert (tweede.volgnummer, tweede.soort) == (1, "waarschuwing")


def test_sanction_rule_is_versioned_with_its_source():
    regel = sancties.regel_op(dt.date(2026, 1, 1))
    # the domain reference names no article for this sequence: not law-certain [L] without one (issue 16, 2.4)
    assert regel.bron.zekerheid == Zekerheid.S
    assert regel.bron.artikel == "—"
    assert regel.bron.regeling == "Wet inburgering 2021"
    later = regel.__class__(
        **{
            **regel.__dict__,
            "versie": 2,
            "geldig_vanaf": dt.date(2030, 1, 1),
            "parameters": {"reeks": (("waarschuwing", 0), ("boete", 300))},
        }
    )
    assert sancties.volgende_stap(1, op=dt.date(2029, 12, 31), versies=[regel, later]).bedrag == 250
    assert sancties.volgende_stap(1, op=dt.date(2030, 1, 1), versies=[regel, later]).bedrag == 300
    assert sancties.volgende_stap(2, op=dt.date(2030, 1, 1), versies=[regel, later]) is None
