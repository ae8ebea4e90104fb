"""Pages of functioneel beheer for this app (mounted under /functioneel-beheer/notificaties/)."""

from django.urls import path

from . import views

app_name = "notificaties"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.abonnement, name="abonnement"),
    path("<int:pk>/actief/", views.zet_actief, name="zet_actief"),
    path("gebeurtenissen/<uuid:pk>/", views.gebeurtenis, name="gebeurtenis"),
    path("bezorgingen/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
]
