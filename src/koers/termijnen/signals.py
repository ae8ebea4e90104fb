"""Keep the deadlines' denormalised gemeente/klantmanager in step with their dossier (e.g. after reassignment)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.dossiers.models import Dossier

from .services import synchroniseer_dossier


@receiver(post_save, sender=Dossier, dispatch_uid="termijnen_synchroniseer_dossier")
def _dossier_opgeslagen(sender, instance: Dossier, created: bool, raw: bool = False, **kwargs) -> None:
    if not created and not raw:
        synchroniseer_dossier(instance)
