"""Every create form of the offer is safe against a double click and a browser retry: one record, and the second
request is sent to the first one's result with a notice."""

import datetime as dt
import re

import pytest

from koers.aanbod.models import (
    MAP,
    PVT,
    Afsluiting,
    Examenresultaat,
    Inschrijving,
    Klas,
    Ontzorgingsplan,
    Overdracht,
    Product,
    SanctieVoorstelPIP,
    Urenregistratie,
    Voortgangsgesprek,
)
from koers.aanbod.services import plan_voortgangsgesprekken, stel_sanctie_voor
from koers.utils.models import Formulierverzending
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

AL_VERZONDEN = "Dit formulier was al verzonden; hieronder ziet u het resultaat."


def sleutel_van(client, url: str) -> str:
    """The one-time key of the (first) form on a page, as the browser would send it."""
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    gevonden = re.search(r'name="formuliersleutel" value="([0-9a-f]{32})"', antwoord.content.decode())
    assert gevonden, "the form has no one-time key"
    return gevonden.group(1)


def twee_keer(client, formulier_url: str, post_url: str, data: dict):
    """Submit the same rendered form twice (double click / retry) and check the second shows the first result."""
    data = data | {"formuliersleutel": sleutel_van(client, formulier_url)}
    eerste = client.post(post_url, data)
    assert eerste.status_code == 302, eerste.content.decode()[:2000]
    tweede = client.post(post_url, data)
    assert tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"]
    getoond = client.get(tweede["Location"], follow=True)
    assert AL_VERZONDEN in getoond.content.decode()
    return eerste, tweede


def aanbod(dossier, rest=""):
    return f"/dossiers/{dossier.pk}/aanbod/{rest}"


def test_enrolment_posted_twice_makes_one_enrolment(km_client, dossier, met_keurmerk):
    data = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    twee_keer(km_client, aanbod(dossier, "aanmelden/"), aanbod(dossier, "aanmelden/"), data)
    assert Inschrijving.objects.filter(dossier=dossier).count() == 1


def test_enrolment_retried_by_the_browser_after_success_makes_one_enrolment(km_client, dossier, met_keurmerk):
    data = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    data["formuliersleutel"] = sleutel_van(km_client, aanbod(dossier, "aanmelden/"))
    eerste = km_client.post(aanbod(dossier, "aanmelden/"), data)
    km_client.get(eerste["Location"])  # the user saw the result, then the browser replays the POST
    herhaald = km_client.post(aanbod(dossier, "aanmelden/"), data)
    assert herhaald["Location"] == eerste["Location"]
    assert Inschrijving.objects.filter(dossier=dossier).count() == 1


def test_without_the_key_each_post_still_creates(km_client, dossier, met_keurmerk):
    """Control: the key is what makes the difference (forms always render it)."""
    data = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    km_client.post(aanbod(dossier, "aanmelden/"), data)
    km_client.post(aanbod(dossier, "aanmelden/"), data)
    assert Inschrijving.objects.filter(dossier=dossier).count() == 2


def test_a_form_shown_again_after_an_error_can_still_be_sent(km_client, dossier, met_keurmerk):
    sleutel = sleutel_van(km_client, aanbod(dossier, "aanmelden/"))
    fout = km_client.post(aanbod(dossier, "aanmelden/"), {"product": "b1_route", "formuliersleutel": sleutel})
    assert fout.status_code == 200
    assert not Formulierverzending.objects.exists()
    goed = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    assert km_client.post(aanbod(dossier, "aanmelden/"), goed | {"formuliersleutel": sleutel}).status_code == 302
    assert Inschrijving.objects.count() == 1


def test_concurrent_submit_that_loses_the_race_is_rolled_back(
    km_client, dossier, met_keurmerk, klantmanager, monkeypatch
):
    """Another app server stored this key while this request ran: this request's enrolment is rolled back."""
    from koers.aanbod import services

    sleutel = sleutel_van(km_client, aanbod(dossier, "aanmelden/"))
    echte_schrijf_in = services.schrijf_in

    def gelijktijdig(*args, **kwargs):
        resultaat = echte_schrijf_in(*args, **kwargs)
        Formulierverzending.objects.create(gebruiker=klantmanager, sleutel=sleutel, resultaat_url="/eerste/")
        return resultaat

    monkeypatch.setattr(services, "schrijf_in", gelijktijdig)
    data = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    antwoord = km_client.post(aanbod(dossier, "aanmelden/"), data | {"formuliersleutel": sleutel}, follow=True)
    assert AL_VERZONDEN in antwoord.content.decode()
    assert "De aanmelding bij de aanbieder is opgeslagen." not in antwoord.content.decode()
    assert not Inschrijving.objects.exists()  # (in a test the competing row rolls back with it: one connection)


def test_a_key_belongs_to_its_user(km_client, dossier, met_keurmerk, gemeente):
    from tests.factories import GebruikerFactory

    collega = verified_client(GebruikerFactory(username="km2", rol="klantmanager", gemeente=gemeente))
    dossier.klantmanager = None
    dossier.save()
    data = {"product": "b1_route", "ketenpartner": met_keurmerk.pk, "aangemeld_op": "2026-11-15"}
    data["formuliersleutel"] = sleutel_van(km_client, aanbod(dossier, "aanmelden/"))
    assert km_client.post(aanbod(dossier, "aanmelden/"), data).status_code == 302
    collega.post(aanbod(dossier, "aanmelden/"), data)
    assert Formulierverzending.objects.count() <= 2


def test_enrolment_status_change_posted_twice(km_client, gestart):
    url = aanbod(gestart.dossier, f"inschrijvingen/{gestart.pk}/status/")
    data = {"naar": "afgerond", "op": "2026-11-10", "reden": "", "versie": gestart.versie}
    twee_keer(km_client, url, url, data)
    gestart.refresh_from_db()
    assert (gestart.status, gestart.versie) == ("afgerond", 3)


def test_exam_result_posted_twice_makes_one_result(km_client, dossier):
    data = {"onderdeel": "lezen", "niveau": "B1", "datum": "2026-11-02", "resultaat": "behaald"}
    twee_keer(km_client, aanbod(dossier, "examen/"), aanbod(dossier, "examen/"), data)
    assert Examenresultaat.objects.filter(dossier=dossier).count() == 1


def test_pvt_and_map_posted_twice_make_one_record(km_client, dossier):
    twee_keer(
        km_client,
        aanbod(dossier, "pvt/"),
        aanbod(dossier, "pvt/"),
        {"resultaat": "voldaan", "ondertekend_op": "2026-11-02", "versie": ""},
    )
    twee_keer(
        km_client,
        aanbod(dossier, "map/"),
        aanbod(dossier, "map/"),
        {"resultaat": "succesvol", "eindgesprek_op": "2026-11-02", "reden": "", "versie": ""},
    )
    assert PVT.objects.get(dossier=dossier).versie == 1
    assert MAP.objects.get(dossier=dossier).versie == 1


def test_stale_pvt_form_read_before_the_pvt_existed_is_a_conflict(km_client, dossier):
    data = {"resultaat": "voldaan", "ondertekend_op": "2026-11-02", "versie": ""}
    km_client.post(aanbod(dossier, "pvt/"), data)
    tweede = km_client.post(aanbod(dossier, "pvt/"), data | {"resultaat": "niet_voldaan"})
    assert tweede.status_code == 200
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in tweede.content.decode()
    assert PVT.objects.get(dossier=dossier).resultaat == "voldaan"


def test_planning_conversations_twice(km_client, dossier):
    twee_keer(km_client, aanbod(dossier), aanbod(dossier, "gesprekken/plannen/"), {})
    eerst = Voortgangsgesprek.objects.filter(dossier=dossier).count()
    assert eerst > 0


def test_recording_a_conversation_twice_shows_the_first_result(km_client, dossier, klantmanager):
    gesprek = plan_voortgangsgesprekken(dossier, door=klantmanager, start=dt.date(2026, 11, 1))[0]
    url = aanbod(dossier, f"gesprekken/{gesprek.pk}/")
    data = {"gehouden_op": "2026-11-02", "notities": "Goed gesprek", "afspraken": "Meer oefenen", "versie": "1"}
    twee_keer(km_client, url, url, data)
    gesprek.refresh_from_db()
    assert (gesprek.status, gesprek.versie) == ("gehouden", 2)


def test_ontzorgen_plan_posted_twice_makes_one_plan(km_client, dossier):
    data = {
        "start": "2026-12-01",
        "maanden": "6",
        "maatwerk_reden": "",
        "afbouwplan": "",
        "huur_begunstigde": "Woonstichting",
        "huur_iban": "NL91ABNA0417164300",
        "huur_bedrag": "612.40",
    }
    twee_keer(km_client, aanbod(dossier, "ontzorgen/"), aanbod(dossier, "ontzorgen/"), data)
    assert Ontzorgingsplan.objects.get(dossier=dossier).betalingen.count() == 6


def test_fine_proposal_posted_twice_makes_one_proposal(km_client, dossier):
    data = {"feiten": "Drie keer niet verschenen", "bedrag": "250.00"}
    twee_keer(km_client, aanbod(dossier, "sanctie/"), aanbod(dossier, "sanctie/"), data)
    assert SanctieVoorstelPIP.objects.filter(dossier=dossier).count() == 1


def test_fine_decision_posted_twice(dossier, klantmanager, teamleider):
    from decimal import Decimal

    voorstel = stel_sanctie_voor(dossier, door=klantmanager, feiten="Niet verschenen", bedrag=Decimal(100))
    client = verified_client(teamleider)
    data = {"besluit": "opleggen", "toelichting": "Gehoord"}
    twee_keer(client, aanbod(dossier), aanbod(dossier, f"sanctie/{voorstel.pk}/besluit/"), data)
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.versie) == ("opgelegd", 2)


def test_closing_posted_twice_closes_once(km_client, dossier):
    url = f"/dossiers/{dossier.pk}/afsluiten/"
    data = {"reden": "overleden", "datum": "2026-11-01", "bron": "BRP", "versie": dossier.versie}
    twee_keer(km_client, url, url, data)
    assert Afsluiting.objects.filter(dossier=dossier).count() == 1


def test_transfer_export_posted_twice_registers_one_export_and_downloads_it(km_client, dossier):
    url = f"/dossiers/{dossier.pk}/afsluiten/"
    sleutel = sleutel_van(km_client, url)
    antwoorden = [
        km_client.post(f"/dossiers/{dossier.pk}/overdracht/", {"nieuwe_gemeente": "Breda", "formuliersleutel": sleutel})
        for _ in range(2)
    ]
    assert antwoorden[0]["Location"] == antwoorden[1]["Location"]
    assert Overdracht.objects.filter(dossier=dossier, richting="uit").count() == 1
    pakket = km_client.get(antwoorden[0]["Location"])
    assert pakket.status_code == 200
    assert pakket["Content-Disposition"] == f'attachment; filename="overdracht-dossier-{dossier.pk}.json"'
    assert pakket.json()["persoon"]["bsn"] == dossier.inburgeraar.bsn


def test_class_hours_posted_twice_save_once(km_client, gemeente, met_keurmerk, klantmanager):
    from koers.aanbod.services import schrijf_in

    klas = Klas.objects.create(ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1", product=Product.B1_ROUTE)
    lid = schrijf_in(klantmanager_dossier(gemeente), door=klantmanager, product="b1_route", ketenpartner=met_keurmerk)
    klas.leden.set([lid])
    url = f"/klassen/{klas.pk}/uren/?maand=2026-10&soort=taal"
    data = {
        "uren-TOTAL_FORMS": "1",
        "uren-INITIAL_FORMS": "1",
        "uren-0-inschrijving": lid.pk,
        "uren-0-versie": "",
        "uren-0-gevolgd": "48",
        "uren-0-in_persoon": "40",
        "uren-0-geoorloofd": "0",
        "uren-0-ongeoorloofd": "0",
    }
    twee_keer(km_client, url, url, data)
    assert Urenregistratie.objects.get().versie == 1


def klantmanager_dossier(gemeente):
    from tests.factories import DossierFactory

    return DossierFactory(gemeente=gemeente)
