"""Functioneel beheer's pages: the access log and the change history of persons, of its own gemeente only.
Every person shown is in the access log, as on any other page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from koers.audit.services import log_raadpleging, log_raadplegingen
from koers.inburgeraars.models import Inburgeraar
from koers.utils.pagination import cursor_uit

from . import selectors
from .forms import ToegangslogFilterForm, WijzigingenFilterForm
from .permissions import mag_functioneel_beheer


def _vereis_beheer(request) -> None:
    if not mag_functioneel_beheer(request.user):
        raise PermissionDenied(_("Deze pagina is er voor functioneel beheerders van een gemeente."))


def _zondercursor_uit(request) -> str:
    query = request.GET.copy()
    query.pop("na", None)
    return query.urlencode()


def index(request):
    _vereis_beheer(request)
    return render(request, "beheer/index.html")


def toegangslog(request):
    _vereis_beheer(request)
    form = ToegangslogFilterForm(request.GET or None)
    pagina = None
    if form.is_bound and form.is_valid():
        filters = selectors.LogFilter(**form.cleaned_data)
        pagina = selectors.toegangslog_voor(request.user, filters, na=cursor_uit(request))
    elif not form.is_bound:
        pagina = selectors.toegangslog_voor(request.user, selectors.LogFilter(), na=cursor_uit(request))
    if pagina is not None:
        personen = {(r.inburgeraar_id, r.dossier_id) for r in pagina.items if r.inburgeraar_id is not None}
        log_raadplegingen(
            request,
            personen=sorted(personen, key=lambda p: (p[0], p[1] or 0)),
            omschrijving="functioneel beheer: toegangslog",
            gegevenscategorie="toegangslog",
        )
    context = {"form": form, "pagina": pagina, "query": _zondercursor_uit(request)}
    return render(request, "beheer/toegangslog.html", context)


def wijzigingen(request):
    _vereis_beheer(request)
    form = WijzigingenFilterForm(request.GET or None)
    pagina = None
    if not form.is_bound or form.is_valid():
        gegevens = form.cleaned_data if form.is_bound else {}
        pagina = selectors.wijzigingen_voor(
            request.user, zoek=gegevens.get("zoek", ""), door=gegevens.get("door", ""), na=cursor_uit(request)
        )
        log_raadplegingen(
            request,
            personen=list(dict.fromkeys((v.id, None) for v in pagina.items)),
            omschrijving="functioneel beheer: wijzigingsgeschiedenis",
        )
    context = {"form": form, "pagina": pagina, "query": _zondercursor_uit(request)}
    return render(request, "beheer/wijzigingen.html", context)


def wijziging(request, history_id: int):
    _vereis_beheer(request)
    versie, vorige, wijzigingen = selectors.wijziging_voor(request.user, history_id)
    log_raadpleging(request, inburgeraar_id=versie.id, omschrijving="functioneel beheer: wijziging van persoon")
    velden = {veld.name: veld.verbose_name for veld in Inburgeraar._meta.get_fields() if hasattr(veld, "verbose_name")}
    regels = [{"veld": velden.get(w.field, w.field), "oud": w.old, "nieuw": w.new} for w in wijzigingen]
    context = {"versie": versie, "vorige": vorige, "regels": regels}
    return render(request, "beheer/wijziging.html", context)
