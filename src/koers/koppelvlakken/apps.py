from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelvlakkenConfig(AppConfig):
    name = "koers.koppelvlakken"
    verbose_name = _("Koppelvlakken: imports van COA en DUO, BRP")
