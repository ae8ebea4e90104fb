import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.aanbod.models import Klas, Product, Urenregistratie
from koers.aanbod.selectors import afschalen_mogelijk, uren_totalen, voortgang
from koers.aanbod.services import KlasurenFout, Uren, registreer_klasuren, registreer_uren, schrijf_in
from koers.utils.concurrency import VersieConflict
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

uren_st = st.decimals(min_value=0, max_value=120, places=1, allow_nan=False, allow_infinity=False)
invoer = st.lists(
    st.tuples(
        st.integers(0, 1),  # which enrolment
        st.integers(1, 4),  # month
        st.sampled_from(["taal", "participatie", "knm"]),
        uren_st,
        uren_st,
        uren_st,
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(regels=invoer)
def test_totals_count_each_month_once_and_never_count_absence(regels, dossier, klantmanager, met_keurmerk):
    Urenregistratie.objects.all().delete()
    inschrijvingen = [
        schrijf_in(dossier, door=klantmanager, product=p, ketenpartner=met_keurmerk)
        for p in (Product.B1_ROUTE, Product.MAP)
    ]
    laatste: dict[tuple, Decimal] = {}
    for welke, maand, soort, gevolgd, geoorloofd, ongeoorloofd in regels:
        inschrijving = inschrijvingen[welke]
        bestaand = Urenregistratie.objects.filter(
            inschrijving=inschrijving, periode=dt.date(2026, maand, 1), soort=soort
        ).first()
        registreer_uren(
            inschrijving,
            periode=dt.date(2026, maand, 17),
            soort=soort,
            uren=Uren(gevolgd, geoorloofd, ongeoorloofd, gevolgd, versie=bestaand.versie if bestaand else None),
            door=klantmanager,
        )
        laatste[(welke, maand, soort)] = gevolgd
    totalen = uren_totalen(dossier)
    assert totalen["gevolgd"] == sum(laatste.values(), Decimal(0))
    assert Urenregistratie.objects.filter(inschrijving__dossier=dossier).count() == len(laatste)
    assert totalen["taal"] + totalen["knm"] + totalen["participatie"] == totalen["gevolgd"]
    for inschrijving in inschrijvingen:
        inschrijving.delete()


def test_correcting_a_month_replaces_it_and_a_stale_version_is_refused(gestart, klantmanager):
    eerste = registreer_uren(
        gestart, periode=dt.date(2026, 10, 1), soort="taal", uren=Uren(Decimal(40)), door=klantmanager
    )
    registreer_uren(
        gestart,
        periode=dt.date(2026, 10, 1),
        soort="taal",
        uren=Uren(Decimal(36), versie=eerste.versie),
        door=klantmanager,
    )
    assert uren_totalen(gestart.dossier)["taal"] == Decimal(36)
    with pytest.raises(VersieConflict):
        registreer_uren(
            gestart,
            periode=dt.date(2026, 10, 1),
            soort="taal",
            uren=Uren(Decimal(50), versie=eerste.versie),
            door=klantmanager,
        )
    assert Urenregistratie.objects.get().uren_gevolgd == Decimal(36)


def test_in_person_hours_above_followed_are_refused(gestart, klantmanager):
    with pytest.raises(ValidationError):
        registreer_uren(
            gestart,
            periode=dt.date(2026, 10, 1),
            soort="taal",
            uren=Uren(Decimal(10), in_persoon=Decimal(12)),
            door=klantmanager,
        )
    assert not Urenregistratie.objects.exists()


def _klas(gemeente, met_keurmerk, klantmanager, aantal=3):
    klas = Klas.objects.create(
        ketenpartner=met_keurmerk, gemeente=gemeente, naam="B1 ochtend", product=Product.B1_ROUTE
    )
    leden = [
        schrijf_in(
            DossierFactory(gemeente=gemeente), door=klantmanager, product=Product.B1_ROUTE, ketenpartner=met_keurmerk
        )
        for _ in range(aantal)
    ]
    klas.leden.set(leden)
    return klas, leden


def test_class_entry_saves_every_row_at_once(gemeente, met_keurmerk, klantmanager):
    klas, leden = _klas(gemeente, met_keurmerk, klantmanager)
    regels = {i.pk: Uren(Decimal(48), Decimal(4), Decimal(0), Decimal(40)) for i in leden}
    registreer_klasuren(klas, periode=dt.date(2026, 10, 1), soort="taal", regels=regels, door=klantmanager)
    assert Urenregistratie.objects.filter(periode=dt.date(2026, 10, 1)).count() == 3


def test_class_entry_with_one_bad_row_saves_nothing_and_names_the_row(gemeente, met_keurmerk, klantmanager):
    klas, leden = _klas(gemeente, met_keurmerk, klantmanager)
    regels = {i.pk: Uren(Decimal(48)) for i in leden}
    regels[leden[1].pk] = Uren(Decimal(10), in_persoon=Decimal(20))
    with pytest.raises(KlasurenFout) as fout:
        registreer_klasuren(klas, periode=dt.date(2026, 10, 1), soort="taal", regels=regels, door=klantmanager)
    assert list(fout.value.per_rij) == [leden[1].pk]
    assert not Urenregistratie.objects.exists()


def test_provider_employee_enters_hours_only_for_shared_dossiers(gemeente, met_keurmerk, klantmanager):
    from koers.dossiers.services import deel_met_ketenpartner
    from tests.factories import GebruikerFactory

    klas, leden = _klas(gemeente, met_keurmerk, klantmanager, aantal=2)
    medewerker = GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=met_keurmerk)
    deel_met_ketenpartner(leden[0].dossier, ketenpartner=met_keurmerk, doel="taaltraject", door=klantmanager)
    with pytest.raises(KlasurenFout) as fout:
        registreer_klasuren(
            klas,
            periode=dt.date(2026, 10, 1),
            soort="taal",
            regels={i.pk: Uren(Decimal(8)) for i in leden},
            door=medewerker,
        )
    assert list(fout.value.per_rij) == [leden[1].pk]
    registreer_klasuren(
        klas, periode=dt.date(2026, 10, 1), soort="taal", regels={leden[0].pk: Uren(Decimal(8))}, door=medewerker
    )
    assert Urenregistratie.objects.get().bron == "aanbieder"


def _maanden(inschrijving, klantmanager, totaal, in_persoon, soort="taal"):
    """Spread ``totaal`` hours (and in-person hours) over months of 2026."""
    maand = 1
    while totaal > 0:
        deel = min(Decimal(60), totaal)
        fysiek = min(deel, in_persoon)
        registreer_uren(
            inschrijving,
            periode=dt.date(2025 + maand // 12, maand % 12 + 1, 1),
            soort=soort,
            uren=Uren(deel, in_persoon=fysiek),
            door=klantmanager,
        )
        totaal -= deel
        in_persoon -= fysiek
        maand += 1


def test_afschalen_possible_at_600_hours_not_at_599(gestart, klantmanager, b1_pip):
    _maanden(gestart, klantmanager, Decimal(599), Decimal(400))
    mogelijk, redenen = afschalen_mogelijk(gestart.dossier)
    assert not mogelijk
    assert "599" in redenen[0]
    registreer_uren(
        gestart,
        periode=dt.date(2027, 6, 1),
        soort="knm",
        uren=Uren(Decimal(1), in_persoon=Decimal(1)),
        door=klantmanager,
    )
    assert afschalen_mogelijk(gestart.dossier) == (True, [])


def test_afschalen_needs_half_in_person(gestart, klantmanager, b1_pip):
    _maanden(gestart, klantmanager, Decimal(600), Decimal(299))
    mogelijk, redenen = afschalen_mogelijk(gestart.dossier)
    assert not mogelijk
    assert "fysiek" in redenen[0]


def test_hours_at_provider_without_keurmerk_do_not_count_for_afschalen(dossier, klantmanager, zonder_keurmerk, b1_pip):
    dossier.inburgeraar.doelgroep = "gezinsmigrant"
    dossier.inburgeraar.save()
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=zonder_keurmerk)
    _maanden(inschrijving, klantmanager, Decimal(700), Decimal(700))
    mogelijk, _redenen = afschalen_mogelijk(dossier)
    assert not mogelijk
    assert uren_totalen(dossier)["keurmerk_les"] == 0


def test_participation_and_absence_do_not_count_for_afschalen(gestart, klantmanager, b1_pip):
    _maanden(gestart, klantmanager, Decimal(500), Decimal(500))
    _maanden(gestart, klantmanager, Decimal(200), Decimal(200), soort="participatie")
    registreer_uren(
        gestart,
        periode=dt.date(2027, 6, 1),
        soort="taal",
        uren=Uren(Decimal(0), geoorloofd_afwezig=Decimal(80), ongeoorloofd_afwezig=Decimal(40)),
        door=klantmanager,
    )
    assert afschalen_mogelijk(gestart.dossier)[0] is False


def test_afschalen_is_not_for_z_route(gestart, klantmanager, z_pip):
    _maanden(gestart, klantmanager, Decimal(700), Decimal(700))
    mogelijk, redenen = afschalen_mogelijk(gestart.dossier)
    assert not mogelijk
    assert redenen == ["Afschalen kan alleen in de B1-route."]


def test_z_route_progress_shows_800_language_and_800_participation(gestart, klantmanager, z_pip):
    _maanden(gestart, klantmanager, Decimal(300), Decimal(300))
    _maanden(gestart, klantmanager, Decimal(120), Decimal(0), soort="participatie")
    doelen = voortgang(gestart.dossier).doelen
    assert [(d.gevolgd, d.doel) for d in doelen] == [(Decimal(300), 800), (Decimal(120), 800)]
