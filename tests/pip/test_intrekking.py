"""A plausible dagtekening, and correcting a mistaken beschikking: intrekking with a replacing beschikking, or
rectification of an obvious clerical error. Both audited; the earlier PDF is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError

from koers.audit.models import Toegangslog
from koers.dossiers.models import TijdlijnGebeurtenis
from koers.pip import services
from koers.pip.models import PIP, Beschikkingsreeks, Correctie
from koers.termijnen.models import Termijn, Termijnfeit
from koers.utils.concurrency import VersieConflict
from tests.conftest import verified_client
from tests.factories import DossierFactory, GebruikerFactory

D = dt.date


def op(datum: dt.date):
    return time_machine.travel(
        dt.datetime(datum.year, datum.month, datum.day, 12, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    )


def termijn(dossier, soort="inburgeringstermijn") -> Termijn:
    return Termijn.objects.get(dossier=dossier, soort=soort)


def pdf_pad(naam: str) -> Path:
    return Path(settings.MEDIA_ROOT) / naam


@pytest.fixture
def verkeerd_gedateerd(vastgesteld, pip_dossier):
    """The defect from the review: a beschikking dated 1-1-2030 (written before dagtekeningen were checked)."""
    PIP.objects.filter(pk=vastgesteld.pk).update(dagtekening=D(2030, 1, 1))
    Termijnfeit.objects.filter(dossier=pip_dossier, soort="pip_vastgesteld").update(datum=D(2030, 1, 1))
    from koers.termijnen.services import herbereken

    herbereken(pip_dossier)
    assert termijn(pip_dossier).begindatum == D(2030, 1, 2)
    return PIP.objects.get(pk=vastgesteld.pk)


# --- the dagtekening at vaststelling -------------------------------------------------------------------------


def test_vaststellen_refuses_a_dagtekening_in_the_future_and_saves_nothing(concept, klantmanager, pip_dossier):
    with op(D(2026, 10, 20)), pytest.raises(ValidationError, match="toekomst"):
        services.stel_vast(concept, door=klantmanager, dagtekening=D(2030, 1, 1))

    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "concept" and pip.beschikkingsnummer is None and pip.dagtekening is None and not pip.pdf
    assert not Termijnfeit.objects.filter(dossier=pip_dossier, soort="pip_vastgesteld").exists()
    assert not Beschikkingsreeks.objects.filter(jaar=2030).exists()


def test_vaststellen_refuses_a_dagtekening_before_the_route_decision(concept, klantmanager):
    with op(D(2026, 10, 20)), pytest.raises(ValidationError, match="routebesluit"):
        services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 10, 1))
    assert PIP.objects.get(pk=concept.pk).status == "concept"


def test_vaststellen_refuses_a_dagtekening_before_the_wijziging_was_drafted(vastgesteld, klantmanager, pip_dossier):
    with op(D(2026, 12, 1)):
        concept = services.start_wijziging(pip_dossier, reden="overig", toelichting="Meer uren.", door=klantmanager)
        with pytest.raises(ValidationError, match="opstellen van deze PIP"):
            services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 11, 20))
    assert PIP.objects.get(pk=concept.pk).status == "concept"


def test_vaststellen_accepts_today(concept, klantmanager):
    with op(D(2026, 10, 20)):
        pip = services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 10, 20))
    assert pip.status == "vastgesteld" and pip.beschikkingsnummer == "PIP-0855-2026-000001"


def test_vaststellen_page_shows_a_dutch_error_for_a_future_dagtekening(km_client, concept, pip_dossier):
    url = f"/dossiers/{pip_dossier.pk}/pip/{concept.pk}/vaststellen/"
    with op(D(2026, 10, 20)):
        antwoord = km_client.post(url, {"dagtekening": "2030-01-01", "versie": concept.versie, "bevestig": "on"})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "De dagtekening kan niet in de toekomst liggen" in html
    assert 'aria-invalid="true"' in html
    pip = PIP.objects.get(pk=concept.pk)
    assert pip.status == "concept" and pip.beschikkingsnummer is None


# --- intrekking with a replacing beschikking -----------------------------------------------------------------


def test_intrekking_replaces_the_beschikking_keeps_its_pdf_and_the_termijn(vastgesteld, klantmanager, pip_dossier):
    termijn_voor = termijn(pip_dossier)
    oude_pdf, oude_sha = vastgesteld.pdf.name, vastgesteld.pdf_sha256
    with op(D(2026, 11, 2)):
        concept = services.start_intrekking(
            vastgesteld,
            door=klantmanager,
            grond="inhoudelijk",
            reden="De aanbieder in de beschikking is onjuist.",
            verwachte_versie=vastgesteld.versie,
        )
        # the beschikking stays in force until the replacing one is vastgesteld
        assert PIP.objects.get(pk=vastgesteld.pk).status == "vastgesteld"
        assert concept.volgnummer == 2 and concept.wijzigingsreden == "intrekking" and concept.status == "concept"
        assert concept.onderdelen.count() == 2
        nieuw = services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 11, 2))

    oud = PIP.objects.get(pk=vastgesteld.pk)
    assert oud.status == "ingetrokken"
    assert (oud.pdf.name, oud.pdf_sha256) == (oude_pdf, oude_sha) and pdf_pad(oude_pdf).exists()
    assert nieuw.status == "vastgesteld" and nieuw.beschikkingsnummer == "PIP-0855-2026-000002"
    correctie = Correctie.objects.get(pip=oud)
    assert correctie.soort == "intrekking" and correctie.vervangen_door == nieuw
    assert correctie.reden == "De aanbieder in de beschikking is onjuist." and correctie.door == klantmanager
    # Wi2021 art. 11 lid 3: the termijn still runs from the first PIP's dagtekening
    termijn_na = termijn(pip_dossier)
    assert (termijn_na.begindatum, termijn_na.datum) == (termijn_voor.begindatum, termijn_voor.datum)
    assert termijn_na.begindatum == D(2026, 10, 16)
    titels = list(TijdlijnGebeurtenis.objects.filter(dossier=pip_dossier).values_list("titel", flat=True))
    assert any("ingetrokken" in t and "PIP-0855-2026-000001" in t for t in titels)


def test_intrekking_needs_a_reason_and_saves_nothing_without_one(vastgesteld, klantmanager, pip_dossier):
    with pytest.raises(ValidationError, match="reden"):
        services.start_intrekking(
            vastgesteld, door=klantmanager, grond="inhoudelijk", reden="  ", verwachte_versie=vastgesteld.versie
        )
    assert PIP.objects.filter(dossier=pip_dossier).count() == 1
    assert not Correctie.objects.exists()


def test_intrekking_with_a_stale_version_is_a_conflict(vastgesteld, klantmanager, pip_dossier):
    with pytest.raises(VersieConflict):
        services.start_intrekking(
            vastgesteld, door=klantmanager, grond="inhoudelijk", reden="x", verwachte_versie=vastgesteld.versie - 1
        )
    assert PIP.objects.filter(dossier=pip_dossier).count() == 1


def test_only_a_beschikking_in_force_can_be_withdrawn(concept, klantmanager):
    with pytest.raises(ValidationError, match="geldende beschikking"):
        services.start_intrekking(
            concept, door=klantmanager, grond="inhoudelijk", reden="x", verwachte_versie=concept.versie
        )


def test_withdrawing_the_first_pip_for_its_wrong_dagtekening_starts_the_termijn_from_the_replacement(
    verkeerd_gedateerd, klantmanager, pip_dossier
):
    with op(D(2026, 11, 2)):
        concept = services.start_intrekking(
            verkeerd_gedateerd,
            door=klantmanager,
            grond="onjuiste_dagtekening",
            reden="Gedateerd op 1 januari 2030; de beschikking is in november 2026 verzonden.",
            verwachte_versie=verkeerd_gedateerd.versie,
        )
        # allowed although it lies before the withdrawn beschikking's (wrong) dagtekening
        nieuw = services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 11, 2))

    assert PIP.objects.get(pk=verkeerd_gedateerd.pk).status == "ingetrokken"
    assert termijn(pip_dossier).begindatum == D(2026, 11, 3)
    assert Termijnfeit.objects.get(dossier=pip_dossier, gegevens__beschikking=nieuw.pk).gegevens["eerste"] is True
    # facts stay append-only: the wrong one is still there, marked void by a later fact
    assert Termijnfeit.objects.filter(dossier=pip_dossier, datum=D(2030, 1, 1)).count() == 1
    assert Termijnfeit.objects.filter(dossier=pip_dossier, soort="pip_vervallen").count() == 1


def test_intrekken_page_starts_the_replacement(km_client, vastgesteld, pip_dossier):
    url = f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/intrekken/"
    pagina = km_client.get(url)
    assert pagina.status_code == 200 and "Beschikking intrekken" in pagina.content.decode()

    leeg = km_client.post(url, {"grond": "inhoudelijk", "reden": "", "versie": vastgesteld.versie})
    assert leeg.status_code == 200 and PIP.objects.filter(dossier=pip_dossier).count() == 1

    antwoord = km_client.post(url, {"grond": "inhoudelijk", "reden": "Verkeerde uren.", "versie": vastgesteld.versie})
    concept = PIP.objects.get(dossier=pip_dossier, volgnummer=2)
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"/pip/{concept.pk}/bewerken/")


# --- rectification of an obvious clerical error --------------------------------------------------------------


def test_rectifying_a_wrong_dagtekening_keeps_the_old_pdf_and_recomputes_the_termijn(
    verkeerd_gedateerd, klantmanager, pip_dossier
):
    oude_pdf, oude_sha = verkeerd_gedateerd.pdf.name, verkeerd_gedateerd.pdf_sha256
    with op(D(2026, 11, 2)):
        pip = services.rectificeer(
            verkeerd_gedateerd,
            door=klantmanager,
            reden="Kennelijke verschrijving: 2030 in plaats van 2026.",
            verwachte_versie=verkeerd_gedateerd.versie,
            dagtekening=D(2026, 10, 15),
        )

    assert pip.dagtekening == D(2026, 10, 15) and pip.status == "vastgesteld"
    assert pip.beschikkingsnummer == "PIP-0855-2026-000001"  # the kenmerk already sent stays
    assert pip.pdf.name != oude_pdf  # a new file; the old one is not overwritten
    assert pdf_pad(oude_pdf).exists() and pdf_pad(pip.pdf.name).exists()
    correctie = Correctie.objects.get(pip=pip)
    assert correctie.soort == "rectificatie" and correctie.door == klantmanager
    assert correctie.wijzigingen == {"dagtekening": ["2030-01-01", "2026-10-15"]}
    assert (correctie.oude_pdf.name, correctie.oude_pdf_sha256) == (oude_pdf, oude_sha)
    assert pip.history.filter(history_change_reason__startswith="rectificatie", dagtekening=D(2026, 10, 15)).exists()
    assert termijn(pip_dossier).begindatum == D(2026, 10, 16)
    assert TijdlijnGebeurtenis.objects.filter(dossier=pip_dossier, titel__contains="gerectificeerd").exists()
    assert Toegangslog.objects.filter(dossier_id=pip_dossier.pk, actie="wijzigen").exists()


def test_rectification_cannot_change_the_decision_itself(vastgesteld, klantmanager):
    with pytest.raises(ValidationError, match="kennelijke verschrijving"):
        services.rectificeer(
            vastgesteld, door=klantmanager, reden="x", verwachte_versie=vastgesteld.versie, leerroute="z"
        )
    pip = PIP.objects.get(pk=vastgesteld.pk)
    assert pip.leerroute == "b1" and pip.versie == vastgesteld.versie
    assert not Correctie.objects.exists()


def test_rectification_refuses_a_future_dagtekening_and_a_missing_reason(vastgesteld, klantmanager):
    with op(D(2026, 11, 2)):
        with pytest.raises(ValidationError, match="toekomst"):
            services.rectificeer(
                vastgesteld, door=klantmanager, reden="typo", verwachte_versie=vastgesteld.versie,
                dagtekening=D(2026, 12, 15),
            )  # fmt: skip
        with pytest.raises(ValidationError, match="reden"):
            services.rectificeer(
                vastgesteld, door=klantmanager, reden="", verwachte_versie=vastgesteld.versie, afspraken="Typefout"
            )
    assert PIP.objects.get(pk=vastgesteld.pk).dagtekening == D(2026, 10, 15)
    assert not Correctie.objects.exists()


def test_rectificeren_page_corrects_a_text_and_lists_the_old_pdf(km_client, vastgesteld, pip_dossier):
    url = f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/rectificeren/"
    pagina = km_client.get(url)
    assert pagina.status_code == 200 and "Kennelijke verschrijving herstellen" in pagina.content.decode()
    gegevens = {
        "dagtekening": "2026-10-15",
        "contactpersoon_naam": vastgesteld.contactpersoon_naam,
        "contactpersoon_email": vastgesteld.contactpersoon_email,
        "afspraken": "Elke dinsdag les.",
        "reden": "Typefout in de afspraken.",
        "versie": vastgesteld.versie,
    }
    with op(D(2026, 11, 2)):
        antwoord = km_client.post(url, gegevens)
        assert antwoord.status_code == 302
        pip = PIP.objects.get(pk=vastgesteld.pk)
        assert pip.afspraken == "Elke dinsdag les." and pip.pdf_sha256 != vastgesteld.pdf_sha256
        correctie = Correctie.objects.get(pip=vastgesteld)
        assert correctie.wijzigingen == {"afspraken": ["", "Elke dinsdag les."]}

        assert pip.history.filter(afspraken="").exists()  # the old value stays in the history
        detail_antwoord = km_client.get(f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/")
        assert detail_antwoord.status_code == 200, detail_antwoord.get("Location")
        detail = detail_antwoord.content.decode()
        assert "Typefout in de afspraken." in detail
        oude = f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/correcties/{correctie.pk}/beschikking.pdf"
        assert oude in detail
        download = km_client.get(oude)
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content) == pdf_pad(vastgesteld.pdf.name).read_bytes()
        assert Toegangslog.objects.filter(dossier_id=pip_dossier.pk, omschrijving__contains="eerdere versie").exists()


def test_correction_pages_are_404_for_another_gemeente_and_403_for_the_regio_reader(vastgesteld, pip_dossier, regio):
    vreemd = GebruikerFactory(username="km.elders", rol="klantmanager", gemeente=DossierFactory().gemeente)
    lezer = GebruikerFactory(username="rc", rol="regiocoordinator", regio=regio)
    for pad in ("intrekken", "rectificeren"):
        url = f"/dossiers/{pip_dossier.pk}/pip/{vastgesteld.pk}/{pad}/"
        assert verified_client(vreemd).get(url).status_code == 404
        assert verified_client(lezer).get(url).status_code == 403
        assert verified_client(lezer).post(url, {"reden": "x", "grond": "inhoudelijk"}).status_code == 403
    assert not Correctie.objects.exists()
    assert PIP.objects.filter(dossier=pip_dossier).count() == 1


def test_rectifying_the_dagtekening_back_to_an_earlier_value_restores_the_termijn(
    verkeerd_gedateerd, klantmanager, pip_dossier
):
    pip = verkeerd_gedateerd
    with op(D(2026, 11, 2)):
        for dagtekening in (D(2026, 10, 15), D(2026, 10, 20), D(2026, 10, 15)):
            pip = services.rectificeer(
                pip,
                door=klantmanager,
                reden=f"Dagtekening hersteld naar {dagtekening:%d-%m-%Y}.",
                verwachte_versie=pip.versie,
                dagtekening=dagtekening,
            )

    assert pip.dagtekening == D(2026, 10, 15)
    assert termijn(pip_dossier).begindatum == D(2026, 10, 16)
    assert Correctie.objects.filter(pip=pip, soort="rectificatie").count() == 3


def test_withdrawing_a_rectified_first_pip_for_its_dagtekening_starts_the_termijn_from_the_replacement(
    verkeerd_gedateerd, klantmanager, pip_dossier
):
    with op(D(2026, 11, 2)):
        gerectificeerd = services.rectificeer(
            verkeerd_gedateerd,
            door=klantmanager,
            reden="Jaartal verschreven.",
            verwachte_versie=verkeerd_gedateerd.versie,
            dagtekening=D(2026, 10, 15),
        )
        concept = services.start_intrekking(
            gerectificeerd,
            door=klantmanager,
            grond="onjuiste_dagtekening",
            reden="Ook 15 oktober klopt niet: de beschikking is op 2 november verzonden.",
            verwachte_versie=gerectificeerd.versie,
        )
        services.stel_vast(concept, door=klantmanager, dagtekening=D(2026, 11, 2))

    assert termijn(pip_dossier).begindatum == D(2026, 11, 3)
