from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipConfig(AppConfig):
    name = "koers.pip"
    verbose_name = _("PIP en beschikkingen")
    dossier_tabblad = ("pip", _("PIP"), "pip:overzicht", 30)
    hoofdmenu = [(_("Goedkeuringen"), "pip:goedkeuringen", 30, ["teamleider"])]
