"""An import of a COA or DUO file (or API batch) and its records, each with its own outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.accounts.models import Gemeente


class Bron(models.TextChoices):
    COA = "coa", _("COA: informatieprofielen")
    DUO = "duo", _("DUO: signalen")


class Formaat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    JSON = "json", "JSON"


class Import(models.Model):
    """One delivered file or API batch. Applied all or nothing; the content's hash makes a second delivery a no-op."""

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", _("Ontvangen")
        BEZIG = "bezig", _("Wordt verwerkt")
        GEVALIDEERD = "gevalideerd", _("Gevalideerd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        TOEGEPAST = "toegepast", _("Toegepast")
        MISLUKT = "mislukt", _("Mislukt")

    bron = models.CharField(_("bron"), max_length=3, choices=Bron.choices)
    formaat = models.CharField(_("formaat"), max_length=4, choices=Formaat.choices)
    mappingversie = models.CharField(_("versie van de veldindeling"), max_length=10)
    gemeente = models.ForeignKey(
        Gemeente,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("Leeg bij een landelijke aanlevering door het COA of DUO."),
    )
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangeleverd door")
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    inhoud = models.BinaryField(_("inhoud"), editable=False)
    sha256 = models.CharField(_("SHA-256 van de inhoud"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ONTVANGEN)
    melding = models.TextField(_("melding"), blank=True)
    totaal = models.PositiveIntegerField(_("aantal records"), default=0)
    verwerkt = models.PositiveIntegerField(_("verwerkt"), default=0)
    aantal_toegepast = models.PositiveIntegerField(_("toegepast"), default=0)
    aantal_ongewijzigd = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    aantal_afgewezen = models.PositiveIntegerField(_("afgewezen"), default=0)
    aantal_dubbel = models.PositiveIntegerField(_("mogelijk dubbel"), default=0)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    gevalideerd_op = models.DateTimeField(_("gevalideerd op"), null=True, blank=True)
    toegepast_op = models.DateTimeField(_("toegepast op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-id"]
        indexes = [models.Index(fields=["gemeente", "-id"], name="import_gemeente_idx")]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_bron_display()}, {self.bestandsnaam or self.formaat})"

    @property
    def is_klaar(self) -> bool:
        return self.status in (self.Status.AFGEWEZEN, self.Status.TOEGEPAST, self.Status.MISLUKT)

    @property
    def procent(self) -> int:
        return 100 if not self.totaal else min(100, self.verwerkt * 100 // self.totaal)


class ImportRecord(models.Model):
    """One line of an import: its key, the parsed data, its outcome and (once applied) what it changed."""

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("Nog niet verwerkt")
        GELDIG = "geldig", _("Geldig")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        TOEGEPAST = "toegepast", _("Toegepast")
        ONGEWIJZIGD = "ongewijzigd", _("Ongewijzigd")
        MOGELIJK_DUBBEL = "mogelijk_dubbel", _("Mogelijk dubbel: wacht op besluit")
        NIET_TOEGEPAST = "niet_toegepast", _("Niet toegepast (ander record afgewezen)")

    aanlevering = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="records", verbose_name=_("import"))
    regel = models.PositiveIntegerField(pgettext_lazy("regel in een bestand", "regel"))
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    v_nummer = models.CharField(_("v-nummer"), max_length=10, blank=True)
    gemeentecode = models.CharField(_("gemeentecode"), max_length=4, blank=True)
    signaal_id = models.CharField(_("signaalnummer DUO"), max_length=50, blank=True)
    soort = models.CharField(_("soort"), max_length=30, blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NIEUW)
    reden = models.TextField(_("reden"), blank=True)
    inburgeraar = models.ForeignKey(
        "inburgeraars.Inburgeraar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dossier = models.ForeignKey("dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kandidaten = models.JSONField(_("mogelijke dubbelen"), default=list, blank=True)
    resultaat = models.JSONField(_("wat is vastgelegd"), default=dict, blank=True)

    class Meta:
        verbose_name = _("importrecord")
        verbose_name_plural = _("importrecords")
        ordering = ["regel"]
        constraints = [models.UniqueConstraint(fields=["aanlevering", "regel"], name="importrecord_regel_uniek")]
        indexes = [
            models.Index(fields=["signaal_id"], name="importrecord_signaal_idx", condition=~Q(signaal_id="")),
            models.Index(fields=["aanlevering", "status"], name="importrecord_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Regel {self.regel} van import {self.aanlevering_id}"
