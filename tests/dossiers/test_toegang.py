"""The access matrix: every role × own gemeente / other gemeente / shared / not shared, for list and detail."""

import pytest

from koers.audit.models import Toegangslog
from koers.dossiers import services
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory, GemeenteFactory, InburgeraarFactory, KetenpartnerFactory


@pytest.fixture
def wereld(db):
    tilburg = GemeenteFactory(naam="Tilburg", gemeentecode="0855")
    winterswijk = GemeenteFactory(naam="Winterswijk", gemeentecode="0294")
    from tests.factories import RegioFactory

    regio = RegioFactory(naam="Hart van Brabant")
    regio.gemeenten.add(tilburg)
    partner = KetenpartnerFactory(naam="Taalschool De Brug")
    ander_partner = KetenpartnerFactory(naam="Taalpunt")
    km = GebruikerFactory(username="km", rol="klantmanager", gemeente=tilburg)
    gebruikers = {
        "klantmanager": km,
        "teamleider": GebruikerFactory(username="tl", rol="teamleider", gemeente=tilburg),
        "functioneel_beheerder": GebruikerFactory(username="fb", rol="functioneel_beheerder", gemeente=tilburg),
        "beleidsmedewerker": GebruikerFactory(username="bm", rol="beleidsmedewerker", gemeente=tilburg),
        "ketenpartner_medewerker": GebruikerFactory(username="kp", rol="ketenpartner_medewerker", ketenpartner=partner),
        "andere_ketenpartner": GebruikerFactory(
            username="kp2", rol="ketenpartner_medewerker", ketenpartner=ander_partner
        ),
        "regiocoordinator": GebruikerFactory(username="rc", rol="regiocoordinator", regio=regio),
        "klantmanager_andere_gemeente": GebruikerFactory(username="kmw", rol="klantmanager", gemeente=winterswijk),
    }
    dossiers = {
        "eigen": DossierFactory(
            gemeente=tilburg, klantmanager=km, inburgeraar=InburgeraarFactory(achternaam="Eigenaar")
        ),
        "gedeeld": DossierFactory(
            gemeente=tilburg, klantmanager=km, inburgeraar=InburgeraarFactory(achternaam="Gedeeldmans")
        ),
        "andere_gemeente": DossierFactory(
            gemeente=winterswijk, inburgeraar=InburgeraarFactory(achternaam="Winterswijker")
        ),
    }
    services.deel_met_ketenpartner(dossiers["gedeeld"], ketenpartner=partner, doel="Taaltraject", door=km)
    return gebruikers, dossiers


ZICHTBAAR = {
    "klantmanager": {"eigen", "gedeeld"},
    "teamleider": {"eigen", "gedeeld"},
    "functioneel_beheerder": {"eigen", "gedeeld"},
    "beleidsmedewerker": set(),
    "ketenpartner_medewerker": {"gedeeld"},
    "andere_ketenpartner": set(),
    "regiocoordinator": {"eigen", "gedeeld"},
    "klantmanager_andere_gemeente": {"andere_gemeente"},
}
ACHTERNAAM = {"eigen": "Eigenaar", "gedeeld": "Gedeeldmans", "andere_gemeente": "Winterswijker"}


@pytest.mark.parametrize("rol", sorted(ZICHTBAAR))
@pytest.mark.parametrize("welk", sorted(ACHTERNAAM))
def test_dossier_detail_only_within_scope(wereld, rol, welk):
    gebruikers, dossiers = wereld
    client = verified_client(gebruikers[rol])
    antwoord = client.get(f"/dossiers/{dossiers[welk].pk}/")
    if welk in ZICHTBAAR[rol]:
        assert antwoord.status_code == 200
        assert ACHTERNAAM[welk] in antwoord.content.decode()
    elif rol == "beleidsmedewerker":
        # A role without any access to persons is refused the same way for every id, existing or not.
        assert antwoord.status_code == 403
        assert client.get("/dossiers/999999/").status_code == 403
        assert ACHTERNAAM[welk] not in antwoord.content.decode()
    else:
        # Outside the scope the dossier does not exist for this user: 404, never 403, so existence does not leak.
        assert antwoord.status_code == 404
        assert ACHTERNAAM[welk] not in antwoord.content.decode()


@pytest.mark.parametrize("rol", sorted(ZICHTBAAR))
def test_caseload_lists_only_dossiers_in_scope(wereld, rol):
    gebruikers, _dossiers = wereld
    client = verified_client(gebruikers[rol])
    antwoord = client.get("/dossiers/?alle=1")
    if rol == "beleidsmedewerker":
        assert antwoord.status_code == 403
        return
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    for welk, naam in ACHTERNAAM.items():
        assert (naam in inhoud) == (welk in ZICHTBAAR[rol]), (welk, rol)


@pytest.mark.parametrize("rol", sorted(ZICHTBAAR))
def test_only_editing_roles_of_the_own_gemeente_can_edit_person_data(wereld, rol):
    gebruikers, dossiers = wereld
    client = verified_client(gebruikers[rol])
    antwoord = client.get(f"/dossiers/{dossiers['gedeeld'].pk}/persoon/")
    mag = rol in {"klantmanager", "teamleider", "functioneel_beheerder"}
    assert (antwoord.status_code == 200) == mag
    if not mag:
        # In scope without the right to edit: 403 with a reason; outside the scope: 404.
        verwacht = 403 if "gedeeld" in ZICHTBAAR[rol] else 404
        assert antwoord.status_code == verwacht
        assert "Gedeeldmans" not in antwoord.content.decode()


def test_revoked_sharing_removes_access_for_the_partner(wereld):
    gebruikers, dossiers = wereld
    deling = dossiers["gedeeld"].delingen.get()
    services.trek_deling_in(deling, door=gebruikers["klantmanager"])
    client = verified_client(gebruikers["ketenpartner_medewerker"])
    assert client.get(f"/dossiers/{dossiers['gedeeld'].pk}/").status_code == 404


def test_unverified_login_without_second_factor_is_sent_to_the_login_page(wereld):
    from django.test import Client

    gebruikers, dossiers = wereld
    client = Client()
    client.force_login(gebruikers["klantmanager"])  # password only, no OTP device verified
    antwoord = client.get(f"/dossiers/{dossiers['eigen'].pk}/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/")
    assert not Toegangslog.objects.exists()


def test_caseload_search_by_name_bsn_and_v_nummer(wereld):
    gebruikers, dossiers = wereld
    client = verified_client(gebruikers["klantmanager"])
    persoon = dossiers["eigen"].inburgeraar
    for zoek in (persoon.achternaam, persoon.bsn, persoon.v_nummer, f"{persoon.voornamen} {persoon.achternaam}"):
        inhoud = client.get("/dossiers/", {"zoek": zoek}).content.decode()
        assert "Eigenaar" in inhoud, zoek
        assert "Gedeeldmans" not in inhoud, zoek


def test_caseload_page_costs_a_fixed_number_of_queries(wereld, django_assert_max_num_queries):
    gebruikers, dossiers = wereld
    tilburg = dossiers["eigen"].gemeente
    for _ in range(30):
        DossierFactory(gemeente=tilburg, klantmanager=gebruikers["klantmanager"])
    client = verified_client(gebruikers["klantmanager"])
    with django_assert_max_num_queries(12):
        antwoord = client.get("/dossiers/")
    assert antwoord.status_code == 200
    assert "Volgende pagina" in antwoord.content.decode()
