"""Forms of the import pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .mappings import versies
from .models import Bron
from .services import formaat_uit


class UploadForm(forms.Form):
    bron = forms.ChoiceField(label=_("Bron"), choices=Bron.choices, widget=forms.RadioSelect)
    mappingversie = forms.ChoiceField(
        label=_("Versie van de veldindeling"),
        choices=[(v, v) for v in versies()],
        help_text=_("Welke kolomnamen het bestand gebruikt; zie de handleiding ‘Imports van COA en DUO’."),
    )
    bestand = forms.FileField(label=_("Bestand"), help_text=_("CSV (UTF-8, komma of puntkomma), Excel (XLSX) of JSON."))

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.KOPPELVLAKKEN_MAX_BESTAND:
            raise forms.ValidationError(
                _("Het bestand is groter dan %s MB.") % (settings.KOPPELVLAKKEN_MAX_BESTAND // (1024 * 1024))
            )
        self.formaat = formaat_uit(bestand.name)
        return bestand


class DubbelBesluitForm(forms.Form):
    keuze = forms.ChoiceField(label=_("Besluit"), widget=forms.RadioSelect)

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [
            (
                str(p.pk),
                _("Dezelfde persoon als %(naam)s, geboren %(datum)s (persoon %(pk)s)")
                % {"naam": p.volledige_naam, "datum": p.geboortedatum.strftime("%d-%m-%Y"), "pk": p.pk},
            )
            for p in kandidaten
        ]
        keuzes.append(("nieuw", _("Een andere persoon: maak een nieuwe inburgeraar aan")))
        self.fields["keuze"].choices = keuzes
