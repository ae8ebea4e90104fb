"""Fuzzing the whole REST API (schemathesis, property-based) on demo data, as a klantmanager and as systems.

Every operation of the OpenAPI document the code serves gets a bounded number of generated requests (valid and
invalid) through the Django WSGI app, once per kind of caller. Checks: never a 5xx, and every answer is one the
document promises (status code, content type, headers, body schema). A new endpoint is fuzzed as soon as it is in
the document. Runs in ``make unit``.

The document is generated in-process when this module is collected (pytest-django has set Django up by then), and
each operation is its own test item. Not ``schemathesis.pytest.from_fixture``: its lazy loader sets
``node._nodeid``, which pytest 9.2 no longer has.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from koers.accounts.models import Gebruiker, Gemeente, Ketenpartner
from koers.api.services import registreer_systeem
from koers.demo.seed import seed
from koers.wsgi import application
from tests.api.conftest import sessieclient, token_voor

# Per operation and caller. Only the generate phase: no shrinking (a failure shows the first failing example) and no
# explicit/coverage phase, whose case count max_examples does not bound. ~215 items in about a minute on 2 workers.
MAX_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
CSRF = "koersfuzzkoersfuzzkoersfuzzkoers"  # 32 characters: Django's unmasked CSRF secret format
AANROEPERS = ["klantmanager-sessie", "gemeentesysteem-token", "taalaanbieder-token"]


def _document() -> dict:
    """What /api/v1/openapi.json serves, generated without a request (as ``manage.py spectacular`` does)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small deterministic demo (the generator of ``make demo``), made once per module and rolled back after it;
    each test runs in a savepoint inside it, so what a fuzzed POST creates is gone before the next operation."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed(grootte=24, seed=2026, peildatum=dt.date(2026, 11, 2))
        yield
        transaction.set_rollback(True)


def wsgi_in_testtransactie(environ, start_response):
    """The real WSGI app, kept inside the test's transaction: like Django's test client, detach the signal receiver
    that closes a connection in a transaction (on PostgreSQL) around each request, including the response's close.
    Per request, not per test: every Django test client call connects the receiver again when it is done."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        antwoord = application(environ, start_response)
        try:
            return [b"".join(antwoord)]
        finally:
            antwoord.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_dict(_document())
schema.app = wsgi_in_testtransactie  # the generated requests go through the WSGI app, not the network


@pytest.fixture
def wsgi_app(demo, db):
    return wsgi_in_testtransactie


@dataclass
class Aanroeper:
    """One kind of caller: how schemathesis sends as it (``kwargs``), and a test client for the same identity."""

    kwargs: dict[str, dict[str, str]]
    client: APIClient
    ids: dict[str, list[int]] = field(default_factory=dict)

    def bestaande_ids(self, collectie: str) -> list[int]:
        """Ids this caller sees on the first page of a collection (empty if it may not list it)."""
        if collectie not in self.ids:
            antwoord = self.client.get(f"/api/v1/{collectie}")
            resultaten = antwoord.json().get("results", []) if antwoord.status_code == 200 else []
            self.ids[collectie] = [r["id"] for r in resultaten if isinstance(r, dict) and "id" in r]
        return self.ids[collectie]


def _systeem(**organisatie) -> Aanroeper:
    koppeling = registreer_systeem(naam="Fuzzer", **organisatie)
    token = token_voor(koppeling.client_id, koppeling.client_secret)
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=headers["Authorization"])
    return Aanroeper(kwargs={"headers": headers}, client=client)


@pytest.fixture(params=AANROEPERS)
def aanroeper(request, wsgi_app) -> Aanroeper:
    """A verified staff session (cookie, with CSRF), or an OAuth2 client-credentials token of a system."""
    if request.param == "klantmanager-sessie":
        client = sessieclient(Gebruiker.objects.get(username="km.tilburg"))
        cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
        return Aanroeper(kwargs={"cookies": cookies, "headers": {"X-CSRFToken": CSRF}}, client=client)
    if request.param == "gemeentesysteem-token":
        return _systeem(gemeente=Gemeente.objects.get(naam="Tilburg"))
    return _systeem(ketenpartner=Ketenpartner.objects.filter(soort="taalaanbieder").order_by("pk").first())


def _richt_op_bestaande(case, aanroeper: Aanroeper) -> None:
    """Random ids almost never exist: half of the generated integer ids (the even ones) are swapped for an id the
    caller can list, so the fuzzer also reaches the code behind a found object. Invalid ids are left alone."""
    pad = case.path_parameters or {}
    waarde = pad.get("id")
    if not isinstance(waarde, int) or isinstance(waarde, bool) or waarde % 2:
        return
    collectie = case.operation.path.strip("/").split("/")[0]
    if ids := aanroeper.bestaande_ids(collectie):
        pad["id"] = ids[waarde // 2 % len(ids)]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, aanroeper):
    _richt_op_bestaande(case, aanroeper)
    case.call_and_validate(checks=CHECKS, **aanroeper.kwargs)


def test_the_fuzzed_document_is_the_served_one(wsgi_app):
    antwoord = APIClient().get("/api/v1/openapi.json")

    assert antwoord.status_code == 200
    assert antwoord.json()["paths"].keys() == schema.raw_schema["paths"].keys()
