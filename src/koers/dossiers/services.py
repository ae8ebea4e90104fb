"""Writes to dossiers: registration, status changes, assignment, sharing, merging, and the timeline."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.selectors import dubbel_redenen, mogelijke_dubbelen
from koers.inburgeraars.services import maak_inburgeraar, wijzig_inburgeraar
from koers.utils.clock import nu, vandaag
from koers.utils.concurrency import bewaar, vergrendel

from . import permissions, selectors
from .models import Dossier, DossierDeling, TijdlijnGebeurtenis, Wet
from .status import Afsluitreden, Status, overgang_toegestaan


class OngeldigeOvergang(ValidationError):
    pass


def log_gebeurtenis(
    dossier: Dossier,
    *,
    soort: str,
    titel: str,
    door=None,
    toelichting: str = "",
    gegevens: dict | None = None,
    tijdstip: dt.datetime | None = None,
) -> TijdlijnGebeurtenis:
    """Add an entry to the dossier's timeline. Every service that changes a dossier calls this."""
    return TijdlijnGebeurtenis.objects.create(
        dossier=dossier,
        soort=soort,
        titel=titel[:300],
        toelichting=toelichting,
        door=door,
        gegevens=gegevens or {},
        tijdstip=tijdstip or nu(),
    )


@transaction.atomic
def registreer_inburgeraar(
    *, door, klantmanager=None, aangemeld_op: dt.date | None = None, gemeente=None, **persoonsgegevens
) -> Dossier:
    """Register a newcomer and open a dossier in the user's own gemeente (or ``gemeente``, for COA and DUO)."""
    if not permissions.mag_registreren(door, gemeente):
        raise PermissionDenied(_("U mag geen inburgeraars registreren."))
    inburgeraar = maak_inburgeraar(door=door, **persoonsgegevens)
    return _open_dossier(
        inburgeraar,
        door=door,
        gemeente_id=gemeente.pk if gemeente else door.gemeente_id,
        klantmanager=klantmanager,
        aangemeld_op=aangemeld_op,
        titel=_("Inburgeraar geregistreerd en dossier geopend"),
    )


@transaction.atomic
def open_dossier(inburgeraar: Inburgeraar, *, door, gemeente, aangemeld_op: dt.date | None = None) -> Dossier:
    """Open a dossier in ``gemeente`` for a person already known in Koers (e.g. moved, or signalled by DUO)."""
    if not permissions.mag_registreren(door, gemeente):
        raise PermissionDenied(_("U mag geen inburgeraars registreren."))
    if Dossier.objects.filter(inburgeraar=inburgeraar, gemeente=gemeente).exists():
        raise ValidationError(_("Deze persoon heeft al een dossier bij %s.") % gemeente, code="dossier_bestaat")
    return _open_dossier(
        inburgeraar,
        door=door,
        gemeente_id=gemeente.pk,
        klantmanager=None,
        aangemeld_op=aangemeld_op,
        titel=_("Dossier geopend voor een bekende persoon"),
    )


def _open_dossier(inburgeraar, *, door, gemeente_id, klantmanager, aangemeld_op, titel) -> Dossier:
    dossier = Dossier(
        inburgeraar=inburgeraar,
        gemeente_id=gemeente_id,
        klantmanager=klantmanager or (door if door.rol == "klantmanager" else None),
        aangemeld_op=aangemeld_op or vandaag(),
    )
    dossier._history_user = door
    dossier.save()
    log_gebeurtenis(dossier, soort="aangemeld", titel=titel, door=door)
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.AANMAKEN,
        inburgeraar_id=inburgeraar.pk,
        dossier_id=dossier.pk,
        omschrijving="registratie inburgeraar",
    )
    return dossier


def mogelijke_dubbelen_bij_registratie(door, gegevens: dict) -> list[tuple[Dossier, list[str]]]:
    """Dossiers in the user's scope that may be the same person as ``gegevens``, each with the reasons why."""
    sleutels = {k: gegevens.get(k) for k in ("bsn", "v_nummer", "achternaam", "geboortedatum")}
    kandidaten = mogelijke_dubbelen(**sleutels)
    return [(d, dubbel_redenen(d.inburgeraar, **sleutels)) for d in selectors.dubbelen_in_scope(door, kandidaten)]


def heeft_zelfde_nummer(dubbelen: list[tuple[Dossier, list[str]]]) -> bool:
    """A duplicate with the same BSN or v-nummer is the same person for sure: never register again."""
    return any("zelfde BSN" in r or "zelfde v-nummer" in r for _d, redenen in dubbelen for r in redenen)


@transaction.atomic
def wijzig_persoon(dossier: Dossier, *, door, verwachte_versie: int | None, **gegevens) -> Inburgeraar:
    """Change the person's data from within a dossier; history keeps old → new, the access log the change."""
    if not permissions.mag_dossier_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    oud = Inburgeraar.objects.get(pk=dossier.inburgeraar_id)
    persoon = wijzig_inburgeraar(oud, door=door, verwachte_versie=verwachte_versie, **gegevens)
    gewijzigd = [veld for veld, waarde in gegevens.items() if getattr(oud, veld) != waarde]
    if gewijzigd:
        namen = ", ".join(str(Inburgeraar._meta.get_field(v).verbose_name) for v in gewijzigd)
        log_gebeurtenis(
            dossier,
            soort="persoon_gewijzigd",
            titel=_("Persoonsgegevens gewijzigd: %s") % namen,
            door=door,
            gegevens={"velden": gewijzigd},
        )
        log_toegang(
            gebruiker=door,
            actie=Toegangslog.Actie.WIJZIGEN,
            inburgeraar_id=persoon.pk,
            dossier_id=dossier.pk,
            omschrijving=f"gewijzigd: {', '.join(gewijzigd)}",
        )
    return persoon


@transaction.atomic
def voeg_gezinslid_toe(dossier: Dossier, *, door, **gegevens):
    """Add a household member to the dossier's person, with a timeline entry."""
    if not permissions.mag_dossier_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    lid = inburgeraar_services.voeg_gezinslid_toe(inburgeraar=dossier.inburgeraar, door=door, **gegevens)
    log_gebeurtenis(dossier, soort="huishouden", titel=_("Gezinslid toegevoegd: %s") % lid, door=door)
    return lid


@transaction.atomic
def registreer_koppeling(dossier: Dossier, *, door, **gegevens):
    """Record COA's koppeling of the person to a gemeente (asielstatushouders), with a timeline entry."""
    if not permissions.mag_koppeling_registreren(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    koppeling = inburgeraar_services.registreer_koppeling(inburgeraar=dossier.inburgeraar, door=door, **gegevens)
    log_gebeurtenis(
        dossier,
        soort="koppeling",
        door=door,
        titel=_("Gekoppeld aan gemeente %(gemeente)s op %(datum)s")
        % {"gemeente": koppeling.gemeente, "datum": koppeling.datum.strftime("%d-%m-%Y")},
    )
    return koppeling


@transaction.atomic
def registreer_inburgeringsplicht(
    dossier: Dossier,
    *,
    door,
    wet: str,
    start: dt.date | None,
    einde: dt.date | None = None,
    titel: str = "",
    gegevens: dict | None = None,
) -> Dossier:
    """Record DUO's word on the obligation: which law applies and its start and end (empty undoes it)."""
    if not (permissions.mag_dossier_bewerken(door, dossier) or permissions.mag_duo_signaal_verwerken(door, dossier)):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    if wet not in ("", *Wet.values):
        raise ValidationError(_("Onbekende wet: %s") % wet, code="wet")
    if start and einde and einde < start:
        raise ValidationError(_("Het einde van de inburgeringsplicht ligt vóór het begin."), code="einde")
    vers = vergrendel(dossier, verwachte_versie=None)
    oud = {"wet": vers.wet, "start": vers.inburgeringsplicht_start, "einde": vers.inburgeringsplicht_einde}
    vers.wet, vers.inburgeringsplicht_start, vers.inburgeringsplicht_einde = wet, start, einde
    bewaar(vers, door=door)
    log_gebeurtenis(
        vers,
        soort="inburgeringsplicht",
        titel=titel
        or _("Inburgeringsplicht: %(wet)s vanaf %(start)s")
        % {"wet": vers.get_wet_display() or "—", "start": start.strftime("%d-%m-%Y") if start else "—"},
        door=door,
        gegevens={
            "oud": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in oud.items()},
            **(gegevens or {}),
        },
    )
    return vers


@transaction.atomic
def wijzig_status(
    dossier: Dossier,
    *,
    naar: str,
    door,
    verwachte_versie: int | None = None,
    afsluitreden: str = "",
    toelichting: str = "",
) -> Dossier:
    """Move a dossier along the chain; only allowed transitions, and closing needs a reason."""
    vers = vergrendel(dossier, verwachte_versie=verwachte_versie)
    if not overgang_toegestaan(vers.status, naar):
        raise OngeldigeOvergang(
            _("Een dossier met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": Status(vers.status).label, "naar": Status(naar).label},
            code="ongeldige_overgang",
        )
    if naar == Status.AFGEROND:
        if afsluitreden not in Afsluitreden.values:
            raise ValidationError(_("Kies een reden om het dossier af te sluiten."), code="reden_ontbreekt")
        vers.afsluitreden = afsluitreden
        vers.afgesloten_op = vandaag()
    oud = vers.status
    vers.status = naar
    bewaar(vers, door=door)
    titel = _("Status gewijzigd van ‘%(van)s’ naar ‘%(naar)s’") % {
        "van": Status(oud).label,
        "naar": vers.get_status_display(),
    }
    if naar == Status.AFGEROND:
        titel = _("Dossier afgesloten: %s") % vers.get_afsluitreden_display()
    log_gebeurtenis(
        vers,
        soort="status",
        titel=titel,
        door=door,
        toelichting=toelichting,
        gegevens={"van": oud, "naar": naar, "afsluitreden": afsluitreden},
    )
    return vers


@transaction.atomic
def wijs_klantmanager_toe(dossier: Dossier, *, klantmanager, door, verwachte_versie: int | None = None) -> Dossier:
    if klantmanager.gemeente_id != dossier.gemeente_id or klantmanager.rol != "klantmanager":
        raise ValidationError(_("Kies een klantmanager van de gemeente van dit dossier."), code="klantmanager")
    vers = vergrendel(dossier, verwachte_versie=verwachte_versie)
    vers.klantmanager = klantmanager
    bewaar(vers, door=door)
    log_gebeurtenis(vers, soort="toegewezen", titel=_("Toegewezen aan klantmanager %s") % klantmanager, door=door)
    return vers


@transaction.atomic
def deel_met_ketenpartner(dossier: Dossier, *, ketenpartner, doel: str, door) -> DossierDeling:
    if not permissions.mag_dossier_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet delen."))
    deling, _nieuw = DossierDeling.objects.get_or_create(
        dossier=dossier,
        ketenpartner=ketenpartner,
        ingetrokken_op=None,
        defaults={"doel": doel, "gedeeld_door": door},
    )
    log_gebeurtenis(dossier, soort="gedeeld", titel=_("Gedeeld met %s") % ketenpartner, door=door, toelichting=doel)
    return deling


@transaction.atomic
def trek_deling_in(deling: DossierDeling, *, door) -> None:
    deling.ingetrokken_op = nu()
    deling.save(update_fields=["ingetrokken_op"])
    log_gebeurtenis(deling.dossier, soort="gedeeld", titel=_("Delen met %s beëindigd") % deling.ketenpartner, door=door)


@transaction.atomic
def voeg_samen(*, behouden: Inburgeraar, dubbel: Inburgeraar, door) -> Inburgeraar:
    """Merge a duplicate person into the one kept: dossiers and household move over, the duplicate is marked."""
    if not permissions.mag_samenvoegen(door):
        raise PermissionDenied(_("Alleen een teamleider of functioneel beheerder mag personen samenvoegen."))
    if behouden.pk == dubbel.pk:
        raise ValidationError(_("Kies twee verschillende personen om samen te voegen."))
    for veld in ("bsn", "v_nummer"):
        a, b = getattr(behouden, veld), getattr(dubbel, veld)
        if a and b and a != b:
            raise ValidationError(
                _("Deze personen hebben een verschillend %s en kunnen niet worden samengevoegd.")
                % Inburgeraar._meta.get_field(veld).verbose_name,
                code="verschillend_nummer",
            )
    gemeenten_behouden = set(behouden.dossiers.values_list("gemeente_id", flat=True))
    if gemeenten_behouden & set(dubbel.dossiers.values_list("gemeente_id", flat=True)):
        raise ValidationError(
            _(
                "Beide personen hebben een dossier bij dezelfde gemeente. Sluit eerst één van de dossiers af "
                "of neem contact op met functioneel beheer."
            ),
            code="dubbel_dossier",
        )
    aanvullen = {
        veld: getattr(dubbel, veld)
        for veld in ("bsn", "v_nummer", "telefoon", "email", "adres")
        if not getattr(behouden, veld) and getattr(dubbel, veld)
    }
    dossiers = list(dubbel.dossiers.all())
    dubbel_vers = vergrendel(dubbel, verwachte_versie=None)
    dubbel_vers.samengevoegd_in = behouden
    if aanvullen.get("bsn"):
        dubbel_vers.bsn = ""
    if aanvullen.get("v_nummer"):
        dubbel_vers.v_nummer = ""
    bewaar(dubbel_vers, door=door, reden=f"samengevoegd in {behouden.pk}")
    if aanvullen:
        behouden = wijzig_inburgeraar(behouden, door=door, verwachte_versie=None, **aanvullen)
    dubbel.gezinsleden.update(inburgeraar=behouden)
    for dossier in dossiers:
        dossier.inburgeraar = behouden
        dossier._history_user = door
        dossier.versie += 1
        dossier.save()
    for dossier in behouden.dossiers.all():
        log_gebeurtenis(
            dossier,
            soort="samengevoegd",
            door=door,
            titel=_("Dubbele registratie (persoon %(dubbel)s) samengevoegd met deze persoon") % {"dubbel": dubbel.pk},
        )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.WIJZIGEN,
        inburgeraar_id=behouden.pk,
        omschrijving=f"samenvoeging met persoon {dubbel.pk}",
    )
    return behouden
