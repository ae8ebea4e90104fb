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


ZELFDE_MELDING = "De combinatie van gebruikersnaam, wachtwoord en verificatiecode klopt niet."


def _fouten(antwoord) -> list[str]:
    return [str(fout) for fout in antwoord.context["form"].non_field_errors()] + [
        f"{veld}: {fout}"
        for veld, fouten in antwoord.context["form"].errors.items()
        if veld != "__all__"
        for fout in fouten
    ]


@pytest.mark.django_db
def test_wrong_totp_code_is_refused_and_the_user_stays_logged_out(gebruiker):
    client = Client()
    antwoord = client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": "000000"})
    assert antwoord.status_code == 200
    assert ZELFDE_MELDING in antwoord.content.decode()
    assert 'id="foutsamenvatting"' in antwoord.content.decode()
    assert client.get("/dossiers/").status_code == 302


@pytest.mark.django_db
def test_wrong_code_and_wrong_password_get_one_and_the_same_message(gebruiker):
    """A different message for a wrong code would tell an attacker that the password is right."""
    fout_wachtwoord = Client().post("/inloggen/", {"username": "sanne", "password": "fout", "code": _code(gebruiker)})
    fout_code = Client().post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": "000000"})
    onbekend = Client().post("/inloggen/", {"username": "niemand", "password": "fout", "code": "000000"})
    assert _fouten(fout_wachtwoord) == _fouten(fout_code) == _fouten(onbekend)
    assert ZELFDE_MELDING in _fouten(fout_code)[0]
    assert "verificatiecode klopt niet of is verlopen" not in fout_code.content.decode()
    assert 'href="#id_code"' not in fout_code.content.decode()


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
def test_wrong_second_factor_codes_count_as_failed_logins_and_lock_the_account(gebruiker):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(4):
        antwoord = client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": "000000"})
        assert antwoord.status_code == 200
    assert AccessAttempt.objects.get(username="sanne").failures_since_start == 4
    assert (
        client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": "000000"}).status_code
        == 429
    )
    # Locked out: even the right password with the right code does not get in until the cool-off has passed.
    antwoord = client.post(
        "/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": _code(gebruiker)}
    )
    assert antwoord.status_code == 429
    assert "Tijdelijk geblokkeerd" in antwoord.content.decode()
    assert client.get("/dossiers/").status_code == 302


@pytest.mark.django_db
def test_logout_ends_the_session(gebruiker):
    client = Client()
    client.post("/inloggen/", {"username": "sanne", "password": "Koers-test-2026!", "code": _code(gebruiker)})
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/dossiers/").status_code == 302


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60
