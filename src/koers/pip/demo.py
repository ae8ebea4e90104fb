"""Demo PIPs: a vastgestelde PIP for every dossier past 'PIP vastgesteld' (some with a wijziging), concepts for
part of 'PIP in voorbereiding', and one PIP ter goedkeuring for tl.tilburg. Bulk inserts; PDFs are rendered
lazily on first download (services.zorg_voor_pdf), so 100,000 dossiers stay fast.

The first PIP's dagtekening and route follow the termijnen demo's 'pip_vastgesteld' fact and the intake demo's
route decision when those exist, so deadlines, intake and PIP tell the same story.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction

from koers.accounts.models import Gebruiker
from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.dossiers.status import Afsluitreden, Status
from koers.inburgeraars.models import Doelgroep
from koers.utils.bulk import bulk_invoegen
from koers.utils.clock import nu

from .models import PIP, Beschikkingsreeks, PIPInstelling, PIPOnderdeel, PIPStatus

BATCH = 2000
MET_MOTIVERING_UIT_INTAKE = 500  # real reasons from the intake decision for the first N dossiers only
NA_PIP = (Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND)
ROUTES = [("b1", 58), ("z", 30), ("onderwijs", 12)]
HOOFDDOEL = {"b1": [("werk", 6), ("participatie", 3), ("onderwijs", 1)], "z": [("participatie", 1)]}

_ALGEMENE_MOTIVERING = {
    "b1": (
        "Wij kiezen voor u de B1-route. De leerbaarheidstoets en het gesprek laten zien dat u B1 binnen drie jaar "
        "kunt halen.\n\nB1-route: gekozen. Wel passend: u leert snel en wilt aan het werk.\n\n"
        "Onderwijsroute: niet gekozen. Niet passend: u wilt geen opleiding volgen in Nederland.\n\n"
        "Z-route: niet gekozen. Niet passend: de leerbaarheidstoets geeft aan dat B1 haalbaar is."
    ),
    "z": (
        "Wij kiezen voor u de Z-route (zelfredzaamheidsroute). De leerbaarheidstoets geeft aan dat B1 niet binnen "
        "drie jaar haalbaar is.\n\nB1-route: niet gekozen. Niet passend: B1 is volgens de toets niet haalbaar.\n\n"
        "Onderwijsroute: niet gekozen. Niet passend: de onderwijsroute vraagt B1 of hoger.\n\n"
        "Z-route: gekozen. Wel passend: u leert Nederlands op uw eigen niveau en doet mee in de buurt."
    ),
    "onderwijs": (
        "Wij kiezen voor u de onderwijsroute. U bent jong, heeft een diploma van de middelbare school en wilt "
        "verder leren.\n\nB1-route: niet gekozen. Niet passend: u wilt een opleiding volgen; de onderwijsroute "
        "bereidt u daar beter op voor.\n\nOnderwijsroute: gekozen. Wel passend: leeftijd, opleiding en ambitie.\n\n"
        "Z-route: niet gekozen. Niet passend: de leerbaarheidstoets geeft aan dat B1 haalbaar is."
    ),
}
_AANBIEDERS = ["Taalschool De Brug", "Inburgeringscentrum Achterhoek", "ROC Midden-Brabant"]


def seed_demo(ctx) -> None:
    _instellingen(ctx)
    gebruikers = {g.pk: g for g in Gebruiker.objects.filter(rol__in=["klantmanager", "teamleider"])}
    reeksen: dict[tuple[int, int], int] = {(r.gemeente_id, r.jaar): r.laatste for r in Beschikkingsreeks.objects.all()}
    gemeentecodes = {g.pk: g.gemeentecode for g in ctx.gemeenten}
    reeds = set(PIP.objects.values_list("dossier_id", flat=True))
    ids = [pk for pk in ctx.dossier_ids if pk not in reeds]
    teller = {"motivering": 0}
    for i in range(0, len(ids), BATCH):
        _batch(ctx, ids[i : i + BATCH], gebruikers, reeksen, gemeentecodes, teller)
    for (gemeente_id, jaar), laatste in reeksen.items():
        Beschikkingsreeks.objects.update_or_create(gemeente_id=gemeente_id, jaar=jaar, defaults={"laatste": laatste})
    _ter_goedkeuring(ctx)


def _instellingen(ctx) -> None:
    for gemeente in ctx.gemeenten:
        slug = gemeente.naam.lower().replace(" ", "")
        teamleider = ctx.gebruikers.get(f"tl.{slug}")
        adres = f"College van burgemeester en wethouders van {gemeente.naam}\nt.a.v. team Bezwaar en Beroep"
        if gemeente.naam == "Tilburg":
            adres += "\nPostbus 90155\n5000 LH Tilburg"
        PIPInstelling.objects.get_or_create(
            gemeente=gemeente,
            defaults={
                "vier_ogen": gemeente.naam == "Tilburg",
                "bezwaaradres": adres,
                "ondertekenaar_naam": teamleider.get_full_name() if teamleider else "",
                "ondertekenaar_functie": "Teamleider Inburgering" if teamleider else "",
            },
        )


def _gewogen(rng, paren):
    waarden, gewichten = zip(*paren, strict=True)
    return rng.choices(waarden, weights=gewichten)[0]


def _onderdelen(rng, route: str) -> list[dict]:
    aanbieder = rng.choice(_AANBIEDERS)
    if route == "z":
        return [
            {"soort": "taal", "niveau": "A1", "uren_per_week": 6, "aanbieder": aanbieder},
            {"soort": "participatie", "uren_per_week": 8, "omschrijving": "Vrijwilligerswerk in de wijk"},
            {"soort": "map", "uren_per_week": 2},
            {"soort": "pvt", "uren_per_week": 2},
        ]
    if route == "onderwijs":
        return [
            {"soort": "taal", "niveau": "B1", "uren_per_week": 16, "aanbieder": "ROC Midden-Brabant"},
            {"soort": "overig", "uren_per_week": 6, "omschrijving": "Rekenen, Engels en studievaardigheden"},
            {"soort": "pvt", "uren_per_week": 2},
        ]
    delen = [
        {"soort": "taal", "niveau": "B1", "uren_per_week": rng.choice([10, 12, 15]), "aanbieder": aanbieder},
        {"soort": "knm", "niveau": "", "uren_per_week": 2, "aanbieder": aanbieder},
        {"soort": "map", "uren_per_week": 2},
        {"soort": "pvt", "uren_per_week": 2},
    ]
    if rng.random() < 0.3:
        delen.append({"soort": "duaal", "uren_per_week": 8, "omschrijving": "Werkervaringsplek met taalcoach"})
    return delen


@transaction.atomic
def _batch(ctx, ids, gebruikers, reeksen, gemeentecodes, teller) -> None:
    rng, peildatum = ctx.rng, ctx.peildatum
    rijen = list(
        Dossier.objects.filter(pk__in=ids)
        .exclude(status__in=[Status.AANGEMELD, Status.INTAKE])
        .order_by("pk")
        .values_list(
            "pk", "gemeente_id", "klantmanager_id", "status", "afsluitreden", "aangemeld_op", "inburgeraar__doelgroep"
        )
    )
    if not rijen:
        return
    dossier_ids = [r[0] for r in rijen]
    feiten = _eerste_pip_feiten(dossier_ids)
    besluiten = _routebesluiten(dossier_ids, teller)
    pips: list[PIP] = []
    onderdelen_per_pip: list[list[dict]] = []
    tijdlijn: list[TijdlijnGebeurtenis] = []
    tijdstip = nu()
    for pk, gemeente_id, km_id, status, afsluitreden, aangemeld, doelgroep in rijen:
        na_pip = status in NA_PIP and afsluitreden in ("", Afsluitreden.VOLDAAN, Afsluitreden.TERMIJN_VERSTREKEN)
        concept = status == Status.PIP_IN_VOORBEREIDING and rng.random() < 0.5
        if not (na_pip or concept):
            continue
        feit_datum, feit_route = feiten.get(pk, (None, None))
        besluit_route, motivering = besluiten.get(pk, (None, None))
        route = besluit_route or feit_route or _gewogen(rng, ROUTES)
        km = gebruikers.get(km_id)
        basis = {
            "dossier_id": pk,
            "leerroute": route,
            "route_motivering": motivering or _ALGEMENE_MOTIVERING[route],
            "hoofddoel": "onderwijs" if route == "onderwijs" else _gewogen(rng, HOOFDDOEL[route]),
            "voortgangsgesprek_interval_maanden": 3,
            "contactpersoon_id": km_id,
            "contactpersoon_naam": km.get_full_name() if km else "",
            "contactpersoon_email": km.email if km else "",
            "opgesteld_door_id": km_id,
            "begeleiding": "Maatschappelijke begeleiding door VluchtelingenWerk gedurende het eerste jaar."
            if doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else "",
            "voorwaarde_kinderopvang": "Kinderopvang op lesdagen via de gemeente." if rng.random() < 0.25 else "",
            "voorwaarde_vervoer": "OV-kaart voor de reis naar de taalschool." if rng.random() < 0.4 else "",
            "afspraken": "U komt naar alle lessen. Bent u ziek, dan meldt u zich af bij de taalschool.",
        }
        if concept:
            pips.append(PIP(volgnummer=1, soort="initieel", status=PIPStatus.CONCEPT, **basis))
            onderdelen_per_pip.append(_onderdelen(rng, route))
            continue
        dagtekening = feit_datum or min(
            peildatum - dt.timedelta(days=1), aangemeld + dt.timedelta(days=rng.randint(35, 69))
        )
        ontzorgen = doelgroep == Doelgroep.ASIELSTATUSHOUDER and rng.random() < 0.6
        if ontzorgen:
            basis.update(
                ontzorgen=True,
                ontzorgen_huur=True,
                ontzorgen_energie_water=True,
                ontzorgen_zorgverzekering=rng.random() < 0.8,
                ontzorgen_vanaf=dagtekening + dt.timedelta(days=rng.randint(1, 20)),
                ontzorgen_maanden=6,
            )
        wijziging = status == Status.IN_UITVOERING and rng.random() < 0.08 and (peildatum - dagtekening).days > 120
        eerste = PIP(
            volgnummer=1,
            soort="initieel",
            status=PIPStatus.VERVANGEN if wijziging else PIPStatus.VASTGESTELD,
            beschikkingsnummer=_nummer(reeksen, gemeentecodes, gemeente_id, dagtekening.year),
            dagtekening=dagtekening,
            vastgesteld_door_id=km_id,
            **basis,
        )
        pips.append(eerste)
        delen = _onderdelen(rng, route)
        onderdelen_per_pip.append(delen)
        tijdlijn.append(_gebeurtenis(pk, eerste, tijdstip, peildatum, "PIP vastgesteld: beschikking %s"))
        if wijziging:
            datum2 = dagtekening + dt.timedelta(days=rng.randint(60, min(400, (peildatum - dagtekening).days - 1)))
            afschalen = route == "b1" and rng.random() < 0.5
            tweede_basis = dict(basis)
            tweede = PIP(
                volgnummer=2,
                soort="wijziging",
                wijzigingsreden="afschalen" if afschalen else "overig",
                wijziging_toelichting="Na 600 uur les is spreken op B1 niet haalbaar; spreken wordt A2."
                if afschalen
                else "Meer uren participatie naast de taallessen.",
                status=PIPStatus.VASTGESTELD,
                beschikkingsnummer=_nummer(reeksen, gemeentecodes, gemeente_id, datum2.year),
                dagtekening=datum2,
                vastgesteld_door_id=km_id,
                **tweede_basis,
            )
            pips.append(tweede)
            tweede_delen = [dict(d) for d in delen]
            if afschalen:
                tweede_delen[0]["niveaus_per_vaardigheid"] = {"spreken": "A2"}
            else:
                tweede_delen.append({"soort": "participatie", "uren_per_week": 4, "omschrijving": "Taalcafé"})
            onderdelen_per_pip.append(tweede_delen)
            tijdlijn.append(_gebeurtenis(pk, tweede, tijdstip, peildatum, "Wijzigingsbeschikking PIP vastgesteld: %s"))
    bulk_invoegen(PIP, pips, batch_size=1000)
    bulk_invoegen(
        PIPOnderdeel,
        [
            PIPOnderdeel(pip=pip, volgorde=n, **deel)
            for pip, delen in zip(pips, onderdelen_per_pip, strict=True)
            for n, deel in enumerate(delen, start=1)
        ],
        batch_size=2000,
    )
    bulk_invoegen(TijdlijnGebeurtenis, tijdlijn, batch_size=2000)


def _nummer(reeksen, gemeentecodes, gemeente_id: int, jaar: int) -> str:
    reeksen[(gemeente_id, jaar)] = reeksen.get((gemeente_id, jaar), 0) + 1
    return f"PIP-{gemeentecodes[gemeente_id]}-{jaar}-{reeksen[(gemeente_id, jaar)]:06d}"


def _gebeurtenis(dossier_id, pip: PIP, tijdstip, peildatum, titel: str) -> TijdlijnGebeurtenis:
    return TijdlijnGebeurtenis(
        dossier_id=dossier_id,
        soort="pip_vastgesteld",
        titel=titel % pip.beschikkingsnummer,
        tijdstip=tijdstip - dt.timedelta(days=(peildatum - pip.dagtekening).days),
        gegevens={"beschikkingsnummer": pip.beschikkingsnummer},
    )


def _eerste_pip_feiten(dossier_ids) -> dict[int, tuple[dt.date, str | None]]:
    """The termijnen demo's first-PIP facts (dagtekening, route), if that app seeded them."""
    try:
        from koers.termijnen.models import Termijnfeit
    except ImportError:
        return {}
    uit: dict[int, tuple[dt.date, str | None]] = {}
    for dossier_id, datum, gegevens in Termijnfeit.objects.filter(
        dossier_id__in=dossier_ids, soort="pip_vastgesteld"
    ).values_list("dossier_id", "datum", "gegevens"):
        if (gegevens or {}).get("eerste", True) and dossier_id not in uit:
            uit[dossier_id] = (datum, (gegevens or {}).get("route"))
    return uit


def _routebesluiten(dossier_ids, teller) -> dict[int, tuple[str, str | None]]:
    """The intake demo's route decisions; the full reasons (every route weighed) for the first few hundred."""
    from koers.intake.models import RouteBesluit

    from .motivering import motivering_uit_besluit

    uit: dict[int, tuple[str, str | None]] = {}
    besluiten = defaultdict(list)
    for dossier_id, besluit_id, route in RouteBesluit.objects.filter(intake__dossier_id__in=dossier_ids).values_list(
        "intake__dossier_id", "pk", "route"
    ):
        besluiten[dossier_id].append((besluit_id, route))
    volledig = []
    for dossier_id, lijst in besluiten.items():
        besluit_id, route = max(lijst)
        uit[dossier_id] = (route, None)
        if teller["motivering"] < MET_MOTIVERING_UIT_INTAKE:
            teller["motivering"] += 1
            volledig.append(besluit_id)
    for besluit in RouteBesluit.objects.filter(pk__in=volledig).select_related("advies", "intake"):
        uit[besluit.intake.dossier_id] = (besluit.route, motivering_uit_besluit(besluit))
    return uit


def _ter_goedkeuring(ctx) -> None:
    """One concept of km.tilburg offered for approval, so tl.tilburg has something in 'Mijn goedkeuringen'."""
    km = ctx.gebruikers.get("km.tilburg")
    if km is None:
        return
    pip = (
        PIP.objects.filter(status=PIPStatus.CONCEPT, dossier__gemeente_id=km.gemeente_id, dossier__klantmanager=km)
        .order_by("dossier_id")
        .first()
    )
    if pip is None:
        return
    PIP.objects.filter(pk=pip.pk).update(
        status=PIPStatus.TER_GOEDKEURING, ingediend_door=km, ingediend_op=nu(), opgesteld_door=km
    )
    TijdlijnGebeurtenis.objects.create(
        dossier_id=pip.dossier_id,
        soort="pip",
        titel="PIP ter goedkeuring aangeboden aan de teamleider",
        door=km,
        tijdstip=nu(),
    )
