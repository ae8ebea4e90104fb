from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InburgeraarsConfig(AppConfig):
    name = "koers.inburgeraars"
    verbose_name = _("Inburgeraars")
