"""Security headers on every page: CSP without unsafe-inline, Permissions-Policy, HSTS in production."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client, RequestFactory, override_settings

from koers.utils.middleware import AlwaysHSTSMiddleware


@pytest.mark.django_db
def test_login_page_has_a_csp_without_unsafe_inline_and_a_permissions_policy():
    response = Client().get("/inloggen/")

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_behind_the_login_carry_the_same_policy(km_client, dossier):
    response = km_client.get(f"/dossiers/{dossier.pk}/")

    assert response.status_code == 200
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


def test_production_puts_the_always_hsts_middleware_first(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://koers@db.example:5432/koers")
    production = importlib.reload(importlib.import_module("koers.conf.production"))

    assert production.MIDDLEWARE[0] == "koers.utils.middleware.AlwaysHSTSMiddleware"
    assert production.SECURE_HSTS_SECONDS >= 31536000


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_middleware_answers_plain_http_requests_with_hsts():
    from django.http import HttpResponse

    request = RequestFactory().get("/", secure=False)  # the proxy forgot X-Forwarded-Proto
    response = AlwaysHSTSMiddleware(lambda r: HttpResponse("ok"))(request)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_the_old_gezondheid_exemption_is_gone():
    response = Client().get("/gezondheid/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen/")
