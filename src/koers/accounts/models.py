"""Organisations (gemeente, regio, ketenpartner) and the people who use Koers."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import GEMEENTE_ROLLEN, Rol


class Gemeente(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    gemeentecode = models.CharField(
        _("CBS-gemeentecode"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit vier cijfers."))],
        help_text=_("Vier cijfers, bijvoorbeeld 0855 voor Tilburg."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Regio(models.Model):
    """A voluntary cooperation of gemeenten (no statutory region), e.g. Regio Hart van Brabant."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    gemeenten = models.ManyToManyField(Gemeente, related_name="regios", verbose_name=_("gemeenten"))

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Ketenpartner(models.Model):
    class Soort(models.TextChoices):
        COA = "coa", _("COA")
        DUO = "duo", _("DUO")
        TAALAANBIEDER = "taalaanbieder", _("Taalaanbieder")
        MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding", _("Maatschappelijke begeleiding")
        OVERIG = "overig", _("Overige partner")

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    soort = models.CharField(_("soort"), max_length=40, choices=Soort.choices)
    keurmerk = models.BooleanField(_("Blik op Werk Keurmerk Inburgeren"), default=False)
    keurmerk_nummer = models.CharField(_("keurmerknummer"), max_length=30, blank=True)
    keurmerk_geldig_tot = models.DateField(_("keurmerk geldig tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gebruiker(AbstractUser):
    """A person who logs in. Belongs to exactly one organisation and has one role."""

    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    regio = models.ForeignKey(
        Regio, verbose_name=_("regio"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner,
        verbose_name=_("ketenpartner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medewerkers",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                name="gebruiker_een_organisatie_passend_bij_rol",
                condition=(
                    Q(
                        rol__in=sorted(r.value for r in GEMEENTE_ROLLEN),
                        gemeente__isnull=False,
                        regio__isnull=True,
                        ketenpartner__isnull=True,
                    )
                    | Q(rol=Rol.REGIOCOORDINATOR, regio__isnull=False, gemeente__isnull=True, ketenpartner__isnull=True)
                    | Q(
                        rol=Rol.KETENPARTNER_MEDEWERKER,
                        ketenpartner__isnull=False,
                        gemeente__isnull=True,
                        regio__isnull=True,
                    )
                    | Q(rol="", is_superuser=True)
                ),
            )
        ]

    @property
    def organisatie(self):
        return self.gemeente or self.regio or self.ketenpartner

    @property
    def organisatie_naam(self) -> str:
        return str(self.organisatie) if self.organisatie else ""

    def __str__(self) -> str:
        return self.get_full_name() or self.username
