"""Case-worker pages: caseload, dossier, registration and edits. Thin: forms in, services, templates out."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.audit.services import log_raadpleging, log_raadplegingen
from koers.inburgeraars.selectors import dubbel_redenen, mogelijke_dubbelen
from koers.utils.concurrency import VersieConflict
from koers.utils.idempotentie import eenmalig
from koers.utils.pagination import cursor_uit

from . import permissions, selectors, services, voorinvulling
from .forms import DelenForm, GezinslidForm, InburgeraarForm, KoppelingForm, RegistratieForm, StatusForm, ToewijzenForm
from .status import Status


def _vereis_persoonsgegevens(request):
    if not permissions.mag_persoonsgegevens_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot persoonsgegevens."))


def _vereis_bewerken(request, dossier):
    if not permissions.mag_dossier_bewerken(request.user, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))


def caseload(request):
    """'Mijn caseload': my dossiers (or all of my gemeente), with search, status filter and keyset paging."""
    _vereis_persoonsgegevens(request)
    filters = selectors.CaseloadFilter(
        zoek=request.GET.get("zoek", "")[:100],
        status=request.GET.get("status", "") if request.GET.get("status", "") in Status.values else "",
        alleen_eigen=request.GET.get("alle") != "1",
    )
    pagina = selectors.caseload(request.user, filters, na=cursor_uit(request))
    log_raadplegingen(
        request, personen=[(d.inburgeraar_id, d.pk) for d in pagina.items], omschrijving="caseloadoverzicht"
    )
    context = {
        "pagina": pagina,
        "filters": filters,
        "statussen": Status.choices,
        "is_klantmanager": request.user.rol == "klantmanager",
    }
    template = "dossiers/_caseload_tabel.html" if request.htmx else "dossiers/caseload.html"
    return render(request, template, context)


def detail(request, pk: int):
    _vereis_persoonsgegevens(request)
    dossier = selectors.dossier_voor(request.user, pk)
    log_raadpleging(
        request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving="dossieroverzicht"
    )
    context = {
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "huishouden": selectors.huishouden(dossier),
        "koppelingen": list(dossier.inburgeraar.koppelingen.select_related("gemeente")),
        "tijdlijn": selectors.tijdlijn(dossier),
        "mag_bewerken": permissions.mag_dossier_bewerken(request.user, dossier),
        "actief_tabblad": "overzicht",
    }
    return render(request, "dossiers/detail.html", context)


GEZONDHEID_VERBORGEN = gettext_lazy(
    "Gegevens over de gezondheid (bijzondere persoonsgegevens) zijn verborgen vanwege privacy; alleen de eigen "
    "klantmanager en de teamleider zien ze."
)


def informatieprofiel(request, pk: int):
    """COA's informatieprofiel on the dossier; its health field only for the own klantmanager and the teamleider."""
    _vereis_persoonsgegevens(request)
    dossier = selectors.dossier_voor(request.user, pk)
    if not permissions.mag_informatieprofiel_zien(request.user, dossier):
        raise Http404  # a ketenpartner learns nothing about the profile, not even whether there is one
    weergave = selectors.informatieprofiel(dossier)
    mag_gezondheid = permissions.mag_gezondheid_zien(request.user, dossier)
    log_raadpleging(
        request, inburgeraar_id=dossier.inburgeraar_id, dossier_id=dossier.pk, omschrijving="informatieprofiel COA"
    )
    if weergave is not None and mag_gezondheid:  # the field is shown, filled in or not: both say something
        log_raadpleging(
            request,
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
            gegevenscategorie="gezondheid",
            omschrijving="informatieprofiel COA: zichtbare lichamelijke beperkingen",
        )
    context = {
        "dossier": dossier,
        "persoon": dossier.inburgeraar,
        "weergave": weergave,
        "profiel": weergave.profiel if weergave else None,
        "mag_gezondheid": mag_gezondheid,
        "gezondheid_verborgen": GEZONDHEID_VERBORGEN,
        "mag_bewerken": permissions.mag_dossier_bewerken(request.user, dossier),
        "actief_tabblad": "informatieprofiel",
    }
    return render(request, "dossiers/informatieprofiel.html", context)


@require_http_methods(["GET", "POST"])
def registreren(request):
    """Register a person; the button "Gegevens ophalen uit de BRP" (when on) posts here too and only prefills."""
    if not permissions.mag_registreren(request.user):
        raise PermissionDenied(_("U mag geen inburgeraars registreren."))
    bron = voorinvulling.bron_voor(request.user)
    if request.method == "POST" and RegistratieForm.OPHALEN in request.POST:
        if bron is None:  # switched off since the page was shown: still never save on this button
            melding = _("Gegevens ophalen is voor uw gemeente niet beschikbaar. Vul de gegevens met de hand in.")
            return _registratiepagina(request, RegistratieForm.na_ophalen(request.POST), bron=None, meldingen=[melding])
        # Outside @eenmalig's transaction: the access-log row of the lookup is committed before the request is sent.
        return _gegevens_ophalen(request, bron)
    return _registreren(request, bron)


registreren.eenmalig = True  # saving goes through @eenmalig (_registreren); fetching saves nothing


def _gegevens_ophalen(request, bron):
    """Fill the form from the source and show it again; nothing is saved, the user checks and submits."""
    pagina = {"meldingen": [], "opmerkingen": [], "ingevuld": ""}
    try:
        bsn = RegistratieForm.bsn_om_op_te_halen(request.POST)
        gevonden = bron.haal_op(bsn=bsn, door=request.user, pad=request.get_full_path())
    except ValidationError as fout:
        form = RegistratieForm.na_ophalen(request.POST, bsn_fouten=fout.messages)
    except voorinvulling.OphalenMislukt as fout:
        form = RegistratieForm.na_ophalen(request.POST, bsn_fouten=[str(fout)] if fout.over_bsn else ())
        if not fout.over_bsn:
            pagina["meldingen"].append(str(fout))
    else:
        form = RegistratieForm.na_ophalen(request.POST, aanvulling=gevonden.gegevens)
        ingevuld = [
            str(veld.label) for naam, veld in form.fields.items() if gevonden.gegevens.get(naam) not in ("", None)
        ]
        pagina["ingevuld"] = _(
            "Ingevuld uit %(bron)s: %(velden)s. Controleer de gegevens en vul de rest aan; er is nog niets opgeslagen."
        ) % {"bron": bron.naam, "velden": ", ".join(ingevuld)}
        pagina["opmerkingen"] = gevonden.opmerkingen
    return _registratiepagina(request, form, bron=bron, **pagina)


def _registratiepagina(request, form, *, bron, dubbelen=(), meldingen=(), opmerkingen=(), ingevuld=""):
    context = {
        "form": form,
        "dubbelen": dubbelen,
        "ophalen_knop": bron.knop if bron else None,
        "ophalen_naam": RegistratieForm.OPHALEN,
        "meldingen": meldingen,
        "opmerkingen": opmerkingen,
        "ingevuld": ingevuld,
    }
    return render(request, "dossiers/registreren.html", context)


@eenmalig
def _registreren(request, bron):
    form = RegistratieForm(request.POST or None)
    dubbelen = []
    if request.method == "POST" and form.is_valid():
        gegevens = form.persoonsgegevens()
        dubbelen = services.mogelijke_dubbelen_bij_registratie(request.user, gegevens)
        heeft_zelfde_nummer = services.heeft_zelfde_nummer(dubbelen)
        if dubbelen and (heeft_zelfde_nummer or not form.cleaned_data["geen_dubbel"]):
            if heeft_zelfde_nummer:
                form.add_error(
                    None,
                    _(
                        "Er bestaat al een persoon met dit BSN of v-nummer. Open het bestaande "
                        "dossier in plaats van een nieuwe registratie."
                    ),
                )
            else:
                form.add_error(
                    "geen_dubbel",
                    _(
                        "Er is mogelijk al een registratie van deze persoon. Bekijk de "
                        "lijst en bevestig dat dit een andere persoon is."
                    ),
                )
        else:
            dossier = services.registreer_inburgeraar(door=request.user, **gegevens)
            messages.success(request, _("%s is geregistreerd.") % dossier.inburgeraar)
            return redirect("dossiers:detail", pk=dossier.pk)
    return _registratiepagina(request, form, bron=bron, dubbelen=dubbelen)


@require_http_methods(["GET", "POST"])
def persoon_bewerken(request, pk: int):
    dossier = selectors.dossier_voor(request.user, pk)
    _vereis_bewerken(request, dossier)
    persoon = dossier.inburgeraar
    form = InburgeraarForm(request.POST or None, instance=persoon)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_persoon(
                dossier, door=request.user, verwachte_versie=form.cleaned_data["versie"], **form.persoonsgegevens()
            )
        except VersieConflict as conflict:
            form.add_error(None, str(conflict))
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("De persoonsgegevens zijn opgeslagen."))
            return redirect("dossiers:detail", pk=dossier.pk)
    else:
        log_raadpleging(request, inburgeraar_id=persoon.pk, dossier_id=dossier.pk, omschrijving="persoon bewerken")
    return render(request, "dossiers/persoon_bewerken.html", {"form": form, "dossier": dossier})


def _dossierformulier(
    request, pk: int, *, form_class, actie, titel: str, knop: str, melding: str, met_dossier: bool = True
):
    """A form page on a dossier: scope and edit rights checked, the service's refusal shown on the form."""
    dossier = selectors.dossier_voor(request.user, pk)
    _vereis_bewerken(request, dossier)
    form = form_class(request.POST or None, **({"dossier": dossier} if met_dossier else {}))
    if request.method == "POST" and form.is_valid():
        try:
            actie(dossier, form.cleaned_data)
        except VersieConflict as conflict:
            form.add_error(None, str(conflict))
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, melding)
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/formulier.html", {"form": form, "dossier": dossier, "titel": titel, "knop": knop})


@require_http_methods(["GET", "POST"])
@eenmalig
def gezinslid_toevoegen(request, pk: int):
    return _dossierformulier(
        request,
        pk,
        form_class=GezinslidForm,
        met_dossier=False,
        actie=lambda dossier, data: services.voeg_gezinslid_toe(dossier, door=request.user, **data),
        titel=_("Gezinslid toevoegen"),
        knop=_("Toevoegen"),
        melding=_("Het gezinslid is toegevoegd."),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def koppeling_toevoegen(request, pk: int):
    return _dossierformulier(
        request,
        pk,
        form_class=KoppelingForm,
        met_dossier=False,
        actie=lambda dossier, data: services.registreer_koppeling(dossier, door=request.user, **data),
        titel=_("Koppeling vastleggen"),
        knop=_("Vastleggen"),
        melding=_("De koppeling is vastgelegd."),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def status_wijzigen(request, pk: int):
    return _dossierformulier(
        request,
        pk,
        form_class=StatusForm,
        actie=lambda dossier, data: services.wijzig_status(
            dossier,
            naar=data["naar"],
            door=request.user,
            verwachte_versie=data["versie"],
            afsluitreden=data["afsluitreden"],
            toelichting=data["toelichting"],
        ),
        titel=_("Status wijzigen"),
        knop=_("Status wijzigen"),
        melding=_("De status is gewijzigd."),
    )


@require_http_methods(["GET", "POST"])
def toewijzen(request, pk: int):
    return _dossierformulier(
        request,
        pk,
        form_class=ToewijzenForm,
        actie=lambda dossier, data: services.wijs_klantmanager_toe(
            dossier, klantmanager=data["klantmanager"], door=request.user, verwachte_versie=data["versie"]
        ),
        titel=_("Klantmanager toewijzen"),
        knop=_("Toewijzen"),
        melding=_("Het dossier is toegewezen."),
    )


@require_http_methods(["GET", "POST"])
@eenmalig
def delen(request, pk: int):
    return _dossierformulier(
        request,
        pk,
        form_class=DelenForm,
        met_dossier=False,
        actie=lambda dossier, data: services.deel_met_ketenpartner(dossier, door=request.user, **data),
        titel=_("Delen met een ketenpartner"),
        knop=_("Delen"),
        melding=_("Het dossier is gedeeld."),
    )


@require_http_methods(["GET", "POST"])
def dubbelen(request, pk: int):
    """Possible duplicates of this dossier's person within the user's scope, with a merge action."""
    dossier = selectors.dossier_voor(request.user, pk)
    _vereis_bewerken(request, dossier)
    persoon = dossier.inburgeraar
    kandidaten = mogelijke_dubbelen(
        bsn=persoon.bsn,
        v_nummer=persoon.v_nummer,
        achternaam=persoon.achternaam,
        geboortedatum=persoon.geboortedatum,
        behalve=persoon.pk,
    )
    treffers = [
        (
            d,
            dubbel_redenen(
                d.inburgeraar,
                bsn=persoon.bsn,
                v_nummer=persoon.v_nummer,
                achternaam=persoon.achternaam,
                geboortedatum=persoon.geboortedatum,
            ),
        )
        for d in selectors.dubbelen_in_scope(request.user, kandidaten)
    ]
    if request.method == "POST":
        if not permissions.mag_samenvoegen(request.user):
            raise PermissionDenied(_("Alleen een teamleider of functioneel beheerder mag personen samenvoegen."))
        ander = get_object_or_404(
            selectors.dossiers_voor(request.user).select_related("inburgeraar"), pk=request.POST.get("dossier")
        )
        try:
            services.voeg_samen(behouden=persoon, dubbel=ander.inburgeraar, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De registraties zijn samengevoegd."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(
        request,
        "dossiers/dubbelen.html",
        {"dossier": dossier, "treffers": treffers, "mag_samenvoegen": permissions.mag_samenvoegen(request.user)},
    )
