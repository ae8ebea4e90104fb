from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermijnenConfig(AppConfig):
    name = "koers.termijnen"
    verbose_name = _("Termijnen")
    dossier_tabblad = ("termijnen", _("Termijnen"), "termijnen:dossier", 20)
    hoofdmenu = [
        (_("Mijn acties"), "termijnen:acties", 10, ("klantmanager", "teamleider")),
        (_("Teamoverzicht"), "termijnen:team", 11, ("teamleider",)),
    ]

    def ready(self) -> None:
        from . import signals  # noqa: F401
