"""Recording lesson and participation hours per month: one enrolment, or a whole class at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.dossiers.selectors import dossiers_voor
from koers.dossiers.services import log_gebeurtenis
from koers.termijnen.engine.berekening import datum_nl
from koers.utils.concurrency import VersieConflict, bewaar, vergrendel

from .. import permissions
from ..models import Inschrijving, Klas, Urenregistratie

NUL = Decimal("0")


@dataclass
class Uren:
    """The hours of one month for one enrolment and kind, as entered."""

    gevolgd: Decimal = NUL
    geoorloofd_afwezig: Decimal = NUL
    ongeoorloofd_afwezig: Decimal = NUL
    in_persoon: Decimal = NUL
    versie: int | None = None

    @property
    def leeg(self) -> bool:
        return not (self.gevolgd or self.geoorloofd_afwezig or self.ongeoorloofd_afwezig or self.in_persoon)


class KlasurenFout(ValidationError):
    """Some rows of a class entry were refused; nothing was saved. ``per_rij`` maps inschrijving id → messages."""

    def __init__(self, per_rij: dict[int, list[str]]):
        self.per_rij = per_rij
        super().__init__(_("Er is niets opgeslagen: verbeter de gemarkeerde regels."), code="klasuren")


def eerste_van_de_maand(datum: dt.date) -> dt.date:
    return datum.replace(day=1)


def controleer_uren(uren: Uren) -> list[str]:
    """The reasons a row of hours cannot be saved, in Dutch (empty when it can)."""
    fouten = []
    for waarde in (uren.gevolgd, uren.geoorloofd_afwezig, uren.ongeoorloofd_afwezig, uren.in_persoon):
        if waarde is None or waarde < 0:
            fouten.append(_("Uren kunnen niet negatief zijn."))
            break
    if uren.in_persoon is not None and uren.gevolgd is not None and uren.in_persoon > uren.gevolgd:
        fouten.append(_("Er kunnen niet meer uren fysiek gevolgd zijn dan er in totaal gevolgd zijn."))
    if uren.gevolgd is not None and uren.gevolgd > Decimal("400"):
        fouten.append(_("Meer dan 400 gevolgde uren in één maand is niet mogelijk."))
    return fouten


def _bewaar_uren(
    inschrijving: Inschrijving, *, periode: dt.date, soort: str, uren: Uren, door, bron: str
) -> Urenregistratie:
    bestaand = Urenregistratie.objects.filter(inschrijving=inschrijving, periode=periode, soort=soort).first()
    if bestaand is None:
        registratie = Urenregistratie(inschrijving=inschrijving, periode=periode, soort=soort)
        registratie._history_user = door
    elif uren.versie is None:
        # entered on a page read before this month had hours: someone else saved them since
        raise VersieConflict(bestaand)
    else:
        registratie = vergrendel(bestaand, verwachte_versie=uren.versie)
    registratie.uren_gevolgd = uren.gevolgd
    registratie.uren_geoorloofd_afwezig = uren.geoorloofd_afwezig
    registratie.uren_ongeoorloofd_afwezig = uren.ongeoorloofd_afwezig
    registratie.in_persoon_uren = uren.in_persoon
    registratie.ingevoerd_door = door
    registratie.bron = bron
    if bestaand is None:
        try:
            with transaction.atomic():
                registratie.save()
        except IntegrityError:
            # a concurrent entry created this month's row first (unique per inschrijving, month, soort)
            raise VersieConflict(
                Urenregistratie.objects.get(inschrijving=inschrijving, periode=periode, soort=soort)
            ) from None
    else:
        bewaar(registratie, door=door)
    return registratie


def _log(inschrijving: Inschrijving, registratie: Urenregistratie, door) -> None:
    log_gebeurtenis(
        inschrijving.dossier,
        soort="uren",
        titel=_("Uren %(maand)s (%(soort)s) bij %(aanbieder)s: %(gevolgd)s gevolgd, %(afwezig)s afwezig")
        % {
            "maand": datum_nl(registratie.periode).split(" ", 1)[1],
            "soort": registratie.get_soort_display().lower(),
            "aanbieder": inschrijving.aanbieder_naam,
            "gevolgd": registratie.uren_gevolgd,
            "afwezig": registratie.uren_geoorloofd_afwezig + registratie.uren_ongeoorloofd_afwezig,
        },
        door=door,
        gegevens={"inschrijving": inschrijving.pk, "periode": registratie.periode.isoformat()},
    )


def _bron_voor(door) -> str:
    return (
        Urenregistratie.Bron.AANBIEDER if door.rol == "ketenpartner_medewerker" else Urenregistratie.Bron.KLANTMANAGER
    )


@transaction.atomic
def registreer_uren(inschrijving: Inschrijving, *, periode: dt.date, soort: str, uren: Uren, door) -> Urenregistratie:
    """Record (or correct, with a version check) one month of hours of one enrolment.

    ``uren.versie`` is the version the user read; ``None`` means "there were no hours yet", so a month that has
    hours by now is a conflict (``VersieConflict``), never overwritten.
    """
    in_scope = dossiers_voor(door).filter(pk=inschrijving.dossier_id).exists()
    if not permissions.mag_uren_invoeren(door, inschrijving, in_scope=in_scope):
        raise PermissionDenied(_("U mag voor deze inschrijving geen uren invoeren."))
    if fouten := controleer_uren(uren):
        raise ValidationError(fouten, code="uren")
    registratie = _bewaar_uren(
        inschrijving, periode=eerste_van_de_maand(periode), soort=soort, uren=uren, door=door, bron=_bron_voor(door)
    )
    _log(inschrijving, registratie, door)
    return registratie


@transaction.atomic
def registreer_klasuren(
    klas: Klas, *, periode: dt.date, soort: str, regels: dict[int, Uren], door
) -> list[Urenregistratie]:
    """Record a month of hours for a whole class at once: all rows are saved, or none (``KlasurenFout``)."""
    periode = eerste_van_de_maand(periode)
    leden = {i.pk: i for i in klas.leden.select_related("dossier")}
    in_scope = set(
        dossiers_voor(door).filter(pk__in=[i.dossier_id for i in leden.values()]).values_list("pk", flat=True)
    )
    fouten: dict[int, list[str]] = {}
    for inschrijving_id, uren in regels.items():
        inschrijving = leden.get(inschrijving_id)
        if inschrijving is None or not permissions.mag_uren_invoeren(
            door, inschrijving, in_scope=inschrijving.dossier_id in in_scope
        ):
            fouten[inschrijving_id] = [_("U mag voor deze deelnemer geen uren invoeren.")]
        elif regelfouten := controleer_uren(uren):
            fouten[inschrijving_id] = regelfouten
    if fouten:
        raise KlasurenFout(fouten)
    bron = _bron_voor(door)
    opgeslagen = []
    for inschrijving_id, uren in regels.items():
        inschrijving = leden[inschrijving_id]
        bestaat = Urenregistratie.objects.filter(inschrijving=inschrijving, periode=periode, soort=soort).exists()
        if uren.leeg and not bestaat:
            continue
        try:
            registratie = _bewaar_uren(inschrijving, periode=periode, soort=soort, uren=uren, door=door, bron=bron)
        except VersieConflict as conflict:
            fouten[inschrijving_id] = [str(conflict)]
            continue
        _log(inschrijving, registratie, door)
        opgeslagen.append(registratie)
    if fouten:
        raise KlasurenFout(fouten)  # raised inside the transaction: every row of this entry is rolled back
    return opgeslagen
