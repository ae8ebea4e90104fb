"""factory-boy factories for the core models. App-specific factories live next to their tests."""

from __future__ import annotations

import datetime as dt

import factory
from stdnum.nl import bsn as stdnum_bsn

from koers.accounts.models import Gebruiker, Gemeente, Ketenpartner, Regio
from koers.dossiers.models import Dossier
from koers.inburgeraars.models import Doelgroep, Inburgeraar


def geldig_bsn(n: int) -> str:
    """The n-th valid BSN from a fixed start, for unique, elfproef-valid test numbers."""
    kandidaat = 100000000 + n * 100  # a valid number lies within ~11 of any start: windows never overlap
    while True:
        tekst = f"{kandidaat:09d}"
        if stdnum_bsn.is_valid(tekst):
            return tekst
        kandidaat += 1


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("gemeentecode",)

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n:04d}")


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Regio {n}")


class KetenpartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ketenpartner

    naam = factory.Sequence(lambda n: f"Taalaanbieder {n}")
    soort = Ketenpartner.Soort.TAALAANBIEDER
    keurmerk = True
    keurmerk_nummer = "BOW-1"
    keurmerk_geldig_tot = dt.date(2030, 1, 1)


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    rol = "klantmanager"
    password = factory.django.Password("Koers-test-2026!")


class InburgeraarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    bsn = factory.Sequence(geldig_bsn)
    v_nummer = factory.Sequence(lambda n: f"{1000000000 + n}")
    voornamen = "Amina"
    achternaam = factory.Sequence(lambda n: f"Haddad{n}")
    geboortedatum = dt.date(1990, 5, 17)
    geslacht = "V"
    nationaliteit = "Syrisch"
    talen = "Arabisch"
    doelgroep = Doelgroep.ASIELSTATUSHOUDER


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    aangemeld_op = dt.date(2026, 9, 1)


def registratie_gegevens(**extra) -> dict:
    """What the registration form posts for a plausible new inburgeraar; ``extra`` overrides fields."""
    return {
        "voornamen": "Yonas",
        "achternaam": "Tesfay",
        "geboortedatum": "1994-02-03",
        "geslacht": "M",
        "nationaliteit": "Eritrees",
        "doelgroep": "asielstatushouder",
        "bsn": "",
        "v_nummer": "",
        **extra,
    }
