from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbodConfig(AppConfig):
    name = "koers.aanbod"
    verbose_name = _("Aanbod en voortgang")
    dossier_tabblad = ("aanbod", _("Aanbod en voortgang"), "aanbod:dossier", 40)
    hoofdmenu = [
        (_("Klassen en uren"), "aanbod:klassen", 40, ["klantmanager", "teamleider", "ketenpartner_medewerker"]),
    ]
