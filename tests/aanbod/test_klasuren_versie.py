"""Class hours carry a version: a stale class-hours form is refused with a conflict, never overwrites."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.aanbod.models import Klas, Product, Urenregistratie
from koers.aanbod.services import KlasurenFout, Uren, registreer_klasuren, schrijf_in
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Iemand anders heeft dit gegeven intussen gewijzigd"


@pytest.fixture
def klas(gemeente, met_keurmerk, klantmanager):
    klas = Klas.objects.create(ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1-avond", product=Product.B1_ROUTE)
    leden = [
        schrijf_in(DossierFactory(gemeente=gemeente), door=klantmanager, product="b1_route", ketenpartner=met_keurmerk)
        for _ in range(2)
    ]
    klas.leden.set(leden)
    return klas


def _post(klas, versies: dict[int, str], gevolgd: str) -> dict:
    leden = list(klas.leden.order_by("dossier__inburgeraar__achternaam", "pk"))
    data = {"uren-TOTAL_FORMS": str(len(leden)), "uren-INITIAL_FORMS": str(len(leden))}
    for n, lid in enumerate(leden):
        data |= {
            f"uren-{n}-inschrijving": lid.pk,
            f"uren-{n}-versie": versies.get(lid.pk, ""),
            f"uren-{n}-gevolgd": gevolgd,
            f"uren-{n}-in_persoon": "10",
            f"uren-{n}-geoorloofd": "0",
            f"uren-{n}-ongeoorloofd": "0",
        }
    return data


URL = "/klassen/{}/uren/?maand=2026-10&soort=taal"


def test_second_stale_post_of_a_new_month_gets_a_conflict_and_keeps_the_first_values(km_client, klas):
    eerste = km_client.post(URL.format(klas.pk), _post(klas, {}, "48"))
    assert eerste.status_code == 302
    tweede = km_client.post(URL.format(klas.pk), _post(klas, {}, "30"))
    assert tweede.status_code == 200
    assert CONFLICT in tweede.content.decode()
    assert sorted(Urenregistratie.objects.values_list("uren_gevolgd", flat=True)) == [Decimal(48), Decimal(48)]


def test_two_posts_with_the_same_stale_version_the_second_gets_a_conflict(km_client, klas):
    km_client.post(URL.format(klas.pk), _post(klas, {}, "20"))
    versies = {u.inschrijving_id: str(u.versie) for u in Urenregistratie.objects.all()}
    assert km_client.post(URL.format(klas.pk), _post(klas, versies, "48")).status_code == 302
    tweede = km_client.post(URL.format(klas.pk), _post(klas, versies, "30"))
    assert tweede.status_code == 200
    assert CONFLICT in tweede.content.decode()
    assert sorted(Urenregistratie.objects.values_list("uren_gevolgd", flat=True)) == [Decimal(48), Decimal(48)]
    assert set(Urenregistratie.objects.values_list("versie", flat=True)) == {2}


def test_eight_stale_entries_first_one_wins_the_other_seven_conflict(klas, klantmanager):
    leden = list(klas.leden.all())
    uitkomsten = []
    for n in range(8):
        regels = {lid.pk: Uren(Decimal(40 + n), in_persoon=Decimal(10)) for lid in leden}
        try:
            registreer_klasuren(klas, periode=dt.date(2026, 10, 1), soort="taal", regels=regels, door=klantmanager)
            uitkomsten.append("opgeslagen")
        except KlasurenFout as fout:
            assert all(CONFLICT in " ".join(m) for m in fout.per_rij.values())
            uitkomsten.append("conflict")
    assert uitkomsten == ["opgeslagen"] + ["conflict"] * 7
    assert set(Urenregistratie.objects.values_list("uren_gevolgd", flat=True)) == {Decimal(40)}


def test_hours_typed_with_a_decimal_comma_are_saved_and_shown_back_the_dutch_way(km_client, klas):
    data = _post(klas, {}, "12,5")  # 10 of them in person
    assert km_client.post(URL.format(klas.pk), data).status_code == 302
    assert set(Urenregistratie.objects.values_list("uren_gevolgd", flat=True)) == {Decimal("12.5")}

    pagina = km_client.get(URL.format(klas.pk)).content.decode()
    assert 'value="12,50"' in pagina
    versies = {u.inschrijving_id: str(u.versie) for u in Urenregistratie.objects.all()}
    terug = _post(klas, versies, "12,50")  # the page's own values sent back unchanged
    assert km_client.post(URL.format(klas.pk), terug).status_code == 302
