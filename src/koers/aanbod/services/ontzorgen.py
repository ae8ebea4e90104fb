"""Ontzorgen: the month-by-month schedule of fixed costs paid on someone's behalf, and the payment list."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from koers.audit.models import Toegangslog
from koers.audit.services import log_toegangen
from koers.dossiers.services import log_gebeurtenis
from koers.inburgeraars.models import Doelgroep
from koers.utils.bulk import bulk_invoegen
from koers.utils.concurrency import bewaar, vergrendel
from koers.utils.datums import datum_kort, datum_nl
from koers.utils.export import veilige_csv_writer

from .. import bronnen, permissions
from ..models import Ontzorgingsbetaling, Ontzorgingsplan
from ..regels import regel

K = Ontzorgingsbetaling.Kostensoort


@dataclass(frozen=True)
class VasteLast:
    """One fixed cost paid each month: kind, payee, IBAN and amount."""

    kostensoort: str
    begunstigde: str
    iban: str
    bedrag: Decimal


def valideer_iban(waarde: str) -> str:
    """The IBAN in compact form, or a ValidationError in Dutch."""
    try:
        return stdnum_iban.validate(waarde)
    except Exception as exc:  # stdnum raises several ValidationError subclasses
        raise ValidationError(_("%s is geen geldig IBAN.") % waarde, code="iban") from exc


@transaction.atomic
def maak_ontzorgingsplan(
    dossier,
    *,
    door,
    start: dt.date,
    lasten: list[VasteLast],
    maanden: int | None = None,
    maatwerk_reden: str = "",
    afbouwplan: str = "",
) -> Ontzorgingsplan:
    """Plan ontzorgen for an asielstatushouder: each fixed cost for each month (6 by law; tailoring with reason)."""
    if not permissions.mag_aanbod_bewerken(door, dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    if dossier.inburgeraar.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        raise ValidationError(
            _("Ontzorgen is alleen voor asielstatushouders; %s is geen asielstatushouder.")
            % dossier.inburgeraar.volledige_naam,
            code="doelgroep",
        )
    if Ontzorgingsplan.objects.filter(dossier=dossier).exists():
        raise ValidationError(_("Dit dossier heeft al een ontzorgingsplan."), code="bestaat")
    start = start.replace(day=1)
    hoofdregel = regel("ontzorgen", start)
    standaard = hoofdregel.parameters["maanden"]
    maanden = maanden or standaard
    if maanden != standaard:
        if not hoofdregel.parameters.get("maatwerk"):
            raise ValidationError(_("Maatwerk in de duur van ontzorgen is op deze datum nog niet toegestaan."))
        if not maatwerk_reden.strip():
            raise ValidationError(
                _("Geef de reden voor maatwerk: het aantal maanden wijkt af van de wettelijke %s.") % standaard,
                code="maatwerk_reden",
            )
    if maanden < 1:
        raise ValidationError(
            _("De ontzorgingsperiode moet ten minste één maand duren; zij eindigt nu vóór haar start."),
            code="maanden",
        )
    einde = start + relativedelta(months=maanden) - dt.timedelta(days=1)
    dagtekening = bronnen.eerste_pip_dagtekening(dossier)
    if dagtekening is not None and einde < dagtekening:
        raise ValidationError(
            _(
                "De ontzorgingsperiode (%(van)s tot en met %(tot)s) eindigt vóór de dagtekening van het PIP "
                "(%(pip)s); ontzorgen hoort bij het PIP."
            )
            % {
                "van": datum_nl(start).split(" ", 1)[1],
                "tot": datum_nl(einde).split(" ", 1)[1],
                "pip": datum_kort(dagtekening),
            },
            code="periode_voor_pip",
        )
    if not lasten:
        raise ValidationError(_("Geef ten minste één vaste last op."), code="lasten")
    if len({last.kostensoort for last in lasten}) != len(lasten):
        raise ValidationError(_("Elke kostensoort mag maar één keer voorkomen."), code="lasten")
    for last in lasten:
        if last.bedrag is None or last.bedrag <= 0:
            raise ValidationError(_("Het bedrag moet groter zijn dan nul."), code="bedrag")
    lasten = [VasteLast(l.kostensoort, l.begunstigde, valideer_iban(l.iban), l.bedrag) for l in lasten]  # noqa: E741
    plan = Ontzorgingsplan(
        dossier=dossier,
        start=start,
        maanden=maanden,
        maatwerk_reden=maatwerk_reden,
        afbouwplan=afbouwplan,
        regel=hoofdregel.sleutel,
    )
    plan._history_user = door
    plan.save()
    bulk_invoegen(
        Ontzorgingsbetaling,
        [
            Ontzorgingsbetaling(
                plan=plan,
                maand=start + relativedelta(months=i),
                kostensoort=last.kostensoort,
                begunstigde=last.begunstigde,
                iban=last.iban,
                bedrag=last.bedrag,
            )
            for i in range(maanden)
            for last in lasten
        ],
        door=door,
        reden="Ontzorgen gepland",
    )
    laatste = start + relativedelta(months=maanden - 1)
    log_gebeurtenis(
        dossier,
        soort="ontzorgen",
        titel=_("Ontzorgen gepland: %(maanden)s maanden, %(van)s tot en met %(tot)s")
        % {
            "maanden": maanden,
            "van": datum_nl(start).split(" ", 1)[1],
            "tot": datum_nl(laatste).split(" ", 1)[1],
        },
        door=door,
        toelichting=maatwerk_reden,
    )
    return plan


@transaction.atomic
def markeer_betaald(betaling: Ontzorgingsbetaling, *, door, verwachte_versie: int | None = None):
    if not permissions.mag_aanbod_bewerken(door, betaling.plan.dossier):
        raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
    vers = vergrendel(betaling, verwachte_versie=verwachte_versie)
    vers.status = Ontzorgingsbetaling.Status.BETAALD
    bewaar(vers, door=door)
    return vers


BETAALLIJST_KOLOMMEN = ["BSN", "naam", "maand", "kostensoort", "begunstigde", "IBAN", "bedrag"]


def betaallijst_csv(betalingen, *, door, pad: str = "") -> str:
    """The payment list for the gemeente's benefits system (CSV, ';'-separated), logged as an export per person.

    Cells go through the shared safe writer: a name like ``=HYPERLINK(...)`` reaches the spreadsheet as text.
    """
    uitvoer = io.StringIO()
    schrijver = veilige_csv_writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(BETAALLIJST_KOLOMMEN)
    gezien: dict[int, int] = {}
    for b in betalingen:
        persoon = b.plan.dossier.inburgeraar
        gezien[b.plan.dossier_id] = persoon.pk
        schrijver.writerow(
            [persoon.bsn, persoon.volledige_naam, f"{b.maand:%Y-%m}", b.kostensoort, b.begunstigde, b.iban, b.bedrag]
        )
    log_toegangen(
        gebruiker=door,
        actie=Toegangslog.Actie.EXPORTEREN,
        personen=[(inburgeraar_id, dossier_id) for dossier_id, inburgeraar_id in gezien.items()],
        gegevenscategorie="financieel",
        omschrijving="betaallijst ontzorgen",
        pad=pad,
    )
    return uitvoer.getvalue()
