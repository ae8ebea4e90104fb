from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbodConfig(AppConfig):
    name = "koers.aanbod"
    verbose_name = _("Aanbod en voortgang")
