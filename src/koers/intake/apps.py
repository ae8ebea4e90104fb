from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "koers.intake"
    verbose_name = _("Brede intake")
    dossier_tabblad = ("intake", _("Brede intake"), "intake:overzicht", 10)
