import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.aanbod.models import Inschrijving, Product
from koers.aanbod.services import KeurmerkOntbreekt, schrijf_in, wijzig_inschrijving_status
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.inburgeraars.models import Doelgroep

pytestmark = pytest.mark.django_db


def test_b1_route_for_asielstatushouder_at_provider_without_keurmerk_is_refused(dossier, klantmanager, zonder_keurmerk):
    with pytest.raises(KeurmerkOntbreekt) as fout:
        schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=zonder_keurmerk)
    assert fout.value.messages == [
        "Taalpunt heeft geen geldig Blik op Werk Keurmerk Inburgeren; een B1- of Z-route voor een asielstatushouder "
        "mag alleen bij een aanbieder met keurmerk worden ingekocht (Wet inburgering 2021)."
    ]
    assert not Inschrijving.objects.exists()
    assert not TijdlijnGebeurtenis.objects.filter(soort="aanbod").exists()


def test_z_route_at_provider_with_expired_keurmerk_is_refused(dossier, klantmanager, met_keurmerk):
    met_keurmerk.keurmerk_geldig_tot = dt.date(2026, 11, 14)
    met_keurmerk.save()
    with pytest.raises(KeurmerkOntbreekt):
        schrijf_in(dossier, door=klantmanager, product=Product.Z_ROUTE, ketenpartner=met_keurmerk)


def test_keurmerk_valid_until_today_is_accepted(dossier, klantmanager, met_keurmerk):
    met_keurmerk.keurmerk_geldig_tot = dt.date(2026, 11, 15)
    met_keurmerk.save()
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.Z_ROUTE, ketenpartner=met_keurmerk)
    assert inschrijving.aanbieder_keurmerk is True


def test_gezinsmigrant_may_follow_b1_route_without_keurmerk(dossier, klantmanager, zonder_keurmerk):
    dossier.inburgeraar.doelgroep = Doelgroep.GEZINSMIGRANT
    dossier.inburgeraar.save()
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=zonder_keurmerk)
    assert inschrijving.status == "aangemeld"
    assert inschrijving.aanbieder_keurmerk is False


def test_knm_for_asielstatushouder_needs_no_keurmerk(dossier, klantmanager, zonder_keurmerk):
    assert schrijf_in(dossier, door=klantmanager, product=Product.KNM, ketenpartner=zonder_keurmerk).pk


def test_enrolment_through_contract_takes_its_provider_and_writes_timeline(dossier, klantmanager, contract):
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, contract=contract)
    assert inschrijving.ketenpartner == contract.ketenpartner
    assert TijdlijnGebeurtenis.objects.filter(dossier=dossier, soort="aanbod").count() == 1


def test_contract_of_other_gemeente_is_refused(dossier, klantmanager, contract, andere_gemeente):
    contract.gemeente = andere_gemeente
    contract.save()
    with pytest.raises(ValidationError):
        schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, contract=contract)


def test_enrolment_follows_its_chain_and_refuses_jumps(dossier, klantmanager, met_keurmerk):
    inschrijving = schrijf_in(dossier, door=klantmanager, product=Product.B1_ROUTE, ketenpartner=met_keurmerk)
    with pytest.raises(ValidationError):
        wijzig_inschrijving_status(inschrijving, naar="afgerond", door=klantmanager)
    inschrijving = wijzig_inschrijving_status(inschrijving, naar="intake_aanbieder", door=klantmanager)
    inschrijving = wijzig_inschrijving_status(inschrijving, naar="gestart", door=klantmanager)
    with pytest.raises(ValidationError):
        wijzig_inschrijving_status(inschrijving, naar="afgebroken", door=klantmanager)  # needs a reason
    inschrijving = wijzig_inschrijving_status(inschrijving, naar="afgebroken", door=klantmanager, reden="verhuisd")
    assert inschrijving.status == "afgebroken"
    assert inschrijving.beeindigd_op == dt.date(2026, 11, 15)
