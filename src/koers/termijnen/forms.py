from django import forms
from django.utils.translation import gettext_lazy as _

from koers.dossiers.forms import DatumInput

from .engine.regels import VERLENGINGSGRONDEN
from .services import MAX_VERLENGING_WEKEN


class InfoGevraagdForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum waarop informatie van derden is gevraagd"),
        widget=DatumInput(),
        help_text=_("Tot de informatie binnen is, is de termijn voor het PIP opgeschort."),
    )


class InfoOntvangenForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum waarop de gevraagde informatie is ontvangen"),
        widget=DatumInput(),
        help_text=_("Het PIP moet daarna binnen de ingestelde termijn (standaard 2 weken) worden vastgesteld."),
    )


def _grond_uitleg() -> str:
    delen = []
    for g in VERLENGINGSGRONDEN:
        if g.verlenging_weken:
            delen.append(f"{g.omschrijving}: {g.verlenging_weken} weken")
        elif g.verlenging_maanden:
            delen.append(f"{g.omschrijving}: {g.verlenging_maanden} maanden")
        else:
            delen.append(f"{g.omschrijving}: de werkelijke duur")
    return "; ".join(delen)


class VerlengingForm(forms.Form):
    grond = forms.ChoiceField(
        label=_("Grond van de verlenging"),
        choices=[("", _("Kies een grond"))] + [(g.code, g.omschrijving) for g in VERLENGINGSGRONDEN],
        help_text=_("Verlenging per grond: %s.") % _grond_uitleg(),
    )
    besluitdatum = forms.DateField(label=_("Datum van het besluit van DUO"), widget=DatumInput())
    weken = forms.IntegerField(
        label=_("Verlenging in weken"),
        required=False,
        min_value=1,
        max_value=MAX_VERLENGING_WEKEN,
        help_text=_(
            "Alleen bij ziekte (meer dan 3 maanden: minstens 14 weken) en bijzondere omstandigheden (minstens "
            "13 weken): de duur die DUO heeft toegekend."
        ),
    )


class VoldaanForm(forms.Form):
    datum = forms.DateField(label=_("Afgehandeld op"), widget=DatumInput())
