"""API fixtures: system clients with real OAuth2 tokens (client credentials), and staff sessions."""

from __future__ import annotations

import base64

import pytest
from rest_framework.test import APIClient

from koers.api.services import registreer_systeem
from tests.conftest import verified_client
from tests.factories import KetenpartnerFactory


def token_voor(client_id: str, secret: str, scope: str = "") -> dict:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    response = APIClient().post("/api/v1/oauth/token", data, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 200, response.content
    return response.json()


def systeemclient(*, scope: str = "", **organisatie) -> APIClient:
    koppeling = registreer_systeem(naam="Testsysteem", **organisatie)
    token = token_voor(koppeling.client_id, koppeling.client_secret, scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token['access_token']}")
    client.systeem = koppeling.application.user
    return client


def sessieclient(user) -> APIClient:
    client = APIClient(enforce_csrf_checks=False)
    client.cookies = verified_client(user).cookies
    return client


@pytest.fixture
def taalschool(db):
    return KetenpartnerFactory(naam="Taalschool De Brug", soort="taalaanbieder", keurmerk=True)


@pytest.fixture
def gemeentesysteem(gemeente):
    return systeemclient(gemeente=gemeente)


@pytest.fixture
def schoolsysteem(taalschool):
    return systeemclient(ketenpartner=taalschool)


@pytest.fixture
def km_api(klantmanager):
    return sessieclient(klantmanager)


@pytest.fixture
def tl_api(teamleider):
    return sessieclient(teamleider)
