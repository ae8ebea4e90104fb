"""Timeline lines "Routeadvies gemaakt" written before the timeline got neutral wording carry the advice's sentence
as toelichting; where that sentence rests on health data, replace it by the route only (as intake.privacy now writes).
The advice itself keeps the full sentence. Self-contained: it does not import the engine."""

from django.db import migrations

ROUTES = {"b1": "B1-route", "onderwijs": "Onderwijsroute", "z": "Z-route"}


def neutraal(apps, schema_editor):
    RouteAdvies = apps.get_model("intake", "RouteAdvies")
    TijdlijnGebeurtenis = apps.get_model("dossiers", "TijdlijnGebeurtenis")
    for dossier_id, gegevens in RouteAdvies.objects.values_list("intake__dossier_id", "gegevens").iterator():
        samenvatting = gegevens.get("samenvatting", "")
        categorie = gegevens.get("samenvatting_categorie", "gezondheid" if "aanwijzingen" in samenvatting else "")
        if categorie != "gezondheid" or gegevens.get("route") not in ROUTES:
            continue
        voorvoegsel = "Voorlopig advies" if gegevens.get("voorlopig") else "Advies"
        TijdlijnGebeurtenis.objects.filter(dossier_id=dossier_id, soort="advies", toelichting=samenvatting).update(
            toelichting=f"{voorvoegsel}: {ROUTES[gegevens['route']]}."
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_vragenlijst_versie_1"), ("dossiers", "0002_caseload_index_klantmanager")]
    operations = [migrations.RunPython(neutraal, migrations.RunPython.noop, elidable=True)]
