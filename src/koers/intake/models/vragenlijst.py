"""The questionnaire as versioned configuration: functioneel beheer adds or changes questions in a new version."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.utils.models import VersieModel


class Levensgebied(models.TextChoices):
    """The areas of life the brede intake covers, in the order they are asked (Wet art. 14 plus common practice)."""

    OPLEIDING_WERK = "opleiding_werk", _("Opleiding en werkervaring")
    TAAL = "taal", _("Taal en geletterdheid")
    GEZONDHEID = "gezondheid", _("Persoonlijke omstandigheden en gezondheid")
    DIGITAAL = "digitaal", _("Digitale vaardigheden")
    FINANCIEN = "financien", _("Financiën en schulden")
    WONEN = "wonen", _("Wonen")
    GEZIN = "gezin", _("Gezin en kinderen")
    NETWERK = "netwerk", _("Sociaal netwerk")
    AMBITIES = "ambities", _("Ambities, werkwensen en motivatie")


class Antwoordtype(models.TextChoices):
    TEKST = "tekst", _("Tekst")
    KEUZE = "keuze", _("Keuze uit een lijst")
    JA_NEE = "ja_nee", _("Ja of nee")
    GETAL = "getal", _("Getal")
    DATUM = "datum", _("Datum")


class Vragenlijst(VersieModel):
    """One version of the questionnaire. A version in use is never edited in place: copy it to a new version."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        ACTIEF = "actief", _("Actief")
        VERVALLEN = "vervallen", _("Vervallen")

    nummer = models.PositiveIntegerField(_("versienummer"), unique=True)
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    toelichting = models.TextField(_("toelichting op deze versie"), blank=True)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["-nummer"]

    def __str__(self) -> str:
        return _("Vragenlijst versie %(nummer)s (%(status)s)") % {
            "nummer": self.nummer,
            "status": self.get_status_display(),
        }

    @property
    def is_bewerkbaar(self) -> bool:
        """Only a concept that no intake uses may change; everything else is history."""
        return self.status == self.Status.CONCEPT and not self.intakes.exists()

    def geldt_op(self, datum: dt.date) -> bool:
        return self.status == self.Status.ACTIEF and self.geldig_vanaf <= datum


class Vraag(VersieModel):
    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="vragen")
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Vaste sleutel van de vraag; Koers leest sommige codes voor het routeadvies (zie de regels)."),
    )
    levensgebied = models.CharField(_("levensgebied"), max_length=30, choices=Levensgebied.choices)
    tekst = models.CharField(_("vraag"), max_length=300)
    hulptekst = models.CharField(_("hulptekst"), max_length=500, blank=True)
    antwoordtype = models.CharField(_("soort antwoord"), max_length=10, choices=Antwoordtype.choices)
    keuzes = models.JSONField(
        _("keuzes"),
        default=list,
        blank=True,
        help_text=_('Alleen bij "keuze uit een lijst": een lijst van [waarde, tekst], bijvoorbeeld [["ja", "Ja"]].'),
    )
    verplicht = models.BooleanField(_("verplicht om af te ronden"), default=False)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)
    is_gezondheid = models.BooleanField(
        _("gezondheidsgegeven"),
        default=False,
        help_text=_("Bijzonder persoonsgegeven: alleen zichtbaar voor de eigen klantmanager en de teamleider."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["vragenlijst", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vragenlijst", "code"], name="vraagcode_uniek_per_vragenlijst"),
            models.CheckConstraint(
                name="keuzevraag_heeft_keuzes",
                condition=~Q(antwoordtype="keuze") | ~Q(keuzes=[]),
            ),
        ]

    def __str__(self) -> str:
        return self.tekst

    @property
    def keuzelijst(self) -> list[tuple[str, str]]:
        if self.antwoordtype == Antwoordtype.JA_NEE:
            return [("ja", str(_("Ja"))), ("nee", str(_("Nee")))]
        return [(str(waarde), str(tekst)) for waarde, tekst in self.keuzes]

    def toon(self, waarde) -> str:
        """The answer as a person reads it."""
        if waarde is None or waarde == "":
            return ""
        if self.antwoordtype == Antwoordtype.JA_NEE:
            return str(_("Ja")) if waarde is True else str(_("Nee"))
        if self.antwoordtype == Antwoordtype.KEUZE:
            return dict(self.keuzelijst).get(str(waarde), str(waarde))
        if self.antwoordtype == Antwoordtype.DATUM:
            try:
                return dt.date.fromisoformat(waarde).strftime("%d-%m-%Y")
            except (TypeError, ValueError):
                return str(waarde)
        return str(waarde)
