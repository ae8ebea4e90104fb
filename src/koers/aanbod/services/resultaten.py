"""Voortgangsgesprekken, exam results, PVT and MAP."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.dossiers.selectors import dossiers_voor
from koers.dossiers.services import log_gebeurtenis
from koers.inburgeraars.models import Doelgroep
from koers.termijnen.engine import berekening
from koers.termijnen.engine.berekening import datum_nl
from koers.utils.bulk import bulk_invoegen
from koers.utils.clock import vandaag
from koers.utils.concurrency import bewaar, vergrendel

from .. import bronnen, permissions
from ..models import MAP, PVT, Examenresultaat, Voortgangsgesprek
from ..regels import instelbaar, regel


def _vereis_bewerken(door, dossier) -> None:
    if not permissions.mag_aanbod_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))


def _vereis_melden(door, dossier, *, bewijs: str, gratis: bool | None) -> None:
    """A provider reports exam evidence only for its own student, names the evidence, and leaves free attempts to
    the gemeente."""
    in_scope = dossiers_voor(door).filter(pk=dossier.pk).exists()
    eigen = dossier.inschrijvingen.filter(ketenpartner_id=door.ketenpartner_id).exists()
    if not permissions.mag_examen_melden(door, dossier, eigen_inschrijving=eigen, in_scope=in_scope):
        raise PermissionDenied(_("U mag alleen examenresultaten van uw eigen deelnemers doorgeven."))
    if not bewijs.strip():
        raise ValidationError(
            {"bewijs": _("Geef een verwijzing naar het bewijs van het examenresultaat.")}, code="bewijs"
        )
    if gratis is not None:
        raise ValidationError({"gratis": _("Of een poging gratis is, bepaalt de gemeente.")}, code="gratis")


@transaction.atomic
def plan_voortgangsgesprekken(
    dossier,
    *,
    door,
    start: dt.date | None = None,
    tot: dt.date | None = None,
    interval_maanden: int | None = None,
) -> list[Voortgangsgesprek]:
    """Plan conversations every interval (the PIP's, else the rule's) over the termijn; existing dates stay."""
    _vereis_bewerken(door, dossier)
    start = start or bronnen.eerste_pip_dagtekening(dossier) or vandaag()
    if tot is None:
        tot = berekening.inburgeringstermijn(eerste_pip_dagtekening=start).datum
    interval = interval_maanden or bronnen.gesprek_interval(dossier)
    data = berekening.voortgangsgesprekken(start=start, tot=tot, interval_maanden=interval)
    bestaand = set(dossier.voortgangsgesprekken.values_list("gepland_op", flat=True))
    nieuw = [Voortgangsgesprek(dossier=dossier, gepland_op=d) for d in data if d not in bestaand]
    bulk_invoegen(Voortgangsgesprek, nieuw, door=door, reden="Gepland")
    if nieuw:
        log_gebeurtenis(
            dossier,
            soort="voortgangsgesprek",
            titel=_("%(aantal)s voortgangsgesprekken gepland, het eerste op %(datum)s")
            % {"aantal": len(nieuw), "datum": datum_nl(nieuw[0].gepland_op)},
            door=door,
        )
    return nieuw


@transaction.atomic
def houd_voortgangsgesprek(
    gesprek: Voortgangsgesprek,
    *,
    door,
    gehouden_op: dt.date | None,
    notities: str = "",
    afspraken: str = "",
    gemist: bool = False,
    verwachte_versie: int | None = None,
) -> Voortgangsgesprek:
    """Record a conversation as held (with notes and agreed actions) or as missed."""
    _vereis_bewerken(door, gesprek.dossier)
    vers = vergrendel(gesprek, verwachte_versie=verwachte_versie)
    if gemist:
        vers.status = Voortgangsgesprek.Status.GEMIST
        vers.gehouden_op = None
    else:
        if gehouden_op is None:
            raise ValidationError(_("Vul de datum in waarop het gesprek is gehouden."), code="datum")
        vers.status = Voortgangsgesprek.Status.GEHOUDEN
        vers.gehouden_op = gehouden_op
    vers.notities = notities
    vers.afspraken = afspraken
    bewaar(vers, door=door)
    titel = (
        _("Voortgangsgesprek van %s gemist") % datum_nl(vers.gepland_op)
        if gemist
        else _("Voortgangsgesprek gehouden op %s") % datum_nl(vers.gehouden_op)
    )
    log_gebeurtenis(vers.dossier, soort="voortgangsgesprek", titel=titel, toelichting=afspraken, door=door)
    return vers


def gratis_pogingen_over(dossier, onderdeel: str, *, op: dt.date | None = None) -> int:
    """Free attempts left for an exam component: asielstatushouders only; the rule's number minus those used."""
    if dossier.inburgeraar.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        return 0
    totaal = instelbaar(regel("gratis_examenpogingen", op or vandaag()), "pogingen")
    gebruikt = dossier.examenresultaten.filter(onderdeel=onderdeel, gratis=True).count()
    return max(0, totaal - gebruikt)


@transaction.atomic
def registreer_examen(
    dossier,
    *,
    door,
    onderdeel: str,
    niveau: str,
    datum: dt.date,
    resultaat: str,
    gratis: bool | None = None,
    geimporteerd: bool = False,
    bewijs: str = "",
) -> Examenresultaat:
    """Record one exam attempt; the attempt number follows, a free attempt is used while any are left.

    ``geimporteerd``: the result comes from DUO (an import); DUO's system client may record it too.
    ``bewijs``: a provider reporting a result of its own student names its evidence (a document reference); the
    result is then reported by the provider (its account is ``ingevoerd_door``) and keeps the reference.
    """
    if permissions.is_aanbieder_account(door):
        _vereis_melden(door, dossier, bewijs=bewijs, gratis=gratis)
    elif not (geimporteerd and permissions.mag_examen_importeren(door, dossier)):
        _vereis_bewerken(door, dossier)
    if datum > vandaag():
        raise ValidationError(_("Een examenresultaat kan niet in de toekomst liggen."), code="datum")
    over = gratis_pogingen_over(dossier, onderdeel, op=datum)
    if gratis is None:
        gratis = over > 0
    elif gratis and over <= 0:
        raise ValidationError(_("Er zijn geen gratis examenpogingen meer voor dit onderdeel."), code="gratis")
    laatste = dossier.examenresultaten.filter(onderdeel=onderdeel).aggregate(m=Max("poging"))["m"] or 0
    examen = Examenresultaat(
        dossier=dossier,
        onderdeel=onderdeel,
        niveau=niveau,
        datum=datum,
        resultaat=resultaat,
        poging=laatste + 1,
        gratis=gratis,
        geimporteerd=geimporteerd,
        bewijs=bewijs[:300],
        ingevoerd_door=door,
    )
    examen._history_user = door
    examen.save()
    log_gebeurtenis(
        dossier,
        soort="examen",
        titel=_("Examen %(onderdeel)s %(niveau)s (poging %(poging)s): %(resultaat)s")
        % {
            "onderdeel": examen.get_onderdeel_display(),
            "niveau": niveau,
            "poging": examen.poging,
            "resultaat": examen.get_resultaat_display().lower(),
        },
        door=door,
        toelichting=_("Gemeld door %(aanbieder)s, bewijs: %(bewijs)s")
        % {"aanbieder": door.ketenpartner, "bewijs": bewijs}
        if bewijs
        else "",
        gegevens={"examenresultaat": examen.pk, **({"bewijs": bewijs} if bewijs else {})},
    )
    return examen


@transaction.atomic
def corrigeer_examen(
    examen: Examenresultaat, *, door, niveau: str, datum: dt.date, resultaat: str, toelichting: str = ""
) -> Examenresultaat:
    """Correct an imported exam result after DUO's correction signal; the timeline shows old and new."""
    if not permissions.mag_examen_importeren(door, examen.dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    vers = vergrendel(examen, verwachte_versie=None)
    oud = vers.get_resultaat_display().lower()
    vers.niveau, vers.datum, vers.resultaat = niveau, datum, resultaat
    vers.full_clean()
    bewaar(vers, door=door, reden=toelichting[:100])
    log_gebeurtenis(
        vers.dossier,
        soort="examen",
        titel=_("Examen %(onderdeel)s (poging %(poging)s) gecorrigeerd: %(oud)s → %(nieuw)s")
        % {
            "onderdeel": vers.get_onderdeel_display(),
            "poging": vers.poging,
            "oud": oud,
            "nieuw": vers.get_resultaat_display().lower(),
        },
        toelichting=toelichting,
        door=door,
    )
    return vers


def _bewaar_een_per_dossier(model, dossier, *, door, verwachte_versie, velden: dict):
    bestaand = model.objects.filter(dossier=dossier).first()
    if bestaand is None:
        obj = model(dossier=dossier, **velden)
        obj._history_user = door
        obj.full_clean()
        obj.save()
        return obj
    # A change of the existing record names the version it read; none means the form was read before the record
    # existed (someone else created it since): a conflict, never an overwrite.
    vers = vergrendel(bestaand, verwachte_versie=0 if verwachte_versie is None else verwachte_versie)
    for naam, waarde in velden.items():
        setattr(vers, naam, waarde)
    vers.full_clean()
    bewaar(vers, door=door)
    return vers


@transaction.atomic
def registreer_pvt(
    dossier,
    *,
    door,
    resultaat: str,
    ondertekend_op: dt.date | None,
    verwijtbaar: bool = False,
    verwachte_versie: int | None = None,
) -> PVT:
    _vereis_bewerken(door, dossier)
    if resultaat == PVT.Resultaat.VOLDAAN and ondertekend_op is None:
        raise ValidationError(_("Vul de datum in waarop de participatieverklaring is ondertekend."), code="datum")
    pvt = _bewaar_een_per_dossier(
        PVT,
        dossier,
        door=door,
        verwachte_versie=verwachte_versie,
        velden={"resultaat": resultaat, "ondertekend_op": ondertekend_op, "verwijtbaar": verwijtbaar},
    )
    log_gebeurtenis(dossier, soort="pvt", titel=_("PVT: %s") % pvt.get_resultaat_display().lower(), door=door)
    return pvt


@transaction.atomic
def registreer_map(
    dossier,
    *,
    door,
    resultaat: str,
    eindgesprek_op: dt.date | None,
    reden: str = "",
    verwijtbaar: bool = False,
    verwachte_versie: int | None = None,
) -> MAP:
    _vereis_bewerken(door, dossier)
    if resultaat == MAP.Resultaat.SUCCESVOL and eindgesprek_op is None:
        raise ValidationError(_("Vul de datum van het eindgesprek in."), code="datum")
    module = _bewaar_een_per_dossier(
        MAP,
        dossier,
        door=door,
        verwachte_versie=verwachte_versie,
        velden={"resultaat": resultaat, "eindgesprek_op": eindgesprek_op, "reden": reden, "verwijtbaar": verwijtbaar},
    )
    log_gebeurtenis(dossier, soort="map", titel=_("MAP: %s") % module.get_resultaat_display().lower(), door=door)
    return module
