import datetime as dt

import pytest

from koers.dossiers import services
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.selectors import mogelijke_dubbelen
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory, registratie_gegevens

_registratie = registratie_gegevens


@pytest.mark.django_db
def test_duplicates_found_on_bsn_v_nummer_and_name_with_birth_date():
    a = InburgeraarFactory(
        bsn="111222333", v_nummer="1234567890", achternaam="Haile", geboortedatum=dt.date(1990, 1, 1)
    )
    assert list(mogelijke_dubbelen(bsn="111222333")) == [a]
    assert list(mogelijke_dubbelen(v_nummer="1234567890")) == [a]
    assert list(mogelijke_dubbelen(achternaam="haile", geboortedatum=dt.date(1990, 1, 1))) == [a]
    assert not mogelijke_dubbelen(achternaam="Haile", geboortedatum=dt.date(1991, 1, 1)).exists()


@pytest.mark.django_db
def test_registering_same_bsn_twice_is_refused(gemeente, klantmanager, km_client):
    DossierFactory(gemeente=gemeente, inburgeraar=InburgeraarFactory(bsn="111222333"))
    antwoord = km_client.post("/dossiers/nieuw/", _registratie(bsn="111222333"))
    assert antwoord.status_code == 200
    assert "Er bestaat al een persoon met dit BSN" in antwoord.content.decode()
    assert Inburgeraar.objects.filter(bsn="111222333").count() == 1


@pytest.mark.django_db
def test_same_name_and_birth_date_needs_confirmation_then_registers(gemeente, km_client):
    DossierFactory(
        gemeente=gemeente,
        inburgeraar=InburgeraarFactory(achternaam="Tesfay", geboortedatum=dt.date(1994, 2, 3), bsn=""),
    )
    eerst = km_client.post("/dossiers/nieuw/", _registratie())
    assert "Mogelijk al geregistreerd" in eerst.content.decode()
    assert Inburgeraar.objects.filter(achternaam="Tesfay").count() == 1
    daarna = km_client.post("/dossiers/nieuw/", _registratie(geen_dubbel="on"))
    assert daarna.status_code == 302
    assert Inburgeraar.objects.filter(achternaam="Tesfay").count() == 2


@pytest.mark.django_db
def test_registration_with_wrong_bsn_saves_nothing_and_names_the_field(km_client):
    antwoord = km_client.post("/dossiers/nieuw/", _registratie(bsn="123456789"))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "elfproef" in inhoud
    assert 'href="#id_bsn"' in inhoud
    assert 'aria-invalid="true"' in inhoud
    assert not Inburgeraar.objects.exists()


@pytest.mark.django_db
def test_teamleider_merges_duplicate_moving_dossiers_and_household(gemeente, andere_gemeente, teamleider):
    behouden = InburgeraarFactory(achternaam="Haile", bsn="", v_nummer="", geboortedatum=dt.date(1990, 1, 1))
    dubbel = InburgeraarFactory(achternaam="Haile", bsn="111222333", geboortedatum=dt.date(1990, 1, 1))
    d1 = DossierFactory(gemeente=gemeente, inburgeraar=behouden)
    d2 = DossierFactory(gemeente=andere_gemeente, inburgeraar=dubbel)
    dubbel.gezinsleden.create(soort="kind", naam="Selam Haile")
    services.voeg_samen(behouden=behouden, dubbel=dubbel, door=teamleider)
    behouden.refresh_from_db()
    dubbel.refresh_from_db()
    d2.refresh_from_db()
    assert behouden.bsn == "111222333"
    assert dubbel.samengevoegd_in == behouden
    assert d2.inburgeraar == behouden
    assert behouden.gezinsleden.filter(naam="Selam Haile").exists()
    assert d1.tijdlijn.filter(soort="samengevoegd").exists()


@pytest.mark.django_db
def test_klantmanager_may_not_merge(gemeente, klantmanager):
    from django.core.exceptions import PermissionDenied

    a, b = InburgeraarFactory(), InburgeraarFactory()
    with pytest.raises(PermissionDenied):
        services.voeg_samen(behouden=a, dubbel=b, door=klantmanager)


@pytest.mark.django_db
def test_merge_page_offers_merge_to_teamleider(gemeente, teamleider):
    a = DossierFactory(
        gemeente=gemeente,
        inburgeraar=InburgeraarFactory(achternaam="Noor", bsn="", v_nummer="", geboortedatum=dt.date(1985, 3, 3)),
    )
    b = DossierFactory(
        gemeente=gemeente, inburgeraar=InburgeraarFactory(achternaam="Noor", bsn="", geboortedatum=dt.date(1985, 3, 3))
    )
    client = verified_client(teamleider)
    assert "Samenvoegen met deze registratie" in client.get(f"/dossiers/{a.pk}/dubbelen/").content.decode()
    with pytest.raises(Exception):  # noqa: B017 - both in the same gemeente: refused with a message
        services.voeg_samen(behouden=a.inburgeraar, dubbel=b.inburgeraar, door=teamleider)
    antwoord = client.post(f"/dossiers/{a.pk}/dubbelen/", {"dossier": b.pk}, follow=True)
    assert "dezelfde gemeente" in antwoord.content.decode()
    assert GebruikerFactory  # factories importable for other tests
