from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "koers.dossiers"
    verbose_name = _("Dossiers")
    dossier_tabblad = ("informatieprofiel", _("Informatieprofiel COA"), "dossiers:informatieprofiel", 5)
