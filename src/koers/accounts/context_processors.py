from django.apps import apps
from django.conf import settings
from django.urls import reverse


def koers(request):
    """Main-menu items: apps add one by setting ``hoofdmenu = [(label, url_name, order, roles)]`` on their AppConfig."""
    menu = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for cfg in apps.get_app_configs():
            for label, url_name, volgorde, rollen in getattr(cfg, "hoofdmenu", []):
                if not rollen or user.rol in rollen:
                    menu.append((volgorde, {"label": label, "url": reverse(url_name)}))
    return {"KOERS_MENU": [item for _v, item in sorted(menu, key=lambda m: m[0])], "DEBUG": settings.DEBUG}
