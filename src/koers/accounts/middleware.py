"""Every page needs a login with a verified second factor, except the login page itself and static files."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# The API authenticates itself (tokens, or a verified session) and answers in problem+json.
OPEN_PREFIXES = ("/inloggen/", "/static/", "/i18n/", "/api/")


class VerifiedLoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(OPEN_PREFIXES):
            user = request.user
            if not (user.is_authenticated and user.is_verified()):
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.get_full_path()}")
        return self.get_response(request)


class NederlandsEerstMiddleware:
    """Dutch first: the language is Dutch unless the user chose another one with the language switch (cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language, as Dutch government sites do.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        taal = gekozen if gekozen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response
