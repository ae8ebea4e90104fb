from django.urls import path

from . import views

app_name = "beheer"
urlpatterns = [
    path("", views.index, name="index"),
    path("toegangslog/", views.toegangslog, name="toegangslog"),
    path("wijzigingen/", views.wijzigingen, name="wijzigingen"),
    path("wijzigingen/<int:history_id>/", views.wijziging, name="wijziging"),
]
