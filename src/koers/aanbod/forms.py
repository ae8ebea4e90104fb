"""Forms of the offer pages. Validation of business rules stays in the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Ketenpartner
from koers.dossiers.forms import DatumInput
from koers.dossiers.status import Afsluitreden

from .models import MAP, PVT, Contract, Examenresultaat, Inschrijving, Ontzorgingsbetaling, Product, Urenregistratie
from .services.inschrijving import OVERGANGEN


class InschrijvenForm(forms.Form):
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)
    contract = forms.ModelChoiceField(
        label=_("Contract"),
        queryset=Contract.objects.none(),
        required=False,
        help_text=_("Kies een contract van uw gemeente of regio, of hieronder een aanbieder."),
    )
    ketenpartner = forms.ModelChoiceField(
        label=_("Aanbieder (zonder contract)"), queryset=Ketenpartner.objects.none(), required=False
    )
    pip_onderdeel = forms.ModelChoiceField(
        label=_("Onderdeel van het PIP"), queryset=None, required=False, help_text=_("Waar deze aanmelding bij hoort.")
    )
    aangemeld_op = forms.DateField(label=_("Aangemeld op"), widget=DatumInput())

    def __init__(self, *args, contracten, vandaag: dt.date, pip=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pip is None:
            del self.fields["pip_onderdeel"]
        else:
            self.fields["pip_onderdeel"].queryset = pip.onderdelen.all()
        self.fields["contract"].queryset = contracten.filter(start__lte=vandaag).filter(
            Q(einde__isnull=True) | Q(einde__gte=vandaag)
        )
        self.fields["ketenpartner"].queryset = Ketenpartner.objects.filter(
            soort__in=[Ketenpartner.Soort.TAALAANBIEDER, Ketenpartner.Soort.OVERIG]
        )
        self.fields["aangemeld_op"].initial = vandaag

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("contract") and not cleaned.get("ketenpartner"):
            self.add_error("contract", _("Kies een contract of een aanbieder."))
        return cleaned


class InschrijvingStatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"))
    op = forms.DateField(label=_("Datum"), widget=DatumInput())
    reden = forms.CharField(label=_("Reden van afbreken"), required=False, max_length=300)
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, inschrijving: Inschrijving, vandaag: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        S = Inschrijving.Status
        self.fields["naar"].choices = [(s, S(s).label) for s in S.values if s in OVERGANGEN[inschrijving.status]]
        self.fields["versie"].initial = inschrijving.versie
        self.fields["op"].initial = vandaag


class UrenRijForm(forms.Form):
    """One row of the class hours page: one participant, one month."""

    inschrijving = forms.IntegerField(widget=forms.HiddenInput)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # localize: Dutch users type a decimal comma ("2,5"), and the page shows the hours the same way
    gevolgd = forms.DecimalField(
        label=_("Gevolgd"), min_value=0, max_digits=6, decimal_places=2, initial=0, localize=True
    )
    in_persoon = forms.DecimalField(
        label=_("Waarvan fysiek"), min_value=0, max_digits=6, decimal_places=2, initial=0, localize=True
    )
    geoorloofd = forms.DecimalField(
        label=_("Geoorloofd afwezig"), min_value=0, max_digits=6, decimal_places=2, initial=0, localize=True
    )
    ongeoorloofd = forms.DecimalField(
        label=_("Ongeoorloofd afwezig"), min_value=0, max_digits=6, decimal_places=2, initial=0, localize=True
    )

    def clean(self):
        cleaned = super().clean()
        for veld in ("gevolgd", "in_persoon", "geoorloofd", "ongeoorloofd"):
            if cleaned.get(veld) is None and veld not in self.errors:
                cleaned[veld] = Decimal(0)
        return cleaned


UrenFormSet = forms.formset_factory(UrenRijForm, extra=0)


class MaandForm(forms.Form):
    maand = forms.CharField(
        label=_("Maand"), widget=forms.TextInput(attrs={"type": "month"}), help_text=_("Bijvoorbeeld 2026-10.")
    )
    soort = forms.ChoiceField(label=_("Soort uren"), choices=Urenregistratie.Soort.choices)

    def clean_maand(self):
        try:
            return dt.date.fromisoformat(self.cleaned_data["maand"] + "-01")
        except ValueError as exc:
            raise forms.ValidationError(_("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-10.")) from exc


class ExamenForm(forms.Form):
    onderdeel = forms.ChoiceField(label=_("Examenonderdeel"), choices=Examenresultaat.Onderdeel.choices)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=[("", "—"), *Examenresultaat.Niveau.choices], required=False)
    datum = forms.DateField(label=_("Examendatum"), widget=DatumInput())
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=Examenresultaat.Resultaat.choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("onderdeel") not in ("knm", "ona", None) and not cleaned.get("niveau"):
            self.add_error("niveau", _("Kies het niveau van het examen."))
        return cleaned


class PVTForm(forms.Form):
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=PVT.Resultaat.choices)
    ondertekend_op = forms.DateField(label=_("Verklaring ondertekend op"), widget=DatumInput(), required=False)
    verwijtbaar = forms.BooleanField(label=_("Verwijtbaar niet voldaan"), required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MAPForm(forms.Form):
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=MAP.Resultaat.choices)
    eindgesprek_op = forms.DateField(label=_("Eindgesprek op"), widget=DatumInput(), required=False)
    reden = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    verwijtbaar = forms.BooleanField(label=_("Verwijtbaar niet succesvol"), required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GesprekForm(forms.Form):
    gehouden_op = forms.DateField(label=_("Gehouden op"), widget=DatumInput(), required=False)
    gemist = forms.BooleanField(label=_("Het gesprek is gemist"), required=False)
    notities = forms.CharField(label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    afspraken = forms.CharField(label=_("Afspraken"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    versie = forms.IntegerField(widget=forms.HiddenInput)


class OntzorgenForm(forms.Form):
    start = forms.DateField(label=_("Eerste maand"), widget=DatumInput())
    maanden = forms.IntegerField(label=_("Aantal maanden"), min_value=1, max_value=36)
    maatwerk_reden = forms.CharField(
        label=_("Reden maatwerk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig als u afwijkt van het wettelijke aantal maanden."),
    )
    afbouwplan = forms.CharField(label=_("Afbouwplan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, standaard_maanden: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maanden"].initial = standaard_maanden
        for code, label in Ontzorgingsbetaling.Kostensoort.choices:
            self.fields[f"{code}_begunstigde"] = forms.CharField(
                label=_("%s: begunstigde") % label, required=False, max_length=150
            )
            self.fields[f"{code}_iban"] = forms.CharField(label=_("%s: IBAN") % label, required=False, max_length=40)
            self.fields[f"{code}_bedrag"] = forms.DecimalField(
                label=_("%s: bedrag per maand (€)") % label, required=False, min_value=Decimal("0.01"), decimal_places=2
            )

    def clean(self):
        cleaned = super().clean()
        for code, _label in Ontzorgingsbetaling.Kostensoort.choices:
            waarden = [cleaned.get(f"{code}_{v}") for v in ("begunstigde", "iban", "bedrag")]
            if any(waarden) and not all(waarden):
                for veld, waarde in zip(("begunstigde", "iban", "bedrag"), waarden, strict=True):
                    if not waarde:
                        self.add_error(f"{code}_{veld}", _("Vul dit in, of laat deze kostensoort helemaal leeg."))
        return cleaned


class SanctieForm(forms.Form):
    feiten = forms.CharField(
        label=_("Vastgestelde feiten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is verwijtbaar niet nagekomen, wanneer, en wat is eraan gedaan?"),
    )
    bedrag = forms.DecimalField(label=_("Voorgesteld bedrag (€)"), min_value=Decimal("0.01"), decimal_places=2)


class AfsluitenForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden van afsluiten"), choices=Afsluitreden.choices, widget=forms.RadioSelect)
    datum = forms.DateField(label=_("Datum van vertrek of overlijden"), widget=DatumInput(), required=False)
    bron = forms.CharField(
        label=_("Bron van dit gegeven"), required=False, max_length=200, help_text=_("Bijvoorbeeld BRP.")
    )
    nieuwe_gemeente = forms.CharField(label=_("Nieuwe gemeente"), required=False, max_length=100)
    kenmerk = forms.CharField(label=_("Kenmerk van het besluit"), required=False, max_length=100)
    versie = forms.IntegerField(widget=forms.HiddenInput)


class DeelnemerKeuze(forms.ModelChoiceField):
    """An enrolment shown by the person's name (never "B1-route bij …" a hundred times)."""

    def label_from_instance(self, obj: Inschrijving) -> str:
        label = f"{obj.dossier.inburgeraar.volledige_naam} – {obj.get_status_display().lower()}"
        klassen = [k.naam for k in obj.klassen.all()]
        if klassen:
            label += " (" + _("nu in %(klassen)s") % {"klassen": ", ".join(klassen)} + ")"
        return label


class KlasPlaatsenForm(forms.Form):
    """Add a participant to one class: the class's version read with the page guards concurrent changes."""

    inschrijving = DeelnemerKeuze(
        label=_("Deelnemer"),
        queryset=Inschrijving.objects.none(),
        empty_label=_("Kies een deelnemer"),
        help_text=_("Ingeschreven deelnemers bij deze aanbieder voor dit product die nog niet in de klas zitten."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inschrijving"].queryset = kandidaten


class KlasActieForm(forms.Form):
    """One button of a class page: place in, move to, or take out of a class (hidden fields, hand-written form)."""

    actie = forms.ChoiceField(
        choices=[("plaatsen", "plaatsen"), ("verplaatsen", "verplaatsen"), ("uithalen", "uithalen")]
    )
    klas = forms.IntegerField(required=False)
    inschrijving = forms.IntegerField(required=False)
    versie = forms.IntegerField(required=False)
    van = forms.IntegerField(required=False)
    van_versie = forms.IntegerField(required=False)
