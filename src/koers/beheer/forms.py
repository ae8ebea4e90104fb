from django import forms
from django.utils.translation import gettext_lazy as _

from koers.audit.models import Toegangslog


class ToegangslogFilterForm(forms.Form):
    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150, required=False)
    persoon = forms.CharField(
        label=_("BSN of v-nummer van de persoon"),
        max_length=14,
        required=False,
        help_text=_("Toont wie de gegevens van deze persoon heeft ingezien of gewijzigd."),
    )
    dossier = forms.IntegerField(label=_("Dossiernummer"), min_value=1, required=False)
    actie = forms.ChoiceField(
        label=_("Actie"), choices=[("", _("Alle acties")), *Toegangslog.Actie.choices], required=False
    )
    van = forms.DateField(label=_("Vanaf datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class WijzigingenFilterForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoek op BSN, v-nummer of achternaam"),
        max_length=100,
        required=False,
        help_text=_("BSN en v-nummer exact; bij een achternaam het begin van de naam."),
    )
    door = forms.CharField(label=_("Gewijzigd door (gebruikersnaam)"), max_length=150, required=False)
