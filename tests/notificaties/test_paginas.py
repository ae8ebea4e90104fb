"""Functioneel beheer's pages: own gemeente only, the secret shown once, deactivating, the log and resending."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from koers.dossiers.services import registreer_inburgeraar
from koers.notificaties import services
from koers.notificaties.models import Abonnement, Bezorging, Poging
from tests.conftest import verified_client
from tests.notificaties.conftest import persoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def fb_client(beheerder):
    return verified_client(beheerder)


def test_beheer_index_links_to_the_notifications(fb_client):
    inhoud = fb_client.get(reverse("beheer:index")).content.decode()
    assert reverse("notificaties:index") in inhoud


@pytest.mark.parametrize("rol", ["klantmanager", "teamleider", "beleidsmedewerker"])
def test_other_roles_may_not_see_the_pages(rol, gemeente, abonnement):
    from tests.factories import GebruikerFactory

    client = verified_client(GebruikerFactory(username=f"x-{rol}", rol=rol, gemeente=gemeente))
    assert client.get(reverse("notificaties:index")).status_code == 403
    assert client.get(reverse("notificaties:abonnement", args=[abonnement.pk])).status_code == 403


def test_a_subscription_of_another_gemeente_is_not_found(abonnement, ander_beheerder):
    client = verified_client(ander_beheerder)
    assert client.get(reverse("notificaties:abonnement", args=[abonnement.pk])).status_code == 404
    inhoud = client.get(reverse("notificaties:index")).content.decode()
    assert "Zaaksysteem Tilburg" not in inhoud


def test_creating_shows_the_secret_once_and_subscribes_the_own_gemeente(fb_client, beheerder, ontvanger):
    antwoord = fb_client.post(
        reverse("notificaties:nieuw"),
        {
            "naam": "Zaaksysteem",
            "callback_url": ontvanger.url(),
            "gebeurtenistypen": ["pip-vastgesteld", "dossier-afgesloten"],
            "formuliersleutel": uuid.uuid4().hex,
        },
        follow=True,
    )
    abonnement = Abonnement.objects.get()
    assert abonnement.gemeente_id == beheerder.gemeente_id
    assert abonnement.gebeurtenistypen == ["pip-vastgesteld", "dossier-afgesloten"]
    inhoud = antwoord.content.decode()
    assert "wordt maar één keer getoond" in inhoud and abonnement.geheim in inhoud
    opnieuw = fb_client.get(reverse("notificaties:abonnement", args=[abonnement.pk])).content.decode()
    assert abonnement.geheim not in opnieuw
    assert "PIP vastgesteld, Dossier afgesloten" in opnieuw


def test_an_internal_address_is_refused_outside_tests_and_demo(fb_client, settings):
    settings.NOTIFICATIES_INTERNE_ADRESSEN_TOESTAAN = False
    for url, melding in (
        ("https://127.0.0.1/hook", "intern of privé-netwerkadres"),
        ("https://10.1.2.3/hook", "intern of privé-netwerkadres"),
        ("https://[::1]/hook", "intern of privé-netwerkadres"),
        ("https://localhost/hook", "intern webadres"),
        ("http://ontvanger.example.nl/hook", "https://"),
    ):
        antwoord = fb_client.post(
            reverse("notificaties:nieuw"),
            {"naam": "X", "callback_url": url, "gebeurtenistypen": ["dossier-geopend"]},
        )
        assert antwoord.status_code == 400, url
        assert melding in antwoord.content.decode(), url
    assert not Abonnement.objects.exists()


def test_deactivating_once_even_when_submitted_twice(fb_client, abonnement):
    data = {"actief": "0", "formuliersleutel": uuid.uuid4().hex}
    url = reverse("notificaties:zet_actief", args=[abonnement.pk])
    assert fb_client.post(url, data).status_code == 302
    assert "al verzonden" in fb_client.post(url, data, follow=True).content.decode()
    abonnement.refresh_from_db()
    assert (abonnement.actief, abonnement.versie) == (False, 2)
    assert abonnement.history.count() == 2


def test_the_log_and_the_event_page_show_every_attempt_and_resend_works(
    fb_client, abonnement, ontvanger, klantmanager, beheerder, versturen, django_assert_max_num_queries
):
    ontvanger.standaard = 500
    with versturen():
        dossier = registreer_inburgeraar(door=klantmanager, **persoon())
    b = Bezorging.objects.get()
    Bezorging.objects.filter(pk=b.pk).update(status="mislukt", volgende_poging_op=None)

    log = fb_client.get(reverse("notificaties:abonnement", args=[abonnement.pk]) + "?status=mislukt")
    inhoud = log.content.decode()
    assert "Dossier geopend" in inhoud and "HTTP 500" in inhoud and str(dossier.pk) in inhoud
    assert "Tesfay" not in inhoud

    pagina = reverse("notificaties:gebeurtenis", args=[b.gebeurtenis_id])
    with django_assert_max_num_queries(12):
        inhoud = fb_client.get(pagina).content.decode()
    assert "Opnieuw versturen naar Zaaksysteem Tilburg" in inhoud
    assert "nl.koers.inburgering.dossier-geopend" in inhoud

    ontvanger.standaard = 204
    with versturen():
        antwoord = fb_client.post(
            reverse("notificaties:opnieuw", args=[b.pk]), {"formuliersleutel": uuid.uuid4().hex}, follow=True
        )
    inhoud = antwoord.content.decode()
    assert "wordt opnieuw verstuurd" in inhoud
    assert len(ontvanger.geslaagd()) == 1
    b.refresh_from_db()
    assert b.status == "bezorgd"
    assert Poging.objects.filter(handmatig_door=beheerder, gelukt=True).count() == 1
    inhoud = fb_client.get(pagina).content.decode()
    assert inhoud.count('<td class="utrecht-table__cell">204</td>') == 1
    assert f'<td class="utrecht-table__cell">{beheerder}</td>' in inhoud
    assert "Opnieuw versturen naar" not in inhoud  # delivered: no second successful delivery


def test_resend_of_another_gemeentes_delivery_is_not_found(
    abonnement, ontvanger, klantmanager, ander_beheerder, versturen
):
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
    b = Bezorging.objects.get()
    client = verified_client(ander_beheerder)
    assert client.post(reverse("notificaties:opnieuw", args=[b.pk])).status_code == 404
    assert client.get(reverse("notificaties:gebeurtenis", args=[b.gebeurtenis_id])).status_code == 404


def test_the_list_counts_waiting_and_failed_deliveries(
    fb_client, beheerder, abonnement, ontvanger, klantmanager, versturen
):
    ontvanger.standaard = 500
    with versturen():
        registreer_inburgeraar(door=klantmanager, **persoon())
        registreer_inburgeraar(door=klantmanager, **persoon(bsn="", achternaam="Bekele"))
    Bezorging.objects.filter(pk=Bezorging.objects.first().pk).update(status="mislukt", volgende_poging_op=None)
    services.maak_abonnement(
        door=beheerder, naam="Tweede", callback_url=ontvanger.url("/2"), gebeurtenistypen=["pip-vastgesteld"]
    )
    inhoud = fb_client.get(reverse("notificaties:index")).content.decode()
    assert "Zaaksysteem Tilburg" in inhoud and "Tweede" in inhoud
    assert '1<span class="koers-visually-hidden"> mislukt' in inhoud
