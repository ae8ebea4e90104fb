from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificatiesConfig(AppConfig):
    name = "koers.notificaties"
    verbose_name = _("Notificaties aan andere systemen (webhooks)")

    def ready(self) -> None:
        from . import signals  # noqa: F401
