"""Class membership: placing an enrolment in a class (the class's version guards concurrent changes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.dossiers.selectors import dossiers_voor
from koers.dossiers.services import log_gebeurtenis
from koers.utils.concurrency import bewaar, vergrendel

from .. import permissions
from ..models import Inschrijving, Klas

_AFGESLOTEN = frozenset({Inschrijving.Status.AFGEROND, Inschrijving.Status.AFGEBROKEN})


@transaction.atomic
def plaats_in_klas(klas: Klas, *, inschrijving: Inschrijving, door, verwachte_versie: int | None) -> Klas:
    """Add ``inschrijving`` to ``klas``: same provider and product, not yet ended; the class version goes up."""
    in_scope = dossiers_voor(door).filter(pk=inschrijving.dossier_id).exists()
    if not permissions.mag_klas_indelen(door, klas, inschrijving, in_scope=in_scope):
        raise PermissionDenied(_("U mag deze deelnemer niet in deze klas plaatsen."))
    vers = vergrendel(klas, verwachte_versie=verwachte_versie)
    if inschrijving.ketenpartner_id != vers.ketenpartner_id:
        raise ValidationError(
            {"inschrijving": _("Deze inschrijving is bij een andere aanbieder dan de klas.")}, code="aanbieder"
        )
    if inschrijving.product != vers.product:
        raise ValidationError(
            {"inschrijving": _("Deze inschrijving is voor een ander product dan de klas.")}, code="product"
        )
    if inschrijving.status in _AFGESLOTEN:
        raise ValidationError(
            {"inschrijving": _("Deze inschrijving is afgerond of afgebroken.")}, code="inschrijving_afgesloten"
        )
    if vers.leden.filter(pk=inschrijving.pk).exists():
        raise ValidationError({"inschrijving": _("Deze deelnemer zit al in deze klas.")}, code="al_in_klas")
    vers.leden.add(inschrijving)
    bewaar(vers, door=door)
    log_gebeurtenis(
        inschrijving.dossier,
        soort="aanbod",
        titel=_("Geplaatst in klas %(klas)s bij %(aanbieder)s") % {"klas": vers.naam, "aanbieder": vers.ketenpartner},
        door=door,
        gegevens={"inschrijving": inschrijving.pk, "klas": vers.pk},
    )
    return vers
