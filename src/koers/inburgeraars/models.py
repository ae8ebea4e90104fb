"""The inburgeraar: the person, household relations and the koppeling to a gemeente."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.accounts.models import Gemeente
from koers.utils.models import VersieModel

from .plausibiliteit import valideer_geboortedatum
from .validators import valideer_bsn, valideer_v_nummer


class Doelgroep(models.TextChoices):
    ASIELSTATUSHOUDER = "asielstatushouder", _("Asielstatushouder")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIGE_MIGRANT = "overige_migrant", _("Overige migrant")


class Geslacht(models.TextChoices):
    VROUW = "V", _("Vrouw")
    MAN = "M", _("Man")
    ONBEKEND = "O", _("Onbekend / anders")


class Inburgeraar(VersieModel):
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[valideer_bsn],
        help_text=_("Negen cijfers. Laat leeg als de persoon nog geen BSN heeft."),
    )
    v_nummer = models.CharField(
        _("v-nummer"),
        max_length=10,
        blank=True,
        validators=[valideer_v_nummer],
        help_text=_("Vreemdelingennummer van de IND: tien cijfers."),
    )
    voornamen = models.CharField(_("voornamen"), max_length=200)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    nationaliteit = models.CharField(_("nationaliteit"), max_length=100)
    talen = models.CharField(
        _("gesproken talen"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: Arabisch, Koerdisch."),
    )
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    tolk_taal = models.CharField(_("taal van de tolk"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    adres = models.CharField(_("adres"), max_length=300, blank=True)
    doelgroep = models.CharField(_("doelgroep"), max_length=30, choices=Doelgroep.choices)
    samengevoegd_in = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="samengevoegd_uit",
        verbose_name=_("samengevoegd in"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        indexes = [
            models.Index(fields=["bsn"], name="inburgeraar_bsn_idx"),
            models.Index(fields=["v_nummer"], name="inburgeraar_vnummer_idx"),
            models.Index(Lower("achternaam"), "geboortedatum", name="inburgeraar_naam_gebdat_idx"),
        ]

    def clean(self) -> None:
        super().clean()
        valideer_geboortedatum(self.geboortedatum)

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


class Gezinslid(VersieModel):
    """A household relation: partner, child, or the referent of a family migrant (who may be no inburgeraar)."""

    class Soort(models.TextChoices):
        PARTNER = "partner", _("Partner")
        KIND = "kind", _("Kind")
        REFERENT = "referent", _("Referent")
        OUDER = "ouder", _("Ouder")
        OVERIG = "overig", _("Overig gezinslid")

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="gezinsleden")
    soort = models.CharField(_("relatie"), max_length=20, choices=Soort.choices)
    gerelateerde = models.ForeignKey(
        Inburgeraar,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ook inburgeraar in Koers"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["soort", "geboortedatum"]

    def clean(self) -> None:
        super().clean()
        valideer_geboortedatum(self.geboortedatum)

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_soort_display()})"


class Koppeling(VersieModel):
    """COA links an asielstatushouder to the gemeente that will house them."""

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="koppelingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    datum = models.DateField(_("datum koppeling"))
    azc_locatie = models.CharField(_("AZC-locatie"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-datum"]


class Opleiding(models.TextChoices):
    GEEN = "geen", _("Geen onderwijs")
    BASIS = "basis", _("Basisonderwijs")
    VOORTGEZET = "voortgezet", _("Voortgezet onderwijs")
    MBO = "mbo", _("Middelbaar beroepsonderwijs (mbo)")
    HBO_WO = "hbo_wo", _("Hoger onderwijs (hbo of wo)")
    ONBEKEND = "onbekend", _("Onbekend")


class Informatieprofiel(VersieModel):
    """COA's informatieprofiel of a person: one current profile, earlier versions kept in its history.

    ``lichamelijke_beperkingen`` is health data (shown only where dossiers.permissions.mag_gezondheid_zien allows).
    """

    GEZONDHEIDSVELDEN = ("lichamelijke_beperkingen",)
    PROFIELVELDEN = (
        "profieldatum",
        "gezinsgrootte",
        "gezinssamenstelling",
        "land_van_herkomst",
        "talen",
        "opleiding",
        "opleiding_toelichting",
        "werkervaring",
        "lichamelijke_beperkingen",
        "ambities",
        "netwerk",
    )

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="informatieprofiel", verbose_name=_("inburgeraar")
    )
    profieldatum = models.DateField(_("datum van het profiel"), help_text=_("De datum die het COA meegeeft."))
    gezinsgrootte = models.PositiveSmallIntegerField(_("gezinsgrootte"), null=True, blank=True)
    gezinssamenstelling = models.TextField(_("gezinssamenstelling"), blank=True)
    land_van_herkomst = models.CharField(_("land van herkomst"), max_length=100, blank=True)
    talen = models.CharField(_("talen"), max_length=300, blank=True)
    opleiding = models.CharField(_("opleiding"), max_length=20, choices=Opleiding.choices, blank=True)
    opleiding_toelichting = models.TextField(_("toelichting opleiding"), blank=True)
    werkervaring = models.TextField(_("werkervaring"), blank=True)
    lichamelijke_beperkingen = models.TextField(_("zichtbare lichamelijke beperkingen"), blank=True)
    ambities = models.TextField(_("ambities"), blank=True)
    netwerk = models.TextField(_("netwerk"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informatieprofiel (COA)")
        verbose_name_plural = _("informatieprofielen (COA)")

    def __str__(self) -> str:
        return f"Informatieprofiel {self.inburgeraar_id} ({self.profieldatum})"

    def gegevens(self) -> dict:
        """The profile fields as comparable plain values (a date as ISO text)."""
        waarden = {veld: getattr(self, veld) for veld in self.PROFIELVELDEN}
        waarden["profieldatum"] = self.profieldatum.isoformat() if self.profieldatum else None
        return waarden
