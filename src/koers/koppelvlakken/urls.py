"""Pages of functioneel beheer for this app (mounted under /functioneel-beheer/imports/)."""

from django.urls import path

from . import views

app_name = "koppelvlakken"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/voortgang/", views.voortgang, name="voortgang"),
    path("<int:pk>/rapport.csv", views.rapport, name="rapport"),
    path("<int:pk>/dubbel/<int:record_pk>/", views.dubbel, name="dubbel"),
]
