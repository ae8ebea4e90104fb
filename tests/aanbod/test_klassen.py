"""Classes: placing an enrolled person in a class from the Aanbod tab, class lists by name for the provider and the
gemeente, moving between classes with the hours kept, and every name shown logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.aanbod.models import Klas, Product, Urenregistratie
from koers.aanbod.services import (
    Uren,
    haal_uit_klas,
    plaats_in_klas,
    registreer_klasuren,
    schrijf_in,
    verplaats_naar_klas,
)
from koers.audit.models import Toegangslog
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.dossiers.services import deel_met_ketenpartner
from koers.utils.concurrency import VersieConflict
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory, KetenpartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ochtend(gemeente, met_keurmerk):
    return Klas.objects.create(
        ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1-ochtend", product=Product.B1_ROUTE
    )


@pytest.fixture
def avond(gemeente, met_keurmerk):
    return Klas.objects.create(ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1-avond", product=Product.B1_ROUTE)


@pytest.fixture
def inschrijving(dossier, klantmanager, met_keurmerk):
    dossier.inburgeraar.voornamen, dossier.inburgeraar.achternaam = "Amina", "Haddad"
    dossier.inburgeraar.save()
    return schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=met_keurmerk)


@pytest.fixture
def docent(met_keurmerk):
    return GebruikerFactory(username="kp.debrug", rol="ketenpartner_medewerker", ketenpartner=met_keurmerk)


def _persoon(gemeente, klantmanager, school, voornaam: str, achternaam: str):
    d = DossierFactory(
        gemeente=gemeente,
        klantmanager=klantmanager,
        inburgeraar=InburgeraarFactory(voornamen=voornaam, achternaam=achternaam),
    )
    return schrijf_in(d, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=school)


def _knop(klas, actie="plaatsen", **extra):
    return {"actie": actie, "klas": klas.pk, "versie": klas.versie, **extra}


# --------------------------------------------------------------------------------------------------- Aanbod tab


def test_klantmanager_places_an_enrolment_in_a_class_from_the_aanbod_tab(km_client, inschrijving, ochtend, avond):
    tab = km_client.get(f"/dossiers/{inschrijving.dossier_id}/aanbod/").content.decode()
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    assert url in tab  # the "Klas indelen" link
    pagina = km_client.get(url).content.decode()
    assert "Nog niet in een klas geplaatst." in pagina
    assert "Plaatsen in B1-ochtend" in pagina and "Plaatsen in B1-avond" in pagina

    antwoord = km_client.post(url, _knop(ochtend), follow=True)

    assert list(ochtend.leden.all()) == [inschrijving]
    tekst = antwoord.content.decode()
    assert "Amina Haddad is geplaatst in klas B1-ochtend." in tekst
    assert "B1-ochtend" in tekst  # the class column of the enrolments table
    ochtend.refresh_from_db()
    assert ochtend.versie == 2
    assert TijdlijnGebeurtenis.objects.filter(
        dossier=inschrijving.dossier, titel__startswith="Geplaatst in klas B1-ochtend"
    ).exists()
    assert Toegangslog.objects.filter(dossier_id=inschrijving.dossier_id, omschrijving="klas indelen").exists()


def test_class_of_another_provider_is_not_offered_and_refused(km_client, inschrijving, zonder_keurmerk, gemeente):
    vreemd = Klas.objects.create(
        ketenpartner=zonder_keurmerk, gemeente=gemeente, naam="Taalpunt B1", product="b1_route"
    )
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"

    pagina = km_client.get(url).content.decode()
    assert "Taalpunt B1" not in pagina
    assert "geen (andere) klas voor dit product" in pagina
    assert km_client.post(url, _knop(vreemd)).status_code == 404
    assert not vreemd.leden.exists()
    with pytest.raises(ValidationError) as fout:
        plaats_in_klas(vreemd, inschrijving=inschrijving, door=inschrijving.dossier.klantmanager, verwachte_versie=1)
    assert "andere aanbieder" in str(fout.value)
    assert not vreemd.leden.exists()


def test_stale_class_version_is_a_conflict_shown_and_nothing_saved(km_client, klantmanager, inschrijving, ochtend):
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    gelezen = _knop(ochtend)
    ander = _persoon(ochtend.gemeente, klantmanager, ochtend.ketenpartner, "Yusuf", "Haddad")
    plaats_in_klas(ochtend, inschrijving=ander, door=klantmanager, verwachte_versie=ochtend.versie)

    antwoord = km_client.post(url, gelezen)

    assert antwoord.status_code == 200
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in antwoord.content.decode()
    assert list(ochtend.leden.all()) == [ander]


def test_moving_to_another_class_keeps_the_hours(km_client, klantmanager, inschrijving, ochtend, avond):
    plaats_in_klas(ochtend, inschrijving=inschrijving, door=klantmanager, verwachte_versie=ochtend.versie)
    ochtend.refresh_from_db()
    registreer_klasuren(
        ochtend,
        periode=dt.date(2026, 10, 1),
        soort="taal",
        regels={inschrijving.pk: Uren(Decimal(48), in_persoon=Decimal(40))},
        door=klantmanager,
    )
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    assert "Verplaatsen naar B1-avond" in km_client.get(url).content.decode()

    antwoord = km_client.post(url, _knop(avond, "verplaatsen", van=ochtend.pk, van_versie=ochtend.versie), follow=True)

    assert "is verplaatst naar klas B1-avond; de uren blijven bij de inschrijving." in antwoord.content.decode()
    assert not ochtend.leden.exists()
    assert list(avond.leden.all()) == [inschrijving]
    assert Urenregistratie.objects.get(inschrijving=inschrijving).uren_gevolgd == 48
    uren = km_client.get(f"/klassen/{avond.pk}/uren/?maand=2026-10&soort=taal").content.decode()
    assert 'value="48' in uren  # October's hours show on the new class's page
    totalen = km_client.get(f"/dossiers/{inschrijving.dossier_id}/aanbod/").content.decode()
    assert ">48<" in totalen


def test_move_is_all_or_nothing(klantmanager, inschrijving, ochtend, avond):
    plaats_in_klas(ochtend, inschrijving=inschrijving, door=klantmanager, verwachte_versie=ochtend.versie)
    ochtend.refresh_from_db()
    with pytest.raises(VersieConflict):
        verplaats_naar_klas(
            inschrijving, van=ochtend, naar=avond, door=klantmanager, versie_van=ochtend.versie, versie_naar=99
        )
    assert list(ochtend.leden.all()) == [inschrijving]
    assert not avond.leden.exists()


def test_taking_out_of_a_class_keeps_hours_and_is_on_the_timeline(km_client, klantmanager, inschrijving, ochtend):
    plaats_in_klas(ochtend, inschrijving=inschrijving, door=klantmanager, verwachte_versie=ochtend.versie)
    ochtend.refresh_from_db()
    registreer_klasuren(
        ochtend,
        periode=dt.date(2026, 10, 1),
        soort="taal",
        regels={inschrijving.pk: Uren(Decimal(20))},
        door=klantmanager,
    )
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"

    antwoord = km_client.post(url, _knop(ochtend, "uithalen"), follow=True)

    assert "Amina Haddad is uit klas B1-ochtend gehaald." in antwoord.content.decode()
    assert not ochtend.leden.exists()
    assert Urenregistratie.objects.filter(inschrijving=inschrijving, uren_gevolgd=20).exists()
    assert TijdlijnGebeurtenis.objects.filter(titel__startswith="Uit klas B1-ochtend").exists()
    with pytest.raises(ValidationError):
        ochtend.refresh_from_db()
        haal_uit_klas(ochtend, inschrijving=inschrijving, door=klantmanager, verwachte_versie=ochtend.versie)


def test_klantmanager_of_another_gemeente_cannot_place(inschrijving, ochtend, andere_gemeente):
    ander = GebruikerFactory(username="km.ander", rol="klantmanager", gemeente=andere_gemeente)
    client = verified_client(ander)
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    assert client.get(url).status_code == 404
    assert client.post(url, _knop(ochtend)).status_code == 404
    with pytest.raises(PermissionDenied):
        plaats_in_klas(ochtend, inschrijving=inschrijving, door=ander, verwachte_versie=ochtend.versie)
    assert not ochtend.leden.exists()


# --------------------------------------------------------------------------------------------------- class lists


def test_class_list_shows_names_and_logs_each_person(km_client, klantmanager, gemeente, met_keurmerk, ochtend):
    leden = [
        _persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad"),
        _persoon(gemeente, klantmanager, met_keurmerk, "Tesfay", "Gebremedhin"),
    ]
    ochtend.leden.set(leden)
    niet_in_klas = _persoon(gemeente, klantmanager, met_keurmerk, "Noor", "Rahimi")

    tekst = km_client.get(f"/klassen/{ochtend.pk}/").content.decode()

    assert "Amina Haddad" in tekst and "Tesfay Gebremedhin" in tekst
    assert "Noor Rahimi" in tekst  # offered in the "Deelnemer" choice, by name
    assert "B1-route bij Taalschool De Brug" not in tekst
    gelogd = set(Toegangslog.objects.filter(omschrijving="klaslijst").values_list("dossier_id", flat=True))
    assert gelogd == {leden[0].dossier_id, leden[1].dossier_id, niet_in_klas.dossier_id}


def test_class_hours_page_logs_the_persons_it_shows(km_client, klantmanager, gemeente, met_keurmerk, ochtend):
    lid = _persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")
    ochtend.leden.add(lid)
    assert "Amina Haddad" in km_client.get(f"/klassen/{ochtend.pk}/uren/").content.decode()
    assert Toegangslog.objects.filter(dossier_id=lid.dossier_id, omschrijving="uren van een klas").count() == 1


def test_klantmanager_places_and_removes_on_the_class_list(km_client, klantmanager, gemeente, met_keurmerk, ochtend):
    lid = _persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")
    url = f"/klassen/{ochtend.pk}/"

    antwoord = km_client.post(url, {"actie": "plaatsen", "inschrijving": lid.pk, "versie": ochtend.versie}, follow=True)
    assert "Amina Haddad is in de klas geplaatst." in antwoord.content.decode()
    assert list(ochtend.leden.all()) == [lid]

    ochtend.refresh_from_db()
    antwoord = km_client.post(url, {"actie": "uithalen", "inschrijving": lid.pk, "versie": ochtend.versie}, follow=True)
    assert "Amina Haddad is uit de klas gehaald." in antwoord.content.decode()
    assert not ochtend.leden.exists()


def test_provider_staff_manage_only_their_own_students_of_shared_dossiers(
    gemeente, klantmanager, met_keurmerk, docent, ochtend
):
    andere_school = KetenpartnerFactory(naam="Taalhuis Noord", keurmerk=True, keurmerk_geldig_tot=dt.date(2028, 1, 1))
    gedeeld = _persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")
    niet_gedeeld = _persoon(gemeente, klantmanager, met_keurmerk, "Noor", "Rahimi")
    bij_ander = _persoon(gemeente, klantmanager, andere_school, "Olena", "Kovalenko")
    for i in (gedeeld, bij_ander):
        deel_met_ketenpartner(i.dossier, ketenpartner=met_keurmerk, doel="taal", door=klantmanager)
    vreemd = Klas.objects.create(ketenpartner=andere_school, gemeente=gemeente, naam="Noord", product="b1_route")
    client = verified_client(docent)
    url = f"/klassen/{ochtend.pk}/"

    pagina = client.get(url).content.decode()
    assert "Amina Haddad" in pagina
    assert "Noor Rahimi" not in pagina and "Olena Kovalenko" not in pagina

    for andere in (niet_gedeeld, bij_ander):
        antwoord = client.post(url, {"actie": "plaatsen", "inschrijving": andere.pk, "versie": ochtend.versie})
        assert antwoord.status_code == 200  # not a choice: the form says so, nothing saved
        assert not ochtend.leden.filter(pk=andere.pk).exists()
    antwoord = client.post(url, {"actie": "plaatsen", "inschrijving": gedeeld.pk, "versie": ochtend.versie})
    assert antwoord.status_code == 302
    assert list(ochtend.leden.all()) == [gedeeld]
    assert client.get(f"/klassen/{vreemd.pk}/").status_code == 404
    assert client.post(f"/klassen/{vreemd.pk}/", {"actie": "uithalen", "inschrijving": gedeeld.pk}).status_code == 404
    with pytest.raises(PermissionDenied):
        plaats_in_klas(ochtend, inschrijving=niet_gedeeld, door=docent, verwachte_versie=None)

    ochtend.refresh_from_db()
    antwoord = client.post(url, {"actie": "uithalen", "inschrijving": gedeeld.pk, "versie": ochtend.versie})
    assert antwoord.status_code == 302
    assert not ochtend.leden.exists()


def test_provider_staff_place_their_own_student_from_the_shared_dossier(klantmanager, inschrijving, docent, ochtend):
    deel_met_ketenpartner(inschrijving.dossier, ketenpartner=inschrijving.ketenpartner, doel="taal", door=klantmanager)
    client = verified_client(docent)
    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    assert client.post(url, _knop(ochtend)).status_code == 302
    assert list(ochtend.leden.all()) == [inschrijving]


def test_teamleider_without_edit_rights_elsewhere_sees_no_place_button(ochtend, klantmanager, gemeente, met_keurmerk):
    lid = _persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")
    ochtend.leden.add(lid)
    beleid = GebruikerFactory(username="bm", rol="beleidsmedewerker", gemeente=gemeente)
    assert verified_client(beleid).get(f"/klassen/{ochtend.pk}/").status_code == 403


# --------------------------------------------------------------------------------------------------- admin


def test_admin_class_editor_names_the_members_for_a_superuser_and_logs_it(
    gemeente, klantmanager, met_keurmerk, ochtend
):
    from koers.accounts.models import Gebruiker

    leden = [_persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")]
    ochtend.leden.set(leden)
    _persoon(gemeente, klantmanager, met_keurmerk, "Tesfay", "Gebremedhin")
    superuser = Gebruiker.objects.create_superuser("root", "root@example.org", "Koers-root-2026!", rol="")

    tekst = verified_client(superuser).get(f"/beheer/aanbod/klas/{ochtend.pk}/change/").content.decode()

    assert "Amina Haddad (dossier" in tekst and "Tesfay Gebremedhin (dossier" in tekst
    assert "B1-route bij Taalschool De Brug" not in tekst
    assert Toegangslog.objects.filter(gebruiker=superuser, omschrijving="beheer: klassen (deelnemers)").count() == 2


def test_admin_class_editor_shows_no_members_to_the_functioneel_beheerder(
    gemeente, klantmanager, met_keurmerk, ochtend
):
    ochtend.leden.set([_persoon(gemeente, klantmanager, met_keurmerk, "Amina", "Haddad")])
    from django.contrib.auth.models import Permission

    beheerder = GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente, is_staff=True)
    beheerder.user_permissions.set(Permission.objects.all())  # every permission: the admin's own rule decides

    antwoord = verified_client(beheerder).get(f"/beheer/aanbod/klas/{ochtend.pk}/change/")

    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "B1-ochtend" in tekst
    assert "Amina Haddad" not in tekst and 'name="leden"' not in tekst
    assert not Toegangslog.objects.filter(gebruiker=beheerder).exists()


def test_a_double_click_on_place_places_once_and_shows_the_first_result(km_client, inschrijving, ochtend):
    import re

    url = f"/dossiers/{inschrijving.dossier_id}/aanbod/inschrijvingen/{inschrijving.pk}/klas/"
    sleutel = re.search(r'name="formuliersleutel" value="([0-9a-f]{32})"', km_client.get(url).content.decode())[1]
    data = _knop(ochtend) | {"formuliersleutel": sleutel}

    assert km_client.post(url, data).status_code == 302
    tweede = km_client.post(url, data, follow=True)

    assert "Dit formulier was al verzonden" in tweede.content.decode()
    assert list(ochtend.leden.all()) == [inschrijving]
    ochtend.refresh_from_db()
    assert ochtend.versie == 2
