"""The subscription form for functioneel beheer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Gebeurtenistype


class AbonnementForm(forms.Form):
    naam = forms.CharField(
        label=_("Naam van het ontvangende systeem"),
        max_length=100,
        help_text=_("Bijvoorbeeld ‘Zaaksysteem’ of ‘Dashboard regio’."),
    )
    callback_url = forms.URLField(
        label=_("Callback-URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Het webadres waar Koers de gebeurtenissen naartoe stuurt (HTTP POST), beginnend met https://."),
    )
    gebeurtenistypen = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"),
        choices=Gebeurtenistype.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen gebeurtenissen van dossiers van uw gemeente worden verstuurd."),
    )
    autorisatie = forms.CharField(
        label=_("Toegangstoken van de ontvanger"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Als de ontvanger een token vraagt: Koers stuurt het mee als ‘Authorization: Bearer …’."),
    )
