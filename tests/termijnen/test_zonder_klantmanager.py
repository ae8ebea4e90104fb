"""Team view: deadlines of dossiers without a klantmanager are one named row that leads to their worklist."""

import pytest
from django.urls import reverse

from koers.audit.models import Toegangslog
from koers.termijnen import services
from tests.conftest import verified_client
from tests.factories import DossierFactory

from .helpers import D, op

pytestmark = pytest.mark.django_db
VANDAAG = D(2026, 11, 1)


def dossier_met_start(start, **kwargs):
    """A dossier whose PIP deadline is ``start`` + 10 weeks."""
    d = DossierFactory(aangemeld_op=start, **kwargs)
    services.zorg_voor_startgebeurtenis(d)
    return d


@pytest.fixture
def dossiers(gemeente, andere_gemeente, klantmanager):
    return {
        "zonder_verlopen": dossier_met_start(D(2026, 8, 20), gemeente=gemeente, klantmanager=None),  # 29 Oct
        "zonder_later": dossier_met_start(D(2026, 10, 20), gemeente=gemeente, klantmanager=None),  # 29 Dec
        "toegewezen": dossier_met_start(D(2026, 8, 20), gemeente=gemeente, klantmanager=klantmanager),
        "vreemd_zonder": dossier_met_start(D(2026, 8, 20), gemeente=andere_gemeente, klantmanager=None),
    }


def test_team_view_names_the_row_without_klantmanager_and_links_it(dossiers, teamleider):
    with op(VANDAAG):
        inhoud = verified_client(teamleider).get(reverse("termijnen:team")).content.decode()
    assert "None" not in inhoud
    url = reverse("termijnen:team_zonder_klantmanager")
    assert f'<a class="utrecht-link" href="{url}">Zonder klantmanager</a>' in inhoud
    assert f'href="{url}?groep=verlopen">1<' in inhoud  # the other gemeente's unassigned dossier is not counted
    assert f'href="{url}?groep=later">1<' in inhoud


def test_worklist_without_klantmanager_lists_only_the_gemeentes_unassigned_dossiers(dossiers, teamleider):
    with op(VANDAAG):
        antwoord = verified_client(teamleider).get(reverse("termijnen:team_zonder_klantmanager"))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert '<h1 class="utrecht-heading-1">Termijnen zonder klantmanager</h1>' in inhoud
    getoond = {d.pk for d in dossiers.values() if reverse("dossiers:detail", args=[d.pk]) + '"' in inhoud}
    assert getoond == {dossiers["zonder_verlopen"].pk, dossiers["zonder_later"].pk}
    gelogd = set(Toegangslog.objects.filter(omschrijving="termijnen werklijst").values_list("dossier_id", flat=True))
    assert gelogd == getoond


def test_worklist_without_klantmanager_is_for_teamleiders_only(dossiers, km_client):
    with op(VANDAAG):
        assert km_client.get(reverse("termijnen:team_zonder_klantmanager")).status_code == 403
