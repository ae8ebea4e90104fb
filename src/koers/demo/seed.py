"""Deterministic synthetic demo data: organisations, users with a second factor, people and dossiers.

Bulk inserts throughout, so 100,000 dossiers load on PostgreSQL in minutes (for the benchmarks).
Apps above `dossiers` add their own data through a ``seed_demo(context)`` function in their ``demo`` module.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from koers.accounts.models import Gebruiker, Gemeente, Ketenpartner, Regio
from koers.accounts.roles import Rol
from koers.dossiers.models import Dossier, DossierDeling, TijdlijnGebeurtenis
from koers.dossiers.status import Afsluitreden, Status
from koers.inburgeraars.models import Doelgroep, Geslacht, Gezinslid, Inburgeraar, Koppeling
from koers.utils.bulk import bulk_invoegen
from koers.utils.clock import nu, vandaag

from .namen import AZC_LOCATIES, GEWICHTEN, KLANTMANAGER_NAMEN, POPULATIES, REGIOS, STRATEN

DEMO_WACHTWOORD = "Koers-demo-2026!"
BATCH = 5000

STATUS_GEWICHTEN = [
    (Status.AANGEMELD, 10),
    (Status.INTAKE, 14),
    (Status.PIP_IN_VOORBEREIDING, 10),
    (Status.PIP_VASTGESTELD, 8),
    (Status.IN_UITVOERING, 43),
    (Status.AFGEROND, 15),
]
AFSLUIT_GEWICHTEN = [
    (Afsluitreden.VOLDAAN, 50),
    (Afsluitreden.VERHUISD, 15),
    (Afsluitreden.ONTHEFFING, 8),
    (Afsluitreden.VRIJSTELLING, 8),
    (Afsluitreden.VERTROKKEN, 8),
    (Afsluitreden.TERMIJN_VERSTREKEN, 9),
    (Afsluitreden.OVERLEDEN, 2),
]
# How long ago people in each status typically registered (days): a later status means an older dossier.
LEEFTIJD_DOSSIER = {
    Status.AANGEMELD: (0, 30),
    Status.INTAKE: (10, 60),
    Status.PIP_IN_VOORBEREIDING: (30, 75),
    Status.PIP_VASTGESTELD: (50, 100),
    Status.IN_UITVOERING: (90, 1000),
    Status.AFGEROND: (400, 1450),
}


@dataclass
class DemoContext:
    """What the core seeding made, handed to each app's ``demo.seed_demo`` to build on."""

    rng: random.Random
    peildatum: dt.date
    gemeenten: list[Gemeente]
    gebruikers: dict[str, Gebruiker]
    klantmanagers: dict[int, list[Gebruiker]]
    ketenpartners: dict[str, Ketenpartner]
    dossier_ids: list[int] = field(default_factory=list)
    grootte: int = 0
    logins: list[tuple[str, str, str, list[str]]] = field(default_factory=list)
    duur: dict[str, float] = field(default_factory=dict)  # seconds per part, reported by seed_demo


def gewogen(rng: random.Random, paren):
    waarden, gewichten = zip(*paren, strict=True)
    return rng.choices(waarden, weights=gewichten)[0]


def maak_bsn(rng: random.Random, gebruikt: set[str]) -> str:
    while True:
        romp = str(rng.randint(10000000, 99999999))
        for laatste in range(10):
            kandidaat = romp + str(laatste)
            if stdnum_bsn.is_valid(kandidaat) and kandidaat not in gebruikt:
                gebruikt.add(kandidaat)
                return kandidaat


def organisaties() -> tuple[list[Gemeente], dict[str, Ketenpartner]]:
    gemeenten = []
    for regionaam, leden in REGIOS.items():
        regio, _ = Regio.objects.get_or_create(naam=regionaam)
        for naam, code, _km in leden:
            gemeente, _ = Gemeente.objects.get_or_create(gemeentecode=code, defaults={"naam": naam})
            regio.gemeenten.add(gemeente)
            gemeenten.append(gemeente)
    partners = {
        "coa": ("COA", Ketenpartner.Soort.COA, False, ""),
        "duo": ("DUO", Ketenpartner.Soort.DUO, False, ""),
        "vwn": ("VluchtelingenWerk Zuid-Nederland", Ketenpartner.Soort.MAATSCHAPPELIJKE_BEGELEIDING, False, ""),
        "debrug": ("Taalschool De Brug", Ketenpartner.Soort.TAALAANBIEDER, True, "BOW-INB-1042"),
        "achterhoek": ("Inburgeringscentrum Achterhoek", Ketenpartner.Soort.TAALAANBIEDER, True, "BOW-INB-2210"),
        "taalpunt": ("Taalpunt Zonder Keurmerk", Ketenpartner.Soort.TAALAANBIEDER, False, ""),
    }
    ketenpartners = {}
    for sleutel, (naam, soort, keurmerk, nummer) in partners.items():
        ketenpartners[sleutel], _ = Ketenpartner.objects.get_or_create(
            naam=naam,
            defaults={
                "soort": soort,
                "keurmerk": keurmerk,
                "keurmerk_nummer": nummer,
                "keurmerk_geldig_tot": dt.date(2028, 12, 31) if keurmerk else None,
            },
        )
    return gemeenten, ketenpartners


def _maak_gebruiker(
    ctx: DemoContext, gebruikersnaam: str, voornaam: str, achternaam: str, rol: str, toon: bool = False, **organisatie
) -> Gebruiker:
    gebruiker = Gebruiker.objects.filter(username=gebruikersnaam).first()
    if gebruiker is None:
        gebruiker = Gebruiker(
            username=gebruikersnaam,
            first_name=voornaam,
            last_name=achternaam,
            rol=rol,
            email=f"{gebruikersnaam}@demo.koers.nl",
            is_staff=rol == Rol.FUNCTIONEEL_BEHEERDER,
            **organisatie,
        )
        gebruiker.password = _demo_wachtwoord_hash()
        gebruiker.save()
        if rol == Rol.FUNCTIONEEL_BEHEERDER:
            from django.contrib.auth.models import Permission

            gebruiker.user_permissions.set(
                Permission.objects.filter(
                    content_type__app_label__in=[
                        "audit",
                        "accounts",
                        "inburgeraars",
                        "dossiers",
                        "intake",
                        "pip",
                        "termijnen",
                        "aanbod",
                    ]
                ).exclude(codename__startswith="delete_")
            )
        # A fixed TOTP secret per demo user, so demo and browser tests can compute the code.
        TOTPDevice.objects.create(
            user=gebruiker, name="Authenticator-app", key=demo_totp_sleutel(gebruikersnaam), confirmed=True
        )
        static = StaticDevice.objects.create(user=gebruiker, name="Reservecodes", confirmed=True)
        for i in range(10):
            StaticToken.objects.create(device=static, token=demo_reservecode(gebruikersnaam, i))
    if toon:
        ctx.logins.append(
            (
                gebruikersnaam,
                gebruiker.get_rol_display(),
                gebruiker.organisatie_naam,
                [demo_reservecode(gebruikersnaam, i) for i in range(3)],
            )
        )
    ctx.gebruikers[gebruikersnaam] = gebruiker
    return gebruiker


@functools.cache
def _demo_wachtwoord_hash() -> str:
    """Hash the shared demo password once: hashing it per user would take most of the seeding time."""
    return make_password(DEMO_WACHTWOORD)


def demo_totp_sleutel(gebruikersnaam: str) -> str:
    """A deterministic 20-byte hex key for a demo user's TOTP device (demo data only)."""
    import hashlib

    return hashlib.sha1(f"koers-demo:{gebruikersnaam}".encode()).hexdigest()  # noqa: S324


def demo_reservecode(gebruikersnaam: str, i: int) -> str:
    import hashlib

    return str(int(hashlib.sha256(f"koers-reserve:{gebruikersnaam}:{i}".encode()).hexdigest(), 16))[-8:]


def gebruikers(ctx: DemoContext) -> None:
    namen = iter(KLANTMANAGER_NAMEN * 10)
    for regionaam, leden in REGIOS.items():
        for naam, _code, aantal_km in leden:
            gemeente = next(g for g in ctx.gemeenten if g.naam == naam)
            slug = naam.lower().replace(" ", "")
            kms = []
            for i in range(aantal_km):
                voornaam, achternaam = next(namen)
                gebruikersnaam = f"km.{slug}" if i == 0 else f"km{i + 1}.{slug}"
                kms.append(
                    _maak_gebruiker(
                        ctx,
                        gebruikersnaam,
                        voornaam,
                        achternaam,
                        Rol.KLANTMANAGER,
                        toon=naam in ("Tilburg", "Winterswijk") and i == 0,
                        gemeente=gemeente,
                    )
                )
            ctx.klantmanagers[gemeente.pk] = kms
            voornaam, achternaam = next(namen)
            _maak_gebruiker(
                ctx, f"tl.{slug}", voornaam, achternaam, Rol.TEAMLEIDER, toon=naam == "Tilburg", gemeente=gemeente
            )
            if naam in ("Tilburg", "Winterswijk"):
                voornaam, achternaam = next(namen)
                _maak_gebruiker(
                    ctx,
                    f"fb.{slug}",
                    voornaam,
                    achternaam,
                    Rol.FUNCTIONEEL_BEHEERDER,
                    toon=naam == "Tilburg",
                    gemeente=gemeente,
                )
                voornaam, achternaam = next(namen)
                _maak_gebruiker(
                    ctx,
                    f"bm.{slug}",
                    voornaam,
                    achternaam,
                    Rol.BELEIDSMEDEWERKER,
                    toon=naam == "Tilburg",
                    gemeente=gemeente,
                )
        regio = Regio.objects.get(naam=regionaam)
        voornaam, achternaam = next(namen)
        _maak_gebruiker(
            ctx,
            "rc." + regionaam.lower().replace("regio ", "").replace(" ", "").replace("-", ""),
            voornaam,
            achternaam,
            Rol.REGIOCOORDINATOR,
            toon=True,
            regio=regio,
        )
    _maak_gebruiker(
        ctx,
        "kp.debrug",
        "Jeroen",
        "Wouters",
        Rol.KETENPARTNER_MEDEWERKER,
        toon=True,
        ketenpartner=ctx.ketenpartners["debrug"],
    )
    _maak_gebruiker(
        ctx,
        "kp.vluchtelingenwerk",
        "Mariam",
        "Haddou",
        Rol.KETENPARTNER_MEDEWERKER,
        toon=False,
        ketenpartner=ctx.ketenpartners["vwn"],
    )


def _persoon(
    ctx: DemoContext,
    nationaliteit: str,
    bsns: set[str],
    vnummers: set[str],
    *,
    geslacht: str | None = None,
    achternaam: str | None = None,
    doelgroep: str | None = None,
    leeftijd: tuple[int, int] = (18, 62),
) -> Inburgeraar:
    rng = ctx.rng
    mannen, vrouwen, achternamen, talen, doelgroep_gewichten = POPULATIES[nationaliteit]
    geslacht = geslacht or rng.choice([Geslacht.MAN, Geslacht.VROUW])
    voornaam = rng.choice(mannen if geslacht == Geslacht.MAN else vrouwen)
    doelgroep = doelgroep or gewogen(
        rng,
        list(
            zip(
                [Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT],
                doelgroep_gewichten,
                strict=True,
            )
        ),
    )
    geboortedatum = ctx.peildatum - dt.timedelta(days=rng.randint(leeftijd[0] * 365, leeftijd[1] * 365))
    v_nummer = ""
    while not v_nummer or v_nummer in vnummers:
        v_nummer = str(rng.randint(1000000000, 9999999999))
    vnummers.add(v_nummer)
    tolk = rng.random() < 0.55
    taal = talen.split(",")[0]
    return Inburgeraar(
        bsn=maak_bsn(rng, bsns) if rng.random() < 0.93 else "",
        v_nummer=v_nummer,
        voornamen=voornaam,
        achternaam=achternaam or rng.choice(achternamen),
        geboortedatum=geboortedatum,
        geslacht=geslacht,
        nationaliteit=nationaliteit,
        talen=talen,
        tolk_nodig=tolk,
        tolk_taal=taal if tolk else "",
        telefoon=f"06{rng.randint(10000000, 99999999)}",
        email="",
        adres=f"{rng.choice(STRATEN)} {rng.randint(1, 240)}",
        doelgroep=doelgroep,
    )


def dossiers(ctx: DemoContext, aantal: int) -> None:
    """Create ``aantal`` dossiers (households count as several) spread over the gemeenten and statuses."""
    rng = ctx.rng
    bsns = set(Inburgeraar.objects.exclude(bsn="").values_list("bsn", flat=True))
    vnummers = set(Inburgeraar.objects.exclude(v_nummer="").values_list("v_nummer", flat=True))
    gemeente_gewichten = [
        (g, dict((n, k) for leden in REGIOS.values() for n, _c, k in leden)[g.naam]) for g in ctx.gemeenten
    ]
    nationaliteiten = list(GEWICHTEN.items())
    gemaakt = 0
    while gemaakt < aantal:
        personen: list[Inburgeraar] = []
        plan: list[tuple[int, int, Gemeente, str]] = []  # (index hoofdpersoon, index partner or -1, gemeente, status)
        kinderen: list[tuple[int, str, dt.date]] = []
        referenten: list[tuple[int, str]] = []
        while len(personen) < BATCH and gemaakt + len(personen) < aantal:
            nationaliteit = gewogen(rng, nationaliteiten)
            gemeente = gewogen(rng, gemeente_gewichten)
            status = gewogen(rng, STATUS_GEWICHTEN)
            hoofd = _persoon(ctx, nationaliteit, bsns, vnummers)
            personen.append(hoofd)
            i_hoofd = len(personen) - 1
            i_partner = -1
            if rng.random() < 0.35 and gemaakt + len(personen) < aantal:
                leeftijd = (ctx.peildatum - hoofd.geboortedatum).days // 365
                partner = _persoon(
                    ctx,
                    nationaliteit,
                    bsns,
                    vnummers,
                    achternaam=hoofd.achternaam,
                    doelgroep=hoofd.doelgroep,
                    leeftijd=(max(18, leeftijd - 8), min(64, leeftijd + 6)),
                    geslacht=Geslacht.VROUW if hoofd.geslacht == Geslacht.MAN else Geslacht.MAN,
                )
                personen.append(partner)
                i_partner = len(personen) - 1
                for _k in range(rng.choice([0, 1, 2, 2, 3, 4])):
                    mannen, vrouwen, *_ = POPULATIES[nationaliteit]
                    kinderen.append(
                        (
                            i_hoofd,
                            rng.choice(mannen + vrouwen),
                            ctx.peildatum - dt.timedelta(days=rng.randint(200, 16 * 365)),
                        )
                    )
            if hoofd.doelgroep == Doelgroep.GEZINSMIGRANT and i_partner == -1:
                referenten.append(
                    (
                        i_hoofd,
                        f"{rng.choice(['J.', 'M.', 'A.', 'S.', 'R.'])} "
                        f"{rng.choice(['de Boer', 'Yılmaz', 'Jansen', 'El Idrissi', 'Peters'])}",
                    )
                )
            plan.append((i_hoofd, i_partner, gemeente, status))
        _bewaar_batch(ctx, personen, plan, kinderen, referenten)
        gemaakt += len(personen)


@transaction.atomic
def _bewaar_batch(ctx, personen, plan, kinderen, referenten) -> None:
    rng = ctx.rng
    bulk_invoegen(Inburgeraar, personen, batch_size=1000)
    dossiers, koppelingen, leden = [], [], []
    for i_hoofd, i_partner, gemeente, status in plan:
        dagen_geleden = rng.randint(*LEEFTIJD_DOSSIER[status])
        aangemeld = ctx.peildatum - dt.timedelta(days=dagen_geleden)
        for index in (i_hoofd, i_partner):
            if index < 0:
                continue
            persoon = personen[index]
            klantmanager = (
                None
                if status == Status.AANGEMELD and rng.random() < 0.5
                else rng.choice(ctx.klantmanagers[gemeente.pk])
            )
            reden = gewogen(rng, AFSLUIT_GEWICHTEN) if status == Status.AFGEROND else ""
            dossiers.append(
                Dossier(
                    inburgeraar=persoon,
                    gemeente=gemeente,
                    klantmanager=klantmanager,
                    status=status,
                    afsluitreden=reden,
                    aangemeld_op=aangemeld,
                    afgesloten_op=min(ctx.peildatum, aangemeld + dt.timedelta(days=rng.randint(300, 1200)))
                    if reden
                    else None,
                )
            )
            if persoon.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
                koppelingen.append(
                    Koppeling(
                        inburgeraar=persoon,
                        gemeente=gemeente,
                        datum=aangemeld - dt.timedelta(days=rng.randint(20, 70)),
                        azc_locatie=rng.choice(AZC_LOCATIES),
                    )
                )
        if i_partner >= 0:
            hoofd, partner = personen[i_hoofd], personen[i_partner]
            leden.append(
                Gezinslid(
                    inburgeraar=hoofd,
                    soort=Gezinslid.Soort.PARTNER,
                    gerelateerde=partner,
                    naam=partner.volledige_naam,
                    geboortedatum=partner.geboortedatum,
                )
            )
            leden.append(
                Gezinslid(
                    inburgeraar=partner,
                    soort=Gezinslid.Soort.PARTNER,
                    gerelateerde=hoofd,
                    naam=hoofd.volledige_naam,
                    geboortedatum=hoofd.geboortedatum,
                )
            )
    for i_hoofd, naam, geboren in kinderen:
        ouder = personen[i_hoofd]
        leden.append(
            Gezinslid(
                inburgeraar=ouder, soort=Gezinslid.Soort.KIND, naam=f"{naam} {ouder.achternaam}", geboortedatum=geboren
            )
        )
    for i_hoofd, naam in referenten:
        leden.append(Gezinslid(inburgeraar=personen[i_hoofd], soort=Gezinslid.Soort.REFERENT, naam=naam))
    bulk_invoegen(Dossier, dossiers, batch_size=1000)
    bulk_invoegen(Koppeling, koppelingen, batch_size=1000)
    bulk_invoegen(Gezinslid, leden, batch_size=1000)
    tijdstip = nu()
    gebeurtenissen = []
    for d in dossiers:
        gebeurtenissen.append(
            TijdlijnGebeurtenis(
                dossier=d,
                soort="aangemeld",
                titel="Inburgeraar aangemeld (kennisgeving DUO / koppeling COA)",
                tijdstip=tijdstip - dt.timedelta(days=(ctx.peildatum - d.aangemeld_op).days),
            )
        )
        if d.klantmanager_id:
            gebeurtenissen.append(
                TijdlijnGebeurtenis(
                    dossier=d,
                    soort="toegewezen",
                    titel=f"Toegewezen aan klantmanager {d.klantmanager}",
                    tijdstip=tijdstip - dt.timedelta(days=max(0, (ctx.peildatum - d.aangemeld_op).days - 2)),
                )
            )
        if d.status == Status.AFGEROND:
            gebeurtenissen.append(
                TijdlijnGebeurtenis(
                    dossier=d,
                    soort="status",
                    titel=f"Dossier afgesloten: {d.get_afsluitreden_display()}",
                    tijdstip=tijdstip - dt.timedelta(days=(ctx.peildatum - d.afgesloten_op).days),
                )
            )
    bulk_invoegen(TijdlijnGebeurtenis, gebeurtenissen, batch_size=2000)
    # Some dossiers are shared with the taalaanbieder and with VluchtelingenWerk.
    door = next(iter(ctx.gebruikers.values()))
    delingen = []
    for d in dossiers:
        if d.status in (Status.IN_UITVOERING, Status.PIP_VASTGESTELD) and rng.random() < 0.3:
            delingen.append(
                DossierDeling(
                    dossier=d,
                    ketenpartner=ctx.ketenpartners["debrug"],
                    doel="Uitvoering taaltraject",
                    gedeeld_door=door,
                )
            )
        if d.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER and d.is_open and rng.random() < 0.2:
            delingen.append(
                DossierDeling(
                    dossier=d,
                    ketenpartner=ctx.ketenpartners["vwn"],
                    doel="Maatschappelijke begeleiding",
                    gedeeld_door=door,
                )
            )
    bulk_invoegen(DossierDeling, delingen, batch_size=1000)
    ctx.dossier_ids.extend(d.pk for d in dossiers)


def seed(*, grootte: int, seed: int = 2026, peildatum: dt.date | None = None) -> DemoContext:
    ctx = DemoContext(
        rng=random.Random(seed),
        peildatum=peildatum or vandaag(),
        gemeenten=[],
        gebruikers={},
        klantmanagers={},
        ketenpartners={},
        grootte=grootte,
    )
    ctx.gemeenten, ctx.ketenpartners = organisaties()
    gebruikers(ctx)
    begin = time.perf_counter()
    dossiers(ctx, grootte)
    ctx.duur["dossiers"] = time.perf_counter() - begin
    for cfg in apps.get_app_configs():
        if cfg.name.startswith("koers.") and cfg.name != "koers.demo":
            try:
                module = import_module(f"{cfg.name}.demo")
            except ModuleNotFoundError:
                continue
            begin = time.perf_counter()
            module.seed_demo(ctx)
            ctx.duur[cfg.label] = time.perf_counter() - begin
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
    return ctx
