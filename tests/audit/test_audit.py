"""History of personal data (who, when, old → new) and the append-only access log."""

import pytest
from django.db import connection, transaction

from koers.audit.models import AlleenToevoegen, Toegangslog
from koers.dossiers import services
from tests.conftest import verified_client


@pytest.mark.django_db
def test_viewing_a_dossier_writes_an_access_log_record(dossier, klantmanager, km_client):
    km_client.get(f"/dossiers/{dossier.pk}/")
    log = Toegangslog.objects.get(omschrijving="dossieroverzicht")
    assert log.gebruiker == klantmanager
    assert log.organisatie == "Tilburg"
    assert log.inburgeraar_id == dossier.inburgeraar_id
    assert log.dossier_id == dossier.pk
    assert log.actie == "raadplegen"
    assert log.verwerkingsactiviteit == "uitvoering-wi2021"


@pytest.mark.django_db
def test_caseload_logs_each_person_shown(dossier, km_client):
    km_client.get("/dossiers/")
    assert Toegangslog.objects.filter(omschrijving="caseloadoverzicht", inburgeraar_id=dossier.inburgeraar_id).exists()


@pytest.mark.django_db
def test_refused_view_writes_no_access_log_for_the_person(dossier, andere_gemeente):
    from tests.factories import GebruikerFactory

    vreemde = GebruikerFactory(username="kmw", rol="klantmanager", gemeente=andere_gemeente)
    assert verified_client(vreemde).get(f"/dossiers/{dossier.pk}/").status_code == 404
    assert not Toegangslog.objects.filter(inburgeraar_id=dossier.inburgeraar_id).exists()


@pytest.mark.django_db
def test_editing_person_keeps_history_with_old_and_new_value_and_who(dossier, klantmanager, km_client):
    persoon = dossier.inburgeraar
    data = {
        veld: getattr(persoon, veld)
        for veld in ("voornamen", "achternaam", "nationaliteit", "doelgroep", "geslacht", "bsn", "v_nummer", "talen")
    }
    data.update(geboortedatum="1990-05-17", telefoon="0612345678", versie=persoon.versie)
    antwoord = km_client.post(f"/dossiers/{dossier.pk}/persoon/", data)
    assert antwoord.status_code == 302
    persoon.refresh_from_db()
    assert persoon.telefoon == "0612345678"
    nieuw, oud = persoon.history.all()[:2]
    verschil = nieuw.diff_against(oud)
    assert [(c.field, c.old, c.new) for c in verschil.changes] == [("telefoon", "", "0612345678")]
    assert nieuw.history_user == klantmanager
    assert Toegangslog.objects.filter(actie="wijzigen", inburgeraar_id=persoon.pk).exists()
    assert dossier.tijdlijn.filter(soort="persoon_gewijzigd").exists()


@pytest.mark.django_db
def test_edit_based_on_a_stale_version_is_refused_and_loses_nothing(dossier, klantmanager, km_client):
    persoon = dossier.inburgeraar
    services.wijzig_persoon(dossier, door=klantmanager, verwachte_versie=1, telefoon="0611111111")
    data = {
        veld: getattr(persoon, veld)
        for veld in ("voornamen", "achternaam", "nationaliteit", "doelgroep", "geslacht", "bsn", "v_nummer")
    }
    data.update(geboortedatum="1990-05-17", telefoon="0622222222", versie=1)
    antwoord = km_client.post(f"/dossiers/{dossier.pk}/persoon/", data)
    assert antwoord.status_code == 200
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in antwoord.content.decode()
    persoon.refresh_from_db()
    assert persoon.telefoon == "0611111111"


@pytest.mark.django_db
def test_access_log_cannot_be_changed_or_deleted_through_the_application(dossier, klantmanager, km_client):
    km_client.get(f"/dossiers/{dossier.pk}/")
    log = Toegangslog.objects.first()
    log.omschrijving = "vervalst"
    with pytest.raises(AlleenToevoegen):
        log.save()
    with pytest.raises(AlleenToevoegen):
        log.delete()
    with pytest.raises(AlleenToevoegen):
        Toegangslog.objects.all().delete()
    with pytest.raises(AlleenToevoegen):
        Toegangslog.objects.update(omschrijving="vervalst")
    assert Toegangslog.objects.filter(omschrijving="vervalst").count() == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only")
def test_database_refuses_raw_update_of_access_log(dossier, km_client):
    km_client.get(f"/dossiers/{dossier.pk}/")
    with pytest.raises(Exception, match="alleen-toevoegen"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_toegangslog SET omschrijving = 'x'")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL only")
def test_database_refuses_truncate_of_access_log(dossier, km_client):
    km_client.get(f"/dossiers/{dossier.pk}/")
    aantal = Toegangslog.objects.count()
    assert aantal > 0
    geweigerd = pytest.raises(Exception, match="alleen-toevoegen: TRUNCATE geweigerd")
    with geweigerd, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else the deferred FK checks of the test block it
        cursor.execute("TRUNCATE audit_toegangslog")
    assert Toegangslog.objects.count() == aantal


@pytest.mark.django_db
def test_functioneel_beheerder_searches_the_access_log_in_beheer(dossier, gemeente, km_client):
    from tests.factories import GebruikerFactory

    km_client.get(f"/dossiers/{dossier.pk}/")
    fb = GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente, is_staff=True)
    antwoord = verified_client(fb).get("/functioneel-beheer/toegangslog/", {"persoon": dossier.inburgeraar.bsn})
    assert antwoord.status_code == 200
    assert "dossieroverzicht" in antwoord.content.decode()
    assert ">km<" in antwoord.content.decode().replace(" ", "")
    # The Django admin's copy of the log is for superusers only.
    assert verified_client(fb).get("/beheer/audit/toegangslog/").status_code == 403


@pytest.mark.django_db
def test_beheer_is_for_functioneel_beheerders_only_even_with_staff_flag(gemeente, klantmanager):
    klantmanager.is_staff = True
    klantmanager.save()
    antwoord = verified_client(klantmanager).get("/beheer/")
    assert antwoord.status_code == 302
    assert "/beheer/login/" in antwoord["Location"]


@pytest.mark.django_db
def test_functioneel_beheerder_searches_change_history_of_persons(dossier, gemeente, klantmanager):
    from tests.factories import GebruikerFactory

    services.wijzig_persoon(dossier, door=klantmanager, verwachte_versie=1, telefoon="0611111111")
    fb = GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente, is_staff=True)
    antwoord = verified_client(fb).get("/functioneel-beheer/wijzigingen/", {"zoek": dossier.inburgeraar.achternaam})
    assert antwoord.status_code == 200
    assert dossier.inburgeraar.achternaam in antwoord.content.decode()
    assert verified_client(fb).get("/beheer/inburgeraars/historicalinburgeraar/").status_code == 403
