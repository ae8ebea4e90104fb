"""COA informatieprofielen: person, dossier, koppeling and profile; all or nothing; idempotent; duplicates."""

from __future__ import annotations

import pytest

from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.inburgeraars.models import Inburgeraar, Informatieprofiel, Koppeling
from koers.koppelvlakken.models import Import, ImportRecord
from koers.koppelvlakken.services import beslis_dubbel
from tests.factories import DossierFactory, InburgeraarFactory

from .conftest import COA_V1, coa_rij, csv_bytes, importeer

pytestmark = pytest.mark.django_db


def test_coa_profile_creates_person_dossier_koppeling_and_profile(beheerder, gemeente):
    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1), coa_rij(2)]))

    assert imp.status == Import.Status.TOEGEPAST
    assert (imp.totaal, imp.verwerkt, imp.aantal_toegepast) == (2, 2, 2)
    persoon = Inburgeraar.objects.get(achternaam="Tesfay1")
    dossier = Dossier.objects.get(inburgeraar=persoon)
    assert dossier.gemeente == gemeente and persoon.doelgroep == "asielstatushouder"
    assert Koppeling.objects.get(inburgeraar=persoon).azc_locatie == "AZC Gilze"
    profiel = persoon.informatieprofiel
    assert profiel.gezinsgrootte == 3 and profiel.opleiding == "voortgezet"
    assert profiel.lichamelijke_beperkingen == "loopt met een kruk"
    titels = list(TijdlijnGebeurtenis.objects.filter(dossier=dossier).values_list("titel", flat=True))
    assert any("Informatieprofiel van het COA ontvangen" in t for t in titels)
    assert not any("kruk" in t for t in titels), "health data never goes into the timeline"


def test_same_file_twice_changes_nothing(beheerder):
    inhoud = csv_bytes(COA_V1, [coa_rij(1)])
    importeer(beheerder, "coa", inhoud)
    historie = Informatieprofiel.history.count()

    tweede = importeer(beheerder, "coa", inhoud)

    assert tweede.status == Import.Status.TOEGEPAST
    assert tweede.aantal_toegepast == 0 and tweede.aantal_ongewijzigd == 1
    assert "al verwerkt" in tweede.melding
    assert Inburgeraar.objects.count() == 1 and Informatieprofiel.history.count() == historie


def test_equal_record_in_another_file_is_ongewijzigd_and_a_change_keeps_the_old_version(beheerder):
    importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1)]))
    zelfde = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1), coa_rij(2)]))
    assert (zelfde.aantal_ongewijzigd, zelfde.aantal_toegepast) == (1, 1)

    bijgewerkt = importeer(
        beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1, ambities="verpleegkundige", profieldatum="2026-11-20")])
    )

    assert bijgewerkt.aantal_toegepast == 1
    profiel = Informatieprofiel.objects.get(inburgeraar__achternaam="Tesfay1")
    assert profiel.ambities == "verpleegkundige" and profiel.versie == 2
    assert list(profiel.history.order_by("history_id").values_list("ambities", flat=True)) == [
        "eigen garage",
        "verpleegkundige",
    ]


def test_one_bad_record_applies_nothing_and_reports_each_line(beheerder):
    rijen = [
        coa_rij(1),
        coa_rij(2, bsn="123456789"),
        coa_rij(3, geboortedatum="31-02-1990"),
        coa_rij(4, opleiding="master"),
    ]

    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, rijen))

    assert imp.status == Import.Status.AFGEWEZEN
    assert Inburgeraar.objects.count() == 0 and Informatieprofiel.objects.count() == 0
    afgewezen = {r.regel: r.reden for r in imp.records.filter(status="afgewezen")}
    assert set(afgewezen) == {3, 4, 5}
    assert "elfproef" in afgewezen[3]
    assert "geen datum" in afgewezen[4]
    assert "master" in afgewezen[5]
    assert imp.records.get(regel=2).status == ImportRecord.Status.NIET_TOEGEPAST


def test_missing_column_rejects_the_file(beheerder):
    imp = importeer(beheerder, "coa", b"BSN;Achternaam\n123;X\n")
    assert imp.status == Import.Status.AFGEWEZEN
    assert "Gemeentecode" in imp.melding and imp.records.count() == 0


def test_beheerder_cannot_deliver_for_another_gemeente(beheerder, andere_gemeente):
    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1), coa_rij(2, gemeentecode="0294")]))

    assert imp.status == Import.Status.AFGEWEZEN
    assert "buiten uw bevoegdheid" in imp.records.get(regel=3).reden
    assert not Inburgeraar.objects.exists()


def test_coa_system_client_delivers_for_any_gemeente(coa_systeem, gemeente, andere_gemeente):
    imp = importeer(coa_systeem, "coa", csv_bytes(COA_V1, [coa_rij(1), coa_rij(2, gemeentecode="0294")]))

    assert imp.status == Import.Status.TOEGEPAST, imp.melding
    assert imp.gemeente is None
    assert set(Dossier.objects.values_list("gemeente__gemeentecode", flat=True)) == {"0855", "0294"}


def test_known_person_by_bsn_gets_profile_on_existing_dossier(beheerder, gemeente):
    persoon = InburgeraarFactory(bsn=coa_rij(1)["bsn"], v_nummer="")
    dossier = DossierFactory(inburgeraar=persoon, gemeente=gemeente)

    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1)]))

    assert imp.aantal_toegepast == 1
    assert Dossier.objects.filter(inburgeraar=persoon).get() == dossier
    assert Informatieprofiel.objects.get().inburgeraar == persoon


def test_lookalike_is_flagged_never_merged_and_can_be_linked(beheerder, gemeente):
    bestaand = InburgeraarFactory(achternaam="Tesfay1", geboortedatum="1994-02-03", bsn="", v_nummer="")
    DossierFactory(inburgeraar=bestaand, gemeente=gemeente)

    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1), coa_rij(2)]))

    assert imp.status == Import.Status.TOEGEPAST and imp.aantal_dubbel == 1
    record = imp.records.get(regel=2)
    assert record.status == ImportRecord.Status.MOGELIJK_DUBBEL and record.kandidaten == [bestaand.pk]
    assert Inburgeraar.objects.filter(achternaam="Tesfay1").count() == 1, "nothing created or merged yet"

    beslis_dubbel(record, door=beheerder, inburgeraar=bestaand)

    record.refresh_from_db()
    assert record.status == ImportRecord.Status.TOEGEPAST and record.inburgeraar == bestaand
    assert Informatieprofiel.objects.get(inburgeraar=bestaand).ambities == "eigen garage"
    assert Inburgeraar.objects.filter(achternaam="Tesfay1").count() == 1
    imp.refresh_from_db()
    assert imp.aantal_dubbel == 0


def test_lookalike_can_be_declared_a_different_person(beheerder, gemeente):
    InburgeraarFactory(achternaam="Tesfay1", geboortedatum="1994-02-03", bsn="", v_nummer="")
    imp = importeer(beheerder, "coa", csv_bytes(COA_V1, [coa_rij(1)]))

    beslis_dubbel(imp.records.get(), door=beheerder, inburgeraar=None)

    assert Inburgeraar.objects.filter(achternaam="Tesfay1").count() == 2
