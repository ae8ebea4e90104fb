"""How a dossier was closed, and transfer packages sent to or received from another installation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.dossiers.models import Dossier
from koers.dossiers.status import Afsluitreden
from koers.utils.datums import lokaal


class Afsluiting(models.Model):
    """The facts recorded when a dossier is closed (reason, date, source, new gemeente, data for DUO)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="afsluiting")
    reden = models.CharField(_("reden"), max_length=30, choices=Afsluitreden.choices)
    datum = models.DateField(_("datum gebeurtenis"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    nieuwe_gemeente = models.CharField(_("nieuwe gemeente"), max_length=100, blank=True)
    kenmerk = models.CharField(_("kenmerk besluit"), max_length=100, blank=True)
    gegevens = models.JSONField(_("gegevens voor DUO"), default=dict, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tijdstip = models.DateTimeField(_("afgesloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_reden_display()}"


class Overdracht(models.Model):
    """A transfer package exported from (uit) or imported into (in) this installation for a dossier."""

    class Richting(models.TextChoices):
        UIT = "uit", _("Geëxporteerd")
        IN = "in", _("Geïmporteerd")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="overdrachten")
    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    schema_versie = models.PositiveSmallIntegerField(_("schemaversie"))
    leerroute = models.CharField(_("leerroute"), max_length=20, blank=True)
    pakket = models.JSONField(_("pakket"), default=dict, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.richting} {lokaal(self.tijdstip):%Y-%m-%d}"
