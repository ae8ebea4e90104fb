"""DUO signals: obligation and law with the deadlines they drive, LBT, exams, decisions, verlenging, corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.aanbod.models import Examenresultaat
from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.intake.models import BredeIntake, Leerbaarheidstoets, Vrijstelling
from koers.koppelvlakken.models import Import
from koers.termijnen import services as termijn_services
from koers.termijnen.models import Feitsoort, Termijn
from tests.factories import DossierFactory, InburgeraarFactory, geldig_bsn

from .conftest import DUO_V1, csv_bytes, duo_rij, importeer

pytestmark = pytest.mark.django_db

PERSOON = {
    "bsn": geldig_bsn(900),
    "voornamen": "Mahmoud",
    "achternaam": "Al-Khatib",
    "geboortedatum": "1988-07-14",
    "nationaliteit": "Syrisch",
    "doelgroep": "asielstatushouder",
}


def plicht(signaal="S1", wet="wi2021", begin="2026-10-15", **extra):
    return duo_rij(signaal, "inburgeringsplicht", wet=wet, datum_begin=begin, **{**PERSOON, **extra})


def pip_termijn(dossier):
    return Termijn.objects.filter(dossier=dossier, soort="pip_vaststellen").first()


def test_obligation_signal_creates_dossier_with_law_start_and_pip_deadline(duo_systeem, gemeente):
    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht()]))

    assert imp.status == Import.Status.TOEGEPAST, imp.melding
    dossier = Dossier.objects.get(inburgeraar__bsn=PERSOON["bsn"])
    assert (dossier.wet, dossier.inburgeringsplicht_start) == ("wi2021", dt.date(2026, 10, 15))
    feit = dossier.termijnfeiten.get(soort=Feitsoort.STARTGEBEURTENIS)
    assert feit.gegevens["gebeurtenis"] == "kennisgeving" and feit.gegevens["signaal"] == "S1"
    termijn = pip_termijn(dossier)
    assert termijn.status == "open" and termijn.datum == dt.date(2026, 12, 24)  # 10 weeks after 15 October


def test_under_wi2013_no_wi2021_deadline_is_open(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(wet="wi2013")]))

    dossier = Dossier.objects.get(inburgeraar__bsn=PERSOON["bsn"])
    assert dossier.wet == "wi2013"
    assert not Termijn.objects.filter(dossier=dossier).exists()


def test_registration_start_does_not_keep_a_pip_deadline_open_under_wi2013(duo_systeem, gemeente, klantmanager):
    persoon = InburgeraarFactory(bsn=PERSOON["bsn"])
    dossier = DossierFactory(inburgeraar=persoon, gemeente=gemeente, klantmanager=klantmanager)
    termijn_services.zorg_voor_startgebeurtenis(dossier)
    assert pip_termijn(dossier).status == "open"

    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(wet="wi2013")]))

    assert pip_termijn(dossier) is None


def test_correction_to_wi2013_then_back_recomputes_and_shows_on_timeline(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht()]))
    dossier = Dossier.objects.get(inburgeraar__bsn=PERSOON["bsn"])
    assert pip_termijn(dossier) is not None

    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht("S2", wet="wi2013", corrigeert="S1")]))

    dossier.refresh_from_db()
    assert dossier.wet == "wi2013" and pip_termijn(dossier) is None
    titels = list(TijdlijnGebeurtenis.objects.filter(dossier=dossier).values_list("titel", flat=True))
    assert any("Correctiesignaal van DUO (S2): vervangt signaal S1" in t for t in titels)

    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht("S3", begin="2026-11-01", corrigeert="S2")]))

    dossier.refresh_from_db()
    assert dossier.wet == "wi2021" and dossier.inburgeringsplicht_start == dt.date(2026, 11, 1)
    assert pip_termijn(dossier).datum == dt.date(2027, 1, 10 + 1)  # 10 weeks after 1 November: Monday 11 January


def test_withdrawn_obligation_clears_dossier_and_deadline(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht()]))
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("S9", "intrekking", corrigeert="S1", bsn=PERSOON["bsn"])]))

    dossier = Dossier.objects.get(inburgeraar__bsn=PERSOON["bsn"])
    assert (dossier.wet, dossier.inburgeringsplicht_start) == ("", None)
    assert pip_termijn(dossier) is None
    assert dossier.tijdlijn.filter(titel__contains="signaal S1 ingetrokken").exists()


def test_same_signal_twice_changes_nothing(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht()]))
    feiten = Dossier.objects.get().termijnfeiten.count()

    tweede = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht()]))
    anders_bestand = importeer(
        duo_systeem,
        "duo",
        csv_bytes(DUO_V1, [plicht(), duo_rij("S6", "einde_plicht", bsn=PERSOON["bsn"], datum_einde="2029-10-15")]),
    )

    assert tweede.aantal_ongewijzigd == 1 and tweede.aantal_toegepast == 0
    assert (anders_bestand.aantal_ongewijzigd, anders_bestand.aantal_toegepast) == (1, 1)
    dossier = Dossier.objects.get()
    assert dossier.termijnfeiten.count() == feiten
    assert dossier.inburgeringsplicht_einde == dt.date(2029, 10, 15)


def test_lbt_result_without_intake_starts_the_intake(duo_systeem, gemeente):
    rijen = [
        plicht(),
        duo_rij(
            "S2",
            "lbt",
            bsn=PERSOON["bsn"],
            uitslag="b1_niet_haalbaar",
            score="87",
            toetsdatum="2026-11-03",
            afgenomen_in="azc",
            examennummer="LBT-2026-0042",
            inschrijfdatum="2026-10-20",
        ),
    ]

    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, rijen))

    assert imp.status == Import.Status.TOEGEPAST, imp.melding
    dossier = Dossier.objects.get()
    assert dossier.status == "intake"
    toets = Leerbaarheidstoets.objects.get(intake__dossier=dossier)
    assert (toets.uitkomst, toets.score, toets.datum) == ("b1_niet_haalbaar", 87, dt.date(2026, 11, 3))
    assert "LBT-2026-0042" in toets.toelichting
    assert BredeIntake.objects.get(dossier=dossier).gestart_door == duo_systeem


def test_exam_vrijstelling_and_their_correction(duo_systeem, gemeente):
    bsn = PERSOON["bsn"]
    importeer(
        duo_systeem,
        "duo",
        csv_bytes(
            DUO_V1,
            [
                plicht(),
                duo_rij(
                    "E1",
                    "examen",
                    bsn=bsn,
                    onderdeel="lezen",
                    niveau="B1",
                    resultaat="niet_behaald",
                    toetsdatum="2026-11-10",
                ),
                duo_rij(
                    "V1",
                    "vrijstelling",
                    bsn=bsn,
                    grond="nt2_a2",
                    onderdelen="lezen,luisteren",
                    besluitdatum="2026-11-12",
                ),
            ],
        ),
    )
    examen = Examenresultaat.objects.get()
    assert examen.geimporteerd and examen.resultaat == "niet_behaald"
    assert Vrijstelling.objects.get().onderdelen == ["lezen", "luisteren"]

    importeer(
        duo_systeem,
        "duo",
        csv_bytes(
            DUO_V1,
            [
                duo_rij(
                    "E2",
                    "examen",
                    corrigeert="E1",
                    bsn=bsn,
                    onderdeel="lezen",
                    niveau="B1",
                    resultaat="behaald",
                    toetsdatum="2026-11-10",
                ),
            ],
        ),
    )

    examen.refresh_from_db()
    assert examen.resultaat == "behaald" and Examenresultaat.objects.count() == 1
    assert examen.dossier.tijdlijn.filter(titel__contains="gecorrigeerd: niet behaald → behaald").exists()


def test_verlenging_moves_the_termijn_and_its_withdrawal_moves_it_back(duo_systeem, gemeente, klantmanager):
    persoon = InburgeraarFactory(bsn=PERSOON["bsn"])
    dossier = DossierFactory(inburgeraar=persoon, gemeente=gemeente, klantmanager=klantmanager)
    termijn_services.registreer_feit(
        dossier,
        soort=Feitsoort.PIP_VASTGESTELD,
        datum=dt.date(2024, 1, 10),
        door=klantmanager,
        gegevens={"route": "b1"},
    )
    einde = Termijn.objects.get(dossier=dossier, soort="inburgeringstermijn").datum

    importeer(
        duo_systeem,
        "duo",
        csv_bytes(
            DUO_V1,
            [
                duo_rij("L1", "verlenging", bsn=PERSOON["bsn"], grond="geboorte", besluitdatum="2026-09-01"),
            ],
        ),
    )
    verlengd = Termijn.objects.get(dossier=dossier, soort="inburgeringstermijn").datum
    assert verlengd > einde

    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("L2", "intrekking", corrigeert="L1", bsn=PERSOON["bsn"])]))

    assert Termijn.objects.get(dossier=dossier, soort="inburgeringstermijn").datum == einde


def test_refused_by_a_domain_service_rolls_back_the_whole_file(duo_systeem, gemeente):
    """A verlenging before any PIP: the termijnen service refuses; the obligation in the same file is undone too."""
    rijen = [plicht(), duo_rij("L1", "verlenging", bsn=PERSOON["bsn"], grond="geboorte", besluitdatum="2026-11-01")]

    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, rijen))

    assert imp.status == Import.Status.AFGEWEZEN
    assert "inburgeringstermijn" in imp.records.get(regel=3).reden
    assert not Dossier.objects.exists()


def test_unknown_person_for_a_non_obligation_signal_is_rejected(duo_systeem, gemeente):
    imp = importeer(
        duo_systeem,
        "duo",
        csv_bytes(
            DUO_V1,
            [
                duo_rij(
                    "E1", "examen", bsn=geldig_bsn(901), onderdeel="knm", resultaat="behaald", toetsdatum="2026-11-10"
                ),
                duo_rij(
                    "X1",
                    "examen",
                    corrigeert="BESTAAT-NIET",
                    bsn=geldig_bsn(902),
                    onderdeel="knm",
                    resultaat="behaald",
                    toetsdatum="2026-11-10",
                ),
            ],
        ),
    )

    redenen = {r.regel: r.reden for r in imp.records.all()}
    assert "niet bekend in Koers" in redenen[2]
    assert "BESTAAT-NIET" in redenen[3]
