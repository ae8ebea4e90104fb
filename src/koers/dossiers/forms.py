from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Gebruiker, Ketenpartner
from koers.inburgeraars.models import Gezinslid, Inburgeraar, Koppeling
from koers.inburgeraars.plausibiliteit import leeftijdswaarschuwing, valideer_geboortedatum
from koers.inburgeraars.services import PERSOONSVELDEN
from koers.inburgeraars.validators import normaliseer_bsn, valideer_bsn

from .status import TOEGESTANE_OVERGANGEN, Afsluitreden, Status


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NummerVeld(forms.CharField):
    """A number typed with spaces or dots (``1234.56.782``) is cleaned before length and elfproef checks."""

    def to_python(self, value):
        return normaliseer_bsn(super().to_python(value))


class InburgeraarForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown only when the age is unlikely (outside 18 up to the AOW age): the user confirms before anything is saved.
    leeftijd_bevestigd = forms.BooleanField(
        label=_("Ik heb de geboortedatum gecontroleerd: deze klopt."), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Inburgeraar
        fields = PERSOONSVELDEN
        widgets = {"geboortedatum": DatumInput(), "talen": forms.TextInput()}
        field_classes = {"bsn": NummerVeld, "v_nummer": NummerVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie
        autocomplete = {
            "voornamen": "given-name",
            "achternaam": "family-name",
            "telefoon": "tel",
            "email": "email",
            "adres": "street-address",
            "tussenvoegsel": "additional-name",
        }
        for naam, waarde in autocomplete.items():
            self.fields[naam].widget.attrs["autocomplete"] = waarde
        self.fields["bsn"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["v_nummer"].widget.attrs.update({"inputmode": "numeric"})

    def clean(self):
        cleaned = super().clean()
        try:
            valideer_geboortedatum(cleaned.get("geboortedatum"))
        except ValidationError as fout:
            self.add_error(None, fout)
            return cleaned
        waarschuwing = leeftijdswaarschuwing(cleaned.get("geboortedatum"))
        if waarschuwing and not cleaned.get("leeftijd_bevestigd"):
            self.fields["leeftijd_bevestigd"].widget = forms.CheckboxInput()
            # the confirmation right under the birth date it is about
            volgorde = [n for n in self.fields if n != "leeftijd_bevestigd"]
            volgorde.insert(volgorde.index("geboortedatum") + 1, "leeftijd_bevestigd")
            self.order_fields(volgorde)
            self.add_error("geboortedatum", waarschuwing + " " + _("Bevestig dat hieronder, of pas de datum aan."))
        return cleaned

    def persoonsgegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in PERSOONSVELDEN}


class RegistratieForm(InburgeraarForm):
    OPHALEN = "gegevens_ophalen"  # name of the submit button that fetches data (e.g. from the BRP) instead of saving
    # Confirmations belong to what was shown before fetching; after it the user confirms again.
    _NIET_OVERNEMEN = ("versie", "leeftijd_bevestigd", "geen_dubbel")

    geen_dubbel = forms.BooleanField(
        label=_("Ik heb de mogelijke dubbele registraties bekeken: dit is een andere persoon."), required=False
    )

    @classmethod
    def na_ophalen(cls, data, *, aanvulling: dict | None = None, bsn_fouten=()) -> "RegistratieForm":
        """The form again as the user typed it, with the fetched values over it; unbound, so fields still empty show
        no errors until the user submits. ``bsn_fouten`` are shown at the BSN field."""
        initial = {naam: data.get(naam) for naam in cls.base_fields if naam in data and naam not in cls._NIET_OVERNEMEN}
        initial.update({naam: waarde for naam, waarde in (aanvulling or {}).items() if waarde not in ("", None)})
        form = cls(initial=initial)
        if bsn_fouten:
            form.errors["bsn"] = form.error_class(list(bsn_fouten))  # an unbound form's errors: an empty ErrorDict
        return form

    @classmethod
    def bsn_om_op_te_halen(cls, data) -> str:
        """The typed BSN, cleaned like on saving (spaces and dots, length, elfproef); ValidationError if unusable."""
        bsn = cls.base_fields["bsn"].clean(data.get("bsn", ""))
        if not bsn:
            raise ValidationError(_("Vul het BSN in om gegevens op te halen."), code="required")
        valideer_bsn(bsn)
        return bsn


class GezinslidForm(forms.ModelForm):
    class Meta:
        model = Gezinslid
        fields = ["soort", "naam", "geboortedatum"]
        widgets = {"geboortedatum": DatumInput()}


class StatusForm(forms.Form):
    naar = forms.ChoiceField(
        label=_("Nieuwe status"),
        help_text=_(
            "Afsluiten doet u via ‘Dossier afsluiten’ onder Aanbod en voortgang: daar controleert Koers de "
            "voorwaarden per reden."
        ),
    )
    afsluitreden = forms.ChoiceField(
        label=_("Reden van afsluiten"), required=False, choices=[("", "—"), *Afsluitreden.choices]
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        # Closing goes through the aanbod app's page (/dossiers/<pk>/afsluiten/), which checks each reason's conditions.
        self.fields["naar"].choices = [
            (s, Status(s).label)
            for s in Status.values
            if s in TOEGESTANE_OVERGANGEN[dossier.status] and s != Status.AFGEROND
        ]
        self.fields["afsluitreden"].widget = forms.HiddenInput()
        self.fields["versie"].initial = dossier.versie

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("naar") == Status.AFGEROND and not cleaned.get("afsluitreden"):
            self.add_error("afsluitreden", _("Kies een reden om het dossier af te sluiten."))
        return cleaned


class ToewijzenForm(forms.Form):
    klantmanager = forms.ModelChoiceField(label=_("Klantmanager"), queryset=Gebruiker.objects.none())
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klantmanager"].queryset = Gebruiker.objects.filter(
            gemeente_id=dossier.gemeente_id, rol="klantmanager", is_active=True
        ).order_by("last_name")
        self.fields["versie"].initial = dossier.versie


class DelenForm(forms.Form):
    ketenpartner = forms.ModelChoiceField(label=_("Ketenpartner"), queryset=Ketenpartner.objects.all())
    doel = forms.CharField(
        label=_("Doel van het delen"),
        max_length=200,
        help_text=_("Waarom heeft deze partner het dossier nodig? Bijvoorbeeld: taaltraject."),
    )


class KoppelingForm(forms.ModelForm):
    class Meta:
        model = Koppeling
        fields = ["gemeente", "datum", "azc_locatie"]
        widgets = {"datum": DatumInput()}
