"""Forms for the intake pages. The questionnaire form is built from the questionnaire version of the intake."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from koers.dossiers.forms import DatumInput
from koers.utils.datums import datum_nl

from .advies import LbtUitkomst, Leerroute
from .advies.regels import DISPENSATIE_BRON, DISPENSATIE_VANAF
from .models import (
    Antwoordtype,
    Examenonderdeel,
    IntakeGesprek,
    Leerbaarheidstoets,
    Levensgebied,
    Ontheffing,
    Plaats,
    Uitnodiging,
    Vraag,
    Vrijstelling,
)
from .privacy import lbt_keuzes

LEEG = [("", "—")]


class DatumTijdInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _veld_voor(vraag: Vraag) -> forms.Field:
    basis = {"label": vraag.tekst, "help_text": vraag.hulptekst, "required": False}
    soort = vraag.antwoordtype
    if soort == Antwoordtype.JA_NEE:
        return forms.ChoiceField(choices=vraag.keuzelijst, widget=forms.RadioSelect, **basis)
    if soort == Antwoordtype.KEUZE:
        keuzes = vraag.keuzelijst
        if len(keuzes) <= 5:
            return forms.ChoiceField(choices=keuzes, widget=forms.RadioSelect, **basis)
        return forms.ChoiceField(choices=LEEG + keuzes, **basis)
    if soort == Antwoordtype.GETAL:
        return forms.IntegerField(min_value=0, max_value=10_000, **basis)
    if soort == Antwoordtype.DATUM:
        return forms.DateField(widget=DatumInput(), **basis)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **basis)


def _initieel(vraag: Vraag, waarde):
    if vraag.antwoordtype == Antwoordtype.JA_NEE and isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return waarde


class VragenlijstForm(forms.Form):
    """One field per question (named by its code); all optional here: completeness is checked on completion."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, vragen: list[Vraag], antwoorden: dict, versie: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        self.fields["versie"].initial = versie
        for vraag in vragen:
            veld = _veld_voor(vraag)
            veld.initial = _initieel(vraag, antwoorden.get(vraag.code))
            self.fields[vraag.code] = veld

    def markeer_verplicht(self) -> None:
        """Show which questions completion needs; validation itself never requires them (drafts are partial)."""
        for vraag in self.vragen:
            if vraag.verplicht:
                self.fields[vraag.code].required = True

    def antwoorden(self) -> dict:
        return {vraag.code: self.cleaned_data.get(vraag.code) for vraag in self.vragen}

    def groepen(self) -> list[dict]:
        """The fields grouped per area of life, in the fixed order of Levensgebied."""
        per_gebied: dict[str, list] = {}
        for vraag in self.vragen:
            per_gebied.setdefault(vraag.levensgebied, []).append((vraag, self[vraag.code]))
        return [
            {"code": code, "label": label, "velden": per_gebied[code]}
            for code, label in Levensgebied.choices
            if code in per_gebied
        ]


class GesprekPlannenForm(forms.Form):
    gepland_op = forms.DateTimeField(label=_("Datum en tijd"), widget=DatumTijdInput())
    plaats = forms.ChoiceField(label=_("Plaats"), choices=Plaats.choices, widget=forms.RadioSelect)
    locatie = forms.CharField(
        label=_("Locatie"), required=False, max_length=200, help_text=_("Bijvoorbeeld: AZC Gilze.")
    )
    tolk_ingezet = forms.BooleanField(label=_("Er is een tolk nodig"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), required=False, max_length=100)
    is_partnergesprek = forms.BooleanField(
        label=_("Dit is het aparte gesprek met de partner"),
        required=False,
        help_text=_("De partner krijgt een gesprek aangeboden zonder dat de ander erbij is."),
    )
    partner_aanwezig = forms.BooleanField(label=_("De partner is bij dit gesprek aanwezig"), required=False)
    notities = forms.CharField(label=_("Notities"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class GesprekForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = IntakeGesprek
        fields = ["gehouden", "plaats", "locatie", "tolk_ingezet", "tolk_taal", "partner_aanwezig", "notities"]
        widgets = {"plaats": forms.RadioSelect, "notities": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = self.instance.versie
        if self.instance.is_partnergesprek:
            del self.fields["partner_aanwezig"]


class UitnodigingForm(forms.Form):
    verstuurd_op = forms.DateField(label=_("Uitnodiging verstuurd op"), widget=DatumInput())


class OpkomstForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Uitnodiging
        fields = ["verschenen", "verwijtbaar", "toelichting"]
        widgets = {"verschenen": forms.RadioSelect, "toelichting": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "verwijtbaar": _(
                "Alleen als de inburgeraar zonder geldige reden wegbleef. Koers stelt dan de volgende stap uit de "
                "sanctiereeks voor; een medewerker beslist."
            ),
            "toelichting": _("Verplicht bij verwijtbaar wegblijven: waarom is het verwijtbaar?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = self.instance.versie
        self.fields["verschenen"].choices = Uitnodiging.Verschenen.choices


class LbtForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=LbtUitkomst.choices(), widget=forms.RadioSelect)
    score = forms.IntegerField(
        label=_("Score"), required=False, min_value=0, help_text=_("Alleen bij een uitslag; niet verplicht.")
    )
    datum = forms.DateField(
        label=_("Datum afname"), required=False, widget=DatumInput(), help_text=_("Niet in de toekomst.")
    )
    afgenomen_in = forms.ChoiceField(
        label=_("Afgenomen in"), required=False, choices=LEEG + list(Leerbaarheidstoets.AfgenomenIn.choices)
    )
    dispensatie_grond = forms.ChoiceField(
        label=_("Grond van de dispensatie"),
        required=False,
        choices=LEEG + list(Leerbaarheidstoets.Dispensatiegrond.choices),
        help_text=format_lazy(
            _("De gemeente besluit bij een visuele of auditieve beperking (mogelijk sinds {vanaf}, {bron})."),
            vanaf=datum_nl(DISPENSATIE_VANAF),
            bron=DISPENSATIE_BRON,
        ),
    )
    besluit_datum = forms.DateField(label=_("Datum besluit dispensatie"), required=False, widget=DatumInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, mag_gezondheid: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # required for some outcomes only (registreer_lbt checks which): labelled so, not "niet verplicht"
        for naam in ("datum", "afgenomen_in"):
            self.fields[naam].verplicht_als = _("verplicht bij een uitslag")
        for naam in ("dispensatie_grond", "besluit_datum"):
            self.fields[naam].verplicht_als = _("verplicht bij dispensatie")
        if not mag_gezondheid:
            # the ground is health data: not in this user's form at all (saving keeps the recorded ground), and the
            # outcome's label does not name the impairments
            del self.fields["dispensatie_grond"]
            self.fields["toelichting"].help_text = _(
                "Bij een dispensatie blijft een eerdere toelichting verborgen vanwege privacy; wat u hier typt, "
                "wordt eraan toegevoegd."
            )
            self.fields["uitkomst"].choices = lbt_keuzes(mag_gezondheid=False)


class _BeslissingForm(forms.Form):
    besloten_door = forms.ChoiceField(label=_("Besloten door"), choices=Vrijstelling.BeslotenDoor.choices)
    datum = forms.DateField(label=_("Datum besluit"), widget=DatumInput())
    onderdelen = forms.MultipleChoiceField(
        label=_("Examenonderdelen"),
        choices=Examenonderdeel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Laat leeg als het besluit voor alle onderdelen geldt (volledig)."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class VrijstellingForm(_BeslissingForm):
    grond = forms.ChoiceField(label=_("Grond (Wet inburgering 2021, art. 4)"), choices=Vrijstelling.Grond.choices)
    field_order = ["grond", "besloten_door", "datum", "onderdelen", "toelichting"]


class OntheffingForm(_BeslissingForm):
    grond = forms.ChoiceField(label=_("Grond (Wet inburgering 2021, art. 5)"), choices=Ontheffing.Grond.choices)
    field_order = ["grond", "besloten_door", "datum", "onderdelen", "toelichting"]


class RouteBesluitForm(forms.Form):
    route = forms.ChoiceField(label=_("Gekozen leerroute"), choices=Leerroute.choices(), widget=forms.RadioSelect)
    motivatie = forms.CharField(
        label=_("Motivatie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Verplicht als u een andere route kiest dan het advies, of als het advies voorlopig is: waarom? "
            "Noem hier geen gezondheidsgegevens; die staan al in de intake en worden alleen getoond aan wie ze "
            "mag zien."
        ),
    )
    # required when deviating from the advice or deciding on a provisional one (neem_routebesluit checks)
    motivatie.verplicht_als = _("verplicht bij afwijken of een voorlopig advies")
    advies = forms.IntegerField(widget=forms.HiddenInput)


class SanctieBesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("opleggen", _("Sanctie opleggen")), ("afwijzen", _("Niet opleggen"))],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u de sanctie niet oplegt."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)
