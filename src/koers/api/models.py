"""What the API keeps itself: the answers to POSTs with an Idempotency-Key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Idempotentiesleutel(models.Model):
    """(account, Idempotency-Key) → the first answer, so a retried POST creates nothing twice."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(_("sleutel"), max_length=255)
    vingerafdruk = models.CharField(_("vingerafdruk van het verzoek"), max_length=64)
    status = models.PositiveSmallIntegerField(_("HTTP-status"))
    inhoud = models.JSONField(_("antwoord"))
    headers = models.JSONField(_("headers"), default=dict)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotentiesleutel")
        verbose_name_plural = _("idempotentiesleutels")
        constraints = [models.UniqueConstraint(fields=["gebruiker", "sleutel"], name="idempotentiesleutel_uniek")]

    def __str__(self) -> str:
        return self.sleutel
