"""Stored deadlines per dossier, the facts they derive from, gemeente settings and Atw gelijkgestelde dagen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente
from koers.dossiers.models import Dossier
from koers.utils.models import VersieModel

from .engine import regels


class Startgebeurtenis(models.TextChoices):
    REGISTRATIE = "registratie", _("Registratie in de gemeente")
    KENNISGEVING = "kennisgeving", _("Kennisgeving van DUO")
    KOPPELING = "koppeling", _("Koppeling door het COA")


def _standaard(code: str, naam: str) -> int:
    """A setting's default: the number in the rule catalogue (docs/regels-termijnen.md)."""
    return regels.REGELS[code][-1].parameters[naam]


class GemeenteInstelling(VersieModel):
    """The [S]/[?] numbers of the deadline rules as one gemeente sets them; defaults from the rule catalogue."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="termijninstelling", verbose_name=_("gemeente")
    )
    pip_startgebeurtenis = models.CharField(
        _("startgebeurtenis PIP-termijn"),
        max_length=20,
        choices=Startgebeurtenis.choices,
        default=Startgebeurtenis.REGISTRATIE,
        help_text=_("Vanaf welke gebeurtenis de 10 weken voor het vaststellen van het PIP lopen."),
    )
    pip_opschorting_weken_na_info = models.PositiveSmallIntegerField(
        _("PIP: weken na ontvangst informatie van derden [S]"),
        default=_standaard("pip_opschorting", "weken_na_info"),
    )
    voortgangsgesprek_interval_maanden = models.PositiveSmallIntegerField(
        _("voortgangsgesprek: elke zoveel maanden [?]"),
        default=_standaard("voortgangsgesprek", "interval_maanden"),
    )
    pvt_maanden_voor_einde = models.PositiveSmallIntegerField(
        _("PVT: maanden vóór het einde van de inburgeringstermijn [?]"),
        default=_standaard("pvt", "maanden_voor_termijneinde"),
    )
    map_maanden_voor_einde = models.PositiveSmallIntegerField(
        _("MAP: maanden vóór het einde van de inburgeringstermijn [?]"),
        default=_standaard("map", "maanden_voor_termijneinde"),
    )
    digest_versturen = models.BooleanField(
        _("dagelijkse e-mail met verlopen en bijna verlopen termijnen"), default=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("termijninstelling van een gemeente")
        verbose_name_plural = _("termijninstellingen van gemeenten")
        constraints = [
            models.CheckConstraint(name="opschorting_minstens_1", condition=Q(pip_opschorting_weken_na_info__gte=1)),
            models.CheckConstraint(name="interval_minstens_1", condition=Q(voortgangsgesprek_interval_maanden__gte=1)),
        ]

    def __str__(self) -> str:
        return str(self.gemeente)


class GelijkgesteldeDag(models.Model):
    """A day a Royal Decree equates with an algemeen erkende feestdag (Atw art. 3 lid 3); filled in by beheer."""

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(
        _("omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: vrijdag na Hemelvaartsdag.")
    )
    besluit = models.CharField(
        _("besluit"),
        max_length=300,
        help_text=_("Het Koninklijk besluit met vindplaats (Staatsblad), zoals op wetten.overheid.nl."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("met een feestdag gelijkgestelde dag (Atw art. 3 lid 3)")
        verbose_name_plural = _("met een feestdag gelijkgestelde dagen (Atw art. 3 lid 3)")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


class Feitsoort(models.TextChoices):
    STARTGEBEURTENIS = "startgebeurtenis", _("Startgebeurtenis PIP-termijn")
    INFO_GEVRAAGD = "info_gevraagd", _("Informatie van derden gevraagd")
    INFO_ONTVANGEN = "info_ontvangen", _("Informatie van derden ontvangen")
    PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld")
    PIP_VERVALLEN = "pip_vervallen", _("Dagtekening van een PIP vervallen (rectificatie of intrekking)")
    ONTZORGEN_START = "ontzorgen_start", _("Ontzorgen gestart")
    VERLENGING = "verlenging", _("Verlenging door DUO")
    ROUTE_GEWIJZIGD = "route_gewijzigd", _("Leerroute gewijzigd")
    PVT_VOLDAAN = "pvt_voldaan", _("PVT afgerond")
    MAP_VOLDAAN = "map_voldaan", _("MAP afgerond")
    VOORTGANGSGESPREK_GEHOUDEN = "voortgangsgesprek_gehouden", _("Voortgangsgesprek gehouden")


class Termijnfeit(models.Model):
    """An event a deadline derives from. Append-only: deadlines are recomputed from all facts of a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="termijnfeiten")
    soort = models.CharField(_("soort"), max_length=30, choices=Feitsoort.choices)
    datum = models.DateField(_("datum"))
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("termijnfeit")
        verbose_name_plural = _("termijnfeiten")
        ordering = ["datum", "id"]
        indexes = [models.Index(fields=["dossier", "soort", "datum"], name="termijnfeit_dossier_idx")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum}"


class Termijnsoort(models.TextChoices):
    PIP_VASTSTELLEN = "pip_vaststellen", _("PIP vaststellen")
    INBURGERINGSTERMIJN = "inburgeringstermijn", _("Einde inburgeringstermijn")
    SCHAKELEN = "schakelen", _("Laatste dag leerroute wisselen")
    ONTZORGEN = "ontzorgen", _("Einde ontzorgen")
    PVT = "pvt", _("PVT afgerond")
    MAP = "map", _("MAP afgerond")
    VOORTGANGSGESPREK = "voortgangsgesprek", _("Volgend voortgangsgesprek")


# Windows that close rather than fall due: once passed they lapse (vervallen) instead of being overdue.
VENSTERSOORTEN = frozenset({Termijnsoort.SCHAKELEN, Termijnsoort.ONTZORGEN})


class Termijn(models.Model):
    """A dossier's legal or planned date, with the rule (version, citation) and a plain-Dutch explanation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        VOLDAAN = "voldaan", _("Voldaan")
        VERVALLEN = "vervallen", _("Vervallen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="termijnen")
    soort = models.CharField(_("soort"), max_length=30, choices=Termijnsoort.choices)
    datum = models.DateField(_("uiterste datum"))
    oorspronkelijke_datum = models.DateField(_("datum vóór verschuiving (Atw)"))
    begindatum = models.DateField(_("begindatum"), null=True, blank=True)
    opgeschort = models.BooleanField(_("opgeschort"), default=False)
    regel_code = models.CharField(_("regel"), max_length=50)
    regel_versie = models.PositiveSmallIntegerField(_("regelversie"))
    regel_titel = models.CharField(_("regeltitel"), max_length=300)
    bron = models.CharField(_("bron"), max_length=300)
    zekerheid = models.CharField(_("zekerheid"), max_length=1)
    aanvullende_bronnen = models.JSONField(_("aanvullende bronnen"), default=list, blank=True)
    uitleg = models.TextField(_("uitleg"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    voldaan_op = models.DateField(_("voldaan op"), null=True, blank=True)
    handmatig_voldaan = models.BooleanField(default=False)
    overdue_gemeld_op = models.DateTimeField(_("verlopen gemeld op"), null=True, blank=True)
    # Denormalised from the dossier so a worklist is one indexed query; services and a signal keep them in sync.
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+", db_index=False)
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "soort"], name="een_termijn_per_soort_per_dossier"),
            models.CheckConstraint(
                name="voldaan_heeft_datum",
                condition=~Q(status="voldaan") | Q(voldaan_op__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "datum"], name="termijn_status_datum_idx"),
            models.Index(fields=["klantmanager", "status", "datum"], name="termijn_km_status_datum_idx"),
            models.Index(fields=["gemeente", "status", "datum"], name="termijn_gem_status_datum_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum}"

    @property
    def is_verschoven(self) -> bool:
        return self.datum != self.oorspronkelijke_datum
