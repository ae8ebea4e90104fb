"""Functioneel beheer's import pages: upload, list, detail with progress, rejected lines, report, duplicates."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.audit.services import log_raadplegingen
from koers.beheer.permissions import mag_functioneel_beheer
from koers.inburgeraars.models import Inburgeraar
from koers.utils.export import csv_response, veilige_csv_writer
from koers.utils.idempotentie import eenmalig
from koers.utils.pagination import cursor_uit

from . import selectors, services
from .forms import DubbelBesluitForm, UploadForm
from .models import ImportRecord

R = ImportRecord.Status


def _vereis_beheer(request) -> None:
    if not mag_functioneel_beheer(request.user):
        raise PermissionDenied(_("Deze pagina is er voor functioneel beheerders van een gemeente."))


def lijst(request):
    _vereis_beheer(request)
    pagina = selectors.importlijst(request.user, na=cursor_uit(request))
    return render(request, "koppelvlakken/lijst.html", {"pagina": pagina, "query": ""})


@eenmalig
def upload(request):
    _vereis_beheer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            imp = services.ontvang_import(
                door=request.user,
                bron=form.cleaned_data["bron"],
                formaat=form.formaat,
                mappingversie=form.cleaned_data["mappingversie"],
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het bestand is ontvangen en wordt verwerkt."))
            return redirect("koppelvlakken:detail", pk=imp.pk)
    return render(request, "koppelvlakken/upload.html", {"form": form})


def _detailcontext(request, pk: int) -> dict:
    imp = selectors.import_voor(request.user, pk)
    afgewezen = list(selectors.records_met_status(imp, R.AFGEWEZEN)[:500]) if imp.is_klaar else []
    dubbel = list(selectors.records_met_status(imp, R.MOGELIJK_DUBBEL)) if imp.is_klaar else []
    getoond = {(r.inburgeraar_id, r.dossier_id) for r in afgewezen + dubbel if r.inburgeraar_id}
    if getoond:
        log_raadplegingen(request, personen=sorted(getoond, key=lambda p: (p[0], p[1] or 0)), omschrijving="import")
    return {"imp": imp, "afgewezen": afgewezen, "dubbel": dubbel}


def detail(request, pk: int):
    _vereis_beheer(request)
    return render(request, "koppelvlakken/detail.html", _detailcontext(request, pk))


@require_GET
def voortgang(request, pk: int):
    """The htmx partial the detail page polls every 2 seconds until the import is done."""
    _vereis_beheer(request)
    context = _detailcontext(request, pk)
    response = render(request, "koppelvlakken/_voortgang.html", context)
    if context["imp"].is_klaar:
        response["HX-Refresh"] = "true"  # the whole page shows the result (rejected lines, duplicates)
    return response


def rapport(request, pk: int):
    """All records with their outcome as CSV (line, key, signal, status, reason); no profile or health data."""
    _vereis_beheer(request)
    imp = selectors.import_voor(request.user, pk)
    records = list(
        imp.records.order_by("regel").only(
            "regel", "bsn", "v_nummer", "signaal_id", "gemeentecode", "status", "reden", "inburgeraar_id", "dossier_id"
        )
    )
    log_raadplegingen(
        request,
        personen=sorted(
            {(r.inburgeraar_id, r.dossier_id) for r in records if r.inburgeraar_id}, key=lambda p: (p[0], p[1] or 0)
        ),
        omschrijving=f"importrapport {imp.pk}",
    )
    buffer = io.StringIO()
    schrijver = veilige_csv_writer(buffer, delimiter=";")
    schrijver.writerow(["regel", "bsn", "v_nummer", "signaalnummer", "gemeentecode", "status", "reden"])
    for r in records:
        schrijver.writerow([r.regel, r.bsn, r.v_nummer, r.signaal_id, r.gemeentecode, r.get_status_display(), r.reden])
    return csv_response(buffer.getvalue(), f"import-{imp.pk}-rapport.csv")


@eenmalig
def dubbel(request, pk: int, record_pk: int):
    _vereis_beheer(request)
    record, kandidaten = selectors.dubbel_record(request.user, pk, record_pk)
    log_raadplegingen(request, personen=[(p.pk, None) for p in kandidaten], omschrijving="import: mogelijk dubbel")
    form = DubbelBesluitForm(request.POST or None, kandidaten=kandidaten)
    if request.method == "POST" and form.is_valid():
        keuze = form.cleaned_data["keuze"]
        persoon = None if keuze == "nieuw" else Inburgeraar.objects.get(pk=int(keuze))
        try:
            services.beslis_dubbel(record, door=request.user, inburgeraar=persoon)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het besluit is vastgelegd en het record is toegepast."))
            return redirect("koppelvlakken:detail", pk=pk)
    gegevens = {k: v for k, v in record.gegevens.items() if k not in ("lichamelijke_beperkingen",)}
    context = {
        "record": record,
        "kandidaten": kandidaten,
        "form": form,
        "gegevens": gegevens,
        "imp": record.aanlevering,
    }
    return render(request, "koppelvlakken/dubbel.html", context)
