"""Demo data for the offer: contracts, classes, enrolments with monthly hours, exams, ontzorgen.

Bulk inserts only; detailed data is capped at a few thousand dossiers so seeding stays fast at 100,000.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from koers.dossiers.models import Dossier
from koers.dossiers.status import Status
from koers.inburgeraars.models import Doelgroep
from koers.utils.bulk import bulk_invoegen

from .models import (
    Contract,
    Examenresultaat,
    Inschrijving,
    Klas,
    Ontzorgingsbetaling,
    Ontzorgingsplan,
    Product,
    Urenregistratie,
)

MAX_DOSSIERS = 3000
LASTEN = [
    ("huur", "Woonstichting", "NL91ABNA0417164300", Decimal("612.40")),
    ("energie_water", "Energie en water", "NL20INGB0001234567", Decimal("148.00")),
    ("zorgverzekering", "Zorgverzekeraar", "NL44RABO0123456789", Decimal("139.95")),
]


def _maanden(van: dt.date, tot: dt.date) -> list[dt.date]:
    maand, uit = van.replace(day=1), []
    while maand < tot.replace(day=1) and len(uit) < 30:
        uit.append(maand)
        maand += relativedelta(months=1)
    return uit


def seed_demo(ctx) -> None:
    rng = ctx.rng
    partners = ctx.ketenpartners
    start = ctx.peildatum.replace(month=1, day=1) - relativedelta(years=3)
    contracten = []
    for gemeente in ctx.gemeenten:
        for sleutel, producten in (
            ("debrug", [Product.B1_ROUTE, Product.Z_ROUTE, Product.KNM, Product.MAP]),
            ("achterhoek", [Product.B1_ROUTE, Product.Z_ROUTE, Product.ONDERWIJSROUTE]),
            ("taalpunt", [Product.KNM, Product.PVT]),
        ):
            for product in producten:
                contracten.append(
                    Contract(
                        ketenpartner=partners[sleutel],
                        gemeente=gemeente,
                        product=product,
                        prijs=Decimal("11600") if product in (Product.B1_ROUTE, Product.Z_ROUTE) else Decimal("45"),
                        prijs_per="traject" if product in (Product.B1_ROUTE, Product.Z_ROUTE) else "uur",
                        capaciteit=rng.choice([40, 60, 120]),
                        start=start,
                    )
                )
    bulk_invoegen(Contract, contracten)
    contract_van = {(c.gemeente_id, c.ketenpartner_id, c.product): c for c in contracten}

    dossiers = list(
        Dossier.objects.filter(status=Status.IN_UITVOERING)
        .select_related("inburgeraar", "klantmanager")
        .order_by("pk")[:MAX_DOSSIERS]
    )
    # The enrolment follows the leerroute of the dossier's PIP in force (one query for all of them).
    from koers.pip.models import PIP

    routes = dict(PIP.objects.filter(dossier__in=dossiers, status="vastgesteld").values_list("dossier_id", "leerroute"))
    product_voor_route = {"b1": Product.B1_ROUTE, "z": Product.Z_ROUTE, "onderwijs": Product.ONDERWIJSROUTE}
    tilburg_km = ctx.gebruikers.get("km.tilburg")
    bijna_600 = next(
        (
            d
            for d in dossiers
            if tilburg_km
            and d.klantmanager_id == tilburg_km.pk
            and d.inburgeraar.doelgroep == "asielstatushouder"
            and routes.get(d.pk, "b1") == "b1"
        ),
        None,
    )
    inschrijvingen, plan_uren = [], []
    for d in dossiers:
        sleutel = rng.choice(["debrug", "debrug", "achterhoek"])
        product = product_voor_route.get(routes.get(d.pk, "b1"), Product.B1_ROUTE)
        if d is bijna_600:
            sleutel, product = "debrug", Product.B1_ROUTE
        partner = partners[sleutel]
        aangemeld = max(d.aangemeld_op + dt.timedelta(days=70), ctx.peildatum - dt.timedelta(days=900))
        aangemeld = min(aangemeld, ctx.peildatum - dt.timedelta(days=20))
        gestart = aangemeld + dt.timedelta(days=rng.randint(10, 30))
        status = Inschrijving.Status.GESTART if gestart <= ctx.peildatum else Inschrijving.Status.INTAKE_AANBIEDER
        inschrijvingen.append(
            Inschrijving(
                dossier=d,
                contract=contract_van.get((d.gemeente_id, partner.pk, product)),
                ketenpartner=partner,
                aanbieder_naam=partner.naam,
                aanbieder_keurmerk=partner.keurmerk,
                product=product,
                status=status,
                aangemeld_op=aangemeld,
                intake_op=aangemeld + dt.timedelta(days=7),
                gestart_op=gestart if status == Inschrijving.Status.GESTART else None,
            )
        )
        plan_uren.append(d is bijna_600)
    bulk_invoegen(Inschrijving, inschrijvingen, batch_size=1000)

    uren = []
    for inschrijving, is_bijna in zip(inschrijvingen, plan_uren, strict=True):
        if not inschrijving.gestart_op:
            continue
        maanden = _maanden(inschrijving.gestart_op, ctx.peildatum)
        if is_bijna:
            maanden = [ctx.peildatum.replace(day=1) - relativedelta(months=k) for k in range(14, 0, -1)]
        for i, maand in enumerate(maanden):
            gevolgd = Decimal(42) if is_bijna else Decimal(rng.randint(20, 48))
            if is_bijna and i == len(maanden) - 1:
                gevolgd = Decimal(44)  # 13 x 42 + 44 = 590: the next month passes the 600-hour threshold
            uren.append(
                Urenregistratie(
                    inschrijving=inschrijving,
                    periode=maand,
                    soort="taal",
                    uren_gevolgd=gevolgd,
                    in_persoon_uren=(gevolgd * Decimal("0.75")).quantize(Decimal("0.5")),
                    uren_geoorloofd_afwezig=Decimal(rng.choice([0, 0, 2, 4])),
                    uren_ongeoorloofd_afwezig=Decimal(rng.choice([0, 0, 0, 2])),
                    bron=rng.choice(["aanbieder", "klantmanager"]),
                )
            )
            if inschrijving.product == Product.Z_ROUTE:
                uren.append(
                    Urenregistratie(
                        inschrijving=inschrijving,
                        periode=maand,
                        soort="participatie",
                        uren_gevolgd=Decimal(rng.randint(15, 40)),
                        bron="klantmanager",
                    )
                )
    bulk_invoegen(Urenregistratie, uren, batch_size=5000)

    klassen = []
    per_gemeente: dict[tuple[int, int], list[Inschrijving]] = {}
    for inschrijving in inschrijvingen:
        if inschrijving.status == Inschrijving.Status.GESTART and inschrijving.product == Product.B1_ROUTE:
            per_gemeente.setdefault((inschrijving.dossier.gemeente_id, inschrijving.ketenpartner_id), []).append(
                inschrijving
            )
    leden = []
    for (gemeente_id, partner_id), groep in per_gemeente.items():
        for n, begin in enumerate(range(0, min(len(groep), 36), 12)):
            klas = Klas(
                ketenpartner_id=partner_id, gemeente_id=gemeente_id, naam=f"B1-groep {n + 1}", product="b1_route"
            )
            klassen.append((klas, groep[begin : begin + 12]))
    bulk_invoegen(Klas, [k for k, _g in klassen])
    for klas, groep in klassen:
        leden += [Klas.leden.through(klas_id=klas.pk, inschrijving_id=i.pk) for i in groep]
    bulk_invoegen(Klas.leden.through, leden, batch_size=5000)

    examens = []
    for d in dossiers[: MAX_DOSSIERS // 3]:
        if (ctx.peildatum - d.aangemeld_op).days < 400 or d is bijna_600:
            continue
        for poging, onderdeel in enumerate(rng.sample(["lezen", "luisteren", "schrijven", "spreken", "knm"], 2)):
            examens.append(
                Examenresultaat(
                    dossier=d,
                    onderdeel=onderdeel,
                    niveau="" if onderdeel == "knm" else rng.choice(["A2", "B1"]),
                    datum=ctx.peildatum - dt.timedelta(days=rng.randint(20, 200)),
                    resultaat=rng.choice(["behaald", "behaald", "niet_behaald"]),
                    poging=1,
                    gratis=d.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
                )
            )
            del poging
    bulk_invoegen(Examenresultaat, examens, batch_size=2000)

    plannen = []
    for d in dossiers[:1000]:
        if d.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER and rng.random() < 0.3:
            plannen.append(
                Ontzorgingsplan(
                    dossier=d,
                    start=(d.aangemeld_op + relativedelta(months=1)).replace(day=1),
                    maanden=6,
                    afbouwplan="Na zes maanden betaalt de persoon zelf; budgetcoach twee maanden.",
                    regel="ontzorgen@v2",
                )
            )
    bulk_invoegen(Ontzorgingsplan, plannen)
    betalingen = [
        Ontzorgingsbetaling(
            plan=p,
            maand=p.start + relativedelta(months=i),
            kostensoort=soort,
            begunstigde=naam,
            iban=iban,
            bedrag=bedrag,
            status="betaald" if p.start + relativedelta(months=i) < ctx.peildatum.replace(day=1) else "gepland",
        )
        for p in plannen
        for i in range(6)
        for soort, naam, iban, bedrag in LASTEN
    ]
    bulk_invoegen(Ontzorgingsbetaling, betalingen, batch_size=5000)
