"""The example files in docs/voorbeelden import cleanly, in the order docs/imports.md gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Informatieprofiel
from koers.koppelvlakken.models import Import
from koers.termijnen.models import Termijn

from .conftest import importeer

pytestmark = pytest.mark.django_db
MAP = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"


def test_example_files_import_in_the_demo_gemeente(beheerder, gemeente):
    resultaten = [
        importeer(beheerder, "coa", (MAP / "coa-informatieprofielen.csv").read_bytes()),
        importeer(beheerder, "coa", (MAP / "coa-informatieprofielen.json").read_bytes(), formaat="json"),
        importeer(beheerder, "coa", (MAP / "coa-informatieprofielen.xlsx").read_bytes(), formaat="xlsx"),
        importeer(beheerder, "duo", (MAP / "duo-signalen.csv").read_bytes()),
    ]

    assert [r.status for r in resultaten] == [Import.Status.TOEGEPAST] * 4, [r.melding for r in resultaten]
    assert [r.aantal_toegepast for r in resultaten] == [4, 2, 1, 8]
    assert Dossier.objects.count() == 7
    haddad = Dossier.objects.get(inburgeraar__achternaam="Haddad")
    assert haddad.wet == "wi2021", "the correction signal put her back under the Wi2021"
    assert Termijn.objects.filter(dossier=haddad, soort="pip_vaststellen", status="open").exists()
    assert Informatieprofiel.objects.get(inburgeraar__achternaam="Haddad").history.count() == 2
