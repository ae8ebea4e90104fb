import itertools

import pytest
from django.core.exceptions import ValidationError

from koers.dossiers import services
from koers.dossiers.models import Dossier
from koers.dossiers.status import Afsluitreden, Status, overgang_toegestaan

TOEGESTAAN = {
    ("aangemeld", "intake"),
    ("intake", "pip_in_voorbereiding"),
    ("pip_in_voorbereiding", "pip_vastgesteld"),
    ("pip_in_voorbereiding", "intake"),
    ("pip_vastgesteld", "in_uitvoering"),
    *((s, "afgerond") for s in Status.values if s != "afgerond"),
}


@pytest.mark.parametrize(("van", "naar"), list(itertools.product(Status.values, Status.values)))
def test_transition_table_allows_exactly_the_chain(van, naar):
    assert overgang_toegestaan(van, naar) == ((van, naar) in TOEGESTAAN)


@pytest.mark.django_db
@pytest.mark.parametrize(("van", "naar"), sorted(TOEGESTAAN))
def test_allowed_transition_changes_status_and_writes_timeline(dossier, klantmanager, van, naar):
    Dossier.objects.filter(pk=dossier.pk).update(status=van)
    dossier.refresh_from_db()
    reden = Afsluitreden.VERTROKKEN if naar == "afgerond" else ""
    services.wijzig_status(dossier, naar=naar, door=klantmanager, afsluitreden=reden)
    dossier.refresh_from_db()
    assert dossier.status == naar
    assert dossier.versie == 2
    assert dossier.tijdlijn.filter(soort="status").count() == 1


FORBIDDEN = sorted(set(itertools.product(Status.values, Status.values)) - TOEGESTAAN)


@pytest.mark.django_db
@pytest.mark.parametrize(("van", "naar"), FORBIDDEN)
def test_forbidden_transition_is_refused_and_nothing_changes(dossier, klantmanager, van, naar):
    Dossier.objects.filter(pk=dossier.pk).update(
        status=van,
        afsluitreden="vertrokken" if van == "afgerond" else "",
        afgesloten_op="2026-10-01" if van == "afgerond" else None,
    )
    dossier.refresh_from_db()
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(dossier, naar=naar, door=klantmanager, afsluitreden="vertrokken")
    assert "kan niet naar" in fout.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.status == van
    assert not dossier.tijdlijn.exists()


@pytest.mark.django_db
def test_closing_without_reason_is_refused(dossier, klantmanager):
    with pytest.raises(ValidationError):
        services.wijzig_status(dossier, naar="afgerond", door=klantmanager)
    dossier.refresh_from_db()
    assert dossier.status == "aangemeld"


@pytest.mark.django_db
def test_stale_version_is_refused_instead_of_overwriting(dossier, klantmanager):
    from koers.utils.concurrency import VersieConflict

    services.wijzig_status(dossier, naar="intake", door=klantmanager, verwachte_versie=1)
    with pytest.raises(VersieConflict):
        services.wijzig_status(
            dossier, naar="afgerond", door=klantmanager, verwachte_versie=1, afsluitreden="vertrokken"
        )
    dossier.refresh_from_db()
    assert dossier.status == "intake"


@pytest.mark.django_db
def test_status_page_refuses_forbidden_transition_with_message_and_keeps_status(dossier, km_client):
    antwoord = km_client.post(f"/dossiers/{dossier.pk}/status/", {"naar": "in_uitvoering", "versie": 1})
    assert antwoord.status_code == 200
    dossier.refresh_from_db()
    assert dossier.status == "aangemeld"
    assert km_client.post(f"/dossiers/{dossier.pk}/status/", {"naar": "intake", "versie": 1}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "intake"


@pytest.mark.django_db
def test_household_member_added_from_the_dossier_appears_with_timeline_entry(dossier, km_client):
    antwoord = km_client.post(f"/dossiers/{dossier.pk}/gezinslid/", {"soort": "kind", "naam": "Selam Haddad"})
    assert antwoord.status_code == 302
    pagina = km_client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Selam Haddad" in pagina
    assert dossier.tijdlijn.filter(soort="huishouden").exists()


@pytest.mark.django_db
def test_koppeling_recorded_from_the_dossier_shows_gemeente_date_and_azc(dossier, gemeente, km_client):
    antwoord = km_client.post(
        f"/dossiers/{dossier.pk}/koppeling/",
        {"gemeente": gemeente.pk, "datum": "2026-09-14", "azc_locatie": "AZC Gilze"},
    )
    assert antwoord.status_code == 302
    pagina = km_client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "AZC Gilze" in pagina and "14 september 2026" in pagina
    assert dossier.tijdlijn.filter(soort="koppeling").exists()
