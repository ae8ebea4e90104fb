from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("<int:pk>/intake/", views.overzicht, name="overzicht"),
    path("<int:pk>/intake/starten/", views.starten, name="starten"),
    path("<int:pk>/intake/vragenlijst/", views.vragenlijst, name="vragenlijst"),
    path("<int:pk>/intake/gesprekken/", views.gesprekken, name="gesprekken"),
    path("<int:pk>/intake/gesprekken/<int:gesprek_pk>/", views.gesprek, name="gesprek"),
    path(
        "<int:pk>/intake/gesprekken/<int:gesprek_pk>/uitnodiging/",
        views.uitnodiging_toevoegen,
        name="uitnodiging_toevoegen",
    ),
    path("<int:pk>/intake/uitnodigingen/<int:uitnodiging_pk>/", views.opkomst, name="opkomst"),
    path("<int:pk>/intake/leerbaarheidstoets/", views.lbt, name="lbt"),
    path("<int:pk>/intake/vrijstelling/", views.vrijstelling, name="vrijstelling"),
    path("<int:pk>/intake/ontheffing/", views.ontheffing, name="ontheffing"),
    path("<int:pk>/intake/advies/", views.advies, name="advies"),
    path("<int:pk>/intake/besluit/", views.besluit, name="besluit"),
    path("<int:pk>/intake/sancties/", views.sancties, name="sancties"),
    path("<int:pk>/intake/sancties/<int:voorstel_pk>/", views.sanctie_beslissen, name="sanctie_beslissen"),
]
