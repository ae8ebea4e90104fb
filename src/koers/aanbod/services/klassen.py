"""Class membership: placing an enrolment in a class, taking it out, moving it to another class. The class's
version guards concurrent changes; hours belong to the enrolment, so they stay whatever class it is in."""

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


def _mag_indelen(door, klas: Klas, inschrijving: Inschrijving, melding: str) -> None:
    in_scope = dossiers_voor(door).filter(pk=inschrijving.dossier_id).exists()
    if not permissions.mag_klas_indelen(door, klas, inschrijving, in_scope=in_scope):
        raise PermissionDenied(melding)


def _voeg_toe(vers: Klas, inschrijving: Inschrijving) -> None:
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


def _haal_weg(vers: Klas, inschrijving: Inschrijving) -> None:
    if not vers.leden.filter(pk=inschrijving.pk).exists():
        raise ValidationError({"inschrijving": _("Deze deelnemer zit niet in deze klas.")}, code="niet_in_klas")
    vers.leden.remove(inschrijving)


@transaction.atomic
def plaats_in_klas(klas: Klas, *, inschrijving: Inschrijving, door, verwachte_versie: int | None) -> Klas:
    """Add ``inschrijving`` to ``klas``: same provider and product, not yet ended; the class version goes up."""
    _mag_indelen(door, klas, inschrijving, _("U mag deze deelnemer niet in deze klas plaatsen."))
    vers = vergrendel(klas, verwachte_versie=verwachte_versie)
    _voeg_toe(vers, inschrijving)
    bewaar(vers, door=door)
    log_gebeurtenis(
        inschrijving.dossier,
        soort="aanbod",
        titel=_("Geplaatst in klas %(klas)s bij %(aanbieder)s") % {"klas": vers.naam, "aanbieder": vers.ketenpartner},
        door=door,
        gegevens={"inschrijving": inschrijving.pk, "klas": vers.pk},
    )
    return vers


@transaction.atomic
def haal_uit_klas(klas: Klas, *, inschrijving: Inschrijving, door, verwachte_versie: int | None) -> Klas:
    """Take ``inschrijving`` out of ``klas`` (also when it has ended); its hours stay with the enrolment."""
    _mag_indelen(door, klas, inschrijving, _("U mag deze deelnemer niet uit deze klas halen."))
    vers = vergrendel(klas, verwachte_versie=verwachte_versie)
    _haal_weg(vers, inschrijving)
    bewaar(vers, door=door)
    log_gebeurtenis(
        inschrijving.dossier,
        soort="aanbod",
        titel=_("Uit klas %(klas)s bij %(aanbieder)s gehaald") % {"klas": vers.naam, "aanbieder": vers.ketenpartner},
        door=door,
        gegevens={"inschrijving": inschrijving.pk, "klas": vers.pk},
    )
    return vers


@transaction.atomic
def verplaats_naar_klas(
    inschrijving: Inschrijving,
    *,
    van: Klas,
    naar: Klas,
    door,
    versie_van: int | None,
    versie_naar: int | None,
) -> Klas:
    """Move ``inschrijving`` from ``van`` to ``naar`` in one step (both or neither); hours stay with the enrolment."""
    if van.pk == naar.pk:
        raise ValidationError({"klas": _("Kies een andere klas dan de huidige.")}, code="zelfde_klas")
    _mag_indelen(door, van, inschrijving, _("U mag deze deelnemer niet uit deze klas halen."))
    _mag_indelen(door, naar, inschrijving, _("U mag deze deelnemer niet in deze klas plaatsen."))
    # lock in id order, so two moves in opposite directions cannot deadlock
    eerst, daarna = sorted([(van, versie_van), (naar, versie_naar)], key=lambda paar: paar[0].pk)
    vergrendeld = {k.pk: vergrendel(k, verwachte_versie=v) for k, v in (eerst, daarna)}
    oud, nieuw = vergrendeld[van.pk], vergrendeld[naar.pk]
    _haal_weg(oud, inschrijving)
    _voeg_toe(nieuw, inschrijving)
    bewaar(oud, door=door)
    bewaar(nieuw, door=door)
    log_gebeurtenis(
        inschrijving.dossier,
        soort="aanbod",
        titel=_("Verplaatst van klas %(van)s naar klas %(naar)s bij %(aanbieder)s")
        % {"van": oud.naam, "naar": nieuw.naam, "aanbieder": nieuw.ketenpartner},
        door=door,
        gegevens={"inschrijving": inschrijving.pk, "van": oud.pk, "klas": nieuw.pk},
    )
    return nieuw
