"""Money reads the same on a page and in its messages: Dutch style, '€ 800,00', '€ 10.000,00'."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from koers.aanbod.services import VasteLast, besluit_sanctie, maak_ontzorgingsplan, stel_sanctie_voor
from koers.dossiers.models import TijdlijnGebeurtenis
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_fine_form_and_its_error_write_the_maximum_the_same_way(dossier, km_client):
    url = reverse("aanbod:sanctie", args=[dossier.pk])
    pagina = km_client.get(url).content.decode()
    assert "De boete is ten hoogste € 800,00." in pagina
    fout = km_client.post(url, {"feiten": "Drie maal niet verschenen", "bedrag": "800.01"}).content.decode()
    assert "De boete is ten hoogste € 800,00 (" in fout
    assert "800.00" not in fout


def test_fine_in_the_timeline_is_written_in_dutch_style(dossier, klantmanager, teamleider):
    voorstel = stel_sanctie_voor(dossier, door=klantmanager, feiten="Niet verschenen", bedrag=Decimal("712.5"))
    besluit_sanctie(voorstel, door=teamleider, opleggen=True, toelichting="Hoor en wederhoor gedaan")
    titels = set(TijdlijnGebeurtenis.objects.filter(dossier=dossier, soort="sanctie").values_list("titel", flat=True))
    assert titels == {"Boete van € 712,50 voorgesteld (PIP niet nagekomen)", "Boete van € 712,50 opgelegd"}


def test_contract_price_groups_thousands(contract, teamleider):
    pagina = verified_client(teamleider).get(reverse("aanbod:contracten")).content.decode()
    assert "€ 10.000,00" in pagina


def test_aanbod_tab_shows_payments_and_fines_as_messages_write_them(dossier, klantmanager, km_client):
    huur = VasteLast("huur", "Woonstichting Tilburg", "NL91ABNA0417164300", Decimal("1012.40"))
    maak_ontzorgingsplan(dossier, door=klantmanager, start=dt.date(2026, 11, 20), lasten=[huur])
    stel_sanctie_voor(dossier, door=klantmanager, feiten="Niet verschenen", bedrag=Decimal("800"))
    pagina = km_client.get(reverse("aanbod:dossier", args=[dossier.pk])).content.decode()
    assert "€ 1.012,40" in pagina
    assert "<strong>€ 800,00</strong>" in pagina
