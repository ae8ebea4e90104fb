"""Abstract models every editable record builds on, and the one-time form keys (``idempotentie``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TijdstempelModel(models.Model):
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class VersieModel(TijdstempelModel):
    """An editable record with a version number for optimistic locking (later the API's ETag / If-Match)."""

    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True

    @property
    def etag(self) -> str:
        return f'"{self._meta.label_lower}-{self.pk}-{self.versie}"'


class Formulierverzending(models.Model):
    """A form already handled: (user, one-time form key) → the page that shows its result.

    Stored in the same transaction as what the form created; the unique constraint makes sure two concurrent
    submits of one form (double click, browser retry, several app servers) cannot both create.
    """

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sleutel = models.UUIDField(_("formuliersleutel"))
    resultaat_url = models.CharField(_("resultaat"), max_length=500)
    verzonden_op = models.DateTimeField(_("verzonden op"), auto_now_add=True)

    class Meta:
        verbose_name = _("formulierverzending")
        verbose_name_plural = _("formulierverzendingen")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "sleutel"], name="formulierverzending_eenmalig"),
        ]
        indexes = [models.Index(fields=["verzonden_op"], name="formulierverzending_tijd_idx")]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} {self.sleutel} → {self.resultaat_url}"
