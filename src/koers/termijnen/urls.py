from django.urls import path

from . import views

app_name = "termijnen"
urlpatterns = [
    path("acties/", views.acties, name="acties"),
    path("acties/team/", views.team, name="team"),
    path("acties/team/<int:klantmanager_id>/", views.team_klantmanager, name="team_klantmanager"),
    path("acties/team/zonder-klantmanager/", views.team_zonder_klantmanager, name="team_zonder_klantmanager"),
    path("dossiers/<int:pk>/termijnen/", views.dossier_termijnen, name="dossier"),
    path("dossiers/<int:pk>/termijnen/info-gevraagd/", views.info_gevraagd, name="info_gevraagd"),
    path("dossiers/<int:pk>/termijnen/info-ontvangen/", views.info_ontvangen, name="info_ontvangen"),
    path("dossiers/<int:pk>/termijnen/verlenging/", views.verlenging, name="verlenging"),
    path("dossiers/<int:pk>/termijnen/<int:termijn_id>/voldaan/", views.voldaan, name="voldaan"),
]
