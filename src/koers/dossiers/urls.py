from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("nieuw/", views.registreren, name="registreren"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/informatieprofiel/", views.informatieprofiel, name="informatieprofiel"),
    path("<int:pk>/persoon/", views.persoon_bewerken, name="persoon_bewerken"),
    path("<int:pk>/gezinslid/", views.gezinslid_toevoegen, name="gezinslid_toevoegen"),
    path("<int:pk>/koppeling/", views.koppeling_toevoegen, name="koppeling_toevoegen"),
    path("<int:pk>/status/", views.status_wijzigen, name="status_wijzigen"),
    path("<int:pk>/toewijzen/", views.toewijzen, name="toewijzen"),
    path("<int:pk>/delen/", views.delen, name="delen"),
    path("<int:pk>/dubbelen/", views.dubbelen, name="dubbelen"),
]
