"""DUO correction signals on a vrijstelling or ontheffing: the earlier decision is withdrawn, not left in force."""

from __future__ import annotations

import pytest

from koers.aanbod.afsluiten import controleer
from koers.dossiers.models import Dossier
from koers.intake.models import Ontheffing, Vrijstelling
from koers.intake.selectors import geldende_examenbesluiten
from koers.koppelvlakken.models import Import

from .conftest import DUO_V1, csv_bytes, duo_rij, importeer
from .test_duo import PERSOON, plicht

pytestmark = pytest.mark.django_db

BSN = PERSOON["bsn"]


def vrijstelling(signaal="V1", **extra):
    return duo_rij(signaal, "vrijstelling", bsn=BSN, grond="diploma", besluitdatum="2026-11-12", **extra)


def ontheffing(signaal="O1", **extra):
    return duo_rij(signaal, "ontheffing", bsn=BSN, grond="inspanning", besluitdatum="2026-11-12", **extra)


def dossier():
    return Dossier.objects.get(inburgeraar__bsn=BSN)


def test_withdrawn_vrijstelling_is_undone_and_the_dossier_no_longer_closes_on_it(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(), vrijstelling()]))
    assert controleer(dossier(), "vrijstelling") == []

    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("V2", "intrekking", corrigeert="V1", bsn=BSN)]))

    assert imp.status == Import.Status.TOEGEPAST
    besluit = Vrijstelling.objects.get()  # kept, marked withdrawn
    assert besluit.is_ingetrokken and besluit.ingetrokken_door == duo_systeem
    assert besluit.intrekkingsreden == "Ingetrokken door DUO (signaal V2)."
    assert geldende_examenbesluiten(dossier(), "vrijstelling") == []
    assert controleer(dossier(), "vrijstelling") == [
        "Er is geen volledige vrijstelling geregistreerd bij de brede intake."
    ]
    titels = list(dossier().tijdlijn.values_list("titel", flat=True))
    assert "Correctiesignaal van DUO (V2): signaal V1 ingetrokken" in titels
    assert any(t.startswith("Vrijstelling ingetrokken: Nederlands diploma") for t in titels)


def test_corrected_ontheffing_replaces_the_earlier_one(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(), ontheffing(onderdelen="knm")]))

    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [ontheffing("O2", corrigeert="O1")]))

    oud, nieuw = Ontheffing.objects.order_by("id")
    assert oud.is_ingetrokken and oud.intrekkingsreden == "Vervangen door het correctiesignaal van DUO (signaal O2)."
    assert not nieuw.is_ingetrokken and nieuw.is_volledig
    assert geldende_examenbesluiten(dossier(), "ontheffing") == [nieuw]
    assert controleer(dossier(), "ontheffing") == []
    assert dossier().tijdlijn.filter(titel="Correctiesignaal van DUO (O2): vervangt signaal O1").exists()


def test_withdrawal_in_the_same_file_as_the_decision(duo_systeem, gemeente):
    importeer(
        duo_systeem,
        "duo",
        csv_bytes(DUO_V1, [plicht(), vrijstelling(), duo_rij("V2", "intrekking", corrigeert="V1", bsn=BSN)]),
    )
    assert Vrijstelling.objects.get().is_ingetrokken


def test_withdrawal_after_an_overlapping_file_repeated_the_decision(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(), vrijstelling()]))
    tweede = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [vrijstelling(), ontheffing()]))
    assert (tweede.aantal_ongewijzigd, tweede.aantal_toegepast) == (1, 1)  # V1 again: recorded nothing this time

    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("V2", "intrekking", corrigeert="V1", bsn=BSN)]))

    assert imp.status == Import.Status.TOEGEPAST
    assert Vrijstelling.objects.get().is_ingetrokken


def test_withdrawing_an_already_withdrawn_decision_rejects_the_file_with_the_reason(duo_systeem, gemeente):
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [plicht(), vrijstelling()]))
    importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("V2", "intrekking", corrigeert="V1", bsn=BSN)]))

    imp = importeer(duo_systeem, "duo", csv_bytes(DUO_V1, [duo_rij("V3", "intrekking", corrigeert="V1", bsn=BSN)]))

    assert imp.status == Import.Status.AFGEWEZEN
    assert "Deze vrijstelling is al ingetrokken op 1 december 2026." in imp.records.get().reden
    assert Vrijstelling.objects.get().history.count() == 2
