import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from koers.aanbod.models import Inschrijving, Urenregistratie
from koers.aanbod.overdracht import exporteer_overdracht, importeer_overdracht
from koers.aanbod.selectors import afschalen_mogelijk
from koers.aanbod.services import (
    Uren,
    VasteLast,
    maak_ontzorgingsplan,
    plan_voortgangsgesprekken,
    registreer_examen,
    registreer_map,
    registreer_pvt,
    registreer_uren,
)
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Gezinslid
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


def _zonder_herkomst(pakket: dict) -> dict:
    return {k: v for k, v in pakket.items() if k != "herkomst"}


@pytest.fixture
def vol_dossier(gestart, klantmanager, b1_pip):
    dossier = gestart.dossier
    Gezinslid.objects.create(
        inburgeraar=dossier.inburgeraar, soort="kind", naam="Lina", geboortedatum=dt.date(2020, 1, 1)
    )
    for maand in range(1, 11):
        registreer_uren(
            gestart,
            periode=dt.date(2026, maand, 1),
            soort="taal",
            uren=Uren(Decimal("60.5"), Decimal(2), Decimal(1), Decimal(40)),
            door=klantmanager,
        )
    registreer_examen(
        dossier, door=klantmanager, onderdeel="lezen", niveau="B1", datum=dt.date(2026, 6, 1), resultaat="niet_behaald"
    )
    registreer_examen(
        dossier, door=klantmanager, onderdeel="lezen", niveau="B1", datum=dt.date(2026, 9, 1), resultaat="behaald"
    )
    registreer_pvt(dossier, door=klantmanager, resultaat="voldaan", ondertekend_op=dt.date(2026, 3, 1))
    registreer_map(
        dossier, door=klantmanager, resultaat="niet_succesvol", eindgesprek_op=dt.date(2026, 9, 1), reden="ziek"
    )
    maak_ontzorgingsplan(
        dossier,
        door=klantmanager,
        start=dt.date(2026, 2, 1),
        lasten=[VasteLast("huur", "Woonstichting", "NL91ABNA0417164300", Decimal("600"))],
        afbouwplan="Zelf betalen",
    )
    plan_voortgangsgesprekken(dossier, door=klantmanager, start=dt.date(2026, 1, 1), tot=dt.date(2026, 12, 31))
    return dossier


def test_transfer_package_round_trip_loses_nothing_and_keeps_the_leerroute(vol_dossier):
    from koers.aanbod import bronnen

    pakket = json.loads(json.dumps(exporteer_overdracht(vol_dossier)))
    assert pakket["schema_versie"] == 1
    assert pakket["pip"]["leerroute"] == "b1"
    nieuwe_gemeente = GemeenteFactory(naam="Utrecht", gemeentecode="0344")
    # The receiving installation has no PIP for this person yet: the leerroute must come from the package.
    nieuw = importeer_overdracht(pakket, gemeente=nieuwe_gemeente)
    assert nieuw.gemeente == nieuwe_gemeente and nieuw.pk != vol_dossier.pk
    assert bronnen.leerroute(nieuw) == "b1"
    terug = json.loads(json.dumps(exporteer_overdracht(nieuw)))
    assert _zonder_herkomst(terug) == _zonder_herkomst(pakket)
    assert terug["herkomst"]["gemeente"] == "Utrecht"
    assert Inschrijving.objects.filter(dossier=nieuw, geimporteerd=True).count() == 1
    assert Urenregistratie.objects.filter(inschrijving__dossier=nieuw, bron="overdracht").count() == 10
    assert afschalen_mogelijk(nieuw) == (True, [])  # 605 keurmerk hours travel with the person


def test_management_commands_export_and_import_a_package(vol_dossier, tmp_path):
    bestand = tmp_path / "overdracht.json"
    call_command("exporteer_overdracht", vol_dossier.pk, str(bestand))
    GemeenteFactory(naam="Utrecht", gemeentecode="0344")
    call_command("importeer_overdracht", str(bestand), gemeente="0344")
    nieuw = Dossier.objects.get(gemeente__gemeentecode="0344")
    assert nieuw.inburgeraar_id == vol_dossier.inburgeraar_id  # matched by BSN
    assert _zonder_herkomst(exporteer_overdracht(nieuw)) == _zonder_herkomst(json.loads(bestand.read_text()))
    assert vol_dossier.overdrachten.filter(richting="uit").exists()


def test_import_into_a_fresh_database_creates_the_person_and_household(vol_dossier):
    pakket = json.loads(json.dumps(exporteer_overdracht(vol_dossier)))
    pakket["persoon"]["bsn"] = ""  # as if the receiving installation does not know the person
    nieuw = importeer_overdracht(pakket, gemeente=GemeenteFactory(naam="Utrecht", gemeentecode="0344"))
    assert nieuw.inburgeraar_id != vol_dossier.inburgeraar_id
    assert list(nieuw.inburgeraar.gezinsleden.values_list("naam", flat=True)) == ["Lina"]
