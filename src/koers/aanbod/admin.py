from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.accounts.admin_toegang import GemeenteBeheerAdmin, is_superuser
from koers.audit.services import log_raadplegingen

from .models import Contract, Inschrijving, Klas


@admin.register(Contract)
class ContractAdmin(GemeenteBeheerAdmin, admin.ModelAdmin):
    """A functioneel beheerder manages its own gemeente's contracts; its regio's contracts it may only look at."""

    verborgen_voor_beheer = ("regio",)
    list_display = [
        "ketenpartner",
        "product",
        "gemeente",
        "regio",
        "prijs",
        "prijs_per",
        "capaciteit",
        "start",
        "einde",
    ]
    list_filter = ["product", "ketenpartner"]
    exclude = ["versie"]

    def zichtbaar_voor_beheer(self, request):
        return super().zichtbaar_voor_beheer(request) | Q(regio__gemeenten=request.user.gemeente_id)


class DeelnemersVeld(forms.ModelMultipleChoiceField):
    """Each enrolment by the person's name and dossier, so the options can be told apart."""

    def label_from_instance(self, obj: Inschrijving) -> str:
        return _("%(naam)s (dossier %(dossier)s, %(status)s, aangemeld %(datum)s)") % {
            "naam": obj.dossier.inburgeraar.volledige_naam,
            "dossier": obj.dossier_id,
            "status": obj.get_status_display().lower(),
            "datum": obj.aangemeld_op.strftime("%d-%m-%Y"),
        }


@admin.register(Klas)
class KlasAdmin(GemeenteBeheerAdmin, admin.ModelAdmin):
    """A functioneel beheerder manages its own gemeente's classes (name, provider, product); who sits in a class is
    personal data, so the members are edited in the admin by superusers only (every name shown is logged) and
    otherwise on the class list in Koers (``/klassen/<id>/``) by the provider and the klantmanagers."""

    list_display = ["naam", "ketenpartner", "product", "gemeente"]
    list_filter = ["ketenpartner", "product"]
    filter_horizontal = ["leden"]
    exclude = ["versie"]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not is_superuser(request) or obj is None:
            exclude.append("leden")  # a new class gets its members once its provider and product are saved
        return exclude

    def kandidaten(self, obj: Klas):
        """Enrolments the members widget offers: the class's provider and product, and its current members."""
        return (
            Inschrijving.objects.filter(Q(ketenpartner_id=obj.ketenpartner_id, product=obj.product) | Q(klassen=obj))
            .select_related("dossier__inburgeraar")
            .distinct()
            .order_by("dossier__inburgeraar__achternaam", "dossier__inburgeraar__voornamen", "pk")
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "leden" in form.base_fields:
            oud = form.base_fields["leden"]
            form.base_fields["leden"] = DeelnemersVeld(
                queryset=self.kandidaten(obj),
                required=False,
                widget=oud.widget,
                label=oud.label,
                help_text=_("Deelnemers van deze aanbieder voor dit product, op naam."),
            )
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("adminform")
        if response.status_code == 200 and form is not None and "leden" in form.form.fields:
            kandidaten = form.form.fields["leden"].queryset
            log_raadplegingen(
                request,
                personen=list(dict.fromkeys((i.dossier.inburgeraar_id, i.dossier_id) for i in kandidaten)),
                omschrijving="beheer: klassen (deelnemers)",
            )
        return response
