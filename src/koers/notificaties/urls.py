"""Pages of functioneel beheer for this app (mounted under /functioneel-beheer/)."""

from django.urls import path  # noqa: F401

app_name = "notificaties"
urlpatterns: list = []
