"""The brede intake of one dossier: answers, conversations and invitations, the LBT, exemptions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.dossiers.models import Dossier
from koers.intake.advies import LbtUitkomst
from koers.utils.datums import datum_kort, datum_tijd_kort
from koers.utils.models import VersieModel

from .vragenlijst import Vraag, Vragenlijst


class Plaats(models.TextChoices):
    AZC = "azc", _("AZC")
    GEMEENTE = "gemeente", _("Gemeente")
    ANDERS = "anders", _("Elders")


class Examenonderdeel(models.TextChoices):
    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SCHRIJVEN = "schrijven", _("Schrijven")
    SPREKEN = "spreken", _("Spreken")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")


class BredeIntake(VersieModel):
    """One per dossier. The questionnaire version is fixed at the start and kept after completion."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        AFGEROND = "afgerond", _("Afgerond")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="brede_intake")
    vragenlijst = models.ForeignKey(
        Vragenlijst, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("vragenlijst")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    gestart_op = models.DateTimeField(_("gestart op"))
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        constraints = [
            models.CheckConstraint(
                name="afgeronde_intake_heeft_datum",
                condition=Q(status="concept", afgerond_op__isnull=True)
                | Q(status="afgerond", afgerond_op__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return _("Brede intake dossier %s") % self.dossier_id

    @property
    def is_afgerond(self) -> bool:
        return self.status == self.Status.AFGEROND


class Antwoord(VersieModel):
    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="+")
    waarde = models.JSONField(_("antwoord"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["intake", "vraag"], name="een_antwoord_per_vraag")]

    def __str__(self) -> str:
        return f"{self.vraag.code}: {self.waarde!r}"


class IntakeGesprek(VersieModel):
    """A planned or held intake conversation; a partner gets a conversation of their own."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="gesprekken")
    gepland_op = models.DateTimeField(_("datum en tijd"))
    plaats = models.CharField(_("plaats"), max_length=20, choices=Plaats.choices)
    locatie = models.CharField(_("locatie"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: AZC Gilze."))
    gehouden = models.BooleanField(_("gesprek gehouden"), default=False)
    tolk_ingezet = models.BooleanField(_("tolk ingezet"), default=False)
    tolk_taal = models.CharField(_("taal van de tolk"), max_length=100, blank=True)
    partner_aanwezig = models.BooleanField(_("partner aanwezig"), default=False)
    is_partnergesprek = models.BooleanField(
        _("apart gesprek met de partner"),
        default=False,
        help_text=_("De partner krijgt een gesprek aangeboden zonder dat de ander erbij is."),
    )
    notities = models.TextField(_("notities"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intakegesprek")
        verbose_name_plural = _("intakegesprekken")
        ordering = ["gepland_op", "id"]
        constraints = [
            models.CheckConstraint(name="tolk_heeft_taal", condition=Q(tolk_ingezet=False) | ~Q(tolk_taal="")),
        ]

    def __str__(self) -> str:
        return _("Gesprek %(datum)s") % {"datum": datum_tijd_kort(self.gepland_op)}


class Uitnodiging(VersieModel):
    """An invitation to a conversation, and whether the person came; a culpable absence can ground a sanction."""

    class Verschenen(models.TextChoices):
        ONBEKEND = "onbekend", _("Nog niet bekend")
        JA = "ja", _("Verschenen")
        NEE = "nee", _("Niet verschenen")

    gesprek = models.ForeignKey(IntakeGesprek, on_delete=models.CASCADE, related_name="uitnodigingen")
    verstuurd_op = models.DateField(_("uitnodiging verstuurd op"))
    verschenen = models.CharField(
        _("verschenen"), max_length=10, choices=Verschenen.choices, default=Verschenen.ONBEKEND
    )
    verwijtbaar = models.BooleanField(_("verwijtbaar niet verschenen"), default=False)
    toelichting = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["verstuurd_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="verwijtbaar_alleen_bij_niet_verschenen",
                condition=Q(verwijtbaar=False) | (Q(verschenen="nee") & ~Q(toelichting="")),
            )
        ]

    def __str__(self) -> str:
        return _("Uitnodiging van %s") % datum_kort(self.verstuurd_op)


class Leerbaarheidstoets(VersieModel):
    """The LBT outcome, a dispensation (visual or auditive impairment, gemeente decision) or 'not yet taken'."""

    class AfgenomenIn(models.TextChoices):
        AZC = "azc", _("AZC")
        GEMEENTE = "gemeente", _("Gemeente")

    class Dispensatiegrond(models.TextChoices):
        VISUEEL = "visueel", _("Visuele beperking")
        AUDITIEF = "auditief", _("Auditieve beperking")

    intake = models.OneToOneField(BredeIntake, on_delete=models.CASCADE, related_name="lbt")
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=LbtUitkomst.choices())
    score = models.PositiveIntegerField(_("score"), null=True, blank=True)
    datum = models.DateField(_("datum afname"), null=True, blank=True)
    afgenomen_in = models.CharField(_("afgenomen in"), max_length=10, choices=AfgenomenIn.choices, blank=True)
    dispensatie_grond = models.CharField(
        _("grond dispensatie"), max_length=10, choices=Dispensatiegrond.choices, blank=True
    )
    besluit_datum = models.DateField(_("datum besluit dispensatie"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")
        constraints = [
            models.CheckConstraint(
                name="lbt_velden_passen_bij_uitkomst",
                condition=(
                    Q(uitkomst__in=["b1_haalbaar", "b1_niet_haalbaar"], datum__isnull=False, dispensatie_grond="")
                    & ~Q(afgenomen_in="")
                )
                | (
                    Q(uitkomst="dispensatie", score__isnull=True, besluit_datum__isnull=False)
                    & ~Q(dispensatie_grond="")
                )
                | Q(uitkomst="niet_afgenomen", score__isnull=True, dispensatie_grond=""),
            )
        ]

    def __str__(self) -> str:
        return self.get_uitkomst_display()

    @property
    def lbt_uitkomst(self) -> LbtUitkomst:
        return LbtUitkomst(self.uitkomst)


class BeslissingQuerySet(models.QuerySet):
    def geldend(self):
        """Decisions in force: a withdrawn one no longer counts anywhere (it stays, with its history)."""
        return self.filter(ingetrokken_op__isnull=True)


def _intrekking_volledig(model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=f"{model}_intrekking_met_reden",
        condition=Q(ingetrokken_op__isnull=True, intrekkingsreden="")
        | (Q(ingetrokken_op__isnull=False) & ~Q(intrekkingsreden="")),
    )


class Beslissing(VersieModel):
    """Shared fields of a vrijstelling and an ontheffing: ground, who decided, when, which exam components.

    A withdrawn decision (DUO's correction, or the gemeente's own) keeps its row and history; ``ingetrokken_op`` says
    it no longer counts. Read decisions in force with ``.geldend()``."""

    class BeslotenDoor(models.TextChoices):
        DUO = "duo", _("DUO")
        GEMEENTE = "gemeente", _("Gemeente")

    besloten_door = models.CharField(_("besloten door"), max_length=10, choices=BeslotenDoor.choices)
    datum = models.DateField(_("datum besluit"))
    onderdelen = models.JSONField(
        _("examenonderdelen"), default=list, blank=True, help_text=_("Leeg: volledig, voor alle onderdelen.")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    intrekkingsreden = models.CharField(_("reden van intrekking"), max_length=300, blank=True)

    objects = BeslissingQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @property
    def is_volledig(self) -> bool:
        return not self.onderdelen

    @property
    def onderdelen_tekst(self) -> str:
        if not self.onderdelen:
            return str(_("Volledig (alle onderdelen)"))
        labels = dict(Examenonderdeel.choices)
        return ", ".join(str(labels.get(o, o)) for o in self.onderdelen)


class Vrijstelling(Beslissing):
    class Grond(models.TextChoices):
        LEERPLICHT_NL = "leerplicht_nl", _("Ten minste 8 jaar in Nederland gewoond tijdens de leerplicht")
        DIPLOMA = "diploma", _("Nederlands diploma")
        INGEBURGERD = "ingeburgerd", _("Anderszins voldoende ingeburgerd")
        NT2_A2 = "nt2_a2", _("NT2-certificaat of bewijs van ten minste A2 (gedeeltelijk)")

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="vrijstellingen")
    grond = models.CharField(_("grond"), max_length=20, choices=Grond.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vrijstelling")
        verbose_name_plural = _("vrijstellingen")
        ordering = ["datum", "id"]
        constraints = [_intrekking_volledig("vrijstelling")]


class Ontheffing(Beslissing):
    class Grond(models.TextChoices):
        MEDISCH = "medisch", _("Blijvend niet in staat (medisch)")
        BIJZONDERE_OMSTANDIGHEDEN = "bijzonder", _("Bijzondere individuele omstandigheden")
        AANTOONBARE_INSPANNING = "inspanning", _("Aantoonbaar voldoende inspanning geleverd")

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="ontheffingen")
    grond = models.CharField(_("grond"), max_length=20, choices=Grond.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ontheffing")
        verbose_name_plural = _("ontheffingen")
        ordering = ["datum", "id"]
        constraints = [_intrekking_volledig("ontheffing")]

    @property
    def is_gezondheid(self) -> bool:
        return self.grond == self.Grond.MEDISCH
