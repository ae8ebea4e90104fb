"""Functioneel beheer's pages for notifications: subscriptions, their delivery log, events and resending."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.utils.idempotentie import eenmalig
from koers.utils.pagination import cursor_uit

from . import cloudevents, selectors, services
from .forms import AbonnementForm
from .models import Bezorging
from .permissions import mag_abonnementen_beheren

NIEUW_GEHEIM = "notificaties_nieuw_geheim"


def _vereis_beheer(request) -> None:
    if not mag_abonnementen_beheren(request.user) or request.user.rol != "functioneel_beheerder":
        raise PermissionDenied(_("Deze pagina is er voor functioneel beheerders van een gemeente."))


def index(request):
    """The gemeente's subscriptions, with waiting and failed deliveries."""
    _vereis_beheer(request)
    return render(
        request, "notificaties/index.html", {"abonnementen": selectors.abonnementen_met_tellingen(request.user)}
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    _vereis_beheer(request)
    form = AbonnementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            abonnement = services.maak_abonnement(door=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The secret is shown once, on the next page; the session is stored server-side.
            request.session[NIEUW_GEHEIM] = {"abonnement": abonnement.pk, "geheim": abonnement.geheim}
            messages.success(request, _("Abonnement ‘%s’ is aangemaakt.") % abonnement.naam)
            return redirect("notificaties:abonnement", pk=abonnement.pk)
    return render(request, "notificaties/nieuw.html", {"form": form}, status=400 if form.errors else 200)


def abonnement(request, pk: int):
    """One subscription: its settings and its delivery log (newest first)."""
    _vereis_beheer(request)
    abonnement = selectors.abonnement_voor(request.user, pk)
    nieuw_geheim = request.session.get(NIEUW_GEHEIM) or {}
    geheim = None
    if nieuw_geheim.get("abonnement") == abonnement.pk:
        geheim = nieuw_geheim["geheim"]
        del request.session[NIEUW_GEHEIM]
    status = request.GET.get("status", "")
    pagina = selectors.bezorgingen_voor(abonnement, na=cursor_uit(request), status=status)
    context = {
        "abonnement": abonnement,
        "geheim": geheim,
        "pagina": pagina,
        "status": status if status in Bezorging.Status.values else "",
        "statussen": Bezorging.Status.choices,
        "query": f"status={status}" if status in Bezorging.Status.values else "",
    }
    return render(request, "notificaties/abonnement.html", context)


@require_POST
@eenmalig
def zet_actief(request, pk: int):
    _vereis_beheer(request)
    abonnement = selectors.abonnement_voor(request.user, pk)
    actief = request.POST.get("actief") == "1"
    services.zet_actief(abonnement, door=request.user, actief=actief)
    if actief:
        messages.success(request, _("Het abonnement is weer actief."))
    else:
        messages.success(request, _("Het abonnement is gedeactiveerd; er worden geen gebeurtenissen meer verstuurd."))
    return redirect("notificaties:abonnement", pk=abonnement.pk)


def gebeurtenis(request, pk: str):
    """One event: the exact CloudEvent sent, and per subscription every attempt."""
    _vereis_beheer(request)
    g = selectors.gebeurtenis_voor(request.user, pk)
    event = cloudevents.als_cloudevent(g, gemeentecode=g.gemeente.gemeentecode)
    context = {"gebeurtenis": g, "cloudevent": json.dumps(event, indent=2, ensure_ascii=False)}
    return render(request, "notificaties/gebeurtenis.html", context)


@require_POST
@eenmalig
def opnieuw(request, pk: int):
    """'Opnieuw versturen': a failed delivery is tried again now (logged with the user)."""
    _vereis_beheer(request)
    bezorging = selectors.bezorging_voor(request.user, pk)
    try:
        services.verstuur_opnieuw(bezorging, door=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De gebeurtenis wordt opnieuw verstuurd naar %s.") % bezorging.abonnement.naam)
    return redirect("notificaties:gebeurtenis", pk=bezorging.gebeurtenis_id)
