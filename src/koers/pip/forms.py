from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Gebruiker
from koers.dossiers.forms import DatumInput

from .models import (
    PIP,
    TAALVAARDIGHEDEN,
    BezwaarStatus,
    Intrekkingsgrond,
    Leerroute,
    Niveau,
    OnderdeelSoort,
    Wijzigingsreden,
)
from .services import INHOUDSVELDEN, dagtekening_fouten, vergelijkingsbeschikking

_TEKSTVAK = forms.Textarea(attrs={"rows": 3})


class PIPForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PIP
        fields = list(INHOUDSVELDEN)
        widgets = {
            "route_motivering": forms.Textarea(attrs={"rows": 12}),
            "hoofddoel": forms.RadioSelect,
            "hoofddoel_toelichting": _TEKSTVAK,
            "voorwaarde_kinderopvang": _TEKSTVAK,
            "voorwaarde_vervoer": _TEKSTVAK,
            "voorwaarde_overig": _TEKSTVAK,
            "begeleiding": _TEKSTVAK,
            "afspraken": forms.Textarea(attrs={"rows": 5}),
            "wijziging_toelichting": _TEKSTVAK,
            "ontzorgen_vanaf": DatumInput(),
        }
        help_texts = {
            "ontzorgen": _("Alleen voor asielstatushouders met een uitkering; standaard 6 maanden."),
            "voorwaarde_kinderopvang": _("Bijvoorbeeld: kinderopvang voor twee kinderen op lesdagen."),
            "voorwaarde_vervoer": _("Bijvoorbeeld: OV-kaart voor de reis naar de taalschool."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pip = self.instance
        self.fields["versie"].initial = pip.versie
        self.fields["contactpersoon"].queryset = Gebruiker.objects.filter(
            gemeente_id=pip.dossier.gemeente_id, rol__in=["klantmanager", "teamleider"], is_active=True
        ).order_by("last_name", "first_name")
        self.fields["hoofddoel"].choices = [c for c in self.fields["hoofddoel"].choices if c[0]]
        if not pip.is_wijziging:
            del self.fields["wijziging_toelichting"]
        else:
            self.fields["wijziging_toelichting"].required = True
        if pip.is_wijziging and pip.wijzigingsreden != "schakelen":
            self.fields["leerroute"].disabled = True
            self.fields["leerroute"].help_text = _("Een andere leerroute kiest u met een wijziging ‘schakelen’.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ontzorgen"):
            if not any(
                cleaned.get(v) for v in ("ontzorgen_huur", "ontzorgen_energie_water", "ontzorgen_zorgverzekering")
            ):
                self.add_error("ontzorgen_huur", _("Kies welke vaste lasten de gemeente betaalt."))
            if not cleaned.get("ontzorgen_vanaf"):
                self.add_error("ontzorgen_vanaf", _("Vul in vanaf wanneer."))
            if not cleaned.get("ontzorgen_maanden"):
                self.add_error("ontzorgen_maanden", _("Vul in hoeveel maanden."))
        return cleaned

    def inhoud(self) -> dict:
        return {v: self.cleaned_data[v] for v in self.fields if v in INHOUDSVELDEN and v in self.cleaned_data}


_NIVEAUS = [("", "—"), *Niveau.choices]


class OnderdeelForm(forms.Form):
    soort = forms.ChoiceField(label=_("Onderdeel"), choices=OnderdeelSoort.choices)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=_NIVEAUS, required=False)
    uren_per_week = forms.DecimalField(
        label=_("Uren per week"), min_value=0, max_value=60, decimal_places=1, required=False
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    aanbieder = forms.CharField(label=_("Aanbieder"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in TAALVAARDIGHEDEN:
            self.fields[f"niveau_{code}"] = forms.ChoiceField(
                label=_("Taal: niveau %s (alleen als dit afwijkt)") % str(label).lower(),
                choices=_NIVEAUS,
                required=False,
            )

    def gegevens(self) -> dict:
        c = self.cleaned_data
        niveaus = {code: c[f"niveau_{code}"] for code, _l in TAALVAARDIGHEDEN if c.get(f"niveau_{code}")}
        return {
            "soort": c["soort"],
            "niveau": c["niveau"],
            "niveaus_per_vaardigheid": niveaus if c["soort"] == OnderdeelSoort.TAAL else {},
            "uren_per_week": c["uren_per_week"],
            "omschrijving": c["omschrijving"],
            "aanbieder": c["aanbieder"],
        }


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Uw beoordeling"),
        choices=[("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Terugsturen naar de klantmanager"))],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(label=_("Reden bij terugsturen"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # Required only when the PIP goes back: the label says so instead of "(niet verplicht)".
    reden.verplicht_als = _("verplicht bij terugsturen")
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("besluit") == "afwijzen" and not (cleaned.get("reden") or "").strip():
            self.add_error("reden", _("Geef aan waarom u de PIP terugstuurt."))
        return cleaned


class VaststellenForm(forms.Form):
    dagtekening = forms.DateField(
        label=_("Dagtekening"),
        widget=DatumInput(),
        help_text=_("Meestal vandaag; niet in de toekomst en niet vóór het routebesluit."),
    )
    bevestig = forms.BooleanField(
        label=_("Ik heb de PIP gecontroleerd. Na vaststellen kan niemand de beschikking nog wijzigen.")
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pip: PIP | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pip = pip

    def clean_dagtekening(self):
        dagtekening = self.cleaned_data["dagtekening"]
        if self.pip is not None:
            fouten = dagtekening_fouten(self.pip, dagtekening, vorige=vergelijkingsbeschikking(self.pip))
            if fouten:
                raise forms.ValidationError(fouten)
        return dagtekening


class IntrekkingForm(forms.Form):
    grond = forms.ChoiceField(
        label=_("Waarom trekt u de beschikking in?"), choices=Intrekkingsgrond.choices, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label=_("Reden van de intrekking"),
        help_text=_("Deze reden komt in de vervangende beschikking en in de tijdlijn."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)


_RECTIFICATIE_TEKSTEN = (
    "contactpersoon_naam",
    "contactpersoon_email",
    "afspraken",
    "begeleiding",
    "hoofddoel_toelichting",
    "voorwaarde_kinderopvang",
    "voorwaarde_vervoer",
    "voorwaarde_overig",
)


class RectificatieForm(forms.Form):
    """The parts of a beschikking a kennelijke verschrijving may be in; pre-filled with what the beschikking says."""

    dagtekening = forms.DateField(label=_("Dagtekening"), widget=DatumInput())
    reden = forms.CharField(
        label=_("Welke verschrijving herstelt u?"),
        help_text=_("Bijvoorbeeld: het jaartal van de dagtekening is verkeerd getypt."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pip: PIP, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            "dagtekening": pip.dagtekening,
            "versie": pip.versie,
            **{v: getattr(pip, v) for v in _RECTIFICATIE_TEKSTEN},
            **kwargs["initial"],
        }
        super().__init__(*args, **kwargs)
        for veld in _RECTIFICATIE_TEKSTEN:
            modelveld = PIP._meta.get_field(veld)
            label = modelveld.verbose_name.capitalize()
            if isinstance(modelveld, models.EmailField):
                self.fields[veld] = forms.EmailField(label=label, required=False, max_length=modelveld.max_length)
            elif isinstance(modelveld, models.TextField):
                self.fields[veld] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
                )
            else:
                self.fields[veld] = forms.CharField(label=label, required=False, max_length=modelveld.max_length)
        self.order_fields(["dagtekening", *_RECTIFICATIE_TEKSTEN, "reden", "versie"])

    def wijzigingen(self) -> dict:
        return {v: self.cleaned_data[v] for v in ("dagtekening", *_RECTIFICATIE_TEKSTEN)}


class WijzigingForm(forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden van de wijziging"),
        # an intrekking has its own page (pip:intrekken), with a ground and a reason
        choices=[c for c in Wijzigingsreden.choices if c[0] != Wijzigingsreden.INTREKKING],
        widget=forms.RadioSelect,
    )
    naar_route = forms.ChoiceField(
        label=_("Nieuwe leerroute (alleen bij schakelen)"), choices=[("", "—"), *Leerroute.choices], required=False
    )
    toelichting = forms.CharField(label=_("Wat verandert er en waarom?"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reden") == "schakelen" and not cleaned.get("naar_route"):
            self.add_error("naar_route", _("Kies de nieuwe leerroute."))
        return cleaned


class BezwaarForm(forms.Form):
    ontvangen_op = forms.DateField(label=_("Bezwaarschrift ontvangen op"), widget=DatumInput())
    indiener = forms.CharField(label=_("Ingediend door"), max_length=150)
    gronden = forms.CharField(
        label=_("Gronden van het bezwaar"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class BezwaarBeslissingForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[c for c in BezwaarStatus.choices if c[0] != BezwaarStatus.INGEDIEND],
        widget=forms.RadioSelect,
    )
    beslist_op = forms.DateField(label=_("Beslist op"), widget=DatumInput())
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    versie = forms.IntegerField(widget=forms.HiddenInput)
