"""Ontzorgen: the fixed costs the gemeente pays from the benefit on behalf of an asielstatushouder."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.dossiers.models import Dossier
from koers.utils.geld import euro
from koers.utils.models import VersieModel


class Ontzorgingsplan(VersieModel):
    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="ontzorgingsplan")
    start = models.DateField(_("eerste maand"))
    maanden = models.PositiveSmallIntegerField(_("aantal maanden"))
    maatwerk_reden = models.TextField(
        _("reden maatwerk"), blank=True, help_text=_("Verplicht als het aantal maanden afwijkt van de wet.")
    )
    afbouwplan = models.TextField(_("afbouwplan"), blank=True, help_text=_("Hoe de persoon het daarna zelf doet."))
    regel = models.CharField(_("toegepaste regel"), max_length=40)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ontzorgingsplan")
        verbose_name_plural = _("ontzorgingsplannen")
        constraints = [models.CheckConstraint(name="ontzorgen_start_eerste_dag", condition=Q(start__day=1))]

    def __str__(self) -> str:
        return f"Ontzorgen vanaf {self.start:%Y-%m} ({self.maanden} maanden)"


class Ontzorgingsbetaling(VersieModel):
    class Kostensoort(models.TextChoices):
        HUUR = "huur", _("Huur")
        ENERGIE_WATER = "energie_water", _("Energie en water")
        ZORGVERZEKERING = "zorgverzekering", _("Zorgverzekering")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        BETAALD = "betaald", _("Betaald")

    plan = models.ForeignKey(Ontzorgingsplan, on_delete=models.CASCADE, related_name="betalingen")
    maand = models.DateField(_("maand"))
    kostensoort = models.CharField(_("kostensoort"), max_length=20, choices=Kostensoort.choices)
    begunstigde = models.CharField(_("begunstigde"), max_length=150)
    iban = models.CharField(_("IBAN"), max_length=34)
    bedrag = models.DecimalField(_("bedrag"), max_digits=8, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ontzorgingsbetaling")
        verbose_name_plural = _("ontzorgingsbetalingen")
        ordering = ["maand", "kostensoort"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "maand", "kostensoort"], name="ontzorgen_een_per_maand_per_soort"),
            models.CheckConstraint(name="ontzorgen_bedrag_positief", condition=Q(bedrag__gt=0)),
            models.CheckConstraint(name="ontzorgen_maand_eerste_dag", condition=Q(maand__day=1)),
        ]
        indexes = [models.Index(fields=["maand", "status"], name="ontzorgen_maand_idx")]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} {self.get_kostensoort_display()} {euro(self.bedrag)}"
