import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.aanbod.afsluiten import Afsluitgegevens, controleer, sluit_af
from koers.aanbod.models import Product
from koers.aanbod.overdracht import registreer_export
from koers.aanbod.services import (
    Uren,
    registreer_examen,
    registreer_map,
    registreer_pvt,
    registreer_uren,
    schrijf_in,
    wijzig_inschrijving_status,
)
from koers.dossiers.models import Dossier
from tests.aanbod.conftest import stel_pip_vast
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _b1_voldaan(dossier, km, *, zonder=""):
    for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
        if onderdeel != zonder:
            registreer_examen(
                dossier, door=km, onderdeel=onderdeel, niveau="B1", datum=dt.date(2026, 6, 1), resultaat="behaald"
            )
    registreer_examen(dossier, door=km, onderdeel="knm", niveau="", datum=dt.date(2026, 6, 2), resultaat="behaald")
    registreer_pvt(dossier, door=km, resultaat="voldaan", ondertekend_op=dt.date(2026, 3, 1))
    registreer_map(dossier, door=km, resultaat="succesvol", eindgesprek_op=dt.date(2026, 9, 1))


def test_voldaan_lists_what_is_missing_then_closes(dossier, klantmanager, b1_pip):
    ontbreekt = controleer(dossier, "voldaan")
    assert "Examen Lezen op niveau B1 is niet behaald." in ontbreekt
    assert "Het KNM-examen is niet behaald." in ontbreekt
    assert "Het participatieverklaringstraject (PVT) is niet voldaan." in ontbreekt
    _b1_voldaan(dossier, klantmanager, zonder="spreken")
    registreer_examen(
        dossier, door=klantmanager, onderdeel="spreken", niveau="A2", datum=dt.date(2026, 6, 3), resultaat="behaald"
    )
    assert controleer(dossier, "voldaan") == ["Examen Spreken op niveau B1 is niet behaald."]
    with pytest.raises(ValidationError):
        sluit_af(dossier, reden="voldaan", door=klantmanager)
    assert Dossier.objects.get(pk=dossier.pk).status != "afgerond"
    registreer_examen(
        dossier, door=klantmanager, onderdeel="spreken", niveau="B1", datum=dt.date(2026, 9, 3), resultaat="behaald"
    )
    sluit_af(dossier, reden="voldaan", door=klantmanager)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.afsluitreden) == ("afgerond", "voldaan")


def test_voldaan_accepts_a2_for_a_component_lowered_in_the_pip(dossier, klantmanager):
    stel_pip_vast(dossier, klantmanager, niveaus={"spreken": "A2"})
    _b1_voldaan(dossier, klantmanager, zonder="spreken")
    registreer_examen(
        dossier, door=klantmanager, onderdeel="spreken", niveau="A2", datum=dt.date(2026, 6, 3), resultaat="behaald"
    )
    assert controleer(dossier, "voldaan") == []


def test_voldaan_without_leerroute_says_so(dossier):
    assert controleer(dossier, "voldaan") == ["De leerroute is onbekend: er is geen vastgesteld PIP."]


def test_z_route_voldaan_needs_pvt_map_and_1600_hours(dossier, klantmanager, met_keurmerk, z_pip):
    registreer_pvt(dossier, door=klantmanager, resultaat="voldaan", ondertekend_op=dt.date(2026, 3, 1))
    registreer_map(dossier, door=klantmanager, resultaat="succesvol", eindgesprek_op=dt.date(2026, 9, 1))
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.Z_ROUTE, ketenpartner=met_keurmerk)
    wijzig_inschrijving_status(inschrijving, naar="gestart", door=klantmanager)
    assert controleer(dossier, "voldaan") == [
        "Taal (inclusief KNM): 0 van de 800 uur gevolgd.",
        "Participatie: 0 van de 800 uur gevolgd.",
    ]
    for maand in range(1, 9):
        for soort in ("taal", "participatie"):
            registreer_uren(
                inschrijving, periode=dt.date(2025, maand, 1), soort=soort, uren=Uren(Decimal(100)), door=klantmanager
            )
    assert controleer(dossier, "voldaan") == []


def test_vrijstelling_and_ontheffing_need_a_registration(dossier, klantmanager):
    assert controleer(dossier, "vrijstelling")
    assert controleer(dossier, "ontheffing")


def test_verhuisd_needs_new_gemeente_and_exported_package(dossier, klantmanager):
    assert controleer(dossier, "verhuisd") == [
        "Vul de nieuwe gemeente in.",
        "Het overdrachtspakket voor de nieuwe gemeente is nog niet geëxporteerd.",
    ]
    registreer_export(dossier, door=klantmanager, nieuwe_gemeente="Utrecht")
    gegevens = Afsluitgegevens(nieuwe_gemeente="Utrecht")
    assert controleer(dossier, "verhuisd", gegevens) == []
    sluit_af(dossier, reden="verhuisd", door=klantmanager, gegevens=gegevens)
    dossier.refresh_from_db()
    assert (dossier.afsluitreden, dossier.afsluiting.nieuwe_gemeente) == ("verhuisd", "Utrecht")


@pytest.mark.parametrize("reden", ["vertrokken", "overleden"])
def test_vertrokken_and_overleden_need_date_and_source(dossier, klantmanager, reden):
    assert controleer(dossier, reden) == [
        "Vul de datum in.",
        "Vul de bron van dit gegeven in (bijvoorbeeld BRP of IND).",
    ]
    assert controleer(dossier, reden, Afsluitgegevens(datum=dt.date(2026, 12, 1), bron="BRP")) == [
        "De datum kan niet in de toekomst liggen."
    ]
    sluit_af(dossier, reden=reden, door=klantmanager, gegevens=Afsluitgegevens(datum=dt.date(2026, 11, 2), bron="BRP"))
    dossier.refresh_from_db()
    assert dossier.afsluitreden == reden


def test_termijn_verstreken_only_after_the_end_and_keeps_data_for_duo(dossier, klantmanager, gemeente):
    nog_lopend = DossierFactory(gemeente=gemeente, klantmanager=klantmanager)
    stel_pip_vast(nog_lopend, klantmanager, dagtekening=dt.date(2023, 12, 1))  # termijn runs into December 2026
    ontbreekt = controleer(nog_lopend, "termijn_verstreken")
    assert ontbreekt and "loopt nog tot en met" in ontbreekt[0]
    with pytest.raises(ValidationError):
        sluit_af(nog_lopend, reden="termijn_verstreken", door=klantmanager)
    stel_pip_vast(dossier, klantmanager, dagtekening=dt.date(2023, 10, 1))  # termijn ended in October 2026
    assert controleer(dossier, "termijn_verstreken") == []
    sluit_af(dossier, reden="termijn_verstreken", door=klantmanager)
    dossier.refresh_from_db()
    assert dossier.afsluitreden == "termijn_verstreken"
    assert dossier.afsluiting.gegevens["leerroute"] == "b1"


def test_termijn_verstreken_without_pip_says_the_end_is_unknown(dossier):
    assert controleer(dossier, "termijn_verstreken") == [
        "Het einde van de inburgeringstermijn is onbekend: er is geen vastgesteld PIP."
    ]
