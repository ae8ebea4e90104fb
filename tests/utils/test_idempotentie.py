"""The one-time form key mechanism itself (the views using it are tested per app, e.g. tests/aanbod/test_eenmalig)."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import Context, Template
from django.test import RequestFactory

from koers.utils.idempotentie import eenmalig, ruim_op
from koers.utils.models import Formulierverzending
from tests.factories import GebruikerFactory, GemeenteFactory

pytestmark = pytest.mark.django_db


@eenmalig
def maak_gemeente(request):
    g = GemeenteFactory()
    return redirect(f"/gemeenten/{g.pk}/")


def _post(user, data):
    request = RequestFactory().post("/maak/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_same_key_twice_creates_once_and_sends_to_the_first_result(db):
    from koers.accounts.models import Gemeente

    user = GebruikerFactory(gemeente=GemeenteFactory())
    sleutel = uuid.uuid4().hex
    voor = Gemeente.objects.count()
    eerste = maak_gemeente(_post(user, {"formuliersleutel": sleutel}))
    tweede_request = _post(user, {"formuliersleutel": sleutel})
    tweede = maak_gemeente(tweede_request)
    assert Gemeente.objects.count() == voor + 1
    assert tweede["Location"] == eerste["Location"]
    assert [str(m) for m in tweede_request._messages] == [
        "Dit formulier was al verzonden; hieronder ziet u het resultaat."
    ]


def test_an_invalid_or_missing_key_leaves_the_view_as_it_was(db):
    user = GebruikerFactory(gemeente=GemeenteFactory())
    maak_gemeente(_post(user, {"formuliersleutel": "niet-een-sleutel"}))
    maak_gemeente(_post(user, {}))
    assert not Formulierverzending.objects.exists()


def test_a_page_shown_again_stores_nothing():
    @eenmalig
    def fout(request):
        return HttpResponse("fout", status=200)

    assert (
        fout(_post(GebruikerFactory(gemeente=GemeenteFactory()), {"formuliersleutel": uuid.uuid4().hex})).status_code
        == 200
    )
    assert not Formulierverzending.objects.exists()


def test_the_template_tag_renders_a_fresh_hidden_key_each_time():
    sjabloon = Template("{% load eenmalig %}{% formuliersleutel %}")
    een, twee = sjabloon.render(Context()), sjabloon.render(Context())
    assert 'type="hidden" name="formuliersleutel"' in een
    assert een != twee


def test_old_keys_are_cleaned_up():
    user = GebruikerFactory(gemeente=GemeenteFactory())
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        Formulierverzending.objects.create(gebruiker=user, sleutel=uuid.uuid4(), resultaat_url="/oud/")
    with time_machine.travel(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)):
        Formulierverzending.objects.create(gebruiker=user, sleutel=uuid.uuid4(), resultaat_url="/nieuw/")
        assert ruim_op() == 1
    assert list(Formulierverzending.objects.values_list("resultaat_url", flat=True)) == ["/nieuw/"]


AANMAAKVIEWS = {
    "aanbod": [
        "inschrijven",
        "inschrijving_status",
        "examen",
        "pvt",
        "map_module",
        "gesprekken_plannen",
        "gesprek",
        "ontzorgen",
        "sanctie",
        "sanctie_besluit",
        "afsluiten",
        "overdracht",
        "klasuren",
        "inschrijving_klas",
        "klaslijst",
    ],
    "dossiers": ["registreren", "gezinslid_toevoegen", "koppeling_toevoegen", "status_wijzigen", "delen"],
    "intake": [
        "starten",
        "gesprekken",
        "uitnodiging_toevoegen",
        "opkomst",
        "lbt",
        "vrijstelling",
        "ontheffing",
        "besluit",
        "sanctie_beslissen",
    ],
    "pip": [
        "nieuw",
        "onderdeel_toevoegen",
        "indienen",
        "beoordelen",
        "vaststellen",
        "wijzigen",
        "bezwaar",
        "bezwaar_beslissen",
    ],
}


@pytest.mark.parametrize(
    "app,view", [(app, view) for app, views in AANMAAKVIEWS.items() for view in views], ids=lambda v: str(v)
)
def test_every_create_view_uses_the_one_time_key(app, view):
    import importlib

    assert getattr(getattr(importlib.import_module(f"koers.{app}.views"), view), "eenmalig", False)


@pytest.mark.django_db
def test_the_nightly_job_forgets_form_keys_older_than_a_month_and_keeps_recent_ones(settings):
    from koers.utils.tasks import ruim_formuliersleutels_op

    gebruiker = GebruikerFactory(rol="klantmanager", gemeente=GemeenteFactory())
    oud, recent = uuid.uuid4(), uuid.uuid4()
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False):
        Formulierverzending.objects.create(gebruiker=gebruiker, sleutel=oud, resultaat_url="/a/")
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        Formulierverzending.objects.create(gebruiker=gebruiker, sleutel=recent, resultaat_url="/b/")
    with time_machine.travel(dt.datetime(2026, 12, 1, 3, 15, tzinfo=dt.UTC), tick=False):
        assert ruim_formuliersleutels_op.delay().get() == 1

    assert list(Formulierverzending.objects.values_list("sleutel", flat=True)) == [recent]
    assert "formuliersleutels-opruimen" in settings.CELERY_BEAT_SCHEDULE
