import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import GebruikerFactory


@pytest.fixture
def gebruiker(gemeente):
    gebruiker = GebruikerFactory(username="sanne", rol="klantmanager", gemeente=gemeente)
    TOTPDevice.objects.create(
        user=gebruiker, name="app", key="3132333435363738393031323334353637383930", confirmed=True
    )
    return gebruiker


def _code(gebruiker) -> str:
    device = gebruiker.totpdevice_set.get()
    return f"{totp(device.bin_key):06d}"


@pytest.mark.django_db
def test_login_with_password_and_totp_code_reaches_the_caseload(gebruiker):
    client = Client()
    antwoord = client.post(
        "/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": _code(gebruiker)}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/dossiers/"
    assert client.get("/dossiers/").status_code == 200


@pytest.mark.django_db
def test_wrong_totp_code_is_refused_with_a_clear_message_on_the_code_field(gebruiker):
    client = Client()
    antwoord = client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": "000000"})
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Deze verificatiecode klopt niet" in inhoud
    assert 'href="#id_code"' in inhoud  # error summary links to the field
    assert client.get("/dossiers/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_does_not_reveal_whether_the_user_exists(gebruiker):
    antwoord = Client().post("/inloggen/", {"username": "sanne", "password": "fout", "code": _code(gebruiker)})
    assert "gebruikersnaam en wachtwoord is onbekend" in antwoord.content.decode()


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(gebruiker):
    client = Client()
    for _ in range(5):
        client.post("/inloggen/", {"username": "sanne", "password": "fout", "code": "123456"})
    antwoord = client.post(
        "/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": _code(gebruiker)}
    )
    assert antwoord.status_code == 429
    assert "Tijdelijk geblokkeerd" in antwoord.content.decode()


@pytest.mark.django_db
def test_logout_ends_the_session(gebruiker):
    client = Client()
    client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": _code(gebruiker)})
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/dossiers/").status_code == 302


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60
