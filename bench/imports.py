"""Benchmark: import 10,000 generated COA informatieprofielen through the whole pipeline (validate + apply).

Usage (on a scratch database; migrations are applied first):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> DJANGO_SETTINGS_MODULE=koers.conf.ci \
        PYTHONPATH=src .venv/bin/python bench/imports.py [--aantal 10000]
Prints seconds and records per second; asserts nothing. Each run uses fresh BSNs, so it can be repeated.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.conf.ci")


def _bsns(start: int):
    from stdnum.nl import bsn as stdnum_bsn

    kandidaat = start
    while True:
        kandidaat += 1
        if stdnum_bsn.is_valid(f"{kandidaat:09d}"):
            yield f"{kandidaat:09d}"


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from koers.accounts.models import Gebruiker, Gemeente, Ketenpartner
    from koers.koppelvlakken import services
    from koers.koppelvlakken.mappings import COA_V1
    from koers.koppelvlakken.models import Import, ImportRecord

    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=10_000)
    args = parser.parse_args()

    Gemeente.objects.get_or_create(gemeentecode="0855", defaults={"naam": "Tilburg"})
    coa, _ = Ketenpartner.objects.get_or_create(naam="COA", defaults={"soort": Ketenpartner.Soort.COA})
    door, _ = Gebruiker.objects.get_or_create(
        username="bench.coa", defaults={"rol": "ketenpartner_medewerker", "ketenpartner": coa}
    )
    start = 300_000_000 + ImportRecord.objects.count() * 20  # fresh numbers on every run
    bsns = _bsns(start)
    kolommen = COA_V1.kolommen()
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow(kolommen.values())
    for n in range(args.aantal):
        rij = {
            "bsn": next(bsns),
            "voornamen": "Noor",
            "achternaam": f"Bench{start}-{n}",
            "geboortedatum": "1991-04-12",
            "geslacht": "V",
            "nationaliteit": "Afghaans",
            "gemeentecode": "0855",
            "koppelingsdatum": "2026-09-01",
            "azc_locatie": "AZC Gilze",
            "profieldatum": "2026-09-15",
            "gezinsgrootte": "2",
            "land_van_herkomst": "Afghanistan",
            "talen": "Dari",
            "opleiding": "basis",
            "werkervaring": "naaister",
            "ambities": "werk in de zorg",
        }
        schrijver.writerow([rij.get(k, "") for k in kolommen])
    inhoud = buffer.getvalue().encode()

    begin = time.perf_counter()
    imp = services.ontvang_import(door=door, bron="coa", formaat="csv", mappingversie="v1", inhoud=inhoud)
    imp = services.verwerk_import(imp.pk)
    duur = time.perf_counter() - begin
    assert imp.status == Import.Status.TOEGEPAST, imp.melding
    print(
        f"{args.aantal} COA-profielen (nieuwe persoon + dossier + koppeling + profiel): {duur:.1f} s, "
        f"{args.aantal / duur:.0f} records/s (validatie tot {imp.gevalideerd_op:%H:%M:%S}, "
        f"toegepast {imp.toegepast_op:%H:%M:%S})"
    )


if __name__ == "__main__":
    main()
