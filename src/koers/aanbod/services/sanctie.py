"""Proposing and deciding a fine for culpably not keeping to the PIP. A person always decides."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.dossiers.services import log_gebeurtenis
from koers.utils.clock import vandaag
from koers.utils.concurrency import bewaar, vergrendel
from koers.utils.geld import bedrag as geldbedrag

from .. import permissions
from ..models import SanctieVoorstelPIP
from ..regels import regel


@transaction.atomic
def stel_sanctie_voor(dossier, *, door, feiten: str, bedrag: Decimal) -> SanctieVoorstelPIP:
    """Propose a fine with the recorded facts; the amount may not exceed the legal maximum."""
    if not permissions.mag_aanbod_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    hoofdregel = regel("boete_pip", vandaag())
    maximum = hoofdregel.parameters["maximum"]
    if not feiten.strip():
        raise ValidationError(_("Leg de feiten vast waarop het voorstel rust."), code="feiten")
    if bedrag is None or bedrag <= 0:
        raise ValidationError(_("Het bedrag moet groter zijn dan nul."), code="bedrag")
    if bedrag > maximum:
        raise ValidationError(
            _("De boete is ten hoogste € %(max)s (%(bron)s).") % {"max": geldbedrag(maximum), "bron": hoofdregel.bron},
            code="maximum",
        )
    voorstel = SanctieVoorstelPIP.objects.create(
        dossier=dossier, feiten=feiten, bedrag=bedrag, regel=hoofdregel.sleutel, voorgesteld_door=door
    )
    log_gebeurtenis(
        dossier,
        soort="sanctie",
        titel=_("Boete van € %s voorgesteld (PIP niet nagekomen)") % geldbedrag(bedrag),
        door=door,
        toelichting=feiten,
    )
    return voorstel


@transaction.atomic
def besluit_sanctie(
    voorstel: SanctieVoorstelPIP, *, door, opleggen: bool, toelichting: str = "", verwachte_versie: int | None = None
) -> SanctieVoorstelPIP:
    if not permissions.mag_sanctie_besluiten(door, voorstel.dossier):
        raise PermissionDenied(_("Alleen een teamleider besluit over een boete."))
    vers = vergrendel(voorstel, verwachte_versie=verwachte_versie)
    if vers.status != SanctieVoorstelPIP.Status.VOORGESTELD:
        raise ValidationError(_("Over dit voorstel is al besloten."), code="besloten")
    vers.status = SanctieVoorstelPIP.Status.OPGELEGD if opleggen else SanctieVoorstelPIP.Status.AFGEWEZEN
    vers.besloten_door = door
    vers.besloten_op = vandaag()
    vers.toelichting_besluit = toelichting
    bewaar(vers, door=door)
    titel = (
        _("Boete van € %s opgelegd") % geldbedrag(vers.bedrag)
        if opleggen
        else _("Voorgestelde boete van € %s afgewezen") % geldbedrag(vers.bedrag)
    )
    log_gebeurtenis(vers.dossier, soort="sanctie", titel=titel, toelichting=toelichting, door=door)
    return vers
