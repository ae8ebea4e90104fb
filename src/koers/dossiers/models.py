"""The dossier (case file) per inburgeraar per responsible gemeente, its sharing and its timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente, Ketenpartner
from koers.inburgeraars.models import Inburgeraar
from koers.utils.models import VersieModel

from .status import Afsluitreden, Status


class Wet(models.TextChoices):
    WI2021 = "wi2021", _("Wet inburgering 2021")
    WI2013 = "wi2013", _("Wet inburgering 2013")


class Dossier(VersieModel):
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("inburgeraar")
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("verantwoordelijke gemeente")
    )
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        verbose_name=_("klantmanager"),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.AANGEMELD)
    afsluitreden = models.CharField(_("reden afsluiting"), max_length=30, choices=Afsluitreden.choices, blank=True)
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    aangemeld_op = models.DateField(_("aangemeld op"))
    # From DUO's signals (koppelvlakken): which law applies and when the obligation starts and ends.
    wet = models.CharField(
        _("wet"), max_length=6, choices=Wet.choices, blank=True, help_text=_("Leeg zolang DUO niets heeft gemeld.")
    )
    inburgeringsplicht_start = models.DateField(_("begin inburgeringsplicht"), null=True, blank=True)
    inburgeringsplicht_einde = models.DateField(_("einde inburgeringsplicht"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(fields=["inburgeraar", "gemeente"], name="een_dossier_per_persoon_per_gemeente"),
            models.CheckConstraint(
                name="afgerond_heeft_reden",
                condition=(Q(status=Status.AFGEROND) & ~Q(afsluitreden="") & Q(afgesloten_op__isnull=False))
                | (~Q(status=Status.AFGEROND) & Q(afsluitreden="")),
            ),
        ]
        # Match the scoping: a caseload is (gemeente [, klantmanager] [, status]) newest first.
        indexes = [
            models.Index(fields=["gemeente", "status", "-id"], name="dossier_gemeente_status_idx"),
            models.Index(fields=["klantmanager", "status", "-id"], name="dossier_km_status_idx"),
            models.Index(fields=["gemeente", "-id"], name="dossier_gemeente_idx"),
            models.Index(fields=["klantmanager", "-id"], name="dossier_km_idx"),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk} – {self.inburgeraar}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.AFGEROND


class DossierDeling(models.Model):
    """A dossier explicitly shared with a ketenpartner, for a purpose and a period."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="delingen")
    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, related_name="delingen", verbose_name=_("ketenpartner")
    )
    doel = models.CharField(_("doel van het delen"), max_length=200)
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gedeeld_op = models.DateTimeField(_("gedeeld op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deling met ketenpartner")
        verbose_name_plural = _("delingen met ketenpartners")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "ketenpartner"],
                condition=Q(ingetrokken_op__isnull=True),
                name="een_actieve_deling_per_partner",
            ),
        ]
        indexes = [
            models.Index(
                fields=["ketenpartner", "dossier"], name="deling_partner_idx", condition=Q(ingetrokken_op__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} gedeeld met {self.ketenpartner}"


class TijdlijnGebeurtenis(models.Model):
    """One thing that happened to a dossier. Append-only; apps write through services.log_gebeurtenis."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tijdlijn")
    tijdstip = models.DateTimeField(_("tijdstip"), db_index=False)
    soort = models.CharField(_("soort"), max_length=50)
    titel = models.CharField(_("titel"), max_length=300)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gegevens = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["dossier", "-tijdstip", "-id"], name="tijdlijn_dossier_idx")]

    def __str__(self) -> str:
        return self.titel
