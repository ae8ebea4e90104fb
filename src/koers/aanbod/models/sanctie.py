"""A proposed fine for culpably not keeping to the PIP. Never automatic: a person decides."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.dossiers.models import Dossier
from koers.utils.geld import euro
from koers.utils.models import VersieModel


class SanctieVoorstelPIP(VersieModel):
    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        OPGELEGD = "opgelegd", _("Opgelegd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="sanctievoorstellen_pip")
    feiten = models.TextField(_("vastgestelde feiten"), help_text=_("Wat is er verwijtbaar niet nagekomen, wanneer?"))
    bedrag = models.DecimalField(_("voorgesteld bedrag"), max_digits=7, decimal_places=2)
    regel = models.CharField(_("toegepaste regel"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VOORGESTELD)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    toelichting_besluit = models.TextField(_("toelichting bij het besluit"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sanctievoorstel PIP")
        verbose_name_plural = _("sanctievoorstellen PIP")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(name="sanctie_pip_bedrag_positief", condition=Q(bedrag__gt=0)),
            models.CheckConstraint(
                name="sanctie_pip_besluit_door_mens",
                condition=Q(status="voorgesteld") | Q(besloten_door__isnull=False, besloten_op__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Sanctievoorstel {euro(self.bedrag)} ({self.get_status_display()})"
