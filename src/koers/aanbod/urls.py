from django.urls import path

from . import views

app_name = "aanbod"
urlpatterns = [
    path("dossiers/<int:pk>/aanbod/", views.dossier, name="dossier"),
    path("dossiers/<int:pk>/aanbod/aanmelden/", views.inschrijven, name="inschrijven"),
    path(
        "dossiers/<int:pk>/aanbod/inschrijvingen/<int:inschrijving_id>/status/",
        views.inschrijving_status,
        name="inschrijving_status",
    ),
    path(
        "dossiers/<int:pk>/aanbod/inschrijvingen/<int:inschrijving_id>/klas/",
        views.inschrijving_klas,
        name="inschrijving_klas",
    ),
    path("dossiers/<int:pk>/aanbod/examen/", views.examen, name="examen"),
    path("dossiers/<int:pk>/aanbod/pvt/", views.pvt, name="pvt"),
    path("dossiers/<int:pk>/aanbod/map/", views.map_module, name="map"),
    path("dossiers/<int:pk>/aanbod/gesprekken/plannen/", views.gesprekken_plannen, name="gesprekken_plannen"),
    path("dossiers/<int:pk>/aanbod/gesprekken/<int:gesprek_id>/", views.gesprek, name="gesprek"),
    path("dossiers/<int:pk>/aanbod/ontzorgen/", views.ontzorgen, name="ontzorgen"),
    path("dossiers/<int:pk>/aanbod/ontzorgen/betaallijst.csv", views.betaallijst, name="betaallijst"),
    path("dossiers/<int:pk>/aanbod/sanctie/", views.sanctie, name="sanctie"),
    path("dossiers/<int:pk>/aanbod/sanctie/<int:voorstel_id>/besluit/", views.sanctie_besluit, name="sanctie_besluit"),
    path("dossiers/<int:pk>/afsluiten/", views.afsluiten, name="afsluiten"),
    path("dossiers/<int:pk>/overdracht/", views.overdracht, name="overdracht"),
    path(
        "dossiers/<int:pk>/overdracht/<int:overdracht_id>/pakket.json",
        views.overdracht_pakket,
        name="overdracht_pakket",
    ),
    path("klassen/", views.klassen, name="klassen"),
    path("klassen/<int:klas_id>/", views.klaslijst, name="klaslijst"),
    path("klassen/<int:klas_id>/uren/", views.klasuren, name="klasuren"),
    path("contracten/", views.contracten, name="contracten"),
    path("ontzorgen/betaallijst.csv", views.betaallijst_gemeente, name="betaallijst_gemeente"),
]
