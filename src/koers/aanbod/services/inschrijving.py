"""Enrolling a person with a provider, and moving the enrolment along its chain."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.selectors import dossiers_voor
from koers.dossiers.services import log_gebeurtenis
from koers.inburgeraars.models import Doelgroep
from koers.utils.clock import vandaag
from koers.utils.concurrency import bewaar, vergrendel
from koers.utils.datums import datum_kort

from .. import permissions
from ..models import Contract, Inschrijving
from ..models.contract import KEURMERKPLICHTIG

S = Inschrijving.Status
OVERGANGEN: dict[str, frozenset[str]] = {
    S.AANGEMELD: frozenset({S.INTAKE_AANBIEDER, S.GESTART, S.AFGEBROKEN}),
    S.INTAKE_AANBIEDER: frozenset({S.GESTART, S.AFGEBROKEN}),
    S.GESTART: frozenset({S.AFGEROND, S.AFGEBROKEN}),
    S.AFGEROND: frozenset(),
    S.AFGEBROKEN: frozenset(),
}


class KeurmerkOntbreekt(ValidationError):
    pass


def heeft_geldig_keurmerk(ketenpartner, op: dt.date) -> bool:
    """A valid Blik op Werk Keurmerk Inburgeren: the mark is held and valid on ``op``."""
    return bool(ketenpartner.keurmerk and ketenpartner.keurmerk_geldig_tot and ketenpartner.keurmerk_geldig_tot >= op)


def controleer_keurmerk(*, dossier, ketenpartner, product: str, op: dt.date) -> None:
    """B1- and Z-route for an asielstatushouder may only be bought from a provider with a valid keurmerk."""
    if (
        product in KEURMERKPLICHTIG
        and dossier.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        and not heeft_geldig_keurmerk(ketenpartner, op)
    ):
        raise KeurmerkOntbreekt(
            _(
                "%(aanbieder)s heeft geen geldig Blik op Werk Keurmerk Inburgeren; een B1- of Z-route voor een "
                "asielstatushouder mag alleen bij een aanbieder met keurmerk worden ingekocht (Wet inburgering 2021)."
            )
            % {"aanbieder": ketenpartner.naam},
            code="keurmerk",
        )


@transaction.atomic
def schrijf_in(
    dossier,
    *,
    door,
    product: str,
    contract: Contract | None = None,
    ketenpartner=None,
    aangemeld_op: dt.date | None = None,
    pip_onderdeel=None,
) -> Inschrijving:
    """Enrol the person with a provider (through a contract, or directly), refusing a provider without keurmerk.

    The gemeente's editors enrol with any provider; a provider enrols only with itself, for a dossier shared with it.
    """
    aanbieder = contract.ketenpartner if contract is not None else ketenpartner
    in_scope = dossiers_voor(door).filter(pk=dossier.pk).exists()
    if not permissions.mag_inschrijven(door, dossier, ketenpartner=aanbieder, in_scope=in_scope):
        if permissions.is_aanbieder_account(door):
            raise PermissionDenied(
                _(
                    "Een aanbieder kan een deelnemer alleen bij zichzelf inschrijven, en alleen als de gemeente "
                    "het dossier met haar heeft gedeeld."
                )
            )
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    if contract is None and ketenpartner is None:
        raise ValidationError(_("Kies een contract of een aanbieder."), code="aanbieder")
    if contract is not None:
        if contract.product != product:
            raise ValidationError(_("Dit contract is niet voor het gekozen product."), code="product")
        if contract.gemeente_id is not None and contract.gemeente_id != dossier.gemeente_id:
            raise ValidationError(_("Dit contract is van een andere gemeente."), code="contract")
        if contract.regio_id is not None and not contract.regio.gemeenten.filter(pk=dossier.gemeente_id).exists():
            raise ValidationError(_("Dit contract is van een regio waar deze gemeente niet bij hoort."))
        ketenpartner = contract.ketenpartner
    op = aangemeld_op or vandaag()
    if contract is not None and (op < contract.start or (contract.einde and op > contract.einde)):
        raise ValidationError(_("Het contract loopt niet op de aanmelddatum."), code="contract_periode")
    controleer_keurmerk(dossier=dossier, ketenpartner=ketenpartner, product=product, op=op)
    extra = {"pip_onderdeel": pip_onderdeel} if pip_onderdeel is not None else {}
    inschrijving = Inschrijving(
        dossier=dossier,
        contract=contract,
        ketenpartner=ketenpartner,
        aanbieder_naam=ketenpartner.naam,
        aanbieder_keurmerk=heeft_geldig_keurmerk(ketenpartner, op),
        product=product,
        aangemeld_op=op,
        **extra,
    )
    inschrijving._history_user = door
    inschrijving.save()
    log_gebeurtenis(
        dossier,
        soort="aanbod",
        titel=_("Aangemeld voor %(product)s bij %(aanbieder)s")
        % {"product": inschrijving.get_product_display(), "aanbieder": ketenpartner.naam},
        door=door,
        gegevens={"inschrijving": inschrijving.pk},
    )
    log_toegang(
        gebruiker=door,
        actie=Toegangslog.Actie.AANMAKEN,
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
        omschrijving="inschrijving bij aanbieder",
    )
    return inschrijving


def _controleer_volgorde(inschrijving: Inschrijving, *, naar: str, datum: dt.date) -> None:
    """A step of the chain cannot lie in the future, nor before the step it follows (start before enrolment…)."""
    if datum > vandaag():
        raise ValidationError(_("De datum kan niet in de toekomst liggen."), code="datum_toekomst")
    aangemeld, intake, gestart = inschrijving.aangemeld_op, inschrijving.intake_op, inschrijving.gestart_op
    einde = [
        (gestart, _("De einddatum (%(datum)s) kan niet vóór de startdatum (%(eerder)s) liggen.")),
        (
            intake or aangemeld,
            _("De einddatum (%(datum)s) kan niet vóór de aanmelddatum of intake (%(eerder)s) liggen."),
        ),
    ]
    eerdere_stappen = {
        S.INTAKE_AANBIEDER: [
            (
                aangemeld,
                _(
                    "De datum van de intake bij de aanbieder (%(datum)s) kan niet vóór de aanmelddatum "
                    "(%(eerder)s) liggen."
                ),
            )
        ],
        S.GESTART: [
            (aangemeld, _("De startdatum (%(datum)s) kan niet vóór de aanmelddatum (%(eerder)s) liggen.")),
            (intake, _("De startdatum (%(datum)s) kan niet vóór de intake bij de aanbieder (%(eerder)s) liggen.")),
        ],
        S.AFGEROND: einde,
        S.AFGEBROKEN: einde,
    }
    for eerder, melding in eerdere_stappen.get(naar, []):
        if eerder and datum < eerder:
            raise ValidationError(
                melding % {"datum": datum_kort(datum), "eerder": datum_kort(eerder)}, code="datum_volgorde"
            )


@transaction.atomic
def wijzig_inschrijving_status(
    inschrijving: Inschrijving,
    *,
    naar: str,
    door,
    op: dt.date | None = None,
    verwachte_versie: int | None = None,
    reden: str = "",
) -> Inschrijving:
    """Move an enrolment along aangemeld → intake bij aanbieder → gestart → afgerond / afgebroken.

    The gemeente's editors, or the provider for its own enrolment of a dossier shared with it."""
    in_scope = dossiers_voor(door).filter(pk=inschrijving.dossier_id).exists()
    if not permissions.mag_inschrijving_bijwerken(door, inschrijving, in_scope=in_scope):
        raise PermissionDenied(_("U mag deze inschrijving niet wijzigen."))
    vers = vergrendel(inschrijving, verwachte_versie=verwachte_versie)
    if naar not in OVERGANGEN[vers.status]:
        raise ValidationError(
            _("Een inschrijving met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": S(vers.status).label, "naar": S(naar).label},
            code="ongeldige_overgang",
        )
    if naar == S.AFGEBROKEN and not reden:
        raise ValidationError(_("Geef de reden van afbreken."), code="reden")
    datum = op or vandaag()
    _controleer_volgorde(vers, naar=naar, datum=datum)
    if naar == S.INTAKE_AANBIEDER:
        vers.intake_op = datum
    elif naar == S.GESTART:
        vers.gestart_op = datum
    else:
        vers.beeindigd_op = datum
        vers.reden_afbreken = reden
    vers.status = naar
    bewaar(vers, door=door)
    log_gebeurtenis(
        vers.dossier,
        soort="aanbod",
        titel=_("%(product)s bij %(aanbieder)s: %(status)s")
        % {"product": vers.get_product_display(), "aanbieder": vers.aanbieder_naam, "status": S(naar).label},
        door=door,
        toelichting=reden,
        gegevens={"inschrijving": vers.pk, "status": naar},
    )
    return vers
