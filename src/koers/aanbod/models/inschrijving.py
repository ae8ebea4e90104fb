"""Enrolments with a provider, classes, and the monthly hours followed per enrolment."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente, Ketenpartner
from koers.dossiers.models import Dossier
from koers.utils.models import VersieModel

from .contract import Contract, Product


class Inschrijving(VersieModel):
    """A person enrolled with a provider for a product. The provider's name and keurmerk are kept as they were
    at enrolment, so hours keep their meaning for afschalen and survive a transfer to another installation."""

    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", _("Aangemeld")
        INTAKE_AANBIEDER = "intake_aanbieder", _("Intake bij aanbieder")
        GESTART = "gestart", _("Gestart")
        AFGEROND = "afgerond", _("Afgerond")
        AFGEBROKEN = "afgebroken", _("Afgebroken")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="inschrijvingen")
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.PROTECT, related_name="inschrijvingen"
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inschrijvingen",
        verbose_name=_("aanbieder"),
    )
    aanbieder_naam = models.CharField(_("naam aanbieder"), max_length=150)
    aanbieder_keurmerk = models.BooleanField(_("aanbieder had geldig keurmerk bij aanmelding"), default=False)
    product = models.CharField(_("product"), max_length=20, choices=Product.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD)
    aangemeld_op = models.DateField(_("aangemeld op"))
    intake_op = models.DateField(_("intake bij aanbieder op"), null=True, blank=True)
    gestart_op = models.DateField(_("gestart op"), null=True, blank=True)
    beeindigd_op = models.DateField(_("afgerond of afgebroken op"), null=True, blank=True)
    pip_onderdeel = models.ForeignKey(
        "pip.PIPOnderdeel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inschrijvingen",
        verbose_name=_("onderdeel van het PIP"),
    )
    reden_afbreken = models.CharField(_("reden van afbreken"), max_length=300, blank=True)
    geimporteerd = models.BooleanField(_("overgenomen uit een ander systeem"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["aangemeld_op", "id"]
        indexes = [models.Index(fields=["dossier", "status"], name="inschrijving_dossier_idx")]

    def __str__(self) -> str:
        return f"{self.get_product_display()} bij {self.aanbieder_naam}"


class Klas(VersieModel):
    """A group of enrolments taught together; hours can be entered for the whole class at once."""

    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, related_name="klassen", verbose_name=_("aanbieder")
    )
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=100)
    product = models.CharField(_("product"), max_length=20, choices=Product.choices)
    leden = models.ManyToManyField(Inschrijving, related_name="klassen", blank=True, verbose_name=_("deelnemers"))

    class Meta:
        verbose_name = _("klas")
        verbose_name_plural = _("klassen")
        ordering = ["ketenpartner__naam", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.ketenpartner})"


class Urenregistratie(VersieModel):
    """Hours of one enrolment in one month for one kind. One row per (inschrijving, periode, soort): correcting
    a month changes this row (with a version check), so totals never count a month twice."""

    class Soort(models.TextChoices):
        TAAL = "taal", _("Taal")
        PARTICIPATIE = "participatie", _("Participatie")
        KNM = "knm", _("KNM")

    class Bron(models.TextChoices):
        KLANTMANAGER = "klantmanager", _("Klantmanager")
        AANBIEDER = "aanbieder", _("Aanbieder")
        OVERDRACHT = "overdracht", _("Overdracht van een andere gemeente")

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="uren")
    periode = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    uren_gevolgd = models.DecimalField(_("uren gevolgd"), max_digits=6, decimal_places=2, default=0)
    uren_geoorloofd_afwezig = models.DecimalField(
        _("uren geoorloofd afwezig"), max_digits=6, decimal_places=2, default=0
    )
    uren_ongeoorloofd_afwezig = models.DecimalField(
        _("uren ongeoorloofd afwezig"), max_digits=6, decimal_places=2, default=0
    )
    in_persoon_uren = models.DecimalField(
        _("waarvan fysiek gevolgd"), max_digits=6, decimal_places=2, default=0, help_text=_("Niet online.")
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bron = models.CharField(_("ingevoerd door"), max_length=20, choices=Bron.choices, default=Bron.KLANTMANAGER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("urenregistratie")
        verbose_name_plural = _("urenregistraties")
        ordering = ["periode", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "periode", "soort"], name="uren_een_per_maand_per_soort"),
            models.CheckConstraint(name="uren_periode_eerste_dag", condition=Q(periode__day=1)),
            models.CheckConstraint(
                name="uren_niet_negatief",
                condition=Q(uren_gevolgd__gte=0)
                & Q(uren_geoorloofd_afwezig__gte=0)
                & Q(uren_ongeoorloofd_afwezig__gte=0)
                & Q(in_persoon_uren__gte=0),
            ),
            models.CheckConstraint(
                name="uren_in_persoon_binnen_gevolgd", condition=Q(in_persoon_uren__lte=F("uren_gevolgd"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inschrijving_id} {self.periode:%Y-%m} {self.soort}: {self.uren_gevolgd}"
