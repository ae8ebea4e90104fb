"""Template helpers for accessible NL Design System forms: fields linked to their help and error texts."""

from __future__ import annotations

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()

_WIDGET_CLASS = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


def _widget_class(widget) -> str:
    for soort, css in _WIDGET_CLASS.items():
        if isinstance(widget, soort):
            return css
    return "utrecht-textbox utrecht-textbox--html-input"


@register.simple_tag
def veld(bound_field, **extra):
    """Render one form field: label, description, error message and control, linked with aria attributes."""
    widget = bound_field.field.widget
    fout_id = f"{bound_field.auto_id}-fout"
    uitleg_id = f"{bound_field.auto_id}-uitleg"
    beschreven = []
    # The browser's maxlength cuts pasted text silently; the server check says what is too long instead, and a long
    # text field tells its limit up front.
    max_tekens = (
        getattr(bound_field.field, "max_length", None) if isinstance(bound_field.field, forms.CharField) else None
    )
    lengte_tonen = bool(max_tekens) and isinstance(widget, forms.Textarea | forms.TextInput) and max_tekens >= 100
    if bound_field.help_text or lengte_tonen:
        beschreven.append(uitleg_id)
    if bound_field.errors:
        beschreven.append(fout_id)
    attrs = {"class": _widget_class(widget)}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        basis = attrs["class"].split(" ")[0]
        if basis:
            attrs["class"] += f" {basis}--invalid"
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    if bound_field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["required"] = True
    if max_tekens:
        attrs["maxlength"] = False
    attrs.update(extra)
    is_keuzelijst = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return render_to_string(
        "includes/veld.html",
        {
            "veld": bound_field,
            "control": bound_field.as_widget(attrs=attrs),
            "is_checkbox": isinstance(widget, forms.CheckboxInput),
            "is_keuzelijst": is_keuzelijst,
            "fout_id": fout_id,
            "uitleg_id": uitleg_id,
            "max_tekens": max_tekens if lengte_tonen else None,
        },
    )


@register.inclusion_tag("includes/foutsamenvatting.html")
def foutsamenvatting(*formulieren):
    """The error summary at the top of a form, linking each message to its field."""
    fouten = []
    for form in formulieren:
        if form is None or not form.errors:
            continue
        for fout in form.non_field_errors():
            fouten.append({"tekst": fout, "id": None})
        for bound in form:
            for fout in bound.errors:
                label = str(bound.label)
                scheiding = " " if label.endswith(("?", ":")) else ": "
                fouten.append({"tekst": f"{label}{scheiding}{fout}", "id": bound.auto_id})
    return {"fouten": fouten}


@register.inclusion_tag("includes/dossier_tabbladen.html")
def dossier_tabbladen(dossier, actief: str):
    """The dossier's sub-navigation. Apps add a tab by setting ``dossier_tabblad = (code, label, url_name, order)``
    on their AppConfig; the url takes the dossier's pk."""
    from django.apps import apps
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    tabs = [("overzicht", _("Overzicht"), "dossiers:detail", 0)]
    tabs += [cfg.dossier_tabblad for cfg in apps.get_app_configs() if hasattr(cfg, "dossier_tabblad")]
    return {
        "tabbladen": [
            {"code": code, "label": label, "url": reverse(url_name, args=[dossier.pk]), "actief": code == actief}
            for code, label, url_name, _volgorde in sorted(tabs, key=lambda t: t[3])
        ]
    }
