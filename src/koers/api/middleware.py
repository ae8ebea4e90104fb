"""Every API response says the full API version (Dutch API Design Rules, /core/version-header)."""

from django.conf import settings


class APIVersieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response.headers["API-Version"] = settings.KOERS_API_VERSIE
        return response
