"""Sanction proposals for not coming to the brede intake: proposed by Koers, decided by a person, never automatic."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.utils.geld import bedrag as geldbedrag
from koers.utils.models import VersieModel

from .intake import BredeIntake, Uitnodiging


class SanctieVoorstel(VersieModel):
    class Soort(models.TextChoices):
        WAARSCHUWING = "waarschuwing", _("Waarschuwing")
        BOETE = "boete", _("Boete")

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        BESLOTEN = "besloten", _("Besloten: opgelegd")
        AFGEWEZEN = "afgewezen", _("Afgewezen: niet opgelegd")

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="sanctievoorstellen")
    volgnummer = models.PositiveSmallIntegerField(_("stap in de reeks"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    bedrag = models.DecimalField(_("bedrag (euro)"), max_digits=8, decimal_places=2, default=0)
    gronden = models.ManyToManyField(Uitnodiging, related_name="sanctievoorstellen", verbose_name=_("grond"))
    regel = models.JSONField(_("regel"), help_text=_("Kopie van de toegepaste regel met bron, code en versie."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD)
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"))
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting op het besluit"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sanctievoorstel")
        verbose_name_plural = _("sanctievoorstellen")
        ordering = ["volgnummer", "id"]
        constraints = [
            models.CheckConstraint(
                name="sanctie_besluit_door_een_persoon",
                condition=Q(status="voorgesteld", besloten_door__isnull=True, besloten_op__isnull=True)
                | (~Q(status="voorgesteld") & Q(besloten_door__isnull=False, besloten_op__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        if self.soort == self.Soort.BOETE:
            return _("Boete van € %s") % geldbedrag(self.bedrag)
        return str(self.get_soort_display())

    @property
    def omschrijving(self) -> str:
        return str(self)

    @property
    def bron(self) -> str:
        b = self.regel.get("bron", {})
        return f"{b.get('regeling')}, {b.get('artikel')} ({b.get('versie')}) [{b.get('zekerheid')}]"
