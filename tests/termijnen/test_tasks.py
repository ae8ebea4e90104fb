"""The daily Celery jobs: newly overdue deadlines on the timeline (once), and the e-mail digest."""

import pytest
from django.core import mail

from koers.dossiers.models import TijdlijnGebeurtenis
from koers.termijnen import services, tasks
from koers.termijnen.models import GemeenteInstelling, Termijn
from tests.factories import DossierFactory

from .helpers import D, op

pytestmark = pytest.mark.django_db


@pytest.fixture
def termijnen(gemeente, klantmanager):
    klantmanager.email = "km@tilburg.example"
    klantmanager.save()
    verlopen = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, aangemeld_op=D(2026, 8, 20))
    binnenkort = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, aangemeld_op=D(2026, 9, 1))
    later = DossierFactory(gemeente=gemeente, klantmanager=klantmanager, aangemeld_op=D(2026, 10, 20))
    for d in (verlopen, binnenkort, later):
        services.zorg_voor_startgebeurtenis(d)
    return verlopen, binnenkort, later


def verlopen_meldingen():
    return TijdlijnGebeurtenis.objects.filter(soort="termijn_verlopen")


def test_newly_overdue_deadline_gets_one_timeline_entry_and_not_twice(termijnen):
    verlopen, *_rest = termijnen
    with op(D(2026, 11, 1)):
        assert tasks.meld_verlopen_termijnen.delay().get()["verlopen"] == 1
        assert tasks.meld_verlopen_termijnen()["verlopen"] == 0
    melding = verlopen_meldingen().get()
    assert melding.dossier_id == verlopen.pk
    assert "PIP vaststellen" in melding.titel and "29 oktober 2026" in melding.titel
    assert Termijn.objects.get(dossier=verlopen).overdue_gemeld_op is not None
    assert Termijn.objects.filter(overdue_gemeld_op__isnull=True).count() == 2


def test_a_deadline_that_moves_later_and_falls_overdue_again_is_reported_again(termijnen, klantmanager):
    verlopen, *_rest = termijnen
    with op(D(2026, 11, 1)):
        tasks.meld_verlopen_termijnen()
    services.registreer_feit(verlopen, soort="info_gevraagd", datum=D(2026, 10, 1), door=klantmanager)
    services.registreer_feit(verlopen, soort="info_ontvangen", datum=D(2026, 11, 2), door=klantmanager)
    with op(D(2026, 11, 20)):
        tasks.meld_verlopen_termijnen()
    assert verlopen_meldingen().filter(dossier=verlopen).count() == 2


def test_closed_windows_lapse_instead_of_being_reported_overdue(dossier, klantmanager):
    services.registreer_feit(dossier, soort="pip_vastgesteld", datum=D(2026, 10, 15), door=klantmanager)
    with op(D(2028, 5, 1)):
        tasks.meld_verlopen_termijnen()
    assert Termijn.objects.get(dossier=dossier, soort="schakelen").status == "vervallen"
    assert not verlopen_meldingen().filter(gegevens__soort="schakelen").exists()


def test_digest_mails_each_klantmanager_their_overdue_and_soon_due_deadlines(termijnen):
    verlopen, binnenkort, later = termijnen
    with op(D(2026, 11, 1)):
        assert tasks.verstuur_digest() == 1
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["km@tilburg.example"]
    assert "1 verlopen en 1 bijna verlopen" in bericht.subject
    assert f"Dossier {verlopen.pk}: PIP vaststellen" in bericht.body
    assert f"Dossier {binnenkort.pk}" in bericht.body and f"Dossier {later.pk}" not in bericht.body
    assert verlopen.inburgeraar.achternaam not in bericht.body  # no personal data in e-mail


def test_no_digest_for_a_gemeente_that_turned_it_off(termijnen, gemeente):
    GemeenteInstelling.objects.create(gemeente=gemeente, digest_versturen=False)
    with op(D(2026, 11, 1)):
        assert tasks.verstuur_digest() == 0
    assert mail.outbox == []
