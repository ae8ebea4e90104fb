"""The Django admin (/beheer/) as the functioneel beheerder of gemeente A (Tilburg): every registered admin URL
against gemeente B's (Winterswijk's) objects and against its own account. The beheerder holds *every* model
permission in the database, so nothing here rests on which permissions someone happened to grant."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.models import AccessToken, Grant, IDToken, RefreshToken

from koers.aanbod.models import Contract, Klas
from koers.accounts.models import Gebruiker
from koers.api.services import registreer_systeem
from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers import services as dossier_services
from koers.inburgeraars.models import Gezinslid, Koppeling
from koers.intake.models import Vragenlijst
from koers.pip import services as pip_services
from koers.pip.models import Bezwaar, PIPInstelling
from koers.termijnen.models import GelijkgesteldeDag, GemeenteInstelling
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, InburgeraarFactory, KetenpartnerFactory, RegioFactory
from tests.pip.conftest import neem_routebesluit

# Every registered admin needs a decision here: a new registration fails test_every_admin_has_a_decision.
ALLEEN_SUPERUSER = {
    "auth.Group",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "audit.Toegangslog",
    "inburgeraars.Inburgeraar",
    "inburgeraars.Gezinslid",
    "inburgeraars.Koppeling",
    "inburgeraars.HistoricalInburgeraar",
    "pip.PIP",
    "pip.Bezwaar",
    # API clients and their tokens (django-oauth-toolkit): technical beheer only; clients come from maak_api_client.
    "oauth2_provider.Application",
    "oauth2_provider.AccessToken",
    "oauth2_provider.RefreshToken",
    "oauth2_provider.Grant",
    "oauth2_provider.IDToken",
}
# The questionnaire is one for the whole installation: a gemeente's beheerder may read it, not change what other
# gemeenten' klantmanagers ask.
LANDELIJK_ALLEEN_LEZEN = {
    "accounts.Gemeente",
    "accounts.Regio",
    "accounts.Ketenpartner",
    "termijnen.GelijkgesteldeDag",
    "intake.Vragenlijst",
}
PER_GEMEENTE = {
    "accounts.Gebruiker",
    "termijnen.GemeenteInstelling",
    "pip.PIPInstelling",
    "aanbod.Contract",
    "aanbod.Klas",
}


@pytest.fixture
def wereld(gemeente, andere_gemeente, klantmanager, settings, tmp_path):
    """Gemeente A = Tilburg (fb of A), gemeente B = Winterswijk, with one object of every admin's model."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    fb = GebruikerFactory(username="fb.a", rol="functioneel_beheerder", gemeente=gemeente, is_staff=True)
    fb.user_permissions.set(Permission.objects.all())
    km_b = GebruikerFactory(username="km.b", rol="klantmanager", gemeente=andere_gemeente)
    persoon_a = InburgeraarFactory(achternaam="Haddad")
    dossier_a = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, inburgeraar=persoon_a)
    persoon_b = InburgeraarFactory(achternaam="Kovalenko")
    dossier_b = DossierFactory(gemeente=andere_gemeente, klantmanager=km_b, inburgeraar=persoon_b, status="intake")
    dossier_services.wijzig_persoon(dossier_b, door=km_b, verwachte_versie=1, telefoon="0611111111")
    neem_routebesluit(dossier_b, km_b)
    PIPInstelling.objects.create(gemeente=andere_gemeente, vier_ogen=False, bezwaaradres="Postbus 101")
    pip_b = pip_services.maak_concept(dossier_b, door=km_b)
    ketenpartner = KetenpartnerFactory(naam="Taalschool De Brug")
    regio = RegioFactory(naam="Regio Achterhoek")
    regio.gemeenten.add(andere_gemeente)
    systeem = registreer_systeem(naam="Zaaksysteem B", gemeente=andere_gemeente).application
    token = AccessToken.objects.create(
        application=systeem, token="geheim-token-b", expires=timezone.now() + dt.timedelta(hours=1), scope="x"
    )
    objecten = {
        "oauth2_provider.Application": systeem,
        "oauth2_provider.AccessToken": token,
        "oauth2_provider.RefreshToken": RefreshToken.objects.create(
            application=systeem, token="ververs-b", access_token=token, user=km_b
        ),
        "oauth2_provider.Grant": Grant.objects.create(
            application=systeem,
            user=km_b,
            code="code-b",
            expires=timezone.now() + dt.timedelta(minutes=5),
            redirect_uri="https://b.example/",
            code_challenge="",
        ),
        "oauth2_provider.IDToken": IDToken.objects.create(
            application=systeem, user=km_b, jti=uuid.uuid4(), expires=timezone.now() + dt.timedelta(hours=1)
        ),
        "auth.Group": Group.objects.create(name="Superbeheer"),
        "otp_totp.TOTPDevice": TOTPDevice.objects.create(user=km_b, name="app", confirmed=True),
        "otp_static.StaticDevice": StaticDevice.objects.create(user=km_b, name="reserve", confirmed=True),
        "axes.AccessAttempt": AccessAttempt.objects.create(
            username="km.b", ip_address="10.0.0.2", user_agent="x", failures_since_start=1
        ),
        "axes.AccessLog": AccessLog.objects.create(username="km.b", ip_address="10.0.0.2", user_agent="x"),
        "axes.AccessFailureLog": AccessFailureLog.objects.create(
            username="km.b", ip_address="10.0.0.2", user_agent="x", locked_out=False
        ),
        "audit.Toegangslog": log_toegang(
            gebruiker=km_b, actie="raadplegen", inburgeraar_id=persoon_b.pk, dossier_id=dossier_b.pk
        ),
        "inburgeraars.Inburgeraar": persoon_b,
        "inburgeraars.Gezinslid": Gezinslid.objects.create(inburgeraar=persoon_b, soort="kind", naam="Mila"),
        "inburgeraars.Koppeling": Koppeling.objects.create(
            inburgeraar=persoon_b, gemeente=andere_gemeente, datum=dt.date(2026, 8, 1)
        ),
        "inburgeraars.HistoricalInburgeraar": persoon_b.history.order_by("history_id").last(),
        "pip.PIP": pip_b,
        "pip.Bezwaar": Bezwaar.objects.create(pip=pip_b, ontvangen_op=dt.date(2026, 11, 1), indiener="Olena"),
        "accounts.Gemeente": andere_gemeente,
        "accounts.Regio": regio,
        "accounts.Ketenpartner": ketenpartner,
        "termijnen.GelijkgesteldeDag": GelijkgesteldeDag.objects.create(
            datum=dt.date(2027, 5, 7), omschrijving="vrijdag na Hemelvaartsdag", besluit="Stb. 2026, 1"
        ),
        "accounts.Gebruiker": km_b,
        "termijnen.GemeenteInstelling": GemeenteInstelling.objects.create(gemeente=andere_gemeente),
        "pip.PIPInstelling": PIPInstelling.objects.get(gemeente=andere_gemeente),
        "aanbod.Contract": Contract.objects.create(
            ketenpartner=ketenpartner, gemeente=andere_gemeente, product="b1_route", prijs=1, start=dt.date(2026, 1, 1)
        ),
        "aanbod.Klas": Klas.objects.create(
            ketenpartner=ketenpartner, gemeente=andere_gemeente, naam="Avondklas B", product="b1_route"
        ),
        "intake.Vragenlijst": Vragenlijst.objects.order_by("nummer").first(),
    }
    return {
        "fb": fb,
        "client": verified_client(fb),
        "km_b": km_b,
        "objecten": objecten,
        "bsns": [persoon_a.bsn, persoon_b.bsn],
        "namen": ["Haddad", "Kovalenko"],
        "dossier_a": dossier_a,
    }


def _model_admin(label):
    for model, model_admin in admin.site._registry.items():
        if model._meta.label == label:
            return model, model_admin
    raise LookupError(label)


def _urls(label, obj) -> dict[str, str]:
    model, model_admin = _model_admin(label)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = {
        "changelist": reverse(f"{info}_changelist"),
        "add": reverse(f"{info}_add"),
        "change": reverse(f"{info}_change", args=[obj.pk]),
        "delete": reverse(f"{info}_delete", args=[obj.pk]),
        "history": reverse(f"{info}_history", args=[obj.pk]),
    }
    if hasattr(model_admin, "history_form_view") and hasattr(model, "history"):
        versie = model.history.filter(**{model._meta.pk.attname: obj.pk}).first()
        if versie is not None:
            urls["eerdere versie"] = reverse(f"{info}_simple_history", args=[obj.pk, versie.history_id])
    if label == "accounts.Gebruiker":
        urls["password"] = reverse("admin:auth_user_password_change", args=[obj.pk])
    return urls


def _geweigerd_of_onbekend(antwoord) -> bool:
    """403, 404, or the admin's 'does not exist' redirect to its index: the same answer as for a made-up id."""
    return antwoord.status_code in (403, 404) or (
        antwoord.status_code == 302 and antwoord["Location"] == reverse("admin:index")
    )


@pytest.mark.django_db
def test_every_admin_has_a_decision():
    geregistreerd = {model._meta.label for model in admin.site._registry}
    assert geregistreerd == ALLEEN_SUPERUSER | LANDELIJK_ALLEEN_LEZEN | PER_GEMEENTE


@pytest.mark.django_db
def test_every_admin_url_against_gemeente_b_as_beheerder_of_a(wereld):
    client, objecten = wereld["client"], wereld["objecten"]
    inhoud = []
    for label in sorted(admin.site._registry and {m._meta.label for m in admin.site._registry}):
        obj = objecten[label]
        urls = _urls(label, obj)
        antwoorden = {soort: client.get(url) for soort, url in urls.items()}
        for antwoord in antwoorden.values():
            inhoud.append(antwoord.content.decode())
        if label in ALLEEN_SUPERUSER:
            assert {s: a.status_code for s, a in antwoorden.items()} == dict.fromkeys(urls, 403), label
            assert client.post(urls["delete"], {"post": "yes"}).status_code == 403, label
            assert type(obj).objects.filter(pk=obj.pk).exists(), label
        elif label in LANDELIJK_ALLEEN_LEZEN:
            assert antwoorden["changelist"].status_code == 200, label
            assert antwoorden["change"].status_code == 200, label
            assert 'name="_save"' not in antwoorden["change"].content.decode(), label
            assert antwoorden["add"].status_code == 403, label
            assert antwoorden["delete"].status_code == 403, label
            assert client.post(urls["change"], {}).status_code == 403, label
        elif label in PER_GEMEENTE:
            assert antwoorden["changelist"].status_code == 200, label
            assert urls["change"] not in antwoorden["changelist"].content.decode(), label
            for soort in ("change", "delete", "history", "eerdere versie", "password"):
                if soort in antwoorden:
                    assert _geweigerd_of_onbekend(antwoorden[soort]), (label, soort, antwoorden[soort].status_code)
            assert _geweigerd_of_onbekend(client.post(urls["change"], {})), label
            assert _geweigerd_of_onbekend(client.post(urls["delete"], {"post": "yes"})), label
            assert type(obj).objects.filter(pk=obj.pk).exists(), label
        else:
            assert antwoorden["changelist"].status_code == 200, label
    alles = "\n".join(inhoud)
    for bsn in wereld["bsns"]:
        assert bsn not in alles
    for naam in wereld["namen"]:
        assert naam not in alles
    assert "km.b" not in alles


@pytest.mark.django_db
def test_admin_index_shows_only_configuration_to_the_beheerder(wereld):
    inhoud = wereld["client"].get(reverse("admin:index")).content.decode()
    assert "Gebruikers" in inhoud and "Contracten" in inhoud
    for onzichtbaar in ("Inburgeraars", "Toegangslog", "Groepen", "TOTP", "Access attempts", "Bezwaren"):
        assert onzichtbaar not in inhoud, onzichtbaar


@pytest.mark.django_db
def test_no_write_access_to_the_beheerders_own_rights(wereld):
    fb, client = wereld["fb"], wereld["client"]
    url = reverse("admin:accounts_gebruiker_change", args=[fb.pk])
    formulier = client.get(url)
    assert formulier.status_code == 200
    html = formulier.content.decode()
    for veld in ("is_superuser", "is_staff", "groups", "user_permissions", "id_rol", "id_is_active", "id_gemeente"):
        assert f'name="{veld.removeprefix("id_")}"' not in html, veld
    antwoord = client.post(
        url,
        {
            "username": "fb.a",
            "first_name": "Joris",
            "last_name": "Mulder",
            "email": "fb@tilburg.nl",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "",
            "rol": "klantmanager",
            "gemeente": str(wereld["km_b"].gemeente_id),
            "groups": [str(Group.objects.create(name="alles").pk)],
            "user_permissions": [str(Permission.objects.first().pk)],
        },
    )
    assert antwoord.status_code == 302
    fb.refresh_from_db()
    assert (fb.first_name, fb.is_superuser, fb.is_active, fb.rol) == ("Joris", False, True, "functioneel_beheerder")
    assert fb.gemeente.naam == "Tilburg"
    assert not fb.groups.exists()
    # Still able to change its own password (the own password form opens).
    assert client.get(reverse("admin:auth_user_password_change", args=[fb.pk])).status_code == 200


@pytest.mark.django_db
def test_beheerder_manages_own_gemeente_users_with_gemeente_roles_only(wereld, klantmanager):
    client = wereld["client"]
    url = reverse("admin:accounts_gebruiker_change", args=[klantmanager.pk])
    gegevens = {"username": "km", "first_name": "Sanne", "last_name": "de Vries", "email": "", "is_active": "on"}
    fout = client.post(url, {**gegevens, "rol": "regiocoordinator"})
    assert fout.status_code == 200
    assert "regiocoordinator" not in fout.content.decode().split('name="rol"')[1].split("</select>")[0]
    klantmanager.refresh_from_db()
    assert klantmanager.rol == "klantmanager"
    goed = client.post(url, {**gegevens, "rol": "functioneel_beheerder", "is_superuser": "on"})
    assert goed.status_code == 302
    klantmanager.refresh_from_db()
    assert (klantmanager.rol, klantmanager.is_staff, klantmanager.is_superuser) == (
        "functioneel_beheerder",
        True,
        False,
    )
    assert klantmanager.gemeente.naam == "Tilburg"
    # Accounts are switched off, not deleted.
    assert client.get(reverse("admin:accounts_gebruiker_delete", args=[klantmanager.pk])).status_code == 403


@pytest.mark.django_db
def test_beheerder_adds_a_user_always_in_its_own_gemeente_and_never_a_superuser(wereld):
    client = wereld["client"]
    antwoord = client.post(
        reverse("admin:accounts_gebruiker_add"),
        {
            "username": "nieuw",
            "usable_password": "true",
            "password1": "Koers-nieuw-2026!",
            "password2": "Koers-nieuw-2026!",
            "first_name": "Nieuw",
            "last_name": "Lid",
            "email": "",
            "rol": "teamleider",
            "gemeente": str(wereld["km_b"].gemeente_id),
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    nieuw = Gebruiker.objects.get(username="nieuw")
    assert (nieuw.gemeente.naam, nieuw.rol, nieuw.is_superuser, nieuw.is_staff) == (
        "Tilburg",
        "teamleider",
        False,
        False,
    )


@pytest.mark.django_db
def test_superusers_are_not_listed_or_editable_for_the_beheerder(wereld, gemeente):
    superuser = Gebruiker.objects.create_superuser("root", "root@example.org", "Koers-root-2026!", rol="")
    superuser.gemeente = gemeente
    superuser.save()
    client = wereld["client"]
    assert "root" not in client.get(reverse("admin:accounts_gebruiker_changelist")).content.decode()
    assert _geweigerd_of_onbekend(client.get(reverse("admin:accounts_gebruiker_change", args=[superuser.pk])))
    assert client.get(reverse("admin:auth_user_password_change", args=[superuser.pk])).status_code == 404


@pytest.mark.django_db
def test_own_gemeente_configuration_is_editable_and_stays_in_the_gemeente(wereld, gemeente, andere_gemeente):
    client = wereld["client"]
    eigen = GemeenteInstelling.objects.create(gemeente=gemeente)
    lijst = client.get(reverse("admin:termijnen_gemeenteinstelling_changelist")).content.decode()
    assert reverse("admin:termijnen_gemeenteinstelling_change", args=[eigen.pk]) in lijst
    assert client.get(reverse("admin:termijnen_gemeenteinstelling_change", args=[eigen.pk])).status_code == 200
    # One settings row per gemeente: no second one can be added.
    assert client.get(reverse("admin:termijnen_gemeenteinstelling_add")).status_code == 403
    ketenpartner = wereld["objecten"]["accounts.Ketenpartner"]
    antwoord = client.post(
        reverse("admin:aanbod_contract_add"),
        {
            "ketenpartner": ketenpartner.pk,
            "gemeente": andere_gemeente.pk,
            "product": "knm",
            "prijs": "250.00",
            "prijs_per": "traject",
            "start": "2026-01-01",
        },
    )
    assert antwoord.status_code == 302
    contract = Contract.objects.get(product="knm")
    assert (contract.gemeente, contract.regio) == (gemeente, None)


@pytest.mark.django_db
def test_superuser_reads_of_personal_data_in_the_admin_are_logged(wereld):
    superuser = Gebruiker.objects.create_superuser("root", "root@example.org", "Koers-root-2026!", rol="")
    client = verified_client(superuser)
    persoon = wereld["objecten"]["inburgeraars.Inburgeraar"]
    assert client.get(reverse("admin:inburgeraars_inburgeraar_changelist")).status_code == 200
    assert client.get(reverse("admin:inburgeraars_inburgeraar_change", args=[persoon.pk])).status_code == 200
    assert client.get(reverse("admin:inburgeraars_inburgeraar_history", args=[persoon.pk])).status_code == 200
    pip = wereld["objecten"]["pip.PIP"]
    assert client.get(reverse("admin:pip_pip_change", args=[pip.pk])).status_code == 200
    rijen = Toegangslog.objects.filter(gebruiker=superuser)
    assert rijen.filter(inburgeraar_id=persoon.pk, omschrijving="beheer: inburgeraars (lijst)").exists()
    assert rijen.filter(inburgeraar_id=persoon.pk, omschrijving="beheer: inburgeraars (inzien)").exists()
    assert rijen.filter(inburgeraar_id=persoon.pk, omschrijving="beheer: inburgeraars (geschiedenis)").exists()
    assert rijen.filter(dossier_id=pip.dossier_id, gegevenscategorie="gezondheid").exists()


@pytest.mark.django_db
def test_beheerder_cannot_activate_or_drop_a_questionnaire_version_through_admin_actions(wereld):
    client = wereld["client"]
    lijst = Vragenlijst.objects.order_by("nummer").first()
    status = lijst.status

    for actie in ("activeren", "laten_vervallen", "maak_nieuwe_versie"):
        client.post("/beheer/intake/vragenlijst/", {"action": actie, "_selected_action": [lijst.pk], "index": 0})

    lijst.refresh_from_db()
    assert lijst.status == status
    assert Vragenlijst.objects.count() == 1
