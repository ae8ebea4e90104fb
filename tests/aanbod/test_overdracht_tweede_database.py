"""A move between two Koers installations: export from one database, import into a second, nothing lost."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _manage(db: Path, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_SETTINGS_MODULE": "koers.conf.dev", "DEBUG": "true"}
    uitkomst = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    return uitkomst.stdout


ZOEK_DOSSIER = (
    "from koers.aanbod.models import Urenregistratie, Examenresultaat;"
    "from koers.dossiers.models import Dossier;"
    "d = Dossier.objects.filter(status='in_uitvoering', inschrijvingen__uren__isnull=False,"
    " examenresultaten__isnull=False).exclude(inburgeraar__bsn='').distinct().first()"
    " or Dossier.objects.filter(status='in_uitvoering', inschrijvingen__uren__isnull=False).first();"
    "print('DOSSIER', d.pk)"
)


@pytest.mark.slow
def test_moved_dossier_exports_and_imports_into_a_second_database_with_nothing_lost(tmp_path):
    bron, doel = tmp_path / "gemeente_a.sqlite3", tmp_path / "gemeente_b.sqlite3"
    _manage(bron, "migrate", "-v0")
    _manage(bron, "seed_demo", "--size", "120", "--seed", "5")
    dossier_id = re.search(r"DOSSIER (\d+)", _manage(bron, "shell", "-v0", "-c", ZOEK_DOSSIER)).group(1)
    pakket = tmp_path / "overdracht.json"
    _manage(bron, "exporteer_overdracht", dossier_id, str(pakket), "--nieuwe-gemeente", "Utrecht")

    _manage(doel, "migrate", "-v0")
    _manage(
        doel,
        "shell",
        "-v0",
        "-c",
        "from koers.accounts.models import Gemeente; Gemeente.objects.create(naam='Utrecht', gemeentecode='0344')",
    )
    uitvoer = _manage(doel, "importeer_overdracht", str(pakket), "--gemeente", "0344")
    nieuw_id = re.search(r"Dossier (\d+) aangemaakt", uitvoer).group(1)
    terug = tmp_path / "terug.json"
    _manage(doel, "exporteer_overdracht", nieuw_id, str(terug))

    origineel, geimporteerd = json.loads(pakket.read_text()), json.loads(terug.read_text())
    origineel.pop("herkomst"), geimporteerd.pop("herkomst")
    assert geimporteerd == origineel
    assert origineel["pip"]["leerroute"] in {"b1", "onderwijs", "z"}
    assert any(inschrijving["uren"] for inschrijving in origineel["inschrijvingen"]), "hours travel along"
    assert origineel["persoon"]["achternaam"]
