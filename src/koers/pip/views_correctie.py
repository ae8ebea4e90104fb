"""Correcting a vastgestelde beschikking: intrekking (with a replacing beschikking) and rectification of an obvious
clerical error; and the download of a PDF a correction replaced. Thin: forms, services, templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.audit.services import log_raadpleging
from koers.utils.concurrency import VersieConflict
from koers.utils.idempotentie import eenmalig

from . import selectors, services
from .forms import IntrekkingForm, RectificatieForm
from .views import _bewerkbaar, _context, _dossier


def _voeg_fouten_toe(form, fout: Exception) -> None:
    if isinstance(fout, ValidationError) and hasattr(fout, "error_dict"):
        for veld, fouten in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    elif isinstance(fout, ValidationError):
        form.add_error(None, fout.messages)
    else:
        form.add_error(None, str(fout))


@require_http_methods(["GET", "POST"])
@eenmalig
def intrekken(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    form = IntrekkingForm(request.POST or None, initial={"versie": pip.versie})
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.start_intrekking(
                pip,
                door=request.user,
                grond=form.cleaned_data["grond"],
                reden=form.cleaned_data["reden"],
                verwachte_versie=form.cleaned_data["versie"],
            )
        except (ValidationError, VersieConflict) as fout:
            _voeg_fouten_toe(form, fout)
        else:
            messages.success(
                request,
                _(
                    "De vervangende beschikking staat klaar als concept. Beschikking %s blijft gelden tot u de "
                    "vervangende beschikking vaststelt."
                )
                % pip.beschikkingsnummer,
            )
            return redirect("pip:bewerken", pk=dossier.pk, pip_pk=concept.pk)
    return render(request, "pip/intrekken.html", _context(dossier, pip=pip, form=form))


@require_http_methods(["GET", "POST"])
@eenmalig
def rectificeren(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    form = RectificatieForm(request.POST or None, pip=pip)
    if request.method == "POST" and form.is_valid():
        try:
            services.rectificeer(
                pip,
                door=request.user,
                reden=form.cleaned_data["reden"],
                verwachte_versie=form.cleaned_data["versie"],
                **form.wijzigingen(),
            )
        except (ValidationError, VersieConflict) as fout:
            _voeg_fouten_toe(form, fout)
        else:
            messages.success(
                request,
                _("Beschikking %s is gerectificeerd. De eerdere PDF blijft bewaard.") % pip.beschikkingsnummer,
            )
            return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)
    return render(request, "pip/rectificeren.html", _context(dossier, pip=pip, form=form))


def oude_pdf(request, pk: int, pip_pk: int, correctie_pk: int):
    """A beschikking's PDF as it was before a correction: kept, never overwritten, served as stored."""
    dossier = _dossier(request, pk)
    pip = selectors.pip_van(dossier, pip_pk)
    correctie = pip.correcties.filter(pk=correctie_pk).first()
    if correctie is None or not correctie.oude_pdf:
        raise Http404
    log_raadpleging(
        request,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving=f"beschikking {pip.beschikkingsnummer}, eerdere versie (PDF, correctie {correctie.pk})",
    )
    response = FileResponse(correctie.oude_pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pip.beschikkingsnummer}-eerdere-versie.pdf"'
    return response
