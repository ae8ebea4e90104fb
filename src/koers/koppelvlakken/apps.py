from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelvlakkenConfig(AppConfig):
    name = "koers.koppelvlakken"
    verbose_name = _("Koppelvlakken: imports van COA en DUO, BRP")
    # "Gegevens ophalen uit de BRP" on the registration form, for gemeenten with the koppeling on (docs/brp.md)
    registratie_voorinvulling = "koers.koppelvlakken.brp.registratie.bron"
