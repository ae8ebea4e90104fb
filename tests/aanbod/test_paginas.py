import datetime as dt
from decimal import Decimal

import pytest

from koers.aanbod.models import Inschrijving, Klas, Product, Urenregistratie
from koers.aanbod.services import Uren, registreer_uren, schrijf_in
from koers.dossiers.services import deel_met_ketenpartner
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory

pytestmark = pytest.mark.django_db


def test_aanbod_tab_shows_progress_and_afschalen_notice(km_client, gestart, klantmanager, b1_pip):
    for maand in range(1, 11):
        registreer_uren(
            gestart,
            periode=dt.date(2026, maand, 1),
            soort="taal",
            uren=Uren(Decimal(60), in_persoon=Decimal(40)),
            door=klantmanager,
        )
    antwoord = km_client.get(f"/dossiers/{gestart.dossier_id}/aanbod/")
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Afschalen naar A2 is mogelijk" in tekst
    assert "Taalschool De Brug" in tekst


def test_enrol_form_refuses_provider_without_keurmerk_with_the_message(km_client, dossier, zonder_keurmerk):
    antwoord = km_client.post(
        f"/dossiers/{dossier.pk}/aanbod/aanmelden/",
        {"product": "b1_route", "ketenpartner": zonder_keurmerk.pk, "aangemeld_op": "2026-11-15"},
    )
    assert antwoord.status_code == 200
    assert "geen geldig Blik op Werk Keurmerk Inburgeren" in antwoord.content.decode()
    assert not Inschrijving.objects.exists()


def test_aanbod_of_other_gemeente_is_404(km_client, andere_gemeente):
    ander = DossierFactory(gemeente=andere_gemeente)
    assert km_client.get(f"/dossiers/{ander.pk}/aanbod/").status_code == 404
    assert km_client.get(f"/dossiers/{ander.pk}/afsluiten/").status_code == 404


def test_class_hours_page_saves_all_rows_and_refuses_all_on_one_error(km_client, gemeente, klantmanager, met_keurmerk):
    klas = Klas.objects.create(
        ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1-ochtend", product=Product.B1_ROUTE
    )
    leden = [
        schrijf_in(DossierFactory(gemeente=gemeente), door=klantmanager, product="b1_route", ketenpartner=met_keurmerk)
        for _ in range(2)
    ]
    klas.leden.set(leden)
    url = f"/klassen/{klas.pk}/uren/?maand=2026-10&soort=taal"
    assert km_client.get(url).status_code == 200
    data = {"uren-TOTAL_FORMS": "2", "uren-INITIAL_FORMS": "2"}
    for n, lid in enumerate(leden):
        data |= {
            f"uren-{n}-inschrijving": lid.pk,
            f"uren-{n}-versie": "",
            f"uren-{n}-gevolgd": "48",
            f"uren-{n}-in_persoon": "40",
            f"uren-{n}-geoorloofd": "4",
            f"uren-{n}-ongeoorloofd": "0",
        }
    fout = data | {"uren-1-in_persoon": "60"}
    antwoord = km_client.post(url, fout)
    assert antwoord.status_code == 200
    assert "Er is niets opgeslagen" in antwoord.content.decode()
    assert not Urenregistratie.objects.exists()
    antwoord = km_client.post(url, data)
    assert antwoord.status_code == 302
    assert Urenregistratie.objects.filter(periode=dt.date(2026, 10, 1), uren_gevolgd=48).count() == 2


def test_provider_employee_sees_only_own_classes_and_shared_members(
    gemeente, klantmanager, met_keurmerk, zonder_keurmerk
):
    eigen = Klas.objects.create(ketenpartner=met_keurmerk, naam="Eigen", product="b1_route")
    vreemd = Klas.objects.create(ketenpartner=zonder_keurmerk, naam="Vreemd", product="knm")
    gedeeld, niet = (DossierFactory(gemeente=gemeente) for _ in range(2))
    for d in (gedeeld, niet):
        eigen.leden.add(schrijf_in(d, door=klantmanager, product="b1_route", ketenpartner=met_keurmerk))
    deel_met_ketenpartner(gedeeld, ketenpartner=met_keurmerk, doel="taal", door=klantmanager)
    client = verified_client(GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=met_keurmerk))
    assert client.get(f"/klassen/{vreemd.pk}/uren/").status_code == 404
    tekst = client.get(f"/klassen/{eigen.pk}/uren/").content.decode()
    assert gedeeld.inburgeraar.achternaam in tekst
    assert niet.inburgeraar.achternaam not in tekst


def test_close_page_lists_what_is_missing_and_closes_when_met(km_client, dossier):
    antwoord = km_client.get(f"/dossiers/{dossier.pk}/afsluiten/")
    assert "Vul de bron van dit gegeven in" in antwoord.content.decode()
    antwoord = km_client.post(f"/dossiers/{dossier.pk}/afsluiten/", {"reden": "overleden", "versie": dossier.versie})
    assert antwoord.status_code == 200
    assert "kan niet worden afgesloten" in antwoord.content.decode()
    antwoord = km_client.post(
        f"/dossiers/{dossier.pk}/afsluiten/",
        {"reden": "overleden", "datum": "2026-11-01", "bron": "BRP", "versie": dossier.versie},
    )
    assert antwoord.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.afsluitreden) == ("afgerond", "overleden")


def test_payment_list_csv_download(km_client, dossier):
    from koers.aanbod.services import VasteLast, maak_ontzorgingsplan

    maak_ontzorgingsplan(
        dossier,
        door=dossier.klantmanager,
        start=dt.date(2026, 11, 1),
        lasten=[VasteLast("huur", "Woonstichting", "NL91ABNA0417164300", Decimal(600))],
    )
    antwoord = km_client.get("/ontzorgen/betaallijst.csv?maand=2026-11")
    assert antwoord.status_code == 200
    assert "NL91ABNA0417164300" in antwoord.content.decode()
