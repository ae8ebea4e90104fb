"""This app's part of the REST API (/api/v1/); included by koers.api.urls."""

urlpatterns: list = []
