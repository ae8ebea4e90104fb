"""The transfer package for a person who moves: export from one Koers installation, import into another.

The package is plain JSON with a schema version. Import keeps the leerroute and copies enrolments, hours, exams,
PVT, MAP, ontzorgen and conversations as imported records, in a new dossier of the receiving gemeente.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Gemeente, Ketenpartner
from koers.audit.models import Toegangslog
from koers.audit.services import log_toegang
from koers.dossiers.models import Dossier
from koers.dossiers.services import log_gebeurtenis
from koers.dossiers.status import Status
from koers.inburgeraars.models import Gezinslid, Inburgeraar
from koers.inburgeraars.services import PERSOONSVELDEN, maak_inburgeraar
from koers.utils.bulk import bulk_invoegen
from koers.utils.clock import nu, vandaag

from . import bronnen
from .models import (
    MAP,
    PVT,
    Examenresultaat,
    Inschrijving,
    Ontzorgingsbetaling,
    Ontzorgingsplan,
    Overdracht,
    Urenregistratie,
    Voortgangsgesprek,
)

SCHEMA = "koers-overdracht"
SCHEMA_VERSIE = 1
_INSCHRIJVING_VELDEN = ("aanbieder_naam", "aanbieder_keurmerk", "product", "status", "reden_afbreken")
_INSCHRIJVING_DATA = ("aangemeld_op", "intake_op", "gestart_op", "beeindigd_op")
_UREN = ("uren_gevolgd", "uren_geoorloofd_afwezig", "uren_ongeoorloofd_afwezig", "in_persoon_uren")

_OVERDRACHT = "Overgenomen bij overdracht van een andere gemeente"


def _d(waarde: dt.date | None) -> str | None:
    return waarde.isoformat() if waarde else None


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def _pip(dossier) -> dict:
    """The PIP summary; a dossier received by transfer without its own PIP yet passes on the one it received."""
    if bronnen.geldend_pip(dossier) is None:
        ontvangen = dossier.overdrachten.filter(richting=Overdracht.Richting.IN).first()
        if ontvangen is not None:
            return ontvangen.pakket.get("pip", {})
    return bronnen.pip_samenvatting(dossier)


def exporteer_overdracht(dossier: Dossier) -> dict:
    """Everything the next gemeente needs about this person and trajectory, JSON-serialisable."""
    persoon = dossier.inburgeraar
    inschrijvingen = []
    for i in dossier.inschrijvingen.prefetch_related("uren").order_by("aangemeld_op", "pk"):
        inschrijvingen.append(
            {
                **{v: getattr(i, v) for v in _INSCHRIJVING_VELDEN},
                **{v: _d(getattr(i, v)) for v in _INSCHRIJVING_DATA},
                "uren": [
                    {"periode": _d(u.periode), "soort": u.soort, **{v: str(getattr(u, v)) for v in _UREN}}
                    for u in sorted(i.uren.all(), key=lambda u: (u.periode, u.soort))
                ],
            }
        )
    pvt = PVT.objects.filter(dossier=dossier).first()
    module = MAP.objects.filter(dossier=dossier).first()
    plan = Ontzorgingsplan.objects.filter(dossier=dossier).first()
    return {
        "schema": SCHEMA,
        "schema_versie": SCHEMA_VERSIE,
        "herkomst": {
            "gemeente": dossier.gemeente.naam,
            "gemeentecode": dossier.gemeente.gemeentecode,
            "dossier": dossier.pk,
            "geexporteerd_op": nu().isoformat(),
        },
        "persoon": {
            v: (_d(getattr(persoon, v)) if v == "geboortedatum" else getattr(persoon, v)) for v in PERSOONSVELDEN
        },
        "huishouden": [
            {"soort": g.soort, "naam": g.naam, "geboortedatum": _d(g.geboortedatum)}
            for g in persoon.gezinsleden.order_by("soort", "naam", "pk")
        ],
        "dossier": {"status": dossier.status, "aangemeld_op": _d(dossier.aangemeld_op)},
        "pip": _pip(dossier),
        "inschrijvingen": inschrijvingen,
        "examens": [
            {
                "onderdeel": e.onderdeel,
                "niveau": e.niveau,
                "datum": _d(e.datum),
                "resultaat": e.resultaat,
                "poging": e.poging,
                "gratis": e.gratis,
            }
            for e in dossier.examenresultaten.order_by("onderdeel", "poging")
        ],
        "pvt": {"resultaat": pvt.resultaat, "ondertekend_op": _d(pvt.ondertekend_op), "verwijtbaar": pvt.verwijtbaar}
        if pvt
        else None,
        "map": {
            "resultaat": module.resultaat,
            "eindgesprek_op": _d(module.eindgesprek_op),
            "reden": module.reden,
            "verwijtbaar": module.verwijtbaar,
        }
        if module
        else None,
        "ontzorgen": {
            "start": _d(plan.start),
            "maanden": plan.maanden,
            "maatwerk_reden": plan.maatwerk_reden,
            "afbouwplan": plan.afbouwplan,
            "regel": plan.regel,
            "betalingen": [
                {
                    "maand": _d(b.maand),
                    "kostensoort": b.kostensoort,
                    "begunstigde": b.begunstigde,
                    "iban": b.iban,
                    "bedrag": str(b.bedrag),
                    "status": b.status,
                }
                for b in plan.betalingen.order_by("maand", "kostensoort")
            ],
        }
        if plan
        else None,
        "voortgangsgesprekken": [
            {
                "gepland_op": _d(g.gepland_op),
                "gehouden_op": _d(g.gehouden_op),
                "status": g.status,
                "notities": g.notities,
                "afspraken": g.afspraken,
            }
            for g in dossier.voortgangsgesprekken.order_by("gepland_op", "pk")
        ],
    }


@transaction.atomic
def registreer_export(dossier: Dossier, *, door, nieuwe_gemeente: str = "") -> Overdracht:
    """Export the package and record that it was sent (needed before closing as 'verhuisd'); the record holds the
    package as sent (``.pakket``)."""
    pakket = exporteer_overdracht(dossier)
    overdracht = Overdracht.objects.create(
        dossier=dossier,
        richting=Overdracht.Richting.UIT,
        schema_versie=SCHEMA_VERSIE,
        leerroute=pakket["pip"].get("leerroute", ""),
        pakket=pakket,  # what was sent, as it was sent: the record of the handover and its download page
        door=door,
    )
    log_gebeurtenis(
        dossier,
        soort="overdracht",
        titel=_("Overdrachtspakket geëxporteerd") + (f" ({nieuwe_gemeente})" if nieuwe_gemeente else ""),
        door=door,
    )
    if door is not None:
        log_toegang(
            gebruiker=door,
            actie=Toegangslog.Actie.EXPORTEREN,
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
            omschrijving="overdrachtspakket verhuizing",
        )
    return overdracht


def _persoon(data: dict, *, door) -> Inburgeraar:
    gegevens = dict(data["persoon"])
    gegevens["geboortedatum"] = _datum(gegevens["geboortedatum"])
    if gegevens.get("bsn"):
        bestaand = Inburgeraar.objects.filter(bsn=gegevens["bsn"], samengevoegd_in__isnull=True).first()
        if bestaand is not None:
            return bestaand
    persoon = maak_inburgeraar(door=door, **gegevens)
    bulk_invoegen(
        Gezinslid,
        [
            Gezinslid(inburgeraar=persoon, soort=g["soort"], naam=g["naam"], geboortedatum=_datum(g["geboortedatum"]))
            for g in data.get("huishouden", [])
        ],
        door=door,
        reden=_OVERDRACHT,
    )
    return persoon


@transaction.atomic
def importeer_overdracht(data: dict, *, gemeente: Gemeente, door=None) -> Dossier:
    """Create (or match by BSN) the person and a dossier in ``gemeente`` with everything from the package."""
    if data.get("schema") != SCHEMA or data.get("schema_versie") != SCHEMA_VERSIE:
        raise ValidationError(_("Dit is geen overdrachtspakket van Koers met schemaversie %s.") % SCHEMA_VERSIE)
    persoon = _persoon(data, door=door)
    if Dossier.objects.filter(inburgeraar=persoon, gemeente=gemeente).exists():
        raise ValidationError(_("Deze persoon heeft al een dossier bij %s.") % gemeente, code="bestaat")
    status = data["dossier"]["status"]
    dossier = Dossier(
        inburgeraar=persoon,
        gemeente=gemeente,
        status=status if status != Status.AFGEROND else Status.IN_UITVOERING,
        aangemeld_op=_datum(data["dossier"]["aangemeld_op"]) or vandaag(),
    )
    dossier._history_user = door
    dossier.save()
    partners = {k.naam: k for k in Ketenpartner.objects.all()}
    for i in data.get("inschrijvingen", []):
        inschrijving = Inschrijving.objects.create(
            dossier=dossier,
            ketenpartner=partners.get(i["aanbieder_naam"]),
            geimporteerd=True,
            **{v: i[v] for v in _INSCHRIJVING_VELDEN},
            **{v: _datum(i[v]) for v in _INSCHRIJVING_DATA},
        )
        bulk_invoegen(
            Urenregistratie,
            [
                Urenregistratie(
                    inschrijving=inschrijving,
                    periode=_datum(u["periode"]),
                    soort=u["soort"],
                    bron=Urenregistratie.Bron.OVERDRACHT,
                    **{v: Decimal(u[v]) for v in _UREN},
                )
                for u in i["uren"]
            ],
            door=door,
            reden=_OVERDRACHT,
        )
    bulk_invoegen(
        Examenresultaat,
        [
            Examenresultaat(dossier=dossier, geimporteerd=True, **{**e, "datum": _datum(e["datum"])})
            for e in data.get("examens", [])
        ],
        door=door,
        reden=_OVERDRACHT,
    )
    if p := data.get("pvt"):
        PVT.objects.create(dossier=dossier, **{**p, "ondertekend_op": _datum(p["ondertekend_op"])})
    if m := data.get("map"):
        MAP.objects.create(dossier=dossier, **{**m, "eindgesprek_op": _datum(m["eindgesprek_op"])})
    if o := data.get("ontzorgen"):
        plan = Ontzorgingsplan.objects.create(
            dossier=dossier,
            start=_datum(o["start"]),
            **{k: o[k] for k in ("maanden", "maatwerk_reden", "afbouwplan", "regel")},
        )
        bulk_invoegen(
            Ontzorgingsbetaling,
            [
                Ontzorgingsbetaling(plan=plan, **{**b, "maand": _datum(b["maand"]), "bedrag": Decimal(b["bedrag"])})
                for b in o["betalingen"]
            ],
            door=door,
            reden=_OVERDRACHT,
        )
    bulk_invoegen(
        Voortgangsgesprek,
        [
            Voortgangsgesprek(
                dossier=dossier,
                **{**g, "gepland_op": _datum(g["gepland_op"]), "gehouden_op": _datum(g["gehouden_op"])},
            )
            for g in data.get("voortgangsgesprekken", [])
        ],
        door=door,
        reden=_OVERDRACHT,
    )
    Overdracht.objects.create(
        dossier=dossier,
        richting=Overdracht.Richting.IN,
        schema_versie=SCHEMA_VERSIE,
        leerroute=data.get("pip", {}).get("leerroute", ""),
        pakket={"herkomst": data.get("herkomst", {}), "pip": data.get("pip", {})},
        door=door,
    )
    herkomst = data.get("herkomst", {}).get("gemeente", "?")
    log_gebeurtenis(
        dossier,
        soort="overdracht",
        titel=_("Dossier overgenomen van gemeente %s (verhuizing); leerroute behouden") % herkomst,
        door=door,
    )
    if door is not None:
        log_toegang(
            gebruiker=door,
            actie=Toegangslog.Actie.AANMAKEN,
            inburgeraar_id=persoon.pk,
            dossier_id=dossier.pk,
            omschrijving="overdrachtspakket geïmporteerd",
        )
    return dossier
