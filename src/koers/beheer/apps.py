from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    """Functioneel beheer's own pages, scoped to the beheerder's gemeente: the access log and change history."""

    name = "koers.beheer"
    verbose_name = _("Functioneel beheer")
    hoofdmenu = [(_("Functioneel beheer"), "beheer:index", 90, ("functioneel_beheerder",))]
