"""What a wijzigingsbeschikking changes compared with the PIP it replaces, in plain Dutch."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import PIP

_VELDEN = (
    "leerroute",
    "hoofddoel",
    "hoofddoel_toelichting",
    "voorwaarde_kinderopvang",
    "voorwaarde_vervoer",
    "voorwaarde_overig",
    "begeleiding",
    "voortgangsgesprek_interval_maanden",
    "contactpersoon_naam",
    "afspraken",
)


def _weergave(pip: PIP, veld: str) -> str:
    display = getattr(pip, f"get_{veld}_display", None)
    waarde = display() if display else getattr(pip, veld)
    return str(waarde) if waarde not in (None, "") else _("(niets)")


def _onderdelen(pip: PIP) -> set[str]:
    uit = set()
    for o in pip.onderdelen.all():
        tekst = o.get_soort_display()
        if o.niveau:
            tekst += f" {o.niveau}"
        for vaardigheid, niveau in o.afwijkende_niveaus:
            tekst += f", {vaardigheid.lower()} {niveau}"
        if o.uren_per_week is not None:
            tekst += _(", %s uur per week") % format(o.uren_per_week.normalize(), "f").replace(".", ",")
        uit.add(tekst)
    return uit


def verschillen(vorige: PIP | None, huidige: PIP) -> list[str]:
    """One sentence per change; empty when there is no previous PIP."""
    if vorige is None:
        return []
    regels = []
    for veld in _VELDEN:
        oud, nieuw = _weergave(vorige, veld), _weergave(huidige, veld)
        if oud != nieuw:
            label = PIP._meta.get_field(veld).verbose_name
            regels.append(
                _("%(veld)s: was „%(oud)s”, wordt „%(nieuw)s”.")
                % {"veld": str(label).capitalize(), "oud": oud, "nieuw": nieuw}
            )
    if (vorige.ontzorgen, vorige.ontzorgen_posten, vorige.ontzorgen_vanaf, vorige.ontzorgen_maanden) != (
        huidige.ontzorgen,
        huidige.ontzorgen_posten,
        huidige.ontzorgen_vanaf,
        huidige.ontzorgen_maanden,
    ):
        regels.append(_("De afspraken over ontzorgen zijn gewijzigd."))
    oud_o, nieuw_o = _onderdelen(vorige), _onderdelen(huidige)
    for tekst in sorted(nieuw_o - oud_o):
        regels.append(_("Nieuw in het aanbod: %s.") % tekst)
    for tekst in sorted(oud_o - nieuw_o):
        regels.append(_("Vervalt uit het aanbod: %s.") % tekst)
    return regels
