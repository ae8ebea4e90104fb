"""The PIP (Persoonlijk Plan Inburgering en Participatie) as a beschikking, its offer parts, bezwaar and settings.

A PIP is drafted as a concept, optionally approved by a teamleider (four eyes), then vastgesteld: it gets a
beschikkingsnummer, a dagtekening and a stored PDF, and can never change again. A change is a new PIP
(a wijzigingsbeschikking) with the next volgnummer; the previous one becomes 'vervangen' and stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente
from koers.dossiers.models import Dossier
from koers.utils.models import VersieModel


def melding_vastgesteld() -> str:
    return gettext("Deze PIP is vastgesteld en kan niet meer worden gewijzigd. Maak een wijzigingsbeschikking.")


class PIPVastgesteld(ValidationError):
    """An attempt to change a vastgestelde (or vervangen) PIP."""

    def __init__(self):
        super().__init__(melding_vastgesteld(), code="vastgesteld")


class Leerroute(models.TextChoices):
    """The same values as koers.intake.advies.Leerroute."""

    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route (zelfredzaamheidsroute)")


class Hoofddoel(models.TextChoices):
    WERK = "werk", _("Werk")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    PARTICIPATIE = "participatie", _("Participatie")


class PIPStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    VERVANGEN = "vervangen", _("Vervangen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSSEN = (PIPStatus.CONCEPT, PIPStatus.TER_GOEDKEURING, PIPStatus.GOEDGEKEURD)
DEFINITIEVE_STATUSSEN = (PIPStatus.VASTGESTELD, PIPStatus.VERVANGEN, PIPStatus.INGETROKKEN)


class Soort(models.TextChoices):
    INITIEEL = "initieel", _("Eerste PIP")
    WIJZIGING = "wijziging", _("Wijziging")


class Wijzigingsreden(models.TextChoices):
    SCHAKELEN = "schakelen", _("Andere leerroute (schakelen)")
    AFSCHALEN = "afschalen", _("Afschalen naar A2")
    VERHUIZING = "verhuizing", _("Verhuizing")
    OVERIG = "overig", _("Andere wijziging")
    INTREKKING = "intrekking", _("Intrekking en vervanging van de beschikking")


class Intrekkingsgrond(models.TextChoices):
    INHOUDELIJK = "inhoudelijk", _("De beschikking is inhoudelijk onjuist")
    ONJUISTE_DAGTEKENING = "onjuiste_dagtekening", _("De dagtekening van de beschikking is onjuist")


class PIP(VersieModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pips", verbose_name=_("dossier"))
    volgnummer = models.PositiveIntegerField(
        _("volgnummer"), help_text=_("1 is de eerste PIP; 2 en verder zijn wijzigingen.")
    )
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices, default=Soort.INITIEEL)
    wijzigingsreden = models.CharField(
        _("reden van de wijziging"), max_length=12, choices=Wijzigingsreden.choices, blank=True
    )
    wijziging_toelichting = models.TextField(_("toelichting op de wijziging"), blank=True)
    intrekkingsgrond = models.CharField(
        _("grond van de intrekking"), max_length=20, choices=Intrekkingsgrond.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=16, choices=PIPStatus.choices, default=PIPStatus.CONCEPT)

    leerroute = models.CharField(_("leerroute"), max_length=10, choices=Leerroute.choices)
    route_motivering = models.TextField(
        _("waarom deze leerroute"),
        help_text=_("Overgenomen uit het routebesluit van de brede intake; elke route is gewogen."),
    )
    hoofddoel = models.CharField(
        _("hoofddoel"), max_length=12, choices=Hoofddoel.choices, default=Hoofddoel.PARTICIPATIE
    )
    hoofddoel_toelichting = models.TextField(_("toelichting op het hoofddoel"), blank=True)
    voorwaarde_kinderopvang = models.TextField(_("kinderopvang"), blank=True)
    voorwaarde_vervoer = models.TextField(_("vervoer"), blank=True)
    voorwaarde_overig = models.TextField(_("andere voorwaarden"), blank=True)
    begeleiding = models.TextField(_("begeleiding"), blank=True)
    ontzorgen = models.BooleanField(_("ontzorgen"), default=False)
    ontzorgen_huur = models.BooleanField(_("huur"), default=False)
    ontzorgen_energie_water = models.BooleanField(_("energie en water"), default=False)
    ontzorgen_zorgverzekering = models.BooleanField(_("zorgverzekering"), default=False)
    ontzorgen_vanaf = models.DateField(_("ontzorgen vanaf"), null=True, blank=True)
    ontzorgen_maanden = models.PositiveSmallIntegerField(_("ontzorgen aantal maanden"), null=True, blank=True)
    voortgangsgesprek_interval_maanden = models.PositiveSmallIntegerField(
        _("voortgangsgesprek elke … maanden"), default=3
    )
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    contactpersoon_naam = models.CharField(_("naam contactpersoon"), max_length=150, blank=True)
    contactpersoon_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    afspraken = models.TextField(_("afspraken met de inburgeraar"), blank=True)

    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ter goedkeuring aangeboden door"),
    )
    ingediend_op = models.DateTimeField(_("ter goedkeuring aangeboden op"), null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    afwijzing_reden = models.TextField(_("reden van afwijzing"), blank=True)
    beschikkingsnummer = models.CharField(_("beschikkingsnummer"), max_length=30, null=True, blank=True, unique=True)
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    pdf = models.FileField(_("beschikking (PDF)"), upload_to="pip/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 van de PDF"), max_length=64, blank=True)
    history = HistoricalRecords()

    # Fields that may still change after vaststelling: the status (→ vervangen/ingetrokken) and, once, a lazily
    # rendered PDF.
    NA_VASTSTELLING_TOEGESTAAN = frozenset({"status", "versie", "gewijzigd_op", "pdf", "pdf_sha256"})
    # What a rectification of an obvious clerical error (kennelijke verschrijving) may correct: never the decision
    # itself (route, offer, ontzorgen), which needs an intrekking and a new beschikking.
    RECTIFICEERBAAR = frozenset(
        {
            "dagtekening",
            "contactpersoon_naam",
            "contactpersoon_email",
            "afspraken",
            "begeleiding",
            "hoofddoel_toelichting",
            "voorwaarde_kinderopvang",
            "voorwaarde_vervoer",
            "voorwaarde_overig",
        }
    )

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")
        ordering = ["dossier", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "volgnummer"], name="pip_volgnummer_uniek_per_dossier"),
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status__in=["concept", "ter_goedkeuring", "goedgekeurd"]),
                name="een_open_pip_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status="vastgesteld"), name="een_geldend_pip_per_dossier"
            ),
            models.CheckConstraint(
                name="vastgestelde_pip_heeft_nummer_en_dagtekening",
                condition=Q(status__in=["concept", "ter_goedkeuring", "goedgekeurd"])
                | Q(beschikkingsnummer__isnull=False, dagtekening__isnull=False),
            ),
            models.CheckConstraint(
                name="wijziging_heeft_reden",
                condition=Q(soort="initieel", wijzigingsreden="") | (Q(soort="wijziging") & ~Q(wijzigingsreden="")),
            ),
            models.CheckConstraint(
                name="intrekking_heeft_grond_op_pip",
                condition=Q(wijzigingsreden="intrekking", intrekkingsgrond__in=["inhoudelijk", "onjuiste_dagtekening"])
                | (~Q(wijzigingsreden="intrekking") & Q(intrekkingsgrond="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "dossier"], name="pip_status_idx")]

    def __str__(self) -> str:
        return self.beschikkingsnummer or gettext("PIP %(nr)s (concept) dossier %(dossier)s") % {
            "nr": self.volgnummer,
            "dossier": self.dossier_id,
        }

    @property
    def is_definitief(self) -> bool:
        return self.status in DEFINITIEVE_STATUSSEN

    @property
    def is_wijziging(self) -> bool:
        return self.soort == Soort.WIJZIGING

    @property
    def ontzorgen_posten(self) -> list[str]:
        posten = [
            (self.ontzorgen_huur, gettext("huur")),
            (self.ontzorgen_energie_water, gettext("energie en water")),
            (self.ontzorgen_zorgverzekering, gettext("zorgverzekering")),
        ]
        return [label for aan, label in posten if aan]

    def save(self, *args, **kwargs):
        # Defence in depth: the services refuse first; this refuses anything that bypasses them.
        if self.pk:
            opgeslagen = type(self).objects.filter(pk=self.pk).first()
            if opgeslagen is not None and opgeslagen.is_definitief:
                self._weiger_inhoudelijke_wijziging(opgeslagen)
        super().save(*args, **kwargs)

    def _weiger_inhoudelijke_wijziging(self, opgeslagen: PIP) -> None:
        # services.rectificeer sets _rectificatie; only then may the correctable fields and the PDF change
        rectificatie = getattr(self, "_rectificatie", False)
        toegestaan = self.NA_VASTSTELLING_TOEGESTAAN | (self.RECTIFICEERBAAR if rectificatie else frozenset())
        for veld in self._meta.concrete_fields:
            if veld.name in toegestaan:
                continue
            if getattr(self, veld.attname) != getattr(opgeslagen, veld.attname):
                raise PIPVastgesteld()
        if self.status not in DEFINITIEVE_STATUSSEN:
            raise PIPVastgesteld()
        if opgeslagen.pdf and self.pdf.name != opgeslagen.pdf.name and not rectificatie:
            raise PIPVastgesteld()

    def delete(self, *args, **kwargs):
        if self.is_definitief:
            raise PIPVastgesteld()
        return super().delete(*args, **kwargs)


class Niveau(models.TextChoices):
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"


class OnderdeelSoort(models.TextChoices):
    TAAL = "taal", _("Taal (Nederlands)")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")
    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    PARTICIPATIE = "participatie", _("Participatie")
    DUAAL = "duaal", _("Duaal traject (taal en werk)")
    OVERIG = "overig", _("Overig")


TAALVAARDIGHEDEN = (
    ("lezen", _("Lezen")),
    ("luisteren", _("Luisteren")),
    ("schrijven", _("Schrijven")),
    ("spreken", _("Spreken")),
)


class PIPOnderdeel(VersieModel):
    """One part of the offer in a PIP: language at a level, KNM, MAP, PVT, participation, a dual activity."""

    pip = models.ForeignKey(PIP, on_delete=models.CASCADE, related_name="onderdelen")
    soort = models.CharField(_("onderdeel"), max_length=14, choices=OnderdeelSoort.choices)
    niveau = models.CharField(_("niveau"), max_length=2, choices=Niveau.choices, blank=True)
    niveaus_per_vaardigheid = models.JSONField(
        _("niveau per examenonderdeel"),
        default=dict,
        blank=True,
        help_text=_("Alleen bij taal, als een onderdeel afwijkt (bijvoorbeeld na afschalen): {'spreken': 'A2'}."),
    )
    uren_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    aanbieder = models.CharField(_("aanbieder"), max_length=150, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderdeel van het aanbod")
        verbose_name_plural = _("onderdelen van het aanbod")
        ordering = ["pip", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                name="onderdeel_uren_niet_negatief", condition=Q(uren_per_week__gte=0) | Q(uren_per_week__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.niveau}".strip()

    @property
    def afwijkende_niveaus(self) -> list[tuple[str, str]]:
        labels = dict(TAALVAARDIGHEDEN)
        return [(str(labels[k]), v) for k, v in self.niveaus_per_vaardigheid.items() if k in labels and v]

    def _pip_is_definitief(self) -> bool:
        return PIP.objects.filter(pk=self.pip_id, status__in=DEFINITIEVE_STATUSSEN).exists()

    def save(self, *args, **kwargs):
        if self._pip_is_definitief():
            raise PIPVastgesteld()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._pip_is_definitief():
            raise PIPVastgesteld()
        return super().delete(*args, **kwargs)


class BezwaarStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend, nog niet beslist")
    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Bezwaar(VersieModel):
    """An objection against a PIP beschikking and its outcome."""

    pip = models.ForeignKey(PIP, on_delete=models.PROTECT, related_name="bezwaren", verbose_name=_("beschikking"))
    ontvangen_op = models.DateField(_("bezwaarschrift ontvangen op"))
    indiener = models.CharField(
        _("ingediend door"), max_length=150, help_text=_("Bijvoorbeeld de inburgeraar zelf of een advocaat.")
    )
    gronden = models.TextField(_("gronden van het bezwaar"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BezwaarStatus.choices, default=BezwaarStatus.INGEDIEND
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting op de beslissing"), blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.CheckConstraint(
                name="beslist_bezwaar_heeft_datum",
                condition=Q(status="ingediend", beslist_op__isnull=True)
                | (~Q(status="ingediend") & Q(beslist_op__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return gettext("Bezwaar tegen %s") % self.pip


class Correctiesoort(models.TextChoices):
    INTREKKING = "intrekking", _("Intrekking en vervanging")
    RECTIFICATIE = "rectificatie", _("Rectificatie van een kennelijke verschrijving")


class Correctie(models.Model):
    """A correction of a vastgestelde beschikking (append-only): an intrekking with the beschikking that replaces
    it, or the rectification of an obvious clerical error with the old and new values and the PDF it replaced."""

    pip = models.ForeignKey(PIP, on_delete=models.PROTECT, related_name="correcties", verbose_name=_("beschikking"))
    soort = models.CharField(_("soort"), max_length=12, choices=Correctiesoort.choices)
    grond = models.CharField(_("grond"), max_length=20, choices=Intrekkingsgrond.choices, blank=True)
    reden = models.TextField(_("reden"))
    vervangen_door = models.OneToOneField(
        PIP,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervangt_ingetrokken",
        verbose_name=_("vervangen door"),
    )
    wijzigingen = models.JSONField(_("gecorrigeerd (oud, nieuw)"), default=dict, blank=True)
    oude_pdf = models.FileField(_("eerdere beschikking (PDF)"), upload_to="pip/%Y/", blank=True)
    oude_pdf_sha256 = models.CharField(_("SHA-256 van de eerdere PDF"), max_length=64, blank=True)
    oude_dagtekening = models.DateField(_("dagtekening vóór de correctie"))
    besloten_op = models.DateField(_("besloten op"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("door")
    )
    aangemaakt_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("correctie van een beschikking")
        verbose_name_plural = _("correcties van beschikkingen")
        ordering = ["pip", "-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                name="intrekking_heeft_grond",
                condition=Q(soort="rectificatie", grond="") | (Q(soort="intrekking") & ~Q(grond="")),
            ),
            models.CheckConstraint(name="correctie_heeft_reden", condition=~Q(reden="")),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.pip}"

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exists():
            raise ValidationError(gettext("Een vastgelegde correctie kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("Een vastgelegde correctie kan niet worden verwijderd."))


class PIPInstelling(models.Model):
    """Per-gemeente settings for PIP beschikkingen; functioneel beheer edits them in the admin."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="pip_instelling", verbose_name=_("gemeente")
    )
    vier_ogen = models.BooleanField(
        _("vier-ogenprincipe"),
        default=False,
        help_text=_("Een teamleider moet een PIP goedkeuren voordat deze wordt vastgesteld."),
    )
    bezwaaradres = models.TextField(
        _("adres voor bezwaar"),
        blank=True,
        help_text=_("Waar stuurt de inburgeraar een bezwaarschrift naartoe? Meerdere regels mogen."),
    )
    ondertekenaar_naam = models.CharField(_("naam ondertekenaar"), max_length=150, blank=True)
    ondertekenaar_functie = models.CharField(_("functie ondertekenaar"), max_length=150, blank=True)
    voortgangsgesprek_interval_maanden = models.PositiveSmallIntegerField(
        _("standaard: voortgangsgesprek elke … maanden"),
        default=3,
        help_text=_("Geen wettelijke frequentie bekend [?]; gangbaar is elke 3 tot 6 maanden."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PIP-instelling")
        verbose_name_plural = _("PIP-instellingen")

    def __str__(self) -> str:
        return gettext("PIP-instellingen %s") % self.gemeente

    @property
    def bezwaaradres_of_standaard(self) -> str:
        return (
            self.bezwaaradres
            or gettext("Het college van burgemeester en wethouders van de gemeente %s") % self.gemeente
        )

    @property
    def ondertekenaar_naam_of_standaard(self) -> str:
        return self.ondertekenaar_naam or gettext("Het college van burgemeester en wethouders van %s") % self.gemeente


class Beschikkingsreeks(models.Model):
    """The last beschikkingsnummer handed out per gemeente per year; locked row per number (race-safe)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nummerreeks beschikkingen")
        verbose_name_plural = _("nummerreeksen beschikkingen")
        constraints = [models.UniqueConstraint(fields=["gemeente", "jaar"], name="een_reeks_per_gemeente_per_jaar")]

    def __str__(self) -> str:
        return f"{self.gemeente_id}/{self.jaar}: {self.laatste}"
