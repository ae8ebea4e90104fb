"""Deadline pages: the dossier's Termijnen tab, 'Mijn acties' and the team view. Thin: forms, services, templates."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.models import Gebruiker
from koers.accounts.roles import Rol
from koers.audit.services import log_raadpleging, log_raadplegingen
from koers.dossiers import permissions as dossier_permissions
from koers.dossiers.selectors import dossier_voor

from . import selectors, services
from .forms import InfoGevraagdForm, InfoOntvangenForm, VerlengingForm, VoldaanForm
from .models import VENSTERSOORTEN, Feitsoort, Termijn, Termijnsoort
from .selectors import GROEPEN

GROEP_LABELS = {
    "verlopen": gettext_lazy("Verlopen"),
    "binnenkort": gettext_lazy("Binnen 2 weken"),
    "later": gettext_lazy("Later"),
}
VOORPROEF = 10


def _met_groep(termijnen: list[Termijn]) -> list[Termijn]:
    """Attach the worklist group (for the badge) to each deadline."""
    today, grens = selectors.grenzen()
    for t in termijnen:
        if t.status != Termijn.Status.OPEN:
            t.groep = t.status
        elif t.soort in VENSTERSOORTEN and t.datum < today:
            t.groep = Termijn.Status.VERVALLEN  # a window that has closed: nothing left to do
        else:
            t.groep = "verlopen" if t.datum < today else "binnenkort" if t.datum <= grens else "later"
    return termijnen


# --- dossier tab ---------------------------------------------------------------------------------------------------


def _tab(request, dossier, *, status: int = 200, **formulieren):
    mag_bewerken = dossier_permissions.mag_dossier_bewerken(request.user, dossier)
    termijnen = _met_groep(selectors.termijnen_voor_dossier(dossier))
    context = {
        "dossier": dossier,
        "actief_tabblad": "termijnen",
        "termijnen": termijnen,
        "heeft_termijn": any(t.soort == Termijnsoort.INBURGERINGSTERMIJN for t in termijnen),
        "mag_bewerken": mag_bewerken,
        "info_gevraagd_form": formulieren.get("info_gevraagd_form") or InfoGevraagdForm(prefix="gevraagd"),
        "info_ontvangen_form": formulieren.get("info_ontvangen_form") or InfoOntvangenForm(prefix="ontvangen"),
        "verlenging_form": formulieren.get("verlenging_form") or VerlengingForm(prefix="verlenging"),
        "feiten": list(dossier.termijnfeiten.select_related("geregistreerd_door").order_by("-datum", "-id")[:50]),
        "handmatig": {s.value for s in Termijnsoort} - {Termijnsoort.PIP_VASTSTELLEN, Termijnsoort.SCHAKELEN},
    }
    return render(request, "termijnen/dossier.html", context, status=status)


def _dossier(request, pk: int):
    if not dossier_permissions.mag_persoonsgegevens_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot persoonsgegevens."))
    return dossier_voor(request.user, pk)


def _bewerkbaar(request, pk: int):
    dossier = _dossier(request, pk)
    if not dossier_permissions.mag_dossier_bewerken(request.user, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    return dossier


def dossier_termijnen(request, pk: int):
    """The dossier's deadlines, each with its rule, legal source and how the date came about."""
    dossier = _dossier(request, pk)
    services.zorg_voor_startgebeurtenis(dossier)
    log_raadpleging(request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving="termijnen")
    return _tab(request, dossier)


def _feit_formulier(request, pk: int, form_class, prefix: str, feitsoort: str, melding: str):
    """Register info gevraagd/ontvangen from the tab's form; on an error show the tab with the form's messages."""
    dossier = _bewerkbaar(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            services.registreer_feit(dossier, soort=feitsoort, datum=form.cleaned_data["datum"], door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, melding)
            return redirect("termijnen:dossier", pk=dossier.pk)
    return _tab(request, dossier, status=400, **{f"info_{prefix}_form": form})


@require_POST
def info_gevraagd(request, pk: int):
    return _feit_formulier(
        request,
        pk,
        InfoGevraagdForm,
        "gevraagd",
        Feitsoort.INFO_GEVRAAGD,
        _("Vastgelegd dat informatie van derden is gevraagd; de PIP-termijn is opgeschort."),
    )


@require_POST
def info_ontvangen(request, pk: int):
    return _feit_formulier(
        request,
        pk,
        InfoOntvangenForm,
        "ontvangen",
        Feitsoort.INFO_ONTVANGEN,
        _("Vastgelegd dat de informatie is ontvangen; de PIP-termijn is herberekend."),
    )


@require_POST
def verlenging(request, pk: int):
    dossier = _bewerkbaar(request, pk)
    form = VerlengingForm(request.POST, prefix="verlenging")
    if form.is_valid():
        try:
            services.registreer_verlenging(
                dossier,
                grond=form.cleaned_data["grond"],
                besluitdatum=form.cleaned_data["besluitdatum"],
                weken=form.cleaned_data["weken"],
                door=request.user,
            )
        except ValidationError as fout:
            form.add_error("weken" if fout.code == "weken" else None, fout)
        else:
            messages.success(
                request, _("De verlenging is vastgelegd; het einde van de inburgeringstermijn is verschoven.")
            )
            return redirect("termijnen:dossier", pk=dossier.pk)
    return _tab(request, dossier, status=400, verlenging_form=form)


@require_http_methods(["POST"])
def voldaan(request, pk: int, termijn_id: int):
    dossier = _bewerkbaar(request, pk)
    termijn = get_object_or_404(Termijn, pk=termijn_id, dossier=dossier)
    form = VoldaanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige datum in om de termijn af te handelen."))
        return redirect("termijnen:dossier", pk=dossier.pk)
    try:
        services.markeer_voldaan(termijn, door=request.user, op=form.cleaned_data["datum"])
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("‘%s’ is afgehandeld.") % termijn.get_soort_display())
    return redirect("termijnen:dossier", pk=dossier.pk)


# --- worklists -----------------------------------------------------------------------------------------------------


def _log_lijst(request, termijnen: list[Termijn]) -> None:
    """One access-log row per person shown on a worklist page, written in one bulk insert."""
    gezien = {(t.dossier.inburgeraar_id, t.dossier_id) for t in termijnen}
    log_raadplegingen(request, personen=sorted(gezien), omschrijving="termijnen werklijst")


def _werklijst(request, *, klantmanager=None, zonder_klantmanager: bool = False):
    groep = request.GET.get("groep", "")
    groep = groep if groep in GROEPEN else ""
    soort = request.GET.get("soort", "")
    soort = soort if soort in Termijnsoort.values else ""
    sorteer = "soort" if request.GET.get("sorteer") == "soort" else "datum"
    week = _week_uit(request)
    km_id = klantmanager.pk if klantmanager else None
    tellingen = selectors.actie_tellingen(
        request.user, klantmanager_id=km_id, zonder_klantmanager=zonder_klantmanager, week=week
    )
    secties = []
    for g in [groep] if groep else GROEPEN:
        pagina = selectors.acties(
            request.user,
            groep=g,
            soort=soort,
            sorteer=sorteer,
            na=request.GET.get("na", "")[:60] if groep else "",
            grootte=25 if groep else VOORPROEF,
            klantmanager_id=km_id,
            zonder_klantmanager=zonder_klantmanager,
            week=week,
        )
        totaal = next(r[g] for r in tellingen.per_soort if r["soort"] == soort) if soort else tellingen.totaal[g]
        secties.append({"groep": g, "label": GROEP_LABELS[g], "pagina": _met_pagina(pagina), "totaal": totaal})
    _log_lijst(request, [t for s in secties for t in s["pagina"].items])
    return {
        "tellingen": tellingen,
        "secties": secties,
        "groep": groep,
        "soort": soort,
        "sorteer": sorteer,
        "soorten": Termijnsoort.choices,
        "groep_labels": GROEP_LABELS,
        "klantmanager": klantmanager,
        "zonder_klantmanager": zonder_klantmanager,
        "voorproef": VOORPROEF,
        "week": week,
        "week_einde": week + dt.timedelta(days=6) if week else None,
    }


def _week_uit(request) -> dt.date | None:
    """The worklist's optional ``?week=`` filter (any date; the week starting on its Monday)."""
    try:
        return selectors.maandag(dt.date.fromisoformat(request.GET.get("week", "")[:10]))
    except ValueError:
        return None


def _met_pagina(pagina):
    _met_groep(pagina.items)
    return pagina


def _vereis_werklijst(request):
    if not request.user.is_authenticated or request.user.rol not in (Rol.KLANTMANAGER, Rol.TEAMLEIDER):
        raise PermissionDenied(_("‘Mijn acties’ is er voor klantmanagers en teamleiders."))


def acties(request):
    """'Mijn acties': open deadlines of my dossiers (a teamleider: of the whole gemeente), grouped and counted."""
    _vereis_werklijst(request)
    context = _werklijst(request)
    context["basis_url"] = request.path
    if request.user.rol == Rol.TEAMLEIDER:
        context["pip_weken"] = selectors.pip_termijnen_per_week(request.user)
    return render(request, "termijnen/acties.html", context)


def team(request):
    """The teamleider's view: per klantmanager, how many deadlines are overdue, due within 2 weeks, later."""
    if not request.user.is_authenticated or request.user.rol != Rol.TEAMLEIDER:
        raise PermissionDenied(_("Het teamoverzicht is er voor teamleiders."))
    rijen = selectors.team_overzicht(request.user)
    for r in rijen:
        r["url"] = (
            reverse("termijnen:team_klantmanager", args=[r["klantmanager_id"]])
            if r["klantmanager_id"]
            else reverse("termijnen:team_zonder_klantmanager")
        )
    totaal = {g: sum(r[g] for r in rijen) for g in GROEPEN}
    context = {"rijen": rijen, "totaal": totaal, "pip_weken": selectors.pip_termijnen_per_week(request.user)}
    return render(request, "termijnen/team.html", context)


def team_klantmanager(request, klantmanager_id: int):
    """Drill-down from the team view: one klantmanager's open deadlines (own gemeente only)."""
    if not request.user.is_authenticated or request.user.rol != Rol.TEAMLEIDER:
        raise PermissionDenied(_("Het teamoverzicht is er voor teamleiders."))
    try:
        km = Gebruiker.objects.get(pk=klantmanager_id, gemeente_id=request.user.gemeente_id)
    except Gebruiker.DoesNotExist as exc:
        raise Http404 from exc
    context = _werklijst(request, klantmanager=km)
    context["basis_url"] = request.path
    return render(request, "termijnen/acties.html", context)


def team_zonder_klantmanager(request):
    """Drill-down from the team view: open deadlines of the gemeente's dossiers that have no klantmanager yet."""
    if not request.user.is_authenticated or request.user.rol != Rol.TEAMLEIDER:
        raise PermissionDenied(_("Het teamoverzicht is er voor teamleiders."))
    context = _werklijst(request, zonder_klantmanager=True)
    context["basis_url"] = request.path
    return render(request, "termijnen/acties.html", context)
