"""A 5,000-record DUO batch through the task, formats, the command, and the permission rules the import relies on."""

from __future__ import annotations

import io
import json
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from koers.aanbod import permissions as aanbod_permissions
from koers.accounts.models import Ketenpartner
from koers.dossiers import permissions as dossier_permissions
from koers.dossiers.models import Dossier
from koers.intake import permissions as intake_permissions
from koers.koppelvlakken import permissions, services
from koers.koppelvlakken.models import Import
from koers.koppelvlakken.tasks import verwerk_import_taak
from koers.termijnen import permissions as termijn_permissions
from koers.termijnen.models import Termijn
from tests.factories import DossierFactory, GebruikerFactory, KetenpartnerFactory, geldig_bsn

from .conftest import COA_V1, DUO_V1, coa_rij, csv_bytes, duo_rij, importeer

pytestmark = pytest.mark.django_db


@contextmanager
def tel_queries():
    """Count every query (CaptureQueriesContext keeps only the last 9,000)."""
    teller = {"n": 0}

    def wrapper(execute, sql, params, many, context):
        teller["n"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield teller


# Queries one obligation signal for a new person may cost (registration, dossier, law, fact, deadlines, audit).
BUDGET_PER_RECORD = 40


def test_batch_of_5000_duo_signals_runs_through_the_task_with_a_fixed_query_budget(duo_systeem, gemeente):
    rijen = [
        duo_rij(
            f"B{n}",
            "inburgeringsplicht",
            bsn=geldig_bsn(10000 + n),
            voornamen="Noor",
            achternaam=f"Batch{n}",
            geboortedatum="1990-01-01",
            nationaliteit="Afghaans",
            doelgroep="asielstatushouder",
            wet="wi2021",
            datum_begin="2022-06-01",
        )
        for n in range(5000)
    ]
    imp = services.ontvang_import(
        door=duo_systeem, bron="duo", formaat="csv", mappingversie="v1", inhoud=csv_bytes(DUO_V1, rijen)
    )

    with tel_queries() as queries:
        status = verwerk_import_taak.delay(imp.pk).get()

    imp.refresh_from_db()
    assert status == Import.Status.TOEGEPAST, imp.melding
    assert (imp.verwerkt, imp.totaal, imp.aantal_toegepast) == (5000, 5000, 5000)
    assert Dossier.objects.filter(gemeente=gemeente, wet="wi2021").count() == 5000
    assert Termijn.objects.filter(soort="pip_vaststellen").count() == 5000
    assert queries["n"] <= 5000 * BUDGET_PER_RECORD + 100, queries["n"]


def test_query_count_per_record_does_not_grow_with_the_batch(duo_systeem, gemeente):
    def kosten(aantal: int, begin: int) -> int:
        rijen = [
            duo_rij(
                f"Q{begin + n}",
                "inburgeringsplicht",
                bsn=geldig_bsn(begin + n),
                voornamen="Noor",
                achternaam=f"Q{begin + n}",
                geboortedatum="1990-01-01",
                nationaliteit="Afghaans",
                doelgroep="asielstatushouder",
                wet="wi2021",
                datum_begin="2022-06-01",
            )
            for n in range(aantal)
        ]
        imp = services.ontvang_import(
            door=duo_systeem, bron="duo", formaat="csv", mappingversie="v1", inhoud=csv_bytes(DUO_V1, rijen)
        )
        with tel_queries() as queries:
            assert services.verwerk_import(imp.pk).aantal_toegepast == aantal
        return queries["n"]

    tien, honderd = kosten(10, 20000), kosten(100, 21000)
    assert (honderd - tien) / 90 <= BUDGET_PER_RECORD


def test_xlsx_and_json_read_like_csv(beheerder):
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    kolommen = COA_V1.kolommen()
    blad.append(list(kolommen.values()))
    blad.append([coa_rij(1).get(k, "") if k != "gezinsgrootte" else 3 for k in kolommen])
    buffer = io.BytesIO()
    boek.save(buffer)

    xlsx = importeer(beheerder, "coa", buffer.getvalue(), formaat="xlsx")
    json_import = importeer(
        beheerder,
        "coa",
        json.dumps({"records": [{kolommen[k]: v for k, v in coa_rij(2).items()}]}).encode(),
        formaat="json",
    )

    assert xlsx.status == json_import.status == Import.Status.TOEGEPAST
    assert Dossier.objects.count() == 2


def test_command_prints_the_summary(beheerder, tmp_path):
    pad = tmp_path / "coa.csv"
    pad.write_bytes(csv_bytes(COA_V1, [coa_rij(1)]))
    uit = io.StringIO()

    call_command("importeer", str(pad), bron="coa", gemeente="0855", mapping="v1", door="fb", stdout=uit)

    assert "Toegepast – 1 records: 1 toegepast, 0 ongewijzigd, 0 afgewezen" in uit.getvalue()


def test_command_fails_loudly_when_nothing_is_applied(beheerder, tmp_path):
    pad = tmp_path / "coa.csv"
    pad.write_bytes(csv_bytes(COA_V1, [coa_rij(1, bsn="123456789")]))
    uit = io.StringIO()

    with pytest.raises(CommandError, match="niets toegepast"):
        call_command("importeer", str(pad), bron="coa", gemeente="0855", door="fb", stdout=uit)
    assert "regel 2:" in uit.getvalue()


def test_who_may_import_what(gemeente, beheerder, coa_systeem, duo_systeem, klantmanager):
    taalschool = GebruikerFactory(username="school", rol="ketenpartner_medewerker", ketenpartner=KetenpartnerFactory())
    assert permissions.mag_importeren(beheerder, "coa") and permissions.mag_importeren(beheerder, "duo")
    assert permissions.mag_importeren(coa_systeem, "coa") and not permissions.mag_importeren(coa_systeem, "duo")
    assert permissions.mag_importeren(duo_systeem, "duo") and not permissions.mag_importeren(duo_systeem, "coa")
    assert not permissions.mag_importeren(klantmanager, "coa")
    assert not permissions.mag_importeren(taalschool, "duo")
    with pytest.raises(services.PermissionDenied):
        importeer(coa_systeem, "duo", csv_bytes(DUO_V1, []))


def test_domain_rules_let_duo_record_signals_but_nothing_else(gemeente, andere_gemeente, duo_systeem, coa_systeem):
    dossier = DossierFactory(gemeente=andere_gemeente)
    assert dossier_permissions.mag_duo_signaal_verwerken(duo_systeem, dossier)
    assert not dossier_permissions.mag_duo_signaal_verwerken(coa_systeem, dossier)
    assert termijn_permissions.mag_feit_registreren(duo_systeem, dossier)
    assert intake_permissions.mag_duo_gegevens_registreren(duo_systeem, dossier)
    assert aanbod_permissions.mag_examen_importeren(duo_systeem, dossier)
    # DUO never edits the dossier or reads the intake's answers or health data.
    assert not dossier_permissions.mag_dossier_bewerken(duo_systeem, dossier)
    assert not intake_permissions.mag_intake_zien(duo_systeem, dossier)
    assert not dossier_permissions.mag_gezondheid_zien(duo_systeem, dossier)
    assert not aanbod_permissions.mag_aanbod_bewerken(duo_systeem, dossier)


def test_coa_registers_and_links_in_any_gemeente_but_a_beheerder_only_in_its_own(
    gemeente, andere_gemeente, beheerder, coa_systeem
):
    dossier = DossierFactory(gemeente=andere_gemeente)
    assert dossier_permissions.mag_registreren(coa_systeem, andere_gemeente)
    assert dossier_permissions.mag_koppeling_registreren(coa_systeem, dossier)
    assert dossier_permissions.mag_registreren(beheerder, gemeente)
    assert not dossier_permissions.mag_registreren(beheerder, andere_gemeente)
    assert not dossier_permissions.mag_koppeling_registreren(beheerder, dossier)
    assert coa_systeem.ketenpartner.soort == Ketenpartner.Soort.COA
