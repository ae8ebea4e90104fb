"""Abstract models every editable record builds on."""

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
