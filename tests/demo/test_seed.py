import pytest
from django.core.management import call_command

from koers.accounts.models import Gebruiker, Gemeente
from koers.dossiers.models import Dossier
from koers.dossiers.status import Status
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.validators import valideer_bsn


@pytest.mark.django_db(transaction=False)
def test_seed_demo_fills_every_status_with_realistic_people_and_prints_logins(capsys):
    call_command("seed_demo", "--size", "150", "--seed", "7")
    uitvoer = capsys.readouterr().out
    assert "km.tilburg" in uitvoer and "Koers-demo-2026!" in uitvoer and "reservecodes" in uitvoer
    assert set(Dossier.objects.values_list("status", flat=True)) == set(Status.values)
    assert Gemeente.objects.filter(naam__in=["Tilburg", "Winterswijk", "Oost Gelre", "Heusden"]).count() == 4
    assert Gebruiker.objects.filter(rol="klantmanager", gemeente__naam="Tilburg").count() >= 3
    for bsn in Inburgeraar.objects.exclude(bsn="").values_list("bsn", flat=True)[:50]:
        valideer_bsn(bsn)
    assert Inburgeraar.objects.filter(nationaliteit="Syrisch").exists()
    assert Inburgeraar.objects.filter(gezinsleden__soort="partner").exists()
    assert not Dossier.objects.filter(status="afgerond", afsluitreden="").exists()


class _TerugDraaien(Exception):
    pass


def _genereer(seed_nummer: int) -> list:
    from django.db import transaction

    from koers.demo.seed import seed

    resultaat = []
    try:
        with transaction.atomic():
            seed(grootte=30, seed=seed_nummer)
            resultaat = list(Inburgeraar.objects.order_by("pk").values_list("achternaam", "bsn", "geboortedatum"))
            raise _TerugDraaien
    except _TerugDraaien:
        pass
    return resultaat


@pytest.mark.django_db
def test_seed_demo_is_deterministic_for_a_seed():
    eerste = _genereer(11)
    assert eerste
    assert _genereer(11) == eerste
    assert _genereer(12) != eerste


@pytest.mark.django_db
def test_demo_login_reserve_code_passes_the_second_factor():
    from django.test import Client

    from koers.demo.seed import DEMO_WACHTWOORD, demo_reservecode, seed

    seed(grootte=5, seed=3)
    client = Client()
    antwoord = client.post(
        "/inloggen/", {"username": "km.tilburg", "password": DEMO_WACHTWOORD, "code": demo_reservecode("km.tilburg", 0)}
    )
    assert antwoord.status_code == 302
    assert client.get("/dossiers/").status_code == 200


@pytest.mark.django_db(transaction=False)
def test_every_printed_reserve_code_works_for_every_user_and_a_used_one_is_not_printed_again(capsys):
    import re

    from django.test import Client

    from koers.demo.management.commands.seed_demo import GETOONDE_LOGINS
    from koers.demo.seed import DEMO_WACHTWOORD

    call_command("seed_demo", "--size", "20", "--seed", "5")
    uitvoer = capsys.readouterr().out
    codes = dict(re.findall(r"^\s+(\S+)\s.*reservecodes: (\d{8}),", uitvoer, re.M))
    assert set(codes) == set(GETOONDE_LOGINS)

    for gebruikersnaam, code in codes.items():
        client = Client()
        antwoord = client.post("/inloggen/", {"username": gebruikersnaam, "password": DEMO_WACHTWOORD, "code": code})
        assert antwoord.status_code == 302, gebruikersnaam
        client.post("/uitloggen/")

    call_command("seed_demo")  # the demo started a second time on the same database
    tweede_keer = capsys.readouterr().out
    assert "Er staat al demodata" in tweede_keer
    for gebruikersnaam, code in codes.items():
        assert code not in tweede_keer, gebruikersnaam
