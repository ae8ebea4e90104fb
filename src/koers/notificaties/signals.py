"""The hook into every domain change: each new timeline entry may put an event in the outbox (same transaction)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.dossiers.models import TijdlijnGebeurtenis

from .signalen import uit_tijdlijn


@receiver(post_save, sender=TijdlijnGebeurtenis, dispatch_uid="notificaties_uit_tijdlijn")
def _tijdlijn_opgeslagen(sender, instance: TijdlijnGebeurtenis, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        uit_tijdlijn(instance)
