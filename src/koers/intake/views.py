"""Intake pages under dossiers/<pk>/intake/. Thin: scope via dossiers.selectors, forms in, services, templates out."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.audit.services import log_raadpleging
from koers.dossiers.selectors import dossier_voor
from koers.utils.clock import vandaag
from koers.utils.concurrency import VersieConflict
from koers.utils.datums import datum_kort, datum_tijd_kort
from koers.utils.idempotentie import eenmalig

from . import permissions, selectors, services
from . import sancties as sanctieregels
from .advies import Leerroute
from .forms import (
    GesprekForm,
    GesprekPlannenForm,
    LbtForm,
    OntheffingForm,
    OpkomstForm,
    RouteBesluitForm,
    SanctieBesluitForm,
    UitnodigingForm,
    VragenlijstForm,
    VrijstellingForm,
)
from .models import IntakeGesprek, Levensgebied, SanctieVoorstel, Uitnodiging
from .privacy import (
    VERBORGEN_MELDING,
    advies_voor_weergave,
    lbt_formulierwaarden,
    lbt_inleiding,
    lbt_voor_weergave,
    samenvatting_toont_gezondheid,
    samenvatting_voor,
)


class _Pagina:
    """What every intake page needs: the scoped dossier, its intake and what the user may do."""

    def __init__(self, request, pk: int, *, intake_vereist: bool = True):
        self.request = request
        self.dossier = dossier_voor(request.user, pk)
        if not permissions.mag_intake_zien(request.user, self.dossier):
            raise Http404  # ketenpartners never learn anything about the intake
        self.intake = selectors.intake_van(self.dossier)
        if intake_vereist and self.intake is None:
            raise Http404
        self.mag_bewerken = permissions.mag_intake_bewerken(request.user, self.dossier)
        self.mag_gezondheid = permissions.mag_gezondheid_zien(request.user, self.dossier)

    def vereis_bewerken(self) -> None:
        if not self.mag_bewerken:
            raise PermissionDenied(_("U mag de brede intake van dit dossier niet wijzigen."))

    def log(self, omschrijving: str, *, gezondheid: bool = False) -> None:
        log_raadpleging(
            self.request,
            inburgeraar_id=self.dossier.inburgeraar_id,
            dossier_id=self.dossier.pk,
            omschrijving=omschrijving,
        )
        if gezondheid:
            log_raadpleging(
                self.request,
                inburgeraar_id=self.dossier.inburgeraar_id,
                dossier_id=self.dossier.pk,
                gegevenscategorie="gezondheid",
                omschrijving=f"{omschrijving}: gezondheidsgegevens",
            )

    def render(self, template: str, **context):
        context = {
            "dossier": self.dossier,
            "intake": self.intake,
            "actief_tabblad": "intake",
            "mag_bewerken": self.mag_bewerken,
            "mag_gezondheid": self.mag_gezondheid,
            **context,
        }
        return render(self.request, template, context)


def _fout_op_formulier(form, fout: Exception) -> None:
    """Put a service error on the form: field errors next to their field, the rest in the summary."""
    if isinstance(fout, VersieConflict):
        form.add_error(None, str(fout))
        return
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            for e in lijst:
                form.add_error(veld if veld in form.fields else None, e)
        return
    for bericht in fout.messages:
        form.add_error(None, bericht)


def overzicht(request, pk: int):
    p = _Pagina(request, pk, intake_vereist=False)
    context = {}
    toont_gezondheid = False
    if p.intake is not None:
        intake = p.intake
        vragen = selectors.vragen(intake, met_gezondheid=True)
        beantwoord = {c for c, w in selectors.antwoorden(intake).items() if w not in (None, "")}
        voortgang = []
        for code, label in Levensgebied.choices:
            van_gebied = [v for v in vragen if v.levensgebied == code]
            if van_gebied:
                voortgang.append(
                    {
                        "label": label,
                        "code": code,
                        "totaal": len(van_gebied),
                        "beantwoord": sum(v.code in beantwoord for v in van_gebied),
                        "verplicht_open": sum(v.verplicht and v.code not in beantwoord for v in van_gebied),
                    }
                )
        gesprekken = selectors.gesprekken(intake)
        toets = getattr(intake, "lbt", None) if hasattr(intake, "lbt") else None
        lbt_tekst, toont_lbt = lbt_voor_weergave(toets, mag_gezondheid=p.mag_gezondheid) if toets else ("", False)
        ontheffingen = list(intake.ontheffingen.all())
        toont_gezondheid = toont_lbt or (p.mag_gezondheid and any(o.is_gezondheid for o in ontheffingen))
        context = {
            "voortgang": voortgang,
            "gesprekken": gesprekken,
            "lbt": toets,
            "lbt_tekst": lbt_tekst,
            "vrijstellingen": list(intake.vrijstellingen.all()),
            "ontheffingen": ontheffingen,
            "advies": selectors.laatste_advies(intake),
            "besluit": selectors.routebesluit(p.dossier),
            "sancties": selectors.sanctievoorstellen(intake),
            "partner_zonder_gesprek": services._heeft_partner(intake)
            and not any(g.is_partnergesprek for g in gesprekken),
        }
    if context.get("advies") is not None:
        advies = context["advies"].advies
        context["advies_samenvatting"] = samenvatting_voor(advies, mag_gezondheid=p.mag_gezondheid)
        toont_gezondheid |= samenvatting_toont_gezondheid(advies, mag_gezondheid=p.mag_gezondheid)
    p.log("brede intake: overzicht", gezondheid=toont_gezondheid)
    return p.render("intake/overzicht.html", **context)


@require_POST
@eenmalig
def starten(request, pk: int):
    p = _Pagina(request, pk, intake_vereist=False)
    p.vereis_bewerken()
    try:
        services.start_intake(p.dossier, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("intake:overzicht", pk=pk)
    messages.success(request, _("De brede intake is gestart."))
    return redirect("intake:vragenlijst", pk=pk)


@require_http_methods(["GET", "POST"])
def vragenlijst(request, pk: int):
    p = _Pagina(request, pk)
    intake = p.intake
    vragen = selectors.vragen(intake, met_gezondheid=p.mag_gezondheid)
    verborgen = not p.mag_gezondheid and intake.vragenlijst.vragen.filter(is_gezondheid=True).exists()
    antwoorden = selectors.antwoorden(intake)
    bewerkbaar = p.mag_bewerken and not intake.is_afgerond
    form = VragenlijstForm(
        request.POST if request.method == "POST" else None, vragen=vragen, antwoorden=antwoorden, versie=intake.versie
    )
    if request.method == "POST":
        p.vereis_bewerken()
        afronden = request.POST.get("actie") == "afronden"
        if form.is_valid():
            try:
                services.bewaar_antwoorden(
                    intake,
                    door=request.user,
                    antwoorden=form.antwoorden(),
                    verwachte_versie=form.cleaned_data["versie"],
                )
                if afronden:
                    services.rond_intake_af(intake, door=request.user)
            except services.IntakeOnvolledig as fout:
                for code, bericht in fout.vragen.items():
                    form.add_error(code if code in form.fields else None, bericht)
                for bericht in fout.overig:
                    form.add_error(None, bericht)
                messages.info(request, _("Uw antwoorden zijn als concept opgeslagen."))
            except (ValidationError, VersieConflict) as fout:
                _fout_op_formulier(form, fout)
            else:
                if afronden:
                    messages.success(request, _("De brede intake is afgerond. Bekijk het routeadvies."))
                    return redirect("intake:advies", pk=pk)
                messages.success(request, _("Uw antwoorden zijn als concept opgeslagen."))
                return redirect("intake:vragenlijst", pk=pk)
        if form.errors and "versie" in form.data:
            # show the current version number so a corrected resubmit is not refused as stale
            data = form.data.copy()
            data["versie"] = str(type(intake).objects.get(pk=intake.pk).versie)
            form.data = data
    form.markeer_verplicht()
    toont_gezondheid = p.mag_gezondheid and any(v.is_gezondheid for v in vragen)
    p.log("brede intake: vragenlijst", gezondheid=toont_gezondheid)
    alleen_lezen = [
        {
            "label": groep["label"],
            "code": groep["code"],
            "antwoorden": [(v, v.toon(antwoorden.get(v.code))) for v, _veld in groep["velden"]],
        }
        for groep in form.groepen()
    ]
    return p.render(
        "intake/vragenlijst.html",
        form=form,
        bewerkbaar=bewerkbaar,
        verborgen=verborgen,
        alleen_lezen=alleen_lezen,
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def gesprekken(request, pk: int):
    p = _Pagina(request, pk)
    form = GesprekPlannenForm(request.POST or None)
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            try:
                services.plan_gesprek(p.intake, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("Het gesprek is gepland."))
                return redirect("intake:gesprekken", pk=pk)
    p.log("brede intake: gesprekken")
    return p.render(
        "intake/gesprekken.html",
        form=form,
        gesprekken=selectors.gesprekken(p.intake),
        partner_zonder_gesprek=services._heeft_partner(p.intake)
        and not p.intake.gesprekken.filter(is_partnergesprek=True).exists(),
    )


@require_http_methods(["GET", "POST"])
def gesprek(request, pk: int, gesprek_pk: int):
    p = _Pagina(request, pk)
    gesprek = get_object_or_404(IntakeGesprek, pk=gesprek_pk, intake=p.intake)
    form = GesprekForm(request.POST or None, instance=gesprek)
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            gegevens = {k: v for k, v in form.cleaned_data.items() if k != "versie"}
            try:
                services.registreer_gesprek(
                    gesprek, door=request.user, verwachte_versie=form.cleaned_data["versie"], **gegevens
                )
            except (ValidationError, VersieConflict) as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("Het gesprek is vastgelegd."))
                return redirect("intake:gesprekken", pk=pk)
    p.log("brede intake: gesprek")
    return p.render(
        "intake/gesprek.html",
        form=form,
        gesprek=gesprek,
        uitnodigingen=list(gesprek.uitnodigingen.all()),
        uitnodiging_form=UitnodigingForm(),
    )


@require_POST
@eenmalig
def uitnodiging_toevoegen(request, pk: int, gesprek_pk: int):
    p = _Pagina(request, pk)
    p.vereis_bewerken()
    gesprek = get_object_or_404(IntakeGesprek, pk=gesprek_pk, intake=p.intake)
    form = UitnodigingForm(request.POST)
    if form.is_valid():
        services.registreer_uitnodiging(gesprek, door=request.user, verstuurd_op=form.cleaned_data["verstuurd_op"])
        messages.success(request, _("De uitnodiging is vastgelegd."))
        return redirect("intake:gesprek", pk=pk, gesprek_pk=gesprek.pk)
    p.log("brede intake: gesprek")
    return p.render(
        "intake/gesprek.html",
        form=GesprekForm(instance=gesprek),
        gesprek=gesprek,
        uitnodigingen=list(gesprek.uitnodigingen.all()),
        uitnodiging_form=form,
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def opkomst(request, pk: int, uitnodiging_pk: int):
    p = _Pagina(request, pk)
    uitnodiging = get_object_or_404(
        Uitnodiging.objects.select_related("gesprek"), pk=uitnodiging_pk, gesprek__intake=p.intake
    )
    form = OpkomstForm(request.POST or None, instance=uitnodiging)
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            try:
                voorstel = services.registreer_opkomst(
                    uitnodiging,
                    door=request.user,
                    verwachte_versie=form.cleaned_data["versie"],
                    verschenen=form.cleaned_data["verschenen"],
                    verwijtbaar=form.cleaned_data["verwijtbaar"],
                    toelichting=form.cleaned_data["toelichting"],
                )
            except (ValidationError, VersieConflict) as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("De opkomst is vastgelegd."))
                if voorstel is not None:
                    messages.warning(
                        request,
                        _("Koers stelt een sanctie voor: %s. Die is nog niet opgelegd; beslis erover.")
                        % voorstel.omschrijving,
                    )
                    return redirect("intake:sancties", pk=pk)
                return redirect("intake:gesprek", pk=pk, gesprek_pk=uitnodiging.gesprek_id)
    p.log("brede intake: opkomst")
    return p.render(
        "intake/formulier.html",
        form=form,
        titel=_("Opkomst vastleggen"),
        inleiding=_("Uitnodiging van %(datum)s voor het gesprek van %(gesprek)s.")
        % {
            "datum": datum_kort(uitnodiging.verstuurd_op),
            "gesprek": datum_tijd_kort(uitnodiging.gesprek.gepland_op),
        },
        knop=_("Opkomst opslaan"),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def lbt(request, pk: int):
    p = _Pagina(request, pk)
    toets = getattr(p.intake, "lbt", None) if hasattr(p.intake, "lbt") else None
    initieel = lbt_formulierwaarden(toets, mag_gezondheid=p.mag_gezondheid) if toets is not None else {}
    form = LbtForm(request.POST or None, initial=initieel, mag_gezondheid=p.mag_gezondheid)
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            gegevens = dict(form.cleaned_data)
            versie = gegevens.pop("versie")
            try:
                services.registreer_lbt(p.intake, door=request.user, verwachte_versie=versie, **gegevens)
            except (ValidationError, VersieConflict) as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("De leerbaarheidstoets is vastgelegd."))
                return redirect("intake:overzicht", pk=pk)
    huidig, toont_gezondheid = lbt_voor_weergave(toets, mag_gezondheid=p.mag_gezondheid) if toets else ("", False)
    p.log("brede intake: leerbaarheidstoets", gezondheid=toont_gezondheid)
    return p.render(
        "intake/formulier.html",
        form=form,
        titel=_("Leerbaarheidstoets"),
        inleiding=lbt_inleiding(mag_gezondheid=p.mag_gezondheid),
        huidig=huidig,
        knop=_("Leerbaarheidstoets opslaan"),
    )


def _beslissing(request, pk: int, *, form_class, service, titel: str, inleiding: str, melding: str):
    p = _Pagina(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            try:
                service(p.intake, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, melding)
                return redirect("intake:overzicht", pk=pk)
    p.log(f"brede intake: {titel}")
    return p.render("intake/formulier.html", form=form, titel=titel, inleiding=inleiding, knop=_("Opslaan"))


@require_http_methods(["GET", "POST"])
@eenmalig
def vrijstelling(request, pk: int):
    return _beslissing(
        request,
        pk,
        form_class=VrijstellingForm,
        service=services.registreer_vrijstelling,
        titel=_("Vrijstelling vastleggen"),
        inleiding=_(
            "Een vrijstelling geldt volledig of, bij een NT2-certificaat of bewijs van A2, per examenonderdeel."
        ),
        melding=_("De vrijstelling is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def ontheffing(request, pk: int):
    return _beslissing(
        request,
        pk,
        form_class=OntheffingForm,
        service=services.registreer_ontheffing,
        titel=_("Ontheffing vastleggen"),
        inleiding=_("DUO beslist over ontheffing; leg hier het besluit vast, volledig of per examenonderdeel."),
        melding=_("De ontheffing is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
def advies(request, pk: int):
    p = _Pagina(request, pk)
    if request.method == "POST":
        p.vereis_bewerken()
        try:
            services.maak_advies(p.intake, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("Er is een nieuw routeadvies gemaakt."))
        return redirect("intake:advies", pk=pk)
    route_advies = selectors.laatste_advies(p.intake)
    weergave = advies_voor_weergave(route_advies.advies, mag_gezondheid=p.mag_gezondheid) if route_advies else None
    p.log("brede intake: routeadvies", gezondheid=bool(weergave and weergave.toont_gezondheid))
    return p.render(
        "intake/advies.html",
        route_advies=route_advies,
        weergave=weergave,
        verborgen_melding=VERBORGEN_MELDING,
        besluit=selectors.routebesluit(p.dossier),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def besluit(request, pk: int):
    p = _Pagina(request, pk)
    route_advies = selectors.laatste_advies(p.intake)
    if route_advies is None:
        messages.error(request, _("Er is nog geen routeadvies. Rond eerst de brede intake af."))
        return redirect("intake:overzicht", pk=pk)
    form = RouteBesluitForm(request.POST or None, initial={"route": route_advies.route, "advies": route_advies.pk})
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            gekozen_advies = p.intake.adviezen.filter(pk=form.cleaned_data["advies"]).first()
            try:
                services.neem_routebesluit(
                    p.intake,
                    door=request.user,
                    route=form.cleaned_data["route"],
                    motivatie=form.cleaned_data["motivatie"],
                    advies=gekozen_advies,
                )
            except ValidationError as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("De leerroute is vastgelegd."))
                return redirect("dossiers:detail", pk=pk)
    p.log(
        "brede intake: routebesluit",
        gezondheid=samenvatting_toont_gezondheid(route_advies.advies, mag_gezondheid=p.mag_gezondheid),
    )
    return p.render(
        "intake/besluit.html",
        form=form,
        route_advies=route_advies,
        geadviseerd=Leerroute(route_advies.route),
        advies_samenvatting=samenvatting_voor(route_advies.advies, mag_gezondheid=p.mag_gezondheid),
        voorlopig=route_advies.advies.voorlopig,
        besluiten=selectors.besluiten(p.intake),
    )


def sancties(request, pk: int):
    p = _Pagina(request, pk)
    p.log("brede intake: sancties")
    return p.render(
        "intake/sancties.html",
        voorstellen=selectors.sanctievoorstellen(p.intake),
        sanctieregel=sanctieregels.regel_op(vandaag()),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def sanctie_beslissen(request, pk: int, voorstel_pk: int):
    p = _Pagina(request, pk)
    voorstel = get_object_or_404(SanctieVoorstel, pk=voorstel_pk, intake=p.intake)
    form = SanctieBesluitForm(request.POST or None, initial={"versie": voorstel.versie})
    if request.method == "POST":
        p.vereis_bewerken()
        if form.is_valid():
            try:
                services.beslis_sanctie(
                    voorstel,
                    door=request.user,
                    opleggen=form.cleaned_data["besluit"] == "opleggen",
                    toelichting=form.cleaned_data["toelichting"],
                    verwachte_versie=form.cleaned_data["versie"],
                )
            except (ValidationError, VersieConflict) as fout:
                _fout_op_formulier(form, fout)
            else:
                messages.success(request, _("Het besluit over de sanctie is vastgelegd."))
                return redirect("intake:sancties", pk=pk)
    p.log("brede intake: sanctie beslissen")
    return p.render(
        "intake/formulier.html",
        form=form,
        titel=_("Beslissen over: %s") % voorstel.omschrijving,
        inleiding=_(
            "Koers stelt deze stap voor op grond van vastgelegd verwijtbaar wegblijven (%(bron)s). "
            "De sanctie wordt pas opgelegd als u dat hier besluit."
        )
        % {"bron": voorstel.bron},
        knop=_("Besluit vastleggen"),
    )
