"""Subscriptions of other systems, the outbox of events, and the delivery log (one row per attempt)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente
from koers.dossiers.models import Dossier
from koers.utils.datums import lokaal
from koers.utils.models import VersieModel


class Gebeurtenistype(models.TextChoices):
    """What a receiving system can subscribe to; the CloudEvents ``type`` is ``TYPE_VOORVOEGSEL + code``."""

    DOSSIER_GEOPEND = "dossier-geopend", _("Dossier geopend")
    INTAKE_AFGEROND = "intake-afgerond", _("Brede intake afgerond")
    PIP_VASTGESTELD = "pip-vastgesteld", _("PIP vastgesteld")
    TERMIJN_DREIGT_TE_VERLOPEN = "termijn-dreigt-te-verlopen", _("Termijn dreigt te verlopen")
    UREN_ONTBREKEN = "uren-ontbreken", _("Uren ontbreken")
    DOSSIER_AFGESLOTEN = "dossier-afgesloten", _("Dossier afgesloten")


TYPE_VOORVOEGSEL = "nl.koers.inburgering."


class Abonnement(VersieModel):
    """A receiving system of one gemeente: where to POST which events, and the secret that signs them."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente"))
    naam = models.CharField(_("naam van het ontvangende systeem"), max_length=100)
    callback_url = models.URLField(_("callback-URL"), max_length=500)
    gebeurtenistypen = models.JSONField(_("gebeurtenissen"), default=list)
    # Needed in clear text to sign each request (like an API key); shown to the beheerder once, at creation.
    geheim = models.CharField(_("ondertekeningsgeheim"), max_length=100, editable=False)
    autorisatie = models.CharField(
        _("toegangstoken van de ontvanger"),
        max_length=500,
        blank=True,
        help_text=_("Optioneel. Wordt meegestuurd als ‘Authorization: Bearer …’ (NL GOV-richtlijn voor webhooks)."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gedeactiveerd_op = models.DateTimeField(_("gedeactiveerd op"), null=True, blank=True)
    gedeactiveerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deactiveringsreden = models.CharField(_("reden van deactiveren"), max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["geheim", "autorisatie"])

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["naam", "id"]
        indexes = [models.Index(fields=["gemeente", "actief"], name="abonnement_gemeente_idx")]

    def __str__(self) -> str:
        return self.naam

    def wil(self, type_: str) -> bool:
        return self.actief and type_ in self.gebeurtenistypen

    @property
    def gebeurtenistypen_labels(self) -> list[str]:
        labels = dict(Gebeurtenistype.choices)
        return [str(labels.get(t, t)) for t in self.gebeurtenistypen]


class Gebeurtenis(models.Model):
    """One event in the outbox, written in the transaction of the change it reports. Its id is the CloudEvents id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(_("soort gebeurtenis"), max_length=40, choices=Gebeurtenistype.choices)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tijdstip = models.DateTimeField(_("tijdstip"))
    onderwerp = models.CharField(_("onderwerp (subject)"), max_length=100)
    gegevens = models.JSONField(_("gegevens (data)"), default=dict)
    dataref = models.CharField(_("dataref"), max_length=500, blank=True)
    # What makes the event unique in the domain (a timeline entry, a termijn and its date, a month of hours):
    # a daily job that runs twice, or a second timeline entry of one completed intake, adds nothing.
    sleutel = models.CharField(max_length=120, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["gemeente", "-aangemaakt_op"], name="gebeurtenis_gemeente_idx")]

    def __str__(self) -> str:
        return f"{self.type} {self.onderwerp}"

    @property
    def cloudevents_type(self) -> str:
        return TYPE_VOORVOEGSEL + self.type


class Bezorging(models.Model):
    """One event for one subscription: waiting, delivered (at most once) or failed after the last retry."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wachtend")
        BEZORGD = "bezorgd", _("Bezorgd")
        MISLUKT = "mislukt", _("Mislukt")

    gebeurtenis = models.ForeignKey(Gebeurtenis, on_delete=models.CASCADE, related_name="bezorgingen")
    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="bezorgingen")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    mislukt_op_rij = models.PositiveSmallIntegerField(default=0)  # since the last manual resend: the backoff step
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    bezorgd_op = models.DateTimeField(_("bezorgd op"), null=True, blank=True)
    opnieuw_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        constraints = [
            models.UniqueConstraint(fields=["gebeurtenis", "abonnement"], name="een_bezorging_per_abonnement"),
            models.CheckConstraint(
                name="bezorgd_heeft_tijdstip", condition=~Q(status="bezorgd") | Q(bezorgd_op__isnull=False)
            ),
        ]
        indexes = [
            models.Index(fields=["volgende_poging_op"], name="bezorging_wachtend_idx", condition=Q(status="wachtend")),
            models.Index(fields=["abonnement", "-id"], name="bezorging_abonnement_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} → {self.abonnement_id}: {self.status}"


class Poging(models.Model):
    """One HTTP attempt: when, the answer (status code or error), how long it took, and who asked for a resend."""

    bezorging = models.ForeignKey(Bezorging, on_delete=models.CASCADE, related_name="poging_log")
    tijdstip = models.DateTimeField(_("tijdstip"))
    http_status = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    duur_ms = models.PositiveIntegerField(_("duur (ms)"), default=0)
    fout = models.CharField(_("fout"), max_length=300, blank=True)
    gelukt = models.BooleanField(_("gelukt"), default=False)
    handmatig_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opnieuw verstuurd door"),
    )

    class Meta:
        verbose_name = _("bezorgpoging")
        verbose_name_plural = _("bezorgpogingen")
        ordering = ["tijdstip", "id"]
        indexes = [models.Index(fields=["bezorging", "tijdstip"], name="poging_bezorging_idx")]

    def __str__(self) -> str:
        return f"{self.bezorging_id} {lokaal(self.tijdstip):%Y-%m-%d %H:%M:%S} {self.http_status or self.fout}"
