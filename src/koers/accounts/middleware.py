"""Every page needs a login with a verified second factor, except the login page itself and static files."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/inloggen/", "/static/", "/i18n/", "/gezondheid/")


class VerifiedLoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(OPEN_PREFIXES):
            user = request.user
            if not (user.is_authenticated and user.is_verified()):
                if path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse(
                        {"type": "urn:koers:niet-ingelogd", "title": "Niet ingelogd", "status": 401}, status=401
                    )
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.get_full_path()}")
        return self.get_response(request)
