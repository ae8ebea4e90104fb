"""Demo data for the brede intake: intakes for every dossier past 'aangemeld', and for dossiers from
'PIP in voorbereiding' on an LBT, a route advice and a decision. Bulk inserts; detailed answers and
conversations only for the first ``DETAIL`` dossiers so 100,000 dossiers stay fast."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from koers.dossiers.models import Dossier, TijdlijnGebeurtenis
from koers.dossiers.status import Status
from koers.utils.bulk import bulk_invoegen

from . import invoer as codes
from .advies import AdviesInvoer, LbtUitkomst, Leerroute, adviseer, regelset_op
from .models import (
    Antwoord,
    Antwoordtype,
    BredeIntake,
    IntakeGesprek,
    Leerbaarheidstoets,
    Plaats,
    RouteAdvies,
    RouteBesluit,
    Uitnodiging,
)
from .privacy import tijdlijn_samenvatting
from .selectors import geldende_vragenlijst

DETAIL = 2000
CHUNK = 2000
NA_INTAKE = {Status.PIP_IN_VOORBEREIDING, Status.PIP_VASTGESTELD, Status.IN_UITVOERING, Status.AFGEROND}

TEKSTEN = {
    "werk_ervaring": [
        "Zes jaar kapper in Aleppo.",
        "Landbouw op het familiebedrijf.",
        "Verkoper in een winkel.",
        "Geen betaald werk; zorgde voor het gezin.",
        "Vrachtwagenchauffeur, acht jaar.",
    ],
    "taal_moedertaal": [
        "Arabisch; ook wat Engels.",
        "Tigrinya en Amhaars.",
        "Dari en Farsi.",
        "Turks.",
        "Oekraïens en Russisch.",
    ],
    "gezondheid_lichamelijk": ["Geen bijzonderheden.", "Rugklachten; lang zitten is lastig.", "Geen bijzonderheden."],
    "gezondheid_psychisch": [
        "Geen bijzonderheden.",
        "Slaapt slecht; huisarts is op de hoogte.",
        "Geen bijzonderheden.",
    ],
    "persoonlijk_omstandigheden": [
        "Geen.",
        "Zorgt voor een zieke moeder in Nederland.",
        "Familie nog in het land van herkomst.",
    ],
    "gezin_samenstelling": [
        "Alleenstaand.",
        "Gehuwd, twee kinderen van 3 en 7.",
        "Gehuwd, partner ook inburgeringsplichtig.",
    ],
    "netwerk_contacten": [
        "Neef in Tilburg, buren helpen.",
        "Nog weinig contacten.",
        "Kerkgemeenschap en vrijwilliger van VluchtelingenWerk.",
    ],
    "ambitie_werkwens": [
        "Weer als kapper werken.",
        "Verpleegkundige worden.",
        "Chauffeur, eerst rijbewijs halen.",
        "Opleiding ICT volgen.",
    ],
    "ambitie_motivatie": [
        "Zeer gemotiveerd; wil snel Nederlands leren.",
        "Gemotiveerd, maar zorgen om familie.",
        "Wil graag, heeft steun nodig bij plannen.",
    ],
}


def _invoer(rng, leeftijd: int, doelgroep: str, *, met_score: bool) -> tuple[AdviesInvoer, dict]:
    opleiding = rng.choices(["geen", "basis", "voortgezet", "mbo", "hbo_wo"], weights=[8, 17, 35, 20, 20])[0]
    geletterd = (
        "niet_gealfabetiseerd"
        if opleiding == "geen" and rng.random() < 0.6
        else rng.choice(["gealfabetiseerd_latijns", "gealfabetiseerd_ander_schrift"])
    )
    ambitie = rng.choices(["werk", "onderwijs", "participatie"], weights=[55, 25 if leeftijd < 30 else 8, 20])[0]
    gezondheid = rng.random() < 0.12
    lbt = rng.choices(list(LbtUitkomst), weights=[65, 18, 12, 3])[0]
    score = rng.randint(40, 200) if lbt.heeft_uitslag and met_score else None  # fewer distinct inputs: cache hits
    nt2 = True if rng.random() < 0.05 else None
    invoer = AdviesInvoer(
        leeftijd=leeftijd,
        doelgroep=doelgroep,
        lbt=lbt,
        opleidingsniveau=opleiding,
        geletterdheid=geletterd,
        ambitie=ambitie,
        gezondheidsbeperking_leren=gezondheid,
        lbt_score=score,
        heeft_nt2_of_a2_niveau=nt2,
    )
    antwoorden = {
        codes.CODE_OPLEIDINGSNIVEAU: opleiding,
        codes.CODE_GELETTERDHEID: geletterd,
        codes.CODE_AMBITIE: ambitie,
        codes.CODE_GEZONDHEID_LEREN: gezondheid,
        codes.CODE_NT2_A2: nt2,
    }
    return invoer, antwoorden


def _antwoord(rng, vraag, vast: dict):
    if vraag.code in vast:
        return vast[vraag.code]
    if vraag.code in TEKSTEN:
        return rng.choice(TEKSTEN[vraag.code])
    if vraag.antwoordtype == Antwoordtype.JA_NEE:
        return rng.random() < 0.4
    if vraag.antwoordtype == Antwoordtype.KEUZE:
        return rng.choice(vraag.keuzelijst)[0]
    if vraag.antwoordtype == Antwoordtype.GETAL:
        return rng.randint(0, 14)
    if vraag.verplicht:
        return "Besproken; geen bijzonderheden."
    return None


def seed_demo(ctx) -> None:
    vragenlijst = geldende_vragenlijst(ctx.peildatum)
    if vragenlijst is None:
        return
    vragen = list(vragenlijst.vragen.all())
    ids = sorted(ctx.dossier_ids)
    gedetailleerd = 0
    adviezen_cache: dict[AdviesInvoer, tuple[str, dict]] = {}
    for start in range(0, len(ids), CHUNK):
        rijen = list(
            Dossier.objects.filter(pk__in=ids[start : start + CHUNK])
            .exclude(status=Status.AANGEMELD)
            .values_list(
                "pk",
                "status",
                "aangemeld_op",
                "klantmanager_id",
                "inburgeraar__geboortedatum",
                "inburgeraar__doelgroep",
                "inburgeraar__tolk_nodig",
                "inburgeraar__tolk_taal",
            )
        )
        gedetailleerd = _seed_chunk(ctx, rijen, vragenlijst, vragen, gedetailleerd, adviezen_cache)


@transaction.atomic
def _seed_chunk(ctx, rijen, vragenlijst, vragen, gedetailleerd: int, cache) -> int:
    rng = ctx.rng
    peil = ctx.peildatum
    tz = dt.UTC
    intakes, meta = [], []
    for pk, status, aangemeld, km, geboren, doelgroep, tolk, taal in rijen:
        start = min(peil, aangemeld + dt.timedelta(days=rng.randint(3, 14)))
        klaar = status in NA_INTAKE
        afgerond = min(peil, start + dt.timedelta(days=rng.randint(10, 35))) if klaar else None
        intakes.append(
            BredeIntake(
                dossier_id=pk,
                vragenlijst=vragenlijst,
                status=BredeIntake.Status.AFGEROND if klaar else BredeIntake.Status.CONCEPT,
                gestart_op=dt.datetime.combine(start, dt.time(10), tz),
                gestart_door_id=km,
                afgerond_op=dt.datetime.combine(afgerond, dt.time(16), tz) if afgerond else None,
                afgerond_door_id=km if klaar else None,
            )
        )
        leeftijd = codes.leeftijd_op(geboren, peil)
        meta.append((pk, km, start, afgerond, leeftijd, doelgroep, tolk, taal, klaar))
    bulk_invoegen(BredeIntake, intakes, batch_size=1000)

    antwoorden, gesprekken, toetsen, adviezen, gebeurtenissen = [], [], [], [], []
    invoeren = []
    for intake, (pk, km, start, afgerond, leeftijd, doelgroep, tolk, taal, klaar) in zip(intakes, meta, strict=True):
        invoer, vast = _invoer(rng, max(18, leeftijd), doelgroep, met_score=gedetailleerd < DETAIL)
        invoeren.append(invoer)
        gestart = dt.datetime.combine(start, dt.time(10), tz)
        gebeurtenissen.append(
            TijdlijnGebeurtenis(
                dossier_id=pk,
                soort="intake",
                titel=f"Brede intake gestart (vragenlijst versie {vragenlijst.nummer})",
                door_id=km,
                tijdstip=gestart,
            )
        )
        if gedetailleerd < DETAIL:
            gedetailleerd += 1
            for vraag in vragen:
                if not klaar and rng.random() < 0.4:
                    continue  # a draft: part of the questions answered so far
                waarde = _antwoord(rng, vraag, vast)
                if waarde is not None:
                    antwoorden.append(Antwoord(intake=intake, vraag=vraag, waarde=waarde))
            gesprekken.append(
                IntakeGesprek(
                    intake=intake,
                    gepland_op=gestart,
                    plaats=rng.choice([Plaats.AZC, Plaats.GEMEENTE]),
                    gehouden=True,
                    tolk_ingezet=tolk and bool(taal),
                    tolk_taal=taal if tolk else "",
                    notities="Kennismaking en eerste deel van de vragenlijst.",
                )
            )
        if klaar:
            lbt = invoer.lbt
            toetsen.append(
                Leerbaarheidstoets(
                    intake=intake,
                    uitkomst=lbt.value,
                    score=invoer.lbt_score,
                    datum=start if lbt.heeft_uitslag else None,
                    afgenomen_in=rng.choice(["azc", "gemeente"]) if lbt.heeft_uitslag else "",
                    dispensatie_grond=rng.choice(["visueel", "auditief"]) if lbt is LbtUitkomst.DISPENSATIE else "",
                    besluit_datum=start if lbt is LbtUitkomst.DISPENSATIE else None,
                )
            )
            if invoer not in cache:
                advies = adviseer(invoer, regelset_op(afgerond))
                cache[invoer] = (advies.route.value, advies.to_dict(), tijdlijn_samenvatting(advies))
            route, gegevens, tijdlijntekst = cache[invoer]
            moment = dt.datetime.combine(afgerond, dt.time(16), tz)
            adviezen.append(
                RouteAdvies(
                    intake=intake,
                    route=route,
                    gegevens=gegevens,
                    regelset_versie=gegevens["regelset_versie"],
                    gemaakt_op=moment,
                    gemaakt_door_id=km,
                )
            )
            gebeurtenissen += [
                TijdlijnGebeurtenis(
                    dossier_id=pk, soort="intake", titel="Brede intake afgerond", door_id=km, tijdstip=moment
                ),
                TijdlijnGebeurtenis(
                    dossier_id=pk,
                    soort="advies",
                    titel=f"Routeadvies gemaakt: "
                    f"{Leerroute(route).label} (regelset versie {gegevens['regelset_versie']})",
                    toelichting=tijdlijntekst,
                    door_id=km,
                    tijdstip=moment,
                ),
            ]
    bulk_invoegen(Antwoord, antwoorden, batch_size=2000)
    bulk_invoegen(IntakeGesprek, gesprekken, batch_size=1000)
    bulk_invoegen(
        Uitnodiging,
        [
            Uitnodiging(gesprek=g, verstuurd_op=g.gepland_op.date() - dt.timedelta(days=7), verschenen="ja")
            for g in gesprekken
        ],
        batch_size=1000,
    )
    bulk_invoegen(Leerbaarheidstoets, toetsen, batch_size=1000)
    bulk_invoegen(RouteAdvies, adviezen, batch_size=500)
    besluiten = []
    for advies in adviezen:
        km = advies.gemaakt_door_id
        if km is None:
            continue
        route, motivatie = advies.route, ""
        if rng.random() < 0.1:
            route = rng.choice([r.value for r in Leerroute if r.value != advies.route])
            motivatie = "Na overleg met de inburgeraar en de taalaanbieder past deze route beter bij de situatie."
        moment = advies.gemaakt_op + dt.timedelta(days=1)
        besluiten.append(
            RouteBesluit(
                intake=advies.intake,
                advies=advies,
                route=route,
                motivatie=motivatie,
                besloten_door_id=km,
                besloten_op=moment,
            )
        )
        gebeurtenissen.append(
            TijdlijnGebeurtenis(
                dossier_id=advies.intake.dossier_id,
                soort="routebesluit",
                titel=f"Leerroute gekozen: {Leerroute(route).label}"
                + (" (volgens het advies)" if route == advies.route else " (afwijkend van het advies)"),
                toelichting=motivatie,
                door_id=km,
                tijdstip=moment,
            )
        )
    bulk_invoegen(RouteBesluit, besluiten, batch_size=1000)
    bulk_invoegen(TijdlijnGebeurtenis, gebeurtenissen, batch_size=2000)
    return gedetailleerd
