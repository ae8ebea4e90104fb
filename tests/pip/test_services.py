"""PIP services: drafting from the intake, four eyes, vaststellen, immutability, numbering, wijzigingen, bezwaar."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.pip import selectors, services
from koers.pip.models import PIP, Bezwaar, PIPOnderdeel, PIPVastgesteld
from koers.termijnen.models import Termijnfeit
from tests.factories import DossierFactory, GebruikerFactory

from .conftest import neem_routebesluit

MELDING = "Deze PIP is vastgesteld en kan niet meer worden gewijzigd. Maak een wijzigingsbeschikking."


def test_concept_takes_route_and_reasons_from_intake_decision(pip_dossier, klantmanager):
    pip = services.maak_concept(pip_dossier, door=klantmanager)

    assert pip.status == "concept" and pip.volgnummer == 1 and pip.soort == "initieel"
    assert pip.leerroute == "b1"
    assert "Mevrouw wil snel aan het werk" in pip.route_motivering
    # every route is weighed (ECLI:NL:RVS:2024:5413)
    for route in ("B1-route: gekozen", "Onderwijsroute: niet gekozen", "Z-route"):
        assert route in pip.route_motivering
    assert pip.hoofddoel == "werk"
    assert pip.contactpersoon == klantmanager and pip.contactpersoon_naam == klantmanager.get_full_name()
    assert Dossier.objects.get(pk=pip_dossier.pk).status == "pip_in_voorbereiding"
    assert TijdlijnGebeurtenis.objects.filter(dossier=pip_dossier, soort="pip").exists()


def test_concept_refused_without_route_decision(gemeente, klantmanager):
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, status="intake")

    with pytest.raises(ValidationError, match="nog geen routebesluit"):
        services.maak_concept(dossier, door=klantmanager)
    assert not PIP.objects.filter(dossier=dossier).exists()


def test_author_cannot_approve_own_pip(concept, gemeente):
    auteur_tl = GebruikerFactory(username="tl.auteur", rol="teamleider", gemeente=gemeente)
    pip = PIP.objects.get(pk=concept.pk)
    pip.opgesteld_door = auteur_tl
    pip.save()
    services.dien_in_ter_goedkeuring(pip, door=auteur_tl)

    with pytest.raises(PermissionDenied, match="zelf opgesteld"):
        services.keur_goed(pip, door=auteur_tl)
    assert PIP.objects.get(pk=pip.pk).status == "ter_goedkeuring"


def test_teamleider_who_submitted_a_pip_drafted_by_someone_else_cannot_approve_it(concept, klantmanager, gemeente):
    indiener = GebruikerFactory(username="tl.indiener", rol="teamleider", gemeente=gemeente)
    services.dien_in_ter_goedkeuring(concept, door=indiener)
    pip = PIP.objects.get(pk=concept.pk)
    assert (pip.opgesteld_door, pip.ingediend_door) == (klantmanager, indiener)  # author and submitter differ

    with pytest.raises(PermissionDenied, match="ter goedkeuring aangeboden"):
        services.keur_goed(pip, door=indiener)
    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "ter_goedkeuring" and pip.goedgekeurd_door is None


def test_another_teamleider_approves_what_the_submitter_offered(concept, klantmanager, teamleider, gemeente):
    indiener = GebruikerFactory(username="tl.indiener", rol="teamleider", gemeente=gemeente)
    services.dien_in_ter_goedkeuring(concept, door=indiener)

    services.keur_goed(concept, door=teamleider)
    pip = PIP.objects.get(pk=concept.pk)
    assert (pip.status, pip.goedgekeurd_door, pip.ingediend_door) == ("goedgekeurd", teamleider, indiener)


def test_approval_refused_when_the_submitter_was_never_recorded(concept, teamleider):
    PIP.objects.filter(pk=concept.pk).update(status="ter_goedkeuring", ingediend_door=None, ingediend_op=None)

    with pytest.raises(PermissionDenied, match="niet vastgelegd wie"):
        services.keur_goed(PIP.objects.get(pk=concept.pk), door=teamleider)
    assert PIP.objects.get(pk=concept.pk).goedgekeurd_door is None


def test_vaststellen_refuses_an_approval_by_the_author_or_submitter_that_bypassed_the_service(
    concept, klantmanager, teamleider, instelling
):
    instelling.vier_ogen = True
    instelling.save()
    services.dien_in_ter_goedkeuring(concept, door=teamleider)
    PIP.objects.filter(pk=concept.pk).update(status="goedgekeurd", goedgekeurd_door=teamleider)

    with pytest.raises(ValidationError, match="vier-ogenprincipe"):
        services.stel_vast(PIP.objects.get(pk=concept.pk), door=klantmanager)
    assert PIP.objects.get(pk=concept.pk).beschikkingsnummer is None


def test_beoordelen_page_refuses_the_submitter_with_a_message(concept, klantmanager, gemeente, pip_dossier):
    from tests.conftest import verified_client

    indiener = GebruikerFactory(username="tl.indiener", rol="teamleider", gemeente=gemeente)
    services.dien_in_ter_goedkeuring(concept, door=indiener)
    url = f"/dossiers/{pip_dossier.pk}/pip/{concept.pk}/beoordelen/"

    antwoord = verified_client(indiener).post(
        url, {"besluit": "goedkeuren", "versie": PIP.objects.get(pk=concept.pk).versie}
    )
    assert antwoord.status_code == 200
    assert "ter goedkeuring aangeboden" in antwoord.content.decode()
    assert PIP.objects.get(pk=concept.pk).status == "ter_goedkeuring"


def test_teamleider_of_other_gemeente_cannot_approve(concept, klantmanager, andere_teamleider):
    services.dien_in_ter_goedkeuring(concept, door=klantmanager)

    with pytest.raises(PermissionDenied):
        services.keur_goed(concept, door=andere_teamleider)
    assert PIP.objects.get(pk=concept.pk).goedgekeurd_door is None


def test_klantmanager_cannot_approve(concept, klantmanager, gemeente):
    collega = GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente)
    services.dien_in_ter_goedkeuring(concept, door=klantmanager)

    with pytest.raises(PermissionDenied):
        services.keur_goed(concept, door=collega)


def test_vaststellen_refused_without_approval_when_vier_ogen(concept, klantmanager, instelling):
    instelling.vier_ogen = True
    instelling.save()

    with pytest.raises(ValidationError, match="vier-ogenprincipe"):
        services.stel_vast(concept, door=klantmanager)
    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "concept" and pip.beschikkingsnummer is None and not pip.pdf


def test_vaststellen_after_approval_when_vier_ogen(concept, klantmanager, teamleider, instelling):
    instelling.vier_ogen = True
    instelling.save()
    services.dien_in_ter_goedkeuring(concept, door=klantmanager)
    services.keur_goed(concept, door=teamleider)

    pip = services.stel_vast(concept, door=klantmanager, dagtekening=dt.date(2026, 10, 15))

    assert pip.status == "vastgesteld" and pip.goedgekeurd_door == teamleider


def test_rejection_sends_pip_back_to_concept_with_reason(concept, klantmanager, teamleider):
    services.dien_in_ter_goedkeuring(concept, door=klantmanager)

    services.wijs_af(concept, door=teamleider, reden="Kinderopvang ontbreekt.")

    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "concept" and pip.afwijzing_reden == "Kinderopvang ontbreekt."


def test_vaststellen_without_approval_when_vier_ogen_off(concept, klantmanager, pip_dossier):
    pip = services.stel_vast(concept, door=klantmanager, dagtekening=dt.date(2026, 10, 15))

    assert pip.status == "vastgesteld"
    assert pip.beschikkingsnummer == "PIP-0855-2026-000001"
    assert pip.dagtekening == dt.date(2026, 10, 15)
    assert pip.pdf.name.endswith(".pdf") and len(pip.pdf_sha256) == 64
    assert Dossier.objects.get(pk=pip_dossier.pk).status == "pip_vastgesteld"
    feit = Termijnfeit.objects.get(dossier=pip_dossier, soort="pip_vastgesteld")
    assert feit.datum == dt.date(2026, 10, 15) and feit.gegevens["eerste"] is True
    assert TijdlijnGebeurtenis.objects.filter(dossier=pip_dossier, soort="pip_vastgesteld").exists()


def test_vaststellen_needs_an_offer(pip_dossier, klantmanager, instelling):
    pip = services.maak_concept(pip_dossier, door=klantmanager)

    with pytest.raises(ValidationError, match="onderdeel"):
        services.stel_vast(pip, door=klantmanager)


def test_vastgestelde_pip_edit_refused_by_service_with_message(vastgesteld, klantmanager):
    with pytest.raises(PIPVastgesteld) as fout:
        services.wijzig_concept(vastgesteld, door=klantmanager, verwachte_versie=None, afspraken="iets anders")

    assert fout.value.messages == [MELDING]
    assert PIP.objects.get(pk=vastgesteld.pk).afspraken == ""
    with pytest.raises(PIPVastgesteld):
        services.voeg_onderdeel_toe(vastgesteld, door=klantmanager, soort="pvt")
    assert vastgesteld.onderdelen.count() == 2


def test_vastgestelde_pip_model_save_refused(vastgesteld):
    pip = PIP.objects.get(pk=vastgesteld.pk)
    pip.leerroute = "z"
    with pytest.raises(PIPVastgesteld, match="Maak een wijzigingsbeschikking"):
        pip.save()
    pip = PIP.objects.get(pk=vastgesteld.pk)
    pip.status = "concept"
    with pytest.raises(PIPVastgesteld):
        pip.save()
    assert PIP.objects.get(pk=vastgesteld.pk).leerroute == "b1"
    onderdeel = PIPOnderdeel.objects.filter(pip=vastgesteld).first()
    onderdeel.uren_per_week = 40
    with pytest.raises(PIPVastgesteld):
        onderdeel.save()
    with pytest.raises(PIPVastgesteld):
        onderdeel.delete()
    with pytest.raises(PIPVastgesteld):
        PIP.objects.get(pk=vastgesteld.pk).delete()


def _vastgestelde_pip(gemeente, klantmanager, dagtekening):
    dossier = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, status="pip_in_voorbereiding")
    with time_machine.travel(dt.datetime(dagtekening.year, dagtekening.month, dagtekening.day, 10, tzinfo=dt.UTC)):
        neem_routebesluit(dossier, klantmanager)
        pip = services.maak_concept(dossier, door=klantmanager)
        services.voeg_onderdeel_toe(pip, door=klantmanager, soort="taal", niveau="B1")
        return services.stel_vast(pip, door=klantmanager, dagtekening=dagtekening)


def test_beschikkingsnummers_are_unique_and_sequential_per_gemeente_and_year(
    gemeente, klantmanager, andere_gemeente, instelling
):
    nummers = [_vastgestelde_pip(gemeente, klantmanager, dt.date(2026, 10, d)).beschikkingsnummer for d in (1, 2, 3)]
    ander_km = GebruikerFactory(username="km.ander", rol="klantmanager", gemeente=andere_gemeente)
    ander = _vastgestelde_pip(andere_gemeente, ander_km, dt.date(2026, 10, 4))
    volgend_jaar = _vastgestelde_pip(gemeente, klantmanager, dt.date(2027, 1, 4))

    assert nummers == ["PIP-0855-2026-000001", "PIP-0855-2026-000002", "PIP-0855-2026-000003"]
    assert ander.beschikkingsnummer == "PIP-0294-2026-000001"
    assert volgend_jaar.beschikkingsnummer == "PIP-0855-2027-000001"


def test_wijzigingsbeschikking_keeps_previous_readable_and_marks_it_vervangen(vastgesteld, klantmanager, pip_dossier):
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)):
        concept = services.start_wijziging(
            pip_dossier, reden="overig", toelichting="Meer uren taal.", door=klantmanager
        )
        assert concept.volgnummer == 2 and concept.soort == "wijziging" and concept.status == "concept"
        assert concept.onderdelen.count() == 2  # copied
        services.voeg_onderdeel_toe(concept, door=klantmanager, soort="pvt", uren_per_week=2)
        nieuw = services.stel_vast(concept, door=klantmanager, dagtekening=dt.date(2026, 12, 1))

    oud = PIP.objects.get(pk=vastgesteld.pk)
    assert oud.status == "vervangen" and oud.pdf_sha256 == vastgesteld.pdf_sha256 and oud.onderdelen.count() == 2
    assert nieuw.status == "vastgesteld" and nieuw.beschikkingsnummer == "PIP-0855-2026-000002"
    assert selectors.geldend_pip(pip_dossier) == nieuw
    assert [p.volgnummer for p in selectors.pips_van(pip_dossier)] == [2, 1]
    assert Termijnfeit.objects.filter(dossier=pip_dossier, soort="pip_vastgesteld", gegevens__eerste=False).exists()
    assert Dossier.objects.get(pk=pip_dossier.pk).status == "pip_vastgesteld"


def test_second_wijziging_refused_while_concept_open(vastgesteld, klantmanager, pip_dossier):
    services.start_wijziging(pip_dossier, reden="overig", toelichting="a", door=klantmanager)

    with pytest.raises(ValidationError, match="al een concept"):
        services.start_wijziging(pip_dossier, reden="overig", toelichting="b", door=klantmanager)


def test_route_switch_allowed_within_18_months(vastgesteld, klantmanager, pip_dossier):
    with time_machine.travel(dt.datetime(2027, 6, 1, 10, tzinfo=dt.UTC)):
        concept = services.start_wijziging(
            pip_dossier, reden="schakelen", naar_route="z", toelichting="LBT opnieuw", door=klantmanager
        )
    assert concept.leerroute == "z"


def test_route_switch_refused_after_18_months(vastgesteld, klantmanager, pip_dossier):
    # termijn starts 16 October 2026; 18 months end mid-April 2028
    with (
        time_machine.travel(dt.datetime(2028, 6, 1, 10, tzinfo=dt.UTC)),
        pytest.raises(ValidationError, match="Schakelen kon tot en met"),
    ):
        services.start_wijziging(
            pip_dossier, reden="schakelen", naar_route="z", toelichting="Te laat", door=klantmanager
        )
    assert PIP.objects.filter(dossier=pip_dossier).count() == 1


def test_afschalen_only_in_b1_route(vastgesteld, klantmanager, pip_dossier):
    concept = services.start_wijziging(pip_dossier, reden="afschalen", toelichting="600 uur les", door=klantmanager)
    assert concept.wijzigingsreden == "afschalen" and concept.leerroute == "b1"


def test_bezwaar_registration_and_decision(vastgesteld, klantmanager, pip_dossier):
    bezwaar = services.registreer_bezwaar(
        vastgesteld, door=klantmanager, ontvangen_op=dt.date(2026, 11, 1), indiener="Amina Haddad", gronden="Z-route"
    )
    assert bezwaar.status == "ingediend"

    services.beslis_bezwaar(bezwaar, door=klantmanager, status="ongegrond", beslist_op=dt.date(2026, 12, 20))

    bezwaar = Bezwaar.objects.get(pk=bezwaar.pk)
    assert bezwaar.status == "ongegrond" and bezwaar.beslist_op == dt.date(2026, 12, 20)
    assert TijdlijnGebeurtenis.objects.filter(dossier=pip_dossier, soort="bezwaar").count() == 2
    assert PIP.objects.get(pk=vastgesteld.pk).status == "vastgesteld"


def test_bezwaar_refused_against_concept(concept, klantmanager):
    with pytest.raises(ValidationError):
        services.registreer_bezwaar(concept, door=klantmanager, ontvangen_op=dt.date(2026, 11, 1), indiener="X")
    assert not Bezwaar.objects.exists()
