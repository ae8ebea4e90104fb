"""Response headers that Django's own SecurityMiddleware leaves to circumstance."""

from django.conf import settings


class AlwaysHSTSMiddleware:
    """Send Strict-Transport-Security on every response, whatever the proxy header says (production only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        waarde = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            waarde += "; includeSubDomains"
        if getattr(settings, "SECURE_HSTS_PRELOAD", False):
            waarde += "; preload"
        self.waarde = waarde

    def __call__(self, request):
        response = self.get_response(request)
        response.headers["Strict-Transport-Security"] = self.waarde
        return response
