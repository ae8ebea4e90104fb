"""Contracts a gemeente or regio has with a provider (a ``Ketenpartner``) for a product."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Gemeente, Ketenpartner, Regio
from koers.utils.models import VersieModel


class Product(models.TextChoices):
    B1_ROUTE = "b1_route", _("B1-route")
    Z_ROUTE = "z_route", _("Z-route")
    ONDERWIJSROUTE = "onderwijsroute", _("Onderwijsroute")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")
    MAP = "map", _("Module arbeidsmarkt en participatie (MAP)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    DUAAL = "duaal", _("Duaal traject")


# Products that may be bought for an asielstatushouder only from a provider with a valid keurmerk.
KEURMERKPLICHTIG = frozenset({Product.B1_ROUTE, Product.Z_ROUTE})
# Products that are a leerroute, keyed by the leerroute code used in intake/termijnen ("b1", "onderwijs", "z").
ROUTE_PRODUCTEN = {Product.B1_ROUTE: "b1", Product.Z_ROUTE: "z", Product.ONDERWIJSROUTE: "onderwijs"}


class Contract(VersieModel):
    class PrijsPer(models.TextChoices):
        TRAJECT = "traject", _("per traject")
        UUR = "uur", _("per uur")

    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, related_name="contracten", verbose_name=_("aanbieder")
    )
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    regio = models.ForeignKey(
        Regio, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    product = models.CharField(_("product"), max_length=20, choices=Product.choices)
    prijs = models.DecimalField(_("prijs"), max_digits=9, decimal_places=2)
    prijs_per = models.CharField(_("prijs per"), max_length=10, choices=PrijsPer.choices, default=PrijsPer.TRAJECT)
    capaciteit = models.PositiveIntegerField(_("capaciteit (plaatsen)"), null=True, blank=True)
    start = models.DateField(_("ingangsdatum"))
    einde = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["ketenpartner__naam", "product", "-start"]
        constraints = [
            models.CheckConstraint(
                name="contract_gemeente_of_regio",
                condition=(Q(gemeente__isnull=False) & Q(regio__isnull=True))
                | (Q(gemeente__isnull=True) & Q(regio__isnull=False)),
            ),
            models.CheckConstraint(
                name="contract_einde_na_start", condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start"))
            ),
            models.CheckConstraint(name="contract_prijs_niet_negatief", condition=Q(prijs__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.ketenpartner} – {self.get_product_display()} ({self.gemeente or self.regio})"
