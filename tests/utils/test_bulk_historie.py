"""Records written in bulk (demo data, imports) have history from their first row on, so no edit loses a value."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.services import wijzig_inburgeraar
from koers.utils.bulk import bulk_invoegen, historie_model
from tests.factories import GebruikerFactory, GemeenteFactory


@pytest.mark.django_db
def test_an_edit_of_a_bulk_inserted_person_keeps_the_old_value_in_the_history():
    gemeente = GemeenteFactory()
    km = GebruikerFactory(rol="klantmanager", gemeente=gemeente)
    [persoon] = bulk_invoegen(
        Inburgeraar,
        [
            Inburgeraar(
                voornamen="Selam",
                achternaam="Haile",
                geboortedatum=dt.date(1990, 1, 1),
                nationaliteit="Eritrees",
                doelgroep="asielstatushouder",
            )
        ],
    )

    wijzig_inburgeraar(persoon, door=km, verwachte_versie=persoon.versie, achternaam="Haile-Tesfay")

    versies = list(persoon.history.order_by("history_date", "history_id").values_list("history_type", "achternaam"))
    assert versies == [("+", "Haile"), ("~", "Haile-Tesfay")]


@pytest.mark.django_db(transaction=False)
def test_every_seeded_record_of_every_history_model_has_a_first_history_row():
    call_command("seed_demo", "--size", "40", "--seed", "3")

    zonder_historie = {}
    for model in apps.get_models():
        historie = historie_model(model)
        if historie is None or not model._default_manager.exists():
            continue
        met_historie = set(historie.objects.values_list("id", flat=True).distinct())
        ontbrekend = model._default_manager.exclude(pk__in=met_historie).count()
        if ontbrekend:
            zonder_historie[model._meta.label] = ontbrekend
    assert zonder_historie == {}


def test_no_service_bulk_creates_a_history_model_without_its_history():
    """``Model.objects.bulk_create`` skips django-simple-history; history-tracked models go through bulk_invoegen."""
    import re
    from pathlib import Path

    import koers

    met_historie = {m.__name__ for m in apps.get_models() if historie_model(m) is not None}
    bron = Path(koers.__file__).parent
    overtredingen = [
        f"{pad.relative_to(bron)}: {naam}"
        for pad in bron.rglob("*.py")
        if "migrations" not in pad.parts
        for naam in re.findall(r"(\w+)\.objects\.bulk_create\(", pad.read_text(encoding="utf-8"))
        if naam in met_historie
    ]
    assert overtredingen == []
