"""'Gegevens ophalen uit de BRP' on the registration form: prefills, asks only the registration fields, logs the
lookup, keeps what was typed when it fails, and saves nothing until the klantmanager registers."""

from __future__ import annotations

import pytest
import tinyhtml5

from koers.audit.models import Toegangslog
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Inburgeraar
from koers.koppelvlakken.brp.doelen import DOELEN
from tests.conftest import verified_client
from tests.factories import GebruikerFactory, registratie_gegevens

URL = "/dossiers/nieuw/"
KNOP = "Gegevens ophalen uit de BRP"
OPHALEN = {"gegevens_ophalen": "1"}
NS = "{http://www.w3.org/1999/xhtml}"


def _velden(antwoord) -> dict[str, str]:
    """What the browser shows in each field of the registration form (value, selected option, checked box)."""
    boom = tinyhtml5.parse(antwoord.content.decode())
    velden: dict[str, str] = {}
    for el in boom.iter(f"{NS}input"):
        naam, soort = el.get("name"), el.get("type", "text")
        if soort == "checkbox":
            velden[naam] = "on" if el.get("checked") is not None else ""
        elif soort not in ("hidden", "submit"):
            velden[naam] = el.get("value", "")
    for el in boom.iter(f"{NS}select"):
        gekozen = [o.get("value") for o in el.iter(f"{NS}option") if o.get("selected") is not None]
        velden[el.get("name")] = gekozen[0] if gekozen else ""
    for el in boom.iter(f"{NS}textarea"):
        velden[el.get("name")] = el.text or ""
    return velden


def _tekst(antwoord) -> str:
    return " ".join("".join(tinyhtml5.parse(antwoord.content.decode()).itertext()).split())


def _ophalen(client, **getypt):
    return client.post(URL, {"bsn": "", "talen": "", **getypt, **OPHALEN})


@pytest.fixture
def km(brp_aan, klantmanager):
    return verified_client(klantmanager)


def test_the_button_is_there_when_the_gemeente_has_the_koppeling_on(km):
    antwoord = km.get(URL)

    assert antwoord.status_code == 200
    assert KNOP in antwoord.content.decode()
    assert 'name="gegevens_ophalen"' in antwoord.content.decode()


def test_fetching_prefills_name_birth_date_gender_address_and_nationality_and_keeps_the_rest(km, brp_aan):
    antwoord = _ophalen(km, bsn="9999 900 19", talen="Arabisch, Engels", doelgroep="asielstatushouder")

    assert antwoord.status_code == 200
    velden = _velden(antwoord)
    assert velden["bsn"] == "999990019"
    assert velden["voornamen"] == "Amira Noor"
    assert velden["tussenvoegsel"] == ""
    assert velden["achternaam"] == "Haddad"
    assert velden["geboortedatum"] == "1991-03-14"
    assert velden["geslacht"] == "V"
    assert velden["adres"] == "Stationsstraat 12, 5038 EC Tilburg"
    assert velden["nationaliteit"] == "Syrische"
    assert velden["talen"] == "Arabisch, Engels"  # typed, not from the BRP: kept
    assert velden["doelgroep"] == "asielstatushouder"
    tekst = _tekst(antwoord)
    assert "Ingevuld uit de BRP: BSN, Voornamen, Achternaam, Geboortedatum, Geslacht, Nationaliteit, Adres." in tekst
    assert "er is nog niets opgeslagen" in tekst
    assert "Er is 1 fout" not in tekst and "fouten in het formulier" not in tekst  # empty fields are no errors yet
    assert KNOP in tekst  # one can fetch again, e.g. after correcting the BSN


def test_only_the_fields_of_the_purpose_registratie_are_asked(km, brp_aan):
    _ophalen(km, bsn="999990019")

    (verzoek,) = brp_aan.verzoeken
    assert verzoek["body"]["fields"] == list(DOELEN["registratie"].velden)
    assert verzoek["body"]["burgerservicenummer"] == ["999990019"]


def test_the_notes_of_the_mapping_are_shown(km):
    antwoord = _ophalen(km, bsn="999990044", geboortedatum="1988-07-01")

    tekst = _tekst(antwoord)
    assert "Let op bij deze gegevens" in tekst
    assert "De geboortedatum in de BRP is niet volledig bekend: vul die zelf in." in tekst
    assert "geheimhouding van persoonsgegevens" in tekst
    velden = _velden(antwoord)
    assert velden["geboortedatum"] == "1988-07-01"  # the BRP knows only July 1988: what was typed stays
    assert velden["achternaam"] == "Karimi"
    assert velden["nationaliteit"] == "Staatloos"


def test_a_name_in_onderzoek_is_pointed_out(km):
    antwoord = _ophalen(km, bsn="999990032")

    assert "Let op: een deel van deze gegevens is bij de BRP in onderzoek." in _tekst(antwoord)
    assert _velden(antwoord)["adres"] == "Burgemeester Brokxlaan 1201b-3, 5041 SG Tilburg"


def test_an_unknown_bsn_is_said_at_the_bsn_field_and_the_typed_input_stays(km, brp_aan):
    antwoord = _ophalen(km, bsn="999990068", voornamen="Samira", achternaam="Osman", talen="Somalisch")

    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Er staat geen persoon met dit BSN in de BRP." in _tekst(antwoord)
    assert 'href="#id_bsn"' in inhoud and 'aria-invalid="true"' in inhoud  # in the error summary, at the field
    velden = _velden(antwoord)
    assert (velden["bsn"], velden["voornamen"], velden["achternaam"], velden["talen"]) == (
        "999990068",
        "Samira",
        "Osman",
        "Somalisch",
    )
    assert len(brp_aan.verzoeken) == 1


def test_an_invalid_bsn_is_refused_without_asking_the_brp(km, brp_aan):
    antwoord = _ophalen(km, bsn="123456789", achternaam="Osman")

    assert "elfproef" in _tekst(antwoord)
    assert 'href="#id_bsn"' in antwoord.content.decode()
    assert _velden(antwoord)["achternaam"] == "Osman"
    assert brp_aan.verzoeken == []
    assert not Toegangslog.objects.filter(omschrijving="BRP bevraging").exists()


def test_an_empty_bsn_asks_for_one(km, brp_aan):
    antwoord = _ophalen(km, bsn="", achternaam="Osman")

    assert "Vul het BSN in om gegevens op te halen." in _tekst(antwoord)
    assert brp_aan.verzoeken == []


def test_brp_unavailable_gives_a_dutch_notice_and_keeps_the_input(km, brp_aan):
    brp_aan.storing = 503

    antwoord = _ophalen(km, bsn="999990019", voornamen="Amira", achternaam="Haddad", geboortedatum="1991-03-14")

    assert antwoord.status_code == 200
    tekst = _tekst(antwoord)
    assert "De BRP is nu niet bereikbaar. Probeer het later opnieuw of vul de gegevens met de hand in." in tekst
    assert 'aria-invalid="true"' not in antwoord.content.decode()  # the BSN is not what is wrong
    velden = _velden(antwoord)
    assert (velden["voornamen"], velden["achternaam"], velden["geboortedatum"]) == ("Amira", "Haddad", "1991-03-14")
    assert Toegangslog.objects.filter(omschrijving="BRP bevraging").count() == 1  # asked, so logged


def test_the_lookup_is_in_the_access_log_with_the_registration_purpose(km, klantmanager):
    _ophalen(km, bsn="999990019")

    (rij,) = Toegangslog.objects.filter(omschrijving="BRP bevraging")
    assert rij.gebruikersnaam == klantmanager.username
    assert rij.actie == Toegangslog.Actie.RAADPLEGEN
    assert rij.verwerkingsactiviteit == "registratie-inburgeraar"
    assert rij.gemeente_id == klantmanager.gemeente_id
    assert rij.pad == URL
    assert rij.inburgeraar_id is None
    assert "999990019" not in rij.omschrijving


def test_fetching_saves_nothing_and_registering_afterwards_does(km, brp_aan):
    opgehaald = _velden(_ophalen(km, bsn="999990019", doelgroep="asielstatushouder"))

    assert not Inburgeraar.objects.exists() and not Dossier.objects.exists()

    antwoord = km.post(URL, {**{k: v for k, v in opgehaald.items() if v}, "talen": "Arabisch"})

    assert antwoord.status_code == 302
    persoon = Inburgeraar.objects.get()
    assert (persoon.voornamen, persoon.achternaam, persoon.bsn) == ("Amira Noor", "Haddad", "999990019")
    assert persoon.adres == "Stationsstraat 12, 5038 EC Tilburg"
    assert Dossier.objects.filter(inburgeraar=persoon).count() == 1
    assert len(brp_aan.verzoeken) == 1  # registering does not ask the BRP again


def test_fetching_does_not_consume_the_duplicate_check(km, brp_aan, gemeente):
    from tests.factories import DossierFactory, InburgeraarFactory

    DossierFactory(gemeente=gemeente, inburgeraar=InburgeraarFactory(bsn="999990019"))
    opgehaald = _velden(_ophalen(km, bsn="999990019", doelgroep="asielstatushouder"))

    antwoord = km.post(URL, {k: v for k, v in opgehaald.items() if v})

    assert "Er bestaat al een persoon met dit BSN" in _tekst(antwoord)
    assert Inburgeraar.objects.filter(bsn="999990019").count() == 1


def test_no_button_when_the_koppeling_is_off(brp_aan, andere_gemeente):
    km_winterswijk = verified_client(GebruikerFactory(rol="klantmanager", gemeente=andere_gemeente))

    antwoord = km_winterswijk.get(URL)

    assert antwoord.status_code == 200
    assert KNOP not in antwoord.content.decode()
    assert "gegevens_ophalen" not in antwoord.content.decode()


def test_no_button_without_any_brp_configuration(settings, km_client):
    settings.BRP_GEMEENTEN = {}

    assert KNOP not in km_client.get(URL).content.decode()


def test_the_fetch_button_never_saves_even_when_the_koppeling_went_off(brp_aan, andere_gemeente):
    km_winterswijk = verified_client(GebruikerFactory(rol="klantmanager", gemeente=andere_gemeente))

    antwoord = km_winterswijk.post(URL, registratie_gegevens(bsn="999990019", **OPHALEN))

    assert antwoord.status_code == 200
    assert "Gegevens ophalen is voor uw gemeente niet beschikbaar" in _tekst(antwoord)
    assert _velden(antwoord)["achternaam"] == "Tesfay"
    assert not Inburgeraar.objects.exists()
    assert brp_aan.verzoeken == []
