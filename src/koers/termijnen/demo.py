"""Demo deadlines: start facts for every dossier, a first PIP for dossiers past that point, then the deadlines,
computed per dossier with the pure engine and inserted in bulk (no query per dossier)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from koers.dossiers.models import Dossier
from koers.dossiers.status import Status
from koers.inburgeraars.models import Doelgroep
from koers.utils.bulk import bulk_invoegen

from . import afleiding
from .afleiding import Feit
from .engine.berekening import voortgangsgesprekken
from .models import Feitsoort, Termijn, Termijnfeit
from .services import gelijkgestelde_dagen, instelling_voor, vul_termijn

BATCH = 2000
NA_PIP = {Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND}
VOOR_PIP = {Status.AANGEMELD, Status.INTAKE, Status.PIP_IN_VOORBEREIDING}
ROUTES = [("b1", 55), ("z", 30), ("onderwijs", 15)]


def seed_demo(ctx) -> None:
    extra = gelijkgestelde_dagen()
    instellingen: dict[int, afleiding.Instelling] = {}
    km = ctx.gebruikers.get("km.tilburg")
    # The demo login's first open dossiers before the PIP get a PIP deadline overdue, then one within 2 weeks.
    ctx.termijnen_voorbeeld = {"km_id": km.pk if km else None, "verschuivingen": [-3, 5, 9, -12]}
    reeds = set(Termijnfeit.objects.filter(soort=Feitsoort.STARTGEBEURTENIS).values_list("dossier_id", flat=True))
    ids = [pk for pk in ctx.dossier_ids if pk not in reeds]
    for i in range(0, len(ids), BATCH):
        rijen = list(
            Dossier.objects.filter(pk__in=ids[i : i + BATCH])
            .order_by("pk")
            .values_list("pk", "gemeente_id", "klantmanager_id", "status", "aangemeld_op", "inburgeraar__doelgroep")
        )
        _batch(ctx, rijen, instellingen, extra)


@transaction.atomic
def _batch(ctx, rijen, instellingen, extra) -> None:
    rng, peildatum = ctx.rng, ctx.peildatum
    feiten, termijnen = [], []
    for pk, gemeente_id, km_id, status, aangemeld, doelgroep in rijen:
        if gemeente_id not in instellingen:
            instellingen[gemeente_id] = instelling_voor(gemeente_id)
        instelling = instellingen[gemeente_id]
        eigen = [_start(ctx, km_id, status, aangemeld, instelling)]
        if status in NA_PIP:
            dagtekening = min(peildatum - dt.timedelta(days=1), aangemeld + dt.timedelta(days=rng.randint(35, 69)))
            route = _route(rng)
            eigen.append(Feit(Feitsoort.PIP_VASTGESTELD, dagtekening, {"route": route, "eerste": True}))
            if doelgroep == Doelgroep.ASIELSTATUSHOUDER and rng.random() < 0.6:
                eigen.append(Feit(Feitsoort.ONTZORGEN_START, dagtekening + dt.timedelta(days=rng.randint(1, 20)), {}))
            eigen.extend(_gesprekken(rng, dagtekening, peildatum, instelling))
        elif status == Status.PIP_IN_VOORBEREIDING and rng.random() < 0.25:
            eigen.append(Feit(Feitsoort.INFO_GEVRAAGD, aangemeld + dt.timedelta(days=rng.randint(20, 40)), {}))
        for f in eigen:
            feiten.append(Termijnfeit(dossier_id=pk, soort=f.soort, datum=f.datum, gegevens=dict(f.gegevens)))
        for a in afleiding.leid_af(eigen, instelling, extra):
            termijnen.append(
                vul_termijn(
                    Termijn(dossier_id=pk, soort=a.soort),
                    a,
                    gemeente_id=gemeente_id,
                    klantmanager_id=km_id,
                    afgesloten=status == Status.AFGEROND,
                )
            )
    bulk_invoegen(Termijnfeit, feiten, batch_size=BATCH)
    bulk_invoegen(Termijn, termijnen, batch_size=BATCH)


def _start(ctx, km_id, status, aangemeld: dt.date, instelling) -> Feit:
    voorbeeld = ctx.termijnen_voorbeeld
    if km_id and km_id == voorbeeld["km_id"] and status in VOOR_PIP and voorbeeld["verschuivingen"]:
        # A DUO kennisgeving dated so the 10-week PIP term ends a few days from the demo's peildatum.
        datum = ctx.peildatum - dt.timedelta(weeks=10) + dt.timedelta(days=voorbeeld["verschuivingen"].pop(0))
        return Feit(Feitsoort.STARTGEBEURTENIS, datum, {"gebeurtenis": "kennisgeving"})
    return Feit(Feitsoort.STARTGEBEURTENIS, aangemeld, {"gebeurtenis": instelling.pip_startgebeurtenis})


def _route(rng) -> str:
    return rng.choices([r for r, _w in ROUTES], weights=[w for _r, w in ROUTES])[0]


def _gesprekken(rng, dagtekening: dt.date, peildatum: dt.date, instelling) -> list[Feit]:
    """Most planned voortgangsgesprekken that have passed were held; about a third of dossiers are one behind."""
    begin = dagtekening + dt.timedelta(days=1)
    gepland = voortgangsgesprekken(
        start=begin, tot=peildatum, interval_maanden=instelling.voortgangsgesprek_interval_maanden
    )
    gehouden = gepland[:-1] if gepland and rng.random() < 0.35 else gepland
    return [
        Feit(Feitsoort.VOORTGANGSGESPREK_GEHOUDEN, min(peildatum, d + dt.timedelta(days=rng.randint(-10, 5))), {})
        for d in gehouden
    ]
