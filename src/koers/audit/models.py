"""The access log: who saw or changed which person's data, for which processing activity. Append-only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.utils.datums import lokaal


class AlleenToevoegen(Exception):
    """Access-log records cannot be edited or deleted through the application."""


class ToegangslogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AlleenToevoegen("toegangslog kan niet worden gewijzigd")

    def delete(self):
        raise AlleenToevoegen("toegangslog kan niet worden verwijderd")


class Toegangslog(models.Model):
    class Actie(models.TextChoices):
        RAADPLEGEN = "raadplegen", _("Raadplegen")
        WIJZIGEN = "wijzigen", _("Wijzigen")
        AANMAKEN = "aanmaken", _("Aanmaken")
        EXPORTEREN = "exporteren", _("Exporteren")

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("gebruiker")
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150)
    rol = models.CharField(_("rol"), max_length=30)
    organisatie = models.CharField(_("organisatie"), max_length=150)
    gemeente_id = models.BigIntegerField(_("gemeente van de gebruiker"), null=True)
    verwerkingsactiviteit = models.CharField(_("verwerkingsactiviteit"), max_length=100)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    # Plain ids, not foreign keys: the log must outlive (and not block) the deletion of the data it describes.
    inburgeraar_id = models.BigIntegerField(_("inburgeraar"), null=True)
    dossier_id = models.BigIntegerField(_("dossier"), null=True)
    gegevenscategorie = models.CharField(
        _("gegevenscategorie"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: persoonsgegevens, gezondheid.")
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    pad = models.CharField(_("pad"), max_length=500, blank=True)

    objects = ToegangslogQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["inburgeraar_id", "-tijdstip"], name="toegangslog_persoon_idx"),
            models.Index(fields=["gebruiker", "-tijdstip"], name="toegangslog_gebruiker_idx"),
            models.Index(fields=["dossier_id", "-tijdstip"], name="toegangslog_dossier_idx"),
        ]

    def __str__(self) -> str:
        moment = lokaal(self.tijdstip)
        return f"{moment:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} persoon {self.inburgeraar_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("toegangslog kan niet worden gewijzigd")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("toegangslog kan niet worden verwijderd")
