"""Functioneel beheer's own pages: the access log and the change history, of the beheerder's gemeente only, with
every person shown in the access log."""

from __future__ import annotations

import pytest

from koers.audit.models import Toegangslog
from koers.dossiers import services
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory


@pytest.fixture
def fb(gemeente):
    return GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=gemeente, is_staff=True)


@pytest.fixture
def fb_client(fb):
    return verified_client(fb)


@pytest.fixture
def km_b(andere_gemeente):
    return GebruikerFactory(username="km.winterswijk", rol="klantmanager", gemeente=andere_gemeente)


@pytest.fixture
def dossier_b(andere_gemeente, km_b):
    persoon = InburgeraarFactory(achternaam="Kovalenko")
    return DossierFactory(gemeente=andere_gemeente, klantmanager=km_b, inburgeraar=persoon)


@pytest.mark.django_db
def test_main_menu_shows_functioneel_beheer_to_the_beheerder_only(fb_client, km_client):
    assert 'href="/functioneel-beheer/"' in fb_client.get("/dossiers/").content.decode()
    assert 'href="/functioneel-beheer/"' not in km_client.get("/dossiers/").content.decode()
    assert fb_client.get("/functioneel-beheer/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad", ["/functioneel-beheer/", "/functioneel-beheer/toegangslog/", "/functioneel-beheer/wijzigingen/"]
)
def test_other_roles_get_no_beheer_pages(pad, km_client, teamleider):
    assert km_client.get(pad).status_code == 403
    assert verified_client(teamleider).get(pad).status_code == 403


@pytest.mark.django_db
def test_access_log_shows_own_gemeente_only_and_its_reading_is_logged(
    dossier, km_client, dossier_b, km_b, fb, fb_client
):
    km_client.get(f"/dossiers/{dossier.pk}/")
    verified_client(km_b).get(f"/dossiers/{dossier_b.pk}/")
    antwoord = fb_client.get("/functioneel-beheer/toegangslog/")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "dossieroverzicht" in inhoud
    assert "km.winterswijk" not in inhoud
    gezocht = fb_client.get("/functioneel-beheer/toegangslog/", {"gebruikersnaam": "km.winterswijk"})
    assert "Geen regels gevonden" in gezocht.content.decode()
    # Searching by the BSN of another gemeente's person finds nothing.
    vreemd = fb_client.get("/functioneel-beheer/toegangslog/", {"persoon": dossier_b.inburgeraar.bsn})
    assert "Geen regels gevonden" in vreemd.content.decode()
    gelezen = Toegangslog.objects.filter(gebruiker=fb, omschrijving="functioneel beheer: toegangslog")
    assert list(gelezen.values_list("inburgeraar_id", flat=True).distinct()) == [dossier.inburgeraar_id]
    assert not Toegangslog.objects.filter(gebruiker=fb, inburgeraar_id=dossier_b.inburgeraar_id).exists()


@pytest.mark.django_db
def test_access_log_includes_a_ketenpartners_read_of_the_gemeentes_dossier(dossier, ketenpartner, fb_client):
    from koers.audit.services import log_toegang

    kp = GebruikerFactory(username="kp.debrug", rol="ketenpartner_medewerker", ketenpartner=ketenpartner)
    log_toegang(gebruiker=kp, actie="raadplegen", inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk)
    assert "kp.debrug" in fb_client.get("/functioneel-beheer/toegangslog/").content.decode()


@pytest.mark.django_db
def test_access_log_pages_with_a_cursor(dossier, klantmanager, fb_client):
    from koers.audit.services import log_toegang

    for _ in range(51):
        log_toegang(gebruiker=klantmanager, actie="raadplegen", inburgeraar_id=dossier.inburgeraar_id)
    eerste = fb_client.get("/functioneel-beheer/toegangslog/").content.decode()
    assert 'rel="next"' in eerste
    volgende = eerste.split('rel="next" href="?')[1].split('"')[0].replace("&amp;", "&")
    tweede = fb_client.get(f"/functioneel-beheer/toegangslog/?{volgende}").content.decode()
    assert "Terug naar het begin" in tweede and 'rel="next"' not in tweede


@pytest.mark.django_db
def test_change_history_shows_old_and_new_value_for_own_gemeente_and_is_logged(
    dossier, klantmanager, dossier_b, km_b, fb, fb_client
):
    services.wijzig_persoon(dossier, door=klantmanager, verwachte_versie=1, telefoon="0611111111")
    services.wijzig_persoon(dossier_b, door=km_b, verwachte_versie=1, telefoon="0622222222")
    lijst = fb_client.get("/functioneel-beheer/wijzigingen/")
    inhoud = lijst.content.decode()
    assert dossier.inburgeraar.achternaam in inhoud
    assert "Kovalenko" not in inhoud
    assert (
        "Kovalenko"
        not in fb_client.get("/functioneel-beheer/wijzigingen/", {"zoek": "Kovalenko"})
        .content.decode()
        .split("</form>")[1]
    )
    eigen = dossier.inburgeraar.history.order_by("-history_id").first()
    detail = fb_client.get(f"/functioneel-beheer/wijzigingen/{eigen.history_id}/")
    assert detail.status_code == 200
    assert "0611111111" in detail.content.decode() and "km" in detail.content.decode()
    vreemd = dossier_b.inburgeraar.history.order_by("-history_id").first()
    assert fb_client.get(f"/functioneel-beheer/wijzigingen/{vreemd.history_id}/").status_code == 404
    assert Toegangslog.objects.filter(
        gebruiker=fb, inburgeraar_id=dossier.inburgeraar_id, omschrijving="functioneel beheer: wijziging van persoon"
    ).exists()
    assert Toegangslog.objects.filter(
        gebruiker=fb, inburgeraar_id=dossier.inburgeraar_id, omschrijving="functioneel beheer: wijzigingsgeschiedenis"
    ).exists()
    assert not Toegangslog.objects.filter(gebruiker=fb, inburgeraar_id=dossier_b.inburgeraar_id).exists()


@pytest.mark.django_db
def test_change_history_finds_a_person_by_bsn(dossier, klantmanager, fb_client):
    services.wijzig_persoon(dossier, door=klantmanager, verwachte_versie=1, telefoon="0611111111")
    inhoud = fb_client.get("/functioneel-beheer/wijzigingen/", {"zoek": dossier.inburgeraar.bsn}).content.decode()
    assert inhoud.count(f"{dossier.inburgeraar.achternaam}, ") == 2  # creation and the edit
