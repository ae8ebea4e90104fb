"""Writes for deadlines: register a fact, recompute the dossier's deadlines from all its facts, mark done."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.dossiers import permissions as dossier_permissions
from koers.dossiers.models import Dossier
from koers.dossiers.services import log_gebeurtenis
from koers.dossiers.status import Status as DossierStatus
from koers.inburgeraars.models import Koppeling
from koers.utils.clock import vandaag

from . import afleiding, permissions
from .engine import berekening as eng
from .engine.regels import VERLENGINGSGRONDEN, verlengingsgrond
from .models import Feitsoort, GelijkgesteldeDag, GemeenteInstelling, Termijn, Termijnfeit, Termijnsoort

# Soorten whose "done" state follows from a fact; the others can be marked done by hand.
FEIT_VOOR_VOLDAAN = {
    Termijnsoort.PIP_VASTSTELLEN: Feitsoort.PIP_VASTGESTELD,
    Termijnsoort.PVT: Feitsoort.PVT_VOLDAAN,
    Termijnsoort.MAP: Feitsoort.MAP_VOLDAAN,
    Termijnsoort.VOORTGANGSGESPREK: Feitsoort.VOORTGANGSGESPREK_GEHOUDEN,
}
# Facts whose own page (the PIP's) writes the timeline entry; the others get one here.
_EIGEN_TIJDLIJN = {Feitsoort.PIP_VASTGESTELD, Feitsoort.PIP_VERVALLEN}
# The most DUO plausibly grants in one verlenging; a guard against typing errors, not a legal limit.
MAX_VERLENGING_WEKEN = 156


def instelling_voor(gemeente_id: int) -> afleiding.Instelling:
    """The gemeente's settings as plain values; the rule catalogue's defaults when none are stored."""
    rij = GemeenteInstelling.objects.filter(gemeente_id=gemeente_id).first()
    if rij is None:
        return afleiding.Instelling()
    return afleiding.Instelling(
        pip_startgebeurtenis=rij.pip_startgebeurtenis,
        pip_opschorting_weken_na_info=rij.pip_opschorting_weken_na_info,
        voortgangsgesprek_interval_maanden=rij.voortgangsgesprek_interval_maanden,
        pvt_maanden_voor_einde=rij.pvt_maanden_voor_einde,
        map_maanden_voor_einde=rij.map_maanden_voor_einde,
    )


def gelijkgestelde_dagen() -> dict[dt.date, str]:
    """The Atw art. 3 lid 3 days entered by functioneel beheer, for the engine's ``extra_vrije_dagen``."""
    return dict(GelijkgesteldeDag.objects.values_list("datum", "omschrijving"))


def _feiten(dossier: Dossier) -> list[afleiding.Feit]:
    return [
        afleiding.Feit(soort, datum, gegevens or {})
        for soort, datum, gegevens in dossier.termijnfeiten.values_list("soort", "datum", "gegevens")
    ]


@transaction.atomic
def registreer_feit(
    dossier: Dossier, *, soort: str, datum: dt.date, door=None, gegevens: dict | None = None
) -> Termijnfeit:
    """Store a fact a deadline derives from, add it to the timeline and recompute the dossier's deadlines."""
    if soort not in Feitsoort.values:
        raise ValidationError(_("Onbekende soort gebeurtenis: %s") % soort, code="soort")
    if door is not None and not permissions.mag_feit_registreren(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    gegevens = dict(gegevens or {})
    _valideer(dossier, soort, datum, gegevens)
    feit = Termijnfeit.objects.create(
        dossier=dossier, soort=soort, datum=datum, gegevens=gegevens, geregistreerd_door=door
    )
    if soort not in _EIGEN_TIJDLIJN:
        log_gebeurtenis(
            dossier,
            soort="termijnfeit",
            titel=_("%(soort)s op %(datum)s") % {"soort": feit.get_soort_display(), "datum": eng.datum_nl(datum)},
            door=door,
            gegevens={"feit": feit.pk, "soort": soort, "datum": datum.isoformat(), **gegevens},
        )
    herbereken(dossier)
    return feit


def _valideer(dossier: Dossier, soort: str, datum: dt.date, gegevens: dict) -> None:
    if soort == Feitsoort.INFO_ONTVANGEN:
        gevraagd = dossier.termijnfeiten.filter(soort=Feitsoort.INFO_GEVRAAGD).order_by("-datum").first()
        if gevraagd is None:
            raise ValidationError(_("Er is nog geen informatie van derden gevraagd."), code="niet_gevraagd")
        if datum < gevraagd.datum:
            raise ValidationError(
                _("De informatie kan niet vóór de aanvraag (%s) zijn ontvangen.") % eng.datum_nl(gevraagd.datum),
                code="te_vroeg",
            )
    if soort == Feitsoort.PIP_VASTGESTELD and gegevens.get("route") not in (None, "b1", "onderwijs", "z"):
        raise ValidationError(_("Onbekende leerroute."), code="route")
    if soort == Feitsoort.PIP_VASTGESTELD and "eerste" not in gegevens:
        gegevens["eerste"] = afleiding.eerste_pip(afleiding.geldende_feiten(_feiten(dossier))) is None
    if soort == Feitsoort.PIP_VERVALLEN and not (gegevens.get("beschikking") and gegevens.get("datum")):
        raise ValueError("pip_vervallen needs the beschikking and the voided dagtekening")


@transaction.atomic
def registreer_verlenging(
    dossier: Dossier,
    *,
    grond: str,
    besluitdatum: dt.date,
    door,
    weken: int | None = None,
    gegevens: dict | None = None,
) -> Termijnfeit:
    """Record DUO's verlenging of the inburgeringstermijn (ground and length), which moves the termijn end.

    Fixed grounds (geboorte 16 weeks, overlijden 3 months) take the rule's length; for ziekte and bijzondere
    omstandigheden ``weken`` is the actual duration DUO granted and must meet the ground's threshold.
    ``gegevens`` adds the source's references (e.g. DUO's signal number) to the fact.
    """
    try:
        g = verlengingsgrond(grond)
    except LookupError:
        raise ValidationError(_("Kies een verlengingsgrond."), code="grond") from None
    termijn = Termijn.objects.filter(dossier=dossier, soort=Termijnsoort.INBURGERINGSTERMIJN).first()
    if termijn is None:
        raise ValidationError(
            _("Er loopt nog geen inburgeringstermijn: die begint pas na het eerste PIP."), code="geen_termijn"
        )
    vanaf = eng.verlenging_aanvraag_vanaf(termijn_start=termijn.begindatum)
    if besluitdatum < vanaf.datum:
        raise ValidationError(
            _("Een verlenging kan pas worden aangevraagd vanaf %(datum)s. %(uitleg)s")
            % {"datum": eng.datum_nl(vanaf.datum), "uitleg": vanaf.uitleg},
            code="te_vroeg",
        )
    bron = dict(gegevens or {})
    gegevens = {**bron, "grond": g.code}
    if g.verlenging_weken:
        gegevens["weken"] = g.verlenging_weken
    elif g.verlenging_maanden:
        gegevens["maanden"] = g.verlenging_maanden
    else:
        minimum = (g.minimaal_maanden or 0) * 52 // 12 + (1 if g.strikt_langer else 0)
        if weken is None or not minimum <= weken <= MAX_VERLENGING_WEKEN:
            raise ValidationError(
                _("Bij %(grond)s geldt de werkelijke duur: vul %(min)s tot %(max)s weken in.")
                % {"grond": g.omschrijving, "min": minimum, "max": MAX_VERLENGING_WEKEN},
                code="weken",
            )
        gegevens["weken"] = weken
    return registreer_feit(dossier, soort=Feitsoort.VERLENGING, datum=besluitdatum, door=door, gegevens=gegevens)


def verlengingsgronden_keuzes() -> list[tuple[str, str]]:
    return [(g.code, g.omschrijving) for g in VERLENGINGSGRONDEN]


@transaction.atomic
def herbereken(dossier: Dossier) -> list[Termijn]:
    """Recompute the dossier's deadlines from all its facts: update rows in place, add new ones, drop stale ones.

    Done-by-fact follows the facts; a deadline marked done by hand stays done.
    """
    afgeleid = afleiding.leid_af(_feiten(dossier), instelling_voor(dossier.gemeente_id), gelijkgestelde_dagen())
    bestaand = {t.soort: t for t in Termijn.objects.select_for_update().filter(dossier=dossier)}
    afgesloten = dossier.status == DossierStatus.AFGEROND
    nieuw, gewijzigd = [], []
    for a in afgeleid:
        t = bestaand.pop(a.soort, None) or Termijn(dossier=dossier, soort=a.soort)
        vul_termijn(
            t, a, gemeente_id=dossier.gemeente_id, klantmanager_id=dossier.klantmanager_id, afgesloten=afgesloten
        )
        (gewijzigd if t.pk else nieuw).append(t)
    Termijn.objects.bulk_create(nieuw)
    for t in gewijzigd:
        t.save()
    Termijn.objects.filter(pk__in=[t.pk for t in bestaand.values() if t.status != Termijn.Status.VOLDAAN]).delete()
    return sorted(nieuw + gewijzigd, key=lambda t: t.datum)


def vul_termijn(
    t: Termijn, a: afleiding.Afgeleid, *, gemeente_id: int, klantmanager_id: int | None, afgesloten: bool
) -> Termijn:
    """Copy a computed deadline onto a (new or stored) row; a moved date may be reported overdue again."""
    oude_datum = t.datum if t.pk else None
    for veld, waarde in a.velden().items():
        setattr(t, veld, waarde)
    t.gemeente_id, t.klantmanager_id = gemeente_id, klantmanager_id
    _zet_status(t, a, afgesloten)
    if oude_datum is not None and oude_datum != t.datum:
        t.overdue_gemeld_op = None
    return t


def _zet_status(t: Termijn, a: afleiding.Afgeleid, afgesloten: bool) -> None:
    if a.voldaan_op is not None:
        t.status, t.voldaan_op, t.handmatig_voldaan = Termijn.Status.VOLDAAN, a.voldaan_op, False
    elif t.handmatig_voldaan and t.soort not in FEIT_VOOR_VOLDAAN:
        return
    elif afgesloten:
        t.status, t.voldaan_op = Termijn.Status.VERVALLEN, None
    else:
        t.status, t.voldaan_op = Termijn.Status.OPEN, None


@transaction.atomic
def markeer_voldaan(termijn: Termijn, *, door, op: dt.date | None = None) -> Termijn:
    """Mark a deadline done: through its fact when it has one (PVT, MAP, voortgangsgesprek), else by hand."""
    op = op or vandaag()
    dossier = termijn.dossier
    if not dossier_permissions.mag_dossier_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    if termijn.soort == Termijnsoort.PIP_VASTSTELLEN:
        raise ValidationError(_("Het PIP is vastgesteld zodra de beschikking is vastgesteld."), code="via_pip")
    if feitsoort := FEIT_VOOR_VOLDAAN.get(termijn.soort):
        registreer_feit(dossier, soort=feitsoort, datum=op, door=door)
        return Termijn.objects.get(pk=termijn.pk) if Termijn.objects.filter(pk=termijn.pk).exists() else termijn
    termijn.status, termijn.voldaan_op, termijn.handmatig_voldaan = Termijn.Status.VOLDAAN, op, True
    termijn.save(update_fields=["status", "voldaan_op", "handmatig_voldaan", "gewijzigd_op"])
    log_gebeurtenis(
        dossier,
        soort="termijn_voldaan",
        titel=_("Termijn ‘%s’ afgehandeld") % termijn.get_soort_display(),
        door=door,
        gegevens={"termijn": termijn.pk, "soort": termijn.soort},
    )
    return termijn


@transaction.atomic
def zorg_voor_startgebeurtenis(dossier: Dossier) -> Termijnfeit | None:
    """Record the default start event of the PIP term when the dossier has none yet (idempotent).

    The gemeente's setting says which event: the koppeling's date when that is chosen and known, otherwise the
    dossier's aangemeld_op (registration; also the best date known for the DUO kennisgeving).
    """
    if dossier.termijnfeiten.filter(soort=Feitsoort.STARTGEBEURTENIS).exists():
        return None
    gebeurtenis = instelling_voor(dossier.gemeente_id).pip_startgebeurtenis
    datum = dossier.aangemeld_op
    if gebeurtenis == "koppeling":
        koppeling = (
            Koppeling.objects.filter(inburgeraar_id=dossier.inburgeraar_id, gemeente_id=dossier.gemeente_id)
            .order_by("datum")
            .first()
        )
        datum = koppeling.datum if koppeling else datum
    return registreer_feit(
        dossier,
        soort=Feitsoort.STARTGEBEURTENIS,
        datum=datum,
        gegevens={"gebeurtenis": gebeurtenis, "automatisch": True},
    )


def synchroniseer_dossier(dossier: Dossier) -> int:
    """Keep the deadlines in step with their dossier: denormalised gemeente/klantmanager, and a closed dossier's
    open deadlines become vervallen (so worklists need no join to the dossier)."""
    bijgewerkt = (
        Termijn.objects.filter(dossier_id=dossier.pk)
        .exclude(gemeente_id=dossier.gemeente_id, klantmanager_id=dossier.klantmanager_id)
        .update(gemeente_id=dossier.gemeente_id, klantmanager_id=dossier.klantmanager_id)
    )
    if dossier.status == DossierStatus.AFGEROND:
        bijgewerkt += Termijn.objects.filter(dossier_id=dossier.pk, status=Termijn.Status.OPEN).update(
            status=Termijn.Status.VERVALLEN
        )
    return bijgewerkt
