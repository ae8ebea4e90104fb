"""Progress conversations, exam results, the PVT and the MAP of a dossier."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.dossiers.models import Dossier
from koers.utils.models import VersieModel


class Voortgangsgesprek(VersieModel):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        GEHOUDEN = "gehouden", _("Gehouden")
        GEMIST = "gemist", _("Gemist")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="voortgangsgesprekken")
    gepland_op = models.DateField(_("gepland op"))
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND)
    notities = models.TextField(_("notities"), blank=True)
    afspraken = models.TextField(_("afspraken"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        ordering = ["gepland_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="gesprek_gehouden_heeft_datum",
                condition=~Q(status="gehouden") | Q(gehouden_op__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Voortgangsgesprek {self.gepland_op}"


class Examenresultaat(VersieModel):
    class Onderdeel(models.TextChoices):
        LEZEN = "lezen", _("Lezen")
        LUISTEREN = "luisteren", _("Luisteren")
        SCHRIJVEN = "schrijven", _("Schrijven")
        SPREKEN = "spreken", _("Spreken")
        KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")
        ONA = "ona", _("Oriëntatie op de Nederlandse arbeidsmarkt (ONA)")

    class Niveau(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"

    class Resultaat(models.TextChoices):
        BEHAALD = "behaald", _("Behaald")
        NIET_BEHAALD = "niet_behaald", _("Niet behaald")
        GEEN_RESULTAAT = "geen_resultaat", _("Geen resultaat (niet verschenen)")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="examenresultaten")
    onderdeel = models.CharField(_("examenonderdeel"), max_length=20, choices=Onderdeel.choices)
    niveau = models.CharField(_("niveau"), max_length=2, choices=Niveau.choices, blank=True)
    datum = models.DateField(_("examendatum"))
    resultaat = models.CharField(_("resultaat"), max_length=20, choices=Resultaat.choices)
    poging = models.PositiveSmallIntegerField(_("poging"))
    gratis = models.BooleanField(_("gratis poging gebruikt"), default=False)
    geimporteerd = models.BooleanField(_("overgenomen uit een ander systeem"), default=False)
    bewijs = models.CharField(
        _("bewijs"),
        max_length=300,
        blank=True,
        help_text=_("Kenmerk of adres van het bewijs (uitslagbrief, certificaat) dat de aanbieder meegaf."),
    )
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("examenresultaat")
        verbose_name_plural = _("examenresultaten")
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "onderdeel", "poging"], name="examen_poging_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.get_onderdeel_display()} {self.niveau} – {self.get_resultaat_display()}"


class PVT(VersieModel):
    """The participatieverklaringstraject: done when the declaration is signed."""

    class Resultaat(models.TextChoices):
        VOLDAAN = "voldaan", _("Voldaan")
        NIET_VOLDAAN = "niet_voldaan", _("Niet voldaan")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="pvt")
    ondertekend_op = models.DateField(_("verklaring ondertekend op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=20, choices=Resultaat.choices)
    verwijtbaar = models.BooleanField(_("verwijtbaar niet voldaan"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participatieverklaringstraject")
        verbose_name_plural = _("participatieverklaringstrajecten")
        constraints = [
            models.CheckConstraint(
                name="pvt_voldaan_heeft_ondertekening",
                condition=~Q(resultaat="voldaan") | Q(ondertekend_op__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"PVT {self.get_resultaat_display()}"


class MAP(VersieModel):
    """The module arbeidsmarkt en participatie, ending with an eindgesprek with the gemeente."""

    class Resultaat(models.TextChoices):
        SUCCESVOL = "succesvol", _("Succesvol afgerond")
        NIET_SUCCESVOL = "niet_succesvol", _("Niet succesvol afgerond")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="map_module")
    eindgesprek_op = models.DateField(_("eindgesprek op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=20, choices=Resultaat.choices)
    reden = models.TextField(_("reden"), blank=True)
    verwijtbaar = models.BooleanField(_("verwijtbaar niet succesvol"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("module arbeidsmarkt en participatie")
        verbose_name_plural = _("modules arbeidsmarkt en participatie")
        constraints = [
            models.CheckConstraint(
                name="map_succesvol_heeft_eindgesprek",
                condition=~Q(resultaat="succesvol") | Q(eindgesprek_op__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"MAP {self.get_resultaat_display()}"
