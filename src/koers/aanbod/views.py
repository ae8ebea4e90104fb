"""Pages of the offer: the dossier's aanbod tab and its forms, classes with bulk hours, contracts, closing."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.audit.models import Toegangslog
from koers.audit.services import log_raadpleging, log_raadplegingen, log_toegang
from koers.dossiers import selectors as dossier_selectors
from koers.dossiers.permissions import mag_persoonsgegevens_zien
from koers.utils.clock import vandaag
from koers.utils.concurrency import VersieConflict
from koers.utils.export import csv_response
from koers.utils.idempotentie import eenmalig

from . import afsluiten as afsluiten_module
from . import bronnen, forms, permissions, selectors, services
from .models import (
    MAP,
    PVT,
    Ontzorgingsbetaling,
    Ontzorgingsplan,
    Overdracht,
    SanctieVoorstelPIP,
    Urenregistratie,
    Voortgangsgesprek,
)
from .overdracht import registreer_export
from .regels import regel
from .services.resultaten import gratis_pogingen_over
from .services.uren import Uren


def _dossier(request, pk: int, *, bewerken: bool = False):
    if not mag_persoonsgegevens_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot persoonsgegevens."))
    dossier = dossier_selectors.dossier_voor(request.user, pk)
    if bewerken and not permissions.mag_aanbod_bewerken(request.user, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    return dossier


def _formulier(request, dossier, form, titel: str, knop: str, **extra):
    return render(
        request,
        "aanbod/formulier.html",
        {"dossier": dossier, "form": form, "titel": titel, "knop": knop, **extra},
    )


def _fout(form, fout) -> None:
    form.add_error(None, fout.messages if isinstance(fout, ValidationError) else str(fout))


def dossier(request, pk: int):
    """The aanbod tab: enrolments, hours against the plan, afschalen, conversations, exams, ontzorgen, fines."""
    d = _dossier(request, pk)
    log_raadpleging(request, inburgeraar_id=d.inburgeraar_id, dossier_id=d.pk, omschrijving="aanbod en voortgang")
    examens = list(d.examenresultaten.all())
    plan = Ontzorgingsplan.objects.filter(dossier=d).prefetch_related("betalingen").first()
    context_inschrijvingen = selectors.inschrijvingen(d)
    for i in context_inschrijvingen:
        i.dossier = d  # the permission below reads the dossier; this page has only this one
    context = {
        "dossier": d,
        "actief_tabblad": "aanbod",
        "inschrijvingen": context_inschrijvingen,
        "voortgang": selectors.voortgang(d),
        "gesprekken": list(d.voortgangsgesprekken.all()),
        "gemist": selectors.gemiste_gesprekken(d),
        "examens": examens,
        "gratis_over": [
            (label, gratis_pogingen_over(d, code))
            for code, label in d.examenresultaten.model.Onderdeel.choices
            if code != "ona"
        ],
        "pvt": PVT.objects.filter(dossier=d).first(),
        "map": MAP.objects.filter(dossier=d).first(),
        "ontzorgingsplan": plan,
        "sancties": list(SanctieVoorstelPIP.objects.filter(dossier=d)),
        "mag_bewerken": permissions.mag_aanbod_bewerken(request.user, d),
        "klas_indelen": {
            i.pk
            for i in context_inschrijvingen
            if i.ketenpartner_id and permissions.mag_inschrijving_bijwerken(request.user, i, in_scope=True)
        },
        "mag_besluiten": permissions.mag_sanctie_besluiten(request.user, d),
        "is_asielstatushouder": d.inburgeraar.doelgroep == "asielstatushouder",
        "afschalen_regel": regel("afschalen", vandaag()),
    }
    return render(request, "aanbod/dossier.html", context)


@require_http_methods(["GET", "POST"])
@eenmalig
def inschrijven(request, pk: int):
    d = _dossier(request, pk, bewerken=True)
    form = forms.InschrijvenForm(
        request.POST or None,
        contracten=selectors.contracten_voor(request.user),
        vandaag=vandaag(),
        pip=bronnen.geldend_pip(d),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.schrijf_in(d, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("De aanmelding bij de aanbieder is opgeslagen."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(request, d, form, _("Aanmelden bij een aanbieder"), _("Aanmelden"))


@require_http_methods(["GET", "POST"])
@eenmalig
def inschrijving_status(request, pk: int, inschrijving_id: int):
    d = _dossier(request, pk, bewerken=True)
    inschrijving = get_object_or_404(d.inschrijvingen, pk=inschrijving_id)
    form = forms.InschrijvingStatusForm(request.POST or None, inschrijving=inschrijving, vandaag=vandaag())
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_inschrijving_status(
                inschrijving,
                naar=form.cleaned_data["naar"],
                op=form.cleaned_data["op"],
                reden=form.cleaned_data["reden"],
                door=request.user,
                verwachte_versie=form.cleaned_data["versie"],
            )
        except (ValidationError, VersieConflict) as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("De status van de inschrijving is gewijzigd."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(request, d, form, _("Status van %s") % inschrijving, _("Opslaan"))


@require_http_methods(["GET", "POST"])
@eenmalig
def inschrijving_klas(request, pk: int, inschrijving_id: int):
    """Place an enrolment in a class of its provider, move it to another class, or take it out; from the tab."""
    d = _dossier(request, pk)
    inschrijving = get_object_or_404(d.inschrijvingen.select_related("ketenpartner"), pk=inschrijving_id)
    inschrijving.dossier = d
    if inschrijving.ketenpartner_id is None or not permissions.mag_inschrijving_bijwerken(
        request.user, inschrijving, in_scope=True
    ):
        raise PermissionDenied(_("U mag deze deelnemer niet in een klas plaatsen."))
    mogelijk = {k.pk: k for k in selectors.klassen_voor_inschrijving(request.user, inschrijving)}
    huidige = [k for k in mogelijk.values() if k.pk in set(inschrijving.klassen.values_list("pk", flat=True))]
    fout = ""
    if request.method == "POST":
        keuze = forms.KlasActieForm(request.POST)
        if not keuze.is_valid() or keuze.cleaned_data["klas"] not in mogelijk:
            raise Http404
        c = keuze.cleaned_data
        klas = mogelijk[c["klas"]]
        naam = d.inburgeraar.volledige_naam
        try:
            if c["actie"] == "uithalen":
                services.haal_uit_klas(klas, inschrijving=inschrijving, door=request.user, verwachte_versie=c["versie"])
                melding = _("%(naam)s is uit klas %(klas)s gehaald.")
            elif c["actie"] == "verplaatsen":
                van = mogelijk.get(c["van"])
                if van is None:
                    raise Http404
                services.verplaats_naar_klas(
                    inschrijving,
                    van=van,
                    naar=klas,
                    door=request.user,
                    versie_van=c["van_versie"],
                    versie_naar=c["versie"],
                )
                melding = _("%(naam)s is verplaatst naar klas %(klas)s; de uren blijven bij de inschrijving.")
            else:
                services.plaats_in_klas(
                    klas, inschrijving=inschrijving, door=request.user, verwachte_versie=c["versie"]
                )
                melding = _("%(naam)s is geplaatst in klas %(klas)s.")
        except (ValidationError, VersieConflict) as e:
            fout = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
        else:
            messages.success(request, melding % {"naam": naam, "klas": klas.naam})
            return redirect("aanbod:dossier", pk=d.pk)
        mogelijk = {k.pk: k for k in selectors.klassen_voor_inschrijving(request.user, inschrijving)}
        huidige = [k for k in mogelijk.values() if k.pk in set(inschrijving.klassen.values_list("pk", flat=True))]
    log_raadpleging(request, inburgeraar_id=d.inburgeraar_id, dossier_id=d.pk, omschrijving="klas indelen")
    return render(
        request,
        "aanbod/inschrijving_klas.html",
        {
            "dossier": d,
            "inschrijving": inschrijving,
            "huidige": huidige,
            "andere": [k for k in mogelijk.values() if k not in huidige],
            "verplaatsen_van": huidige[0] if len(huidige) == 1 else None,
            "fout": fout,
        },
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def examen(request, pk: int):
    d = _dossier(request, pk, bewerken=True)
    form = forms.ExamenForm(request.POST or None, initial={"datum": vandaag()})
    if request.method == "POST" and form.is_valid():
        try:
            services.registreer_examen(d, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("Het examenresultaat is opgeslagen."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(request, d, form, _("Examenresultaat vastleggen"), _("Opslaan"))


def _een_per_dossier(request, pk, model, form_class, service, titel):
    d = _dossier(request, pk, bewerken=True)
    bestaand = model.objects.filter(dossier=d).first()
    initial = {}
    if bestaand:
        initial = {f: getattr(bestaand, f) for f in form_class.base_fields if f != "versie"} | {
            "versie": bestaand.versie
        }
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        gegevens = dict(form.cleaned_data)
        versie = gegevens.pop("versie")
        try:
            service(d, door=request.user, verwachte_versie=versie, **gegevens)
        except (ValidationError, VersieConflict) as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(request, d, form, titel, _("Opslaan"))


@require_http_methods(["GET", "POST"])
@eenmalig
def pvt(request, pk: int):
    return _een_per_dossier(
        request, pk, PVT, forms.PVTForm, services.registreer_pvt, _("Participatieverklaringstraject")
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def map_module(request, pk: int):
    return _een_per_dossier(
        request, pk, MAP, forms.MAPForm, services.registreer_map, _("Module arbeidsmarkt en participatie")
    )


@require_POST
@eenmalig
def gesprekken_plannen(request, pk: int):
    d = _dossier(request, pk, bewerken=True)
    nieuw = services.plan_voortgangsgesprekken(d, door=request.user)
    messages.success(request, _("%s voortgangsgesprekken gepland.") % len(nieuw))
    return redirect("aanbod:dossier", pk=d.pk)


@require_http_methods(["GET", "POST"])
@eenmalig
def gesprek(request, pk: int, gesprek_id: int):
    d = _dossier(request, pk, bewerken=True)
    gesprek = get_object_or_404(Voortgangsgesprek, dossier=d, pk=gesprek_id)
    form = forms.GesprekForm(
        request.POST or None,
        initial={
            "gehouden_op": gesprek.gehouden_op or vandaag(),
            "notities": gesprek.notities,
            "afspraken": gesprek.afspraken,
            "versie": gesprek.versie,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.houd_voortgangsgesprek(
                gesprek, door=request.user, verwachte_versie=form.cleaned_data.pop("versie"), **form.cleaned_data
            )
        except (ValidationError, VersieConflict) as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("Het voortgangsgesprek is vastgelegd."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(
        request, d, form, _("Voortgangsgesprek van %s") % gesprek.gepland_op.strftime("%d-%m-%Y"), _("Opslaan")
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def ontzorgen(request, pk: int):
    d = _dossier(request, pk, bewerken=True)
    standaard = regel("ontzorgen", vandaag()).parameters["maanden"]
    form = forms.OntzorgenForm(request.POST or None, standaard_maanden=standaard, initial={"start": vandaag()})
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        lasten = [
            services.VasteLast(code, c[f"{code}_begunstigde"], c[f"{code}_iban"], c[f"{code}_bedrag"])
            for code, _label in Ontzorgingsbetaling.Kostensoort.choices
            if c.get(f"{code}_bedrag")
        ]
        try:
            services.maak_ontzorgingsplan(
                d,
                door=request.user,
                start=c["start"],
                maanden=c["maanden"],
                lasten=lasten,
                maatwerk_reden=c["maatwerk_reden"],
                afbouwplan=c["afbouwplan"],
            )
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("Het ontzorgingsplan is opgeslagen."))
            return redirect("aanbod:dossier", pk=d.pk)
    return _formulier(
        request, d, form, _("Ontzorgen plannen"), _("Plan opslaan"), regel_ontzorgen=regel("ontzorgen", vandaag())
    )


def betaallijst(request, pk: int):
    """The dossier's ontzorgen payments as CSV (all months, or ?maand=2026-10)."""
    d = _dossier(request, pk, bewerken=True)
    betalingen = Ontzorgingsbetaling.objects.filter(plan__dossier=d).select_related("plan__dossier__inburgeraar")
    maand = request.GET.get("maand", "")
    if maand:
        form = forms.MaandForm({"maand": maand, "soort": "taal"})
        if not form.is_valid():
            raise Http404
        betalingen = betalingen.filter(maand=form.cleaned_data["maand"])
    tekst = services.betaallijst_csv(betalingen, door=request.user, pad=request.get_full_path())
    return csv_response(tekst, f"betaallijst-ontzorgen-dossier-{d.pk}{'-' + maand if maand else ''}.csv")


def betaallijst_gemeente(request):
    """All ontzorgen payments of the user's gemeente for one month, for the benefits system."""
    if request.user.rol not in ("klantmanager", "teamleider", "functioneel_beheerder"):
        raise PermissionDenied(_("U mag deze lijst niet downloaden."))
    form = forms.MaandForm({"maand": request.GET.get("maand", vandaag().strftime("%Y-%m")), "soort": "taal"})
    if not form.is_valid():
        raise Http404
    betalingen = (
        Ontzorgingsbetaling.objects.filter(
            plan__dossier__in=dossier_selectors.dossiers_voor(request.user), maand=form.cleaned_data["maand"]
        )
        .select_related("plan__dossier__inburgeraar")
        .order_by("plan__dossier__inburgeraar__achternaam", "kostensoort")
    )
    tekst = services.betaallijst_csv(betalingen, door=request.user, pad=request.get_full_path())
    return csv_response(tekst, f"betaallijst-ontzorgen-{form.cleaned_data['maand']:%Y-%m}.csv")


@require_http_methods(["GET", "POST"])
@eenmalig
def sanctie(request, pk: int):
    d = _dossier(request, pk, bewerken=True)
    form = forms.SanctieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stel_sanctie_voor(d, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            _fout(form, fout)
        else:
            messages.success(request, _("Het voorstel is vastgelegd; een teamleider besluit erover."))
            return redirect("aanbod:dossier", pk=d.pk)
    maximum = regel("boete_pip", vandaag()).parameters["maximum"]
    return _formulier(request, d, form, _("Boete voorstellen"), _("Voorstel vastleggen"), maximum=maximum)


@require_POST
@eenmalig
def sanctie_besluit(request, pk: int, voorstel_id: int):
    d = _dossier(request, pk)
    voorstel = get_object_or_404(SanctieVoorstelPIP, dossier=d, pk=voorstel_id)
    try:
        services.besluit_sanctie(
            voorstel,
            door=request.user,
            opleggen=request.POST.get("besluit") == "opleggen",
            toelichting=request.POST.get("toelichting", "")[:2000],
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("Het besluit over de boete is vastgelegd."))
    return redirect("aanbod:dossier", pk=d.pk)


@require_http_methods(["GET", "POST"])
@eenmalig
def afsluiten(request, pk: int):
    """Per closing reason what is missing; closing itself only when the chosen reason's conditions are met."""
    d = _dossier(request, pk, bewerken=True)
    form = forms.AfsluitenForm(request.POST or None, initial={"versie": d.versie})
    gegevens = afsluiten_module.Afsluitgegevens()
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        gegevens = afsluiten_module.Afsluitgegevens(
            datum=c["datum"], bron=c["bron"], nieuwe_gemeente=c["nieuwe_gemeente"], kenmerk=c["kenmerk"]
        )
        try:
            afsluiten_module.sluit_af(
                d, reden=c["reden"], door=request.user, gegevens=gegevens, verwachte_versie=c["versie"]
            )
        except ValidationError as fout:
            form.add_error(
                "reden", [_("Het dossier kan niet worden afgesloten om deze reden. Wat ontbreekt:"), *fout.messages]
            )
        except VersieConflict as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Het dossier is afgesloten."))
            return redirect("dossiers:detail", pk=d.pk)
    context = {
        "dossier": d,
        "actief_tabblad": "aanbod",
        "form": form,
        "per_reden": afsluiten_module.controleer_alle(d, gegevens) if d.is_open else [],
        "overdrachten": list(d.overdrachten.filter(richting=Overdracht.Richting.UIT).only("pk", "tijdstip", "pakket")),
        "titel": _("Dossier afsluiten"),
    }
    return render(request, "aanbod/afsluiten.html", context)


@require_POST
@eenmalig
def overdracht(request, pk: int):
    """Download the transfer package (JSON) for a person who moves; recorded, needed to close as 'verhuisd'."""
    d = _dossier(request, pk, bewerken=True)
    uit = registreer_export(d, door=request.user, nieuwe_gemeente=request.POST.get("nieuwe_gemeente", "")[:100])
    return redirect("aanbod:overdracht_pakket", pk=d.pk, overdracht_id=uit.pk)


def overdracht_pakket(request, pk: int, overdracht_id: int):
    """The package of one recorded export, as it was sent (the result page of the export form)."""
    d = _dossier(request, pk, bewerken=True)
    uit = get_object_or_404(Overdracht, dossier=d, richting=Overdracht.Richting.UIT, pk=overdracht_id)
    if not uit.pakket:
        raise Http404
    log_toegang(
        gebruiker=request.user,
        actie=Toegangslog.Actie.EXPORTEREN,
        inburgeraar_id=d.inburgeraar_id,
        dossier_id=d.pk,
        omschrijving="overdrachtspakket verhuizing (opnieuw gedownload)",
        pad=request.get_full_path(),
    )
    response = HttpResponse(json.dumps(uit.pakket, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="overdracht-dossier-{d.pk}.json"'
    return response


def _klas_van(request, klas_id: int):
    if not permissions.mag_klassen_zien(request.user):
        raise PermissionDenied(_("U heeft geen toegang tot klassen."))
    return get_object_or_404(selectors.klassen_voor(request.user), pk=klas_id)


def klassen(request):
    if not permissions.mag_klassen_zien(request.user):
        raise PermissionDenied(_("U heeft geen toegang tot klassen."))
    return render(
        request,
        "aanbod/klassen.html",
        {"klassen": list(selectors.klassen_voor(request.user)), "maand": vandaag().strftime("%Y-%m")},
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def klaslijst(request, klas_id: int):
    """A class list by name; the class's provider and the gemeente's editors place and remove participants."""
    klas = _klas_van(request, klas_id)
    mag_beheren = permissions.mag_klaslijst_beheren(request.user, klas)
    plaatsen = None
    if mag_beheren:
        plaatsen = forms.KlasPlaatsenForm(
            request.POST if request.POST.get("actie") == "plaatsen" else None,
            kandidaten=selectors.plaatsbare_inschrijvingen(request.user, klas),
            initial={"versie": klas.versie},
        )
    fout = ""
    if request.method == "POST":
        if not mag_beheren:
            raise PermissionDenied(_("U mag deze klaslijst niet wijzigen."))
        keuze = forms.KlasActieForm(request.POST)
        if not keuze.is_valid():
            raise Http404
        c = keuze.cleaned_data
        try:
            if c["actie"] == "uithalen":
                lid = next((i for i in selectors.klasleden(request.user, klas) if i.pk == c["inschrijving"]), None)
                if lid is None:
                    raise Http404
                services.haal_uit_klas(klas, inschrijving=lid, door=request.user, verwachte_versie=c["versie"])
                melding = _("%(naam)s is uit de klas gehaald.")
            elif plaatsen.is_valid():
                lid = plaatsen.cleaned_data["inschrijving"]
                services.plaats_in_klas(
                    klas, inschrijving=lid, door=request.user, verwachte_versie=plaatsen.cleaned_data["versie"]
                )
                melding = _("%(naam)s is in de klas geplaatst.")
            else:
                lid = None
        except (ValidationError, VersieConflict) as e:
            fout = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
        else:
            if lid is not None:
                messages.success(request, melding % {"naam": lid.dossier.inburgeraar.volledige_naam})
                return redirect("aanbod:klaslijst", klas_id=klas.pk)
        klas.refresh_from_db()
        if plaatsen is not None and fout:
            plaatsen = forms.KlasPlaatsenForm(
                kandidaten=selectors.plaatsbare_inschrijvingen(request.user, klas), initial={"versie": klas.versie}
            )
    leden = selectors.klasleden(request.user, klas)
    kandidaten = list(plaatsen.fields["inschrijving"].queryset) if plaatsen is not None else []
    personen = dict.fromkeys((i.dossier.inburgeraar_id, i.dossier_id) for i in [*leden, *kandidaten])
    log_raadplegingen(request, personen=list(personen), omschrijving="klaslijst")
    rijen = [
        {
            "lid": lid,
            "mag_uithalen": mag_beheren and permissions.mag_klas_indelen(request.user, klas, lid, in_scope=True),
        }
        for lid in leden
    ]
    return render(
        request,
        "aanbod/klaslijst.html",
        {
            "klas": klas,
            "rijen": rijen,
            "plaatsen": plaatsen if kandidaten else None,
            "fout": fout,
            "maand": vandaag().strftime("%Y-%m"),
        },
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def klasuren(request, klas_id: int):
    """A month of hours for a whole class on one page; saved all at once, errors next to their row."""
    klas = _klas_van(request, klas_id)
    keuze = forms.MaandForm(
        {"maand": request.GET.get("maand", vandaag().strftime("%Y-%m")), "soort": request.GET.get("soort", "taal")}
    )
    if not keuze.is_valid():
        keuze = forms.MaandForm({"maand": vandaag().strftime("%Y-%m"), "soort": "taal"})
        keuze.is_valid()
    periode, soort = keuze.cleaned_data["maand"], keuze.cleaned_data["soort"]
    leden = selectors.klasleden(request.user, klas)
    bestaand = {
        u.inschrijving_id: u
        for u in Urenregistratie.objects.filter(inschrijving__in=leden, periode=periode, soort=soort)
    }
    initial = []
    for lid in leden:
        u = bestaand.get(lid.pk)
        initial.append(
            {
                "inschrijving": lid.pk,
                "versie": u.versie if u else None,
                "gevolgd": u.uren_gevolgd if u else 0,
                "in_persoon": u.in_persoon_uren if u else 0,
                "geoorloofd": u.uren_geoorloofd_afwezig if u else 0,
                "ongeoorloofd": u.uren_ongeoorloofd_afwezig if u else 0,
            }
        )
    formset = forms.UrenFormSet(request.POST or None, initial=initial, prefix="uren")
    rij_fouten: dict[int, list[str]] = {}
    algemene_fout = ""
    if request.method == "POST":
        if formset.is_valid():
            regels = {
                f.cleaned_data["inschrijving"]: Uren(
                    gevolgd=f.cleaned_data["gevolgd"],
                    geoorloofd_afwezig=f.cleaned_data["geoorloofd"],
                    ongeoorloofd_afwezig=f.cleaned_data["ongeoorloofd"],
                    in_persoon=f.cleaned_data["in_persoon"],
                    versie=f.cleaned_data["versie"],
                )
                for f in formset
            }
            try:
                opgeslagen = services.registreer_klasuren(
                    klas, periode=periode, soort=soort, regels=regels, door=request.user
                )
            except services.KlasurenFout as fout:
                rij_fouten = fout.per_rij
                algemene_fout = fout.messages[0]
            else:
                messages.success(request, _("De uren van %(n)s deelnemers zijn opgeslagen.") % {"n": len(opgeslagen)})
                return redirect(f"{request.path}?maand={periode:%Y-%m}&soort={soort}")
        else:
            algemene_fout = _("Er is niets opgeslagen: verbeter de gemarkeerde regels.")
    log_raadplegingen(
        request, personen=[(i.dossier.inburgeraar_id, i.dossier_id) for i in leden], omschrijving="uren van een klas"
    )
    rijen = []
    for lid, form in zip(leden, formset, strict=False):
        fouten = list(rij_fouten.get(lid.pk, []))
        for veld in form.errors.values():
            fouten += list(veld)
        rijen.append({"lid": lid, "form": form, "fouten": fouten})
    return render(
        request,
        "aanbod/klasuren.html",
        {
            "klas": klas,
            "rijen": rijen,
            "formset": formset,
            "keuze": keuze,
            "periode": periode,
            "soort": soort,
            "algemene_fout": algemene_fout,
        },
    )


def contracten(request):
    if request.user.rol not in (
        "klantmanager",
        "teamleider",
        "functioneel_beheerder",
        "regiocoordinator",
        "beleidsmedewerker",
        "ketenpartner_medewerker",
    ):
        raise PermissionDenied
    return render(request, "aanbod/contracten.html", {"contracten": list(selectors.contracten_voor(request.user))})
