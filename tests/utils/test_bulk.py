import datetime as dt

import pytest

from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.inburgeraars.models import Inburgeraar
from koers.utils.bulk import bulk_invoegen
from tests.factories import DossierFactory, GemeenteFactory


@pytest.mark.django_db
def test_bulk_insert_assigns_ids_and_stores_every_field_including_json():
    gemeente = GemeenteFactory()
    personen = [
        Inburgeraar(
            voornamen="Selam",
            achternaam=f"Haile{i}",
            geboortedatum=dt.date(1990, 1, 1 + i),
            nationaliteit="Eritrees",
            doelgroep="asielstatushouder",
        )
        for i in range(3)
    ]
    bulk_invoegen(Inburgeraar, personen)
    assert all(p.pk for p in personen)
    dossiers = bulk_invoegen(
        Dossier, [Dossier(inburgeraar=p, gemeente=gemeente, aangemeld_op=dt.date(2026, 1, 5)) for p in personen]
    )
    gebeurtenis = TijdlijnGebeurtenis(
        dossier=dossiers[0],
        soort="test",
        titel="Aangemeld",
        tijdstip=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        gegevens={"a": [1, "ü"]},
    )
    bulk_invoegen(TijdlijnGebeurtenis, [gebeurtenis])
    opgeslagen = TijdlijnGebeurtenis.objects.get(pk=gebeurtenis.pk)
    assert opgeslagen.gegevens == {"a": [1, "ü"]}
    assert Dossier.objects.get(pk=dossiers[2].pk).inburgeraar.achternaam == "Haile2"
    assert Dossier.objects.get(pk=dossiers[0].pk).versie == 1
    # the sequence moved on: a normal insert afterwards does not collide
    assert DossierFactory(gemeente=gemeente).pk > max(d.pk for d in dossiers)
