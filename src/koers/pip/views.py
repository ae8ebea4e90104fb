"""PIP pages: versions, concept editing, four-eyes approval, vaststellen, the PDF, wijzigingen and bezwaar."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.audit.services import log_raadpleging
from koers.dossiers.permissions import mag_gezondheid_zien
from koers.dossiers.selectors import dossier_voor
from koers.intake.privacy import VERBORGEN_MELDING, motivering_voor_weergave
from koers.utils.clock import vandaag
from koers.utils.concurrency import VersieConflict
from koers.utils.idempotentie import eenmalig

from . import permissions, selectors, services
from .forms import (
    BeoordelingForm,
    BezwaarBeslissingForm,
    BezwaarForm,
    OnderdeelForm,
    PIPForm,
    VaststellenForm,
    WijzigingForm,
)
from .models import BezwaarStatus, PIPStatus, Wijzigingsreden


def _dossier(request, pk: int):
    """The dossier in the user's scope (404 otherwise), for a role that may read PIPs (403 otherwise)."""
    dossier = dossier_voor(request.user, pk)
    if not permissions.mag_pip_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot de PIP."))
    return dossier


def _bewerkbaar(request, dossier):
    if not permissions.mag_pip_bewerken(request.user, dossier):
        raise PermissionDenied(_("U mag de PIP van dit dossier niet wijzigen."))


def _fouten(fout: Exception) -> list[str]:
    if isinstance(fout, ValidationError):
        return fout.messages
    return [str(fout)]


def _context(dossier, **extra):
    return {"dossier": dossier, "actief_tabblad": "pip", "verborgen_melding": VERBORGEN_MELDING, **extra}


def _motivering(request, dossier, pip, omschrijving: str):
    """The route reasons as this user may see them (health wordings only with the right); a health read is logged."""
    weergave = motivering_voor_weergave(
        pip.route_motivering, dossier=dossier, mag_gezondheid=mag_gezondheid_zien(request.user, dossier)
    )
    if weergave.toont_gezondheid:
        log_raadpleging(
            request,
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
            gegevenscategorie="gezondheid",
            omschrijving=f"{omschrijving}: gezondheidsgegevens",
        )
    return weergave


def overzicht(request, pk: int):
    dossier = _dossier(request, pk)
    log_raadpleging(request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving="PIP-overzicht")
    pips = selectors.pips_van(dossier)
    open_pip = next(
        (p for p in pips if p.status in (PIPStatus.CONCEPT, PIPStatus.TER_GOEDKEURING, PIPStatus.GOEDGEKEURD)), None
    )
    geldend = next((p for p in pips if p.status == PIPStatus.VASTGESTELD), None)
    from koers.intake.selectors import routebesluit

    context = _context(
        dossier,
        pips=pips,
        open_pip=open_pip,
        geldend=geldend,
        bezwaren=[b for p in pips for b in p.bezwaren.all()],
        mag_bewerken=permissions.mag_pip_bewerken(request.user, dossier),
        heeft_routebesluit=not pips and routebesluit(dossier) is not None,
    )
    return render(request, "pip/overzicht.html", context)


@require_POST
@eenmalig
def nieuw(request, pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    try:
        pip = services.maak_concept(dossier, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("pip:overzicht", pk=dossier.pk)
    messages.success(request, _("Het concept is gemaakt met de leerroute uit het routebesluit."))
    return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)


def detail(request, pk: int, pip_pk: int):
    """Read-only view of any version."""
    dossier = _dossier(request, pk)
    pip = selectors.pip_van(dossier, pip_pk)
    log_raadpleging(request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving=f"PIP {pip.pk}")
    from .verschillen import verschillen

    vorige = None
    if pip.is_wijziging:
        vorige = (
            dossier.pips.filter(volgnummer__lt=pip.volgnummer)
            .exclude(status__in=["concept", "ter_goedkeuring", "goedgekeurd"])
            .order_by("-volgnummer")
            .first()
        )
    context = _context(
        dossier,
        pip=pip,
        motivering=_motivering(request, dossier, pip, f"PIP {pip.pk}"),
        onderdelen=list(pip.onderdelen.all()),
        bezwaren=list(pip.bezwaren.all()),
        verschillen=verschillen(vorige, pip) if vorige else [],
        vorige=vorige,
        mag_bewerken=permissions.mag_pip_bewerken(request.user, dossier),
        mag_goedkeuren=pip.status == PIPStatus.TER_GOEDKEURING and permissions.mag_goedkeuren(request.user, pip),
        vier_ogen=selectors.instelling_voor(dossier.gemeente).vier_ogen,
    )
    return render(request, "pip/detail.html", context)


@require_http_methods(["GET", "POST"])
def bewerken(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    if pip.is_definitief:
        if request.method == "POST":
            raise PermissionDenied(services.PIPVastgesteld().messages[0])
        messages.warning(request, services.PIPVastgesteld().messages[0])
        return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)
    form = PIPForm(request.POST or None, instance=pip)
    motivering = None
    if not mag_gezondheid_zien(request.user, dossier):
        # the reasons may hold health wordings: this user sees them without, and cannot overwrite them
        del form.fields["route_motivering"]
        motivering = _motivering(request, dossier, pip, "PIP bewerken")
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_concept(
                pip, door=request.user, verwachte_versie=form.cleaned_data["versie"], **form.inhoud()
            )
        except (VersieConflict, ValidationError) as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)
    else:
        log_raadpleging(
            request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving="PIP bewerken"
        )
    context = _context(
        dossier,
        pip=pip,
        form=form,
        motivering_alleen_lezen=motivering,
        onderdeel_form=OnderdeelForm(),
        onderdelen=list(pip.onderdelen.all()),
        vier_ogen=selectors.instelling_voor(dossier.gemeente).vier_ogen,
    )
    return render(request, "pip/bewerken.html", context)


@require_http_methods(["GET", "POST"])
@eenmalig
def onderdeel_toevoegen(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    form = OnderdeelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.voeg_onderdeel_toe(pip, door=request.user, **form.gegevens())
        except ValidationError as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
        else:
            messages.success(request, _("Het onderdeel is toegevoegd."))
            return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)
    return render(request, "pip/onderdeel.html", _context(dossier, pip=pip, form=form))


@require_POST
def onderdeel_verwijderen(request, pk: int, pip_pk: int, onderdeel_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    onderdeel = pip.onderdelen.filter(pk=onderdeel_pk).first()
    if onderdeel is None:
        raise Http404
    try:
        services.verwijder_onderdeel(onderdeel, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("Het onderdeel is verwijderd."))
    return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)


@require_POST
@eenmalig
def indienen(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    try:
        services.dien_in_ter_goedkeuring(pip, door=request.user)
    except (ValidationError, VersieConflict) as fout:
        messages.error(request, " ".join(_fouten(fout)))
        return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)
    messages.success(request, _("De PIP ligt nu ter goedkeuring bij de teamleider."))
    return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)


@require_http_methods(["GET", "POST"])
@eenmalig
def beoordelen(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    pip = selectors.pip_van(dossier, pip_pk)
    if not permissions.is_teamleider(request.user) or pip.status != PIPStatus.TER_GOEDKEURING:
        raise PermissionDenied(_("Alleen een teamleider beoordeelt een PIP die ter goedkeuring ligt."))
    form = BeoordelingForm(request.POST or None, initial={"versie": pip.versie})
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["besluit"] == "goedkeuren":
                services.keur_goed(pip, door=request.user, verwachte_versie=form.cleaned_data["versie"])
                messages.success(request, _("De PIP is goedgekeurd. De klantmanager kan hem nu vaststellen."))
            else:
                services.wijs_af(
                    pip,
                    door=request.user,
                    reden=form.cleaned_data["reden"],
                    verwachte_versie=form.cleaned_data["versie"],
                )
                messages.success(request, _("De PIP is teruggestuurd naar de klantmanager."))
        except (ValidationError, VersieConflict, PermissionDenied) as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
        else:
            return redirect("pip:goedkeuringen")
    context = _context(
        dossier,
        pip=pip,
        form=form,
        motivering=_motivering(request, dossier, pip, f"PIP {pip.pk} beoordelen"),
        onderdelen=list(pip.onderdelen.all()),
        is_auteur=request.user.pk in (pip.opgesteld_door_id, pip.ingediend_door_id),
    )
    return render(request, "pip/beoordelen.html", context)


def goedkeuringen(request):
    """'Mijn goedkeuringen': PIPs awaiting a teamleider's approval in the own gemeente."""
    if not permissions.is_teamleider(request.user):
        raise PermissionDenied(_("Deze lijst is voor teamleiders."))
    pips = list(selectors.goedkeuringen_voor(request.user)[:200])
    return render(request, "pip/goedkeuringen.html", {"pips": pips})


@require_http_methods(["GET", "POST"])
@eenmalig
def vaststellen(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    if pip.is_definitief:
        if request.method == "POST":
            raise PermissionDenied(services.PIPVastgesteld().messages[0])
        messages.warning(request, services.PIPVastgesteld().messages[0])
        return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)
    form = VaststellenForm(request.POST or None, pip=pip, initial={"dagtekening": vandaag(), "versie": pip.versie})
    if request.method == "POST" and form.is_valid():
        try:
            pip = services.stel_vast(
                pip,
                door=request.user,
                dagtekening=form.cleaned_data["dagtekening"],
                verwachte_versie=form.cleaned_data["versie"],
            )
        except (ValidationError, VersieConflict) as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
        else:
            messages.success(request, _("De PIP is vastgesteld: beschikking %s.") % pip.beschikkingsnummer)
            return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)
    instelling = selectors.instelling_voor(dossier.gemeente)
    context = _context(
        dossier,
        pip=pip,
        motivering=_motivering(request, dossier, pip, f"PIP {pip.pk} vaststellen"),
        form=form,
        vier_ogen=instelling.vier_ogen,
        mag_vaststellen=not instelling.vier_ogen or pip.status == PIPStatus.GOEDGEKEURD,
    )
    return render(request, "pip/vaststellen.html", context)


def pdf(request, pk: int, pip_pk: int):
    """The stored beschikking, exactly as it was vastgesteld (never re-rendered)."""
    dossier = _dossier(request, pk)
    pip = selectors.pip_van(dossier, pip_pk)
    if not pip.is_definitief:
        raise Http404
    pip = services.zorg_voor_pdf(pip)
    log_raadpleging(
        request,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving=f"beschikking {pip.beschikkingsnummer} (PDF)",
    )
    if not mag_gezondheid_zien(request.user, dossier):
        # The stored letter is the one sent to the inburgeraar, complete with any health-based reason. Staff
        # without the health right always get an afschrift without health wordings (docs/pip.md).
        from .pdf import render_afschrift

        response = HttpResponse(render_afschrift(pip), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{pip.beschikkingsnummer}-afschrift.pdf"'
        return response
    _motivering(request, dossier, pip, f"beschikking {pip.beschikkingsnummer} (PDF)")
    response = FileResponse(pip.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pip.beschikkingsnummer}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@eenmalig
def wijzigen(request, pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    geldend = selectors.geldend_pip(dossier)
    reden = request.GET.get("reden", "")
    form = WijzigingForm(request.POST or None, initial={"reden": reden if reden in Wijzigingsreden.values else None})
    if request.method == "POST" and form.is_valid():
        try:
            pip = services.start_wijziging(
                dossier,
                reden=form.cleaned_data["reden"],
                toelichting=form.cleaned_data["toelichting"],
                naar_route=form.cleaned_data["naar_route"],
                door=request.user,
            )
        except ValidationError as fout:
            for tekst in fout.messages:
                form.add_error(None, tekst)
        else:
            messages.success(request, _("De wijziging is gestart. Pas het concept aan en stel het vast."))
            return redirect("pip:bewerken", pk=dossier.pk, pip_pk=pip.pk)
    return render(request, "pip/wijzigen.html", _context(dossier, form=form, geldend=geldend))


@require_POST
def concept_verwijderen(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    try:
        services.verwijder_concept(pip, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("pip:detail", pk=dossier.pk, pip_pk=pip.pk)
    messages.success(request, _("Het concept is verwijderd."))
    return redirect("pip:overzicht", pk=dossier.pk)


@require_http_methods(["GET", "POST"])
@eenmalig
def bezwaar(request, pk: int, pip_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    pip = selectors.pip_van(dossier, pip_pk)
    form = BezwaarForm(request.POST or None, initial={"ontvangen_op": vandaag()})
    if request.method == "POST" and form.is_valid():
        try:
            services.registreer_bezwaar(pip, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            for tekst in fout.messages:
                form.add_error(None, tekst)
        else:
            messages.success(request, _("Het bezwaar is geregistreerd."))
            return redirect("pip:overzicht", pk=dossier.pk)
    return render(
        request,
        "pip/formulier.html",
        _context(
            dossier,
            form=form,
            titel=_("Bezwaar registreren tegen %s") % pip.beschikkingsnummer,
            knop=_("Bezwaar registreren"),
        ),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def bezwaar_beslissen(request, pk: int, bezwaar_pk: int):
    dossier = _dossier(request, pk)
    _bewerkbaar(request, dossier)
    bezwaar_obj = selectors.bezwaar_van(dossier, bezwaar_pk)
    if bezwaar_obj.status != BezwaarStatus.INGEDIEND:
        messages.info(request, _("Op dit bezwaar is al beslist."))
        return redirect("pip:overzicht", pk=dossier.pk)
    form = BezwaarBeslissingForm(request.POST or None, initial={"beslist_op": vandaag(), "versie": bezwaar_obj.versie})
    if request.method == "POST" and form.is_valid():
        try:
            services.beslis_bezwaar(
                bezwaar_obj,
                door=request.user,
                status=form.cleaned_data["status"],
                beslist_op=form.cleaned_data["beslist_op"],
                toelichting=form.cleaned_data["toelichting"],
                verwachte_versie=form.cleaned_data["versie"],
            )
        except (ValidationError, VersieConflict) as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
        else:
            messages.success(request, _("De beslissing op het bezwaar is vastgelegd."))
            return redirect("pip:overzicht", pk=dossier.pk)
    return render(
        request,
        "pip/formulier.html",
        _context(
            dossier,
            form=form,
            titel=_("Beslissen op bezwaar tegen %s") % bezwaar_obj.pip.beschikkingsnummer,
            knop=_("Beslissing vastleggen"),
        ),
    )
