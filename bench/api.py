"""Benchmark: p50/p95/p99 latency and query count of the REST API's list and detail reads, on an existing database.

Usage (after `manage.py seed_demo --size 100000` on the database in DATABASE_URL):
    DATABASE_URL=postgres://… .venv/bin/python bench/api.py --runs 200
Callers: km.tilburg in a verified session, Tilburg's own system and a taalaanbieder's system with OAuth2
client-credentials tokens (fetched from /api/v1/oauth/token like a real client). Everything runs in one
transaction that is rolled back at the end: the systems, tokens and access-log rows the run writes are not kept.
Prints figures; asserts nothing (speed is measured here, never in tests).
"""

from __future__ import annotations

import argparse
import base64
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.ci")


def main() -> None:
    import django

    django.setup()

    from django.db import transaction

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--gebruiker", default="km.tilburg")
    args = parser.parse_args()

    with transaction.atomic():
        _meet(args)
        transaction.set_rollback(True)


def _meet(args) -> None:
    from django.db import connection

    from koers.aanbod.selectors import inschrijvingen_voor
    from koers.accounts.models import Gebruiker, Ketenpartner
    from koers.dossiers.models import Dossier
    from koers.dossiers.selectors import dossiers_voor

    gebruiker = Gebruiker.objects.get(username=args.gebruiker)
    km = _sessie(gebruiker)
    gemeentesysteem = _tokenclient(gemeente=gebruiker.gemeente)
    school = Ketenpartner.objects.filter(soort="taalaanbieder").order_by("pk").first()
    schoolsysteem = _tokenclient(ketenpartner=school)

    dossier_ids = list(dossiers_voor(gebruiker).order_by("-pk").values_list("pk", flat=True)[:50])
    inburgeraar_ids = list(dossiers_voor(gebruiker).order_by("-pk").values_list("inburgeraar_id", flat=True)[:50])
    inschrijving_ids = list(
        inschrijvingen_voor(schoolsysteem.systeem).order_by("-pk").values_list("pk", flat=True)[:50]
    )
    if not (dossier_ids and inschrijving_ids):
        raise SystemExit("Geen dossiers of inschrijvingen in de database; eerst manage.py seed_demo.")

    def kies(ids):
        return lambda i: ids[i % len(ids)]

    metingen = [
        (km, "GET /dossiers", lambda i: "/api/v1/dossiers"),
        (km, "GET /dossiers/{id}", lambda i: f"/api/v1/dossiers/{kies(dossier_ids)(i)}"),
        (km, "GET /inburgeraars", lambda i: "/api/v1/inburgeraars"),
        (km, "GET /inburgeraars/{id}", lambda i: f"/api/v1/inburgeraars/{kies(inburgeraar_ids)(i)}"),
        (gemeentesysteem, "GET /dossiers (gemeentesysteem)", lambda i: "/api/v1/dossiers"),
        (gemeentesysteem, "GET /dossiers/{id} (gemeentesysteem)", lambda i: f"/api/v1/dossiers/{kies(dossier_ids)(i)}"),
        (schoolsysteem, "GET /inschrijvingen (taalaanbieder)", lambda i: "/api/v1/inschrijvingen"),
        (
            schoolsysteem,
            "GET /inschrijvingen/{id} (taalaanbieder)",
            lambda i: f"/api/v1/inschrijvingen/{kies(inschrijving_ids)(i)}",
        ),
    ]
    print(
        f"{Dossier.objects.count()} dossiers; {gebruiker.username} ({gebruiker.organisatie_naam}) in a session; "
        f"systems of {gebruiker.organisatie_naam} and {school.naam} with tokens; {args.runs} runs each"
    )
    for client, naam, url in metingen:
        client.get(url(0))  # warm up
        queries: list[str] = []

        def tel(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        # Counted with an execute wrapper: CaptureQueriesContext loses queries when request_started resets the log.
        with connection.execute_wrapper(tel):
            antwoord = client.get(url(1))
        if antwoord.status_code != 200:
            raise SystemExit(f"{naam}: HTTP {antwoord.status_code} {antwoord.content[:300]!r}")
        tijden = []
        for i in range(args.runs):
            begin = time.perf_counter()
            antwoord = client.get(url(i))
            tijden.append((time.perf_counter() - begin) * 1000)
            if antwoord.status_code != 200:
                raise SystemExit(f"{naam}: HTTP {antwoord.status_code}")
        tijden.sort()
        print(
            f"  {naam:<42} p50 {statistics.median(tijden):7.1f} ms   p95 {_percentiel(tijden, 95):7.1f} ms   "
            f"p99 {_percentiel(tijden, 99):7.1f} ms   {len(queries):3d} queries"
        )


def _percentiel(gesorteerd: list[float], p: int) -> float:
    """Nearest-rank percentile of an ascending list."""
    return gesorteerd[max(math.ceil(len(gesorteerd) * p / 100) - 1, 0)]


def _sessie(gebruiker):
    """A client in a session with a verified second factor, as after the login page."""
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    client = Client()
    client.force_login(gebruiker)
    device = StaticDevice.objects.filter(user=gebruiker).first()
    sessie = client.session
    sessie["otp_device_id"] = device.persistent_id
    sessie.save()
    return client


def _tokenclient(**organisatie):
    """A client with a fresh client-credentials token of a new system of this organisation (rolled back later)."""
    from django.test import Client

    from koers.api.services import registreer_systeem

    koppeling = registreer_systeem(naam="Benchmark", **organisatie)
    basic = base64.b64encode(f"{koppeling.client_id}:{koppeling.client_secret}".encode()).decode()
    antwoord = Client().post(
        "/api/v1/oauth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    if antwoord.status_code != 200:
        raise SystemExit(f"token: HTTP {antwoord.status_code} {antwoord.content[:300]!r}")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {antwoord.json()['access_token']}")
    client.systeem = koppeling.application.user
    return client


if __name__ == "__main__":
    main()
