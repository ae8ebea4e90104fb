"""Benchmark: p50/p95 latency of the scoped caseload list and a dossier page, on an existing database.

Usage (after `manage.py seed_demo --size 100000` on the database in DATABASE_URL):
    DATABASE_URL=postgres://… .venv/bin/python bench/pages.py --runs 200
Prints figures; asserts nothing (speed is measured here, never in tests).
"""

from __future__ import annotations

import argparse
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

    from koers.accounts.models import Gebruiker
    from koers.dossiers.models import Dossier

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--gebruiker", default="km.tilburg")
    args = parser.parse_args()

    gebruiker = Gebruiker.objects.get(username=args.gebruiker)
    client = _ingelogd(gebruiker)
    beheerder = Gebruiker.objects.filter(rol="functioneel_beheerder", gemeente_id=gebruiker.gemeente_id).first()

    totaal = Dossier.objects.count()
    eigen = list(Dossier.objects.filter(klantmanager=gebruiker).values_list("pk", flat=True)[:50])
    bsn = (
        Dossier.objects.filter(gemeente_id=gebruiker.gemeente_id)
        .exclude(inburgeraar__bsn="")
        .values_list("inburgeraar__bsn", flat=True)
        .first()
    )
    urls = {
        "caseload (mijn dossiers)": lambda i: "/dossiers/",
        "caseload (hele gemeente, 2e pagina)": lambda i: f"/dossiers/?alle=1&na={10**9}",
        "caseload zoeken op BSN": lambda i: f"/dossiers/?alle=1&zoek={bsn}",
        "caseload zoeken op achternaam": lambda i: "/dossiers/?alle=1&zoek=haddad",
        "dossierpagina": lambda i: f"/dossiers/{eigen[i % len(eigen)]}/",
        "mijn acties": lambda i: "/acties/",
    }
    pagina_s = [(client, naam, url) for naam, url in urls.items()]
    if beheerder is not None:
        beheer = _ingelogd(beheerder)
        pagina_s += [
            (beheer, f"toegangslog ({beheerder.username})", lambda i: "/functioneel-beheer/toegangslog/"),
            (beheer, "toegangslog op BSN", lambda i: f"/functioneel-beheer/toegangslog/?persoon={bsn}"),
            (beheer, "wijzigingsgeschiedenis", lambda i: "/functioneel-beheer/wijzigingen/"),
        ]
    print(f"{totaal} dossiers; gebruiker {gebruiker.username} ({gebruiker.organisatie_naam}); {args.runs} runs each")
    for client, naam, url in pagina_s:
        client.get(url(0))  # warm up
        tijden = []
        for i in range(args.runs):
            begin = time.perf_counter()
            antwoord = client.get(url(i))
            tijden.append((time.perf_counter() - begin) * 1000)
            if antwoord.status_code != 200:
                raise SystemExit(f"{naam}: HTTP {antwoord.status_code}")
        tijden.sort()
        p95 = tijden[int(len(tijden) * 0.95) - 1]
        print(f"  {naam:<38} p50 {statistics.median(tijden):7.1f} ms   p95 {p95:7.1f} ms")


def _ingelogd(gebruiker):
    """A test client logged in with a verified second factor, as after the login page."""
    from django.test import Client
    from django_otp.plugins.otp_static.models import StaticDevice

    client = Client()
    client.force_login(gebruiker)
    device = StaticDevice.objects.filter(user=gebruiker).first()
    sessie = client.session
    sessie["otp_device_id"] = device.persistent_id
    sessie.save()
    return client


if __name__ == "__main__":
    main()
