"""The route advice (stored immutably, with copies of the rules it cites) and the klantmanager's decision."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.intake.advies import Advies, Leerroute
from koers.utils.datums import datum_kort

from .intake import BredeIntake


class Onveranderlijk(Exception):
    """An advice or decision is a record of what was known then; it is never changed afterwards."""


class RouteAdvies(models.Model):
    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="adviezen")
    route = models.CharField(_("geadviseerde route"), max_length=20, choices=Leerroute.choices())
    gegevens = models.JSONField(
        _("advies"), help_text=_("Advies.to_dict(): het hele advies met kopieën van de regels.")
    )
    regelset_versie = models.PositiveIntegerField(_("versie van de regelset"))
    gemaakt_op = models.DateTimeField(_("gemaakt op"))
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("routeadvies")
        verbose_name_plural = _("routeadviezen")
        ordering = ["-gemaakt_op", "-id"]
        indexes = [models.Index(fields=["intake", "-gemaakt_op", "-id"], name="routeadvies_intake_idx")]

    def __str__(self) -> str:
        return _("Advies %(route)s (%(datum)s)") % {
            "route": self.get_route_display(),
            "datum": datum_kort(self.gemaakt_op),
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Onveranderlijk("een routeadvies wordt nooit gewijzigd")
        super().save(*args, **kwargs)

    @cached_property
    def advies(self) -> Advies:
        """The engine's advice, rebuilt from the stored copy (never from the current rules)."""
        return Advies.from_dict(self.gegevens)


class RouteBesluit(models.Model):
    """The route the klantmanager chose. Choosing against the advice needs a written motivation."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="besluiten")
    advies = models.ForeignKey(RouteAdvies, on_delete=models.PROTECT, related_name="besluiten")
    route = models.CharField(_("gekozen route"), max_length=20, choices=Leerroute.choices())
    motivatie = models.TextField(_("motivatie"), blank=True)
    besloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    besloten_op = models.DateTimeField(_("besloten op"))

    class Meta:
        verbose_name = _("routebesluit")
        verbose_name_plural = _("routebesluiten")
        ordering = ["-besloten_op", "-id"]
        indexes = [models.Index(fields=["intake", "-besloten_op", "-id"], name="routebesluit_intake_idx")]
        constraints = [
            models.CheckConstraint(
                name="routebesluit_route_geldig", condition=Q(route__in=[r.value for r in Leerroute])
            )
        ]

    def __str__(self) -> str:
        return self.get_route_display()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Onveranderlijk("een routebesluit wordt nooit gewijzigd; neem een nieuw besluit")
        super().save(*args, **kwargs)

    @property
    def leerroute(self) -> Leerroute:
        return Leerroute(self.route)

    @property
    def volgt_advies(self) -> bool:
        return self.route == self.advies.route
