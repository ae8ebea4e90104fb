"""The versioned field mappings: which column (or JSON key) of a COA or DUO file holds which field.

The sources' own column names are not public, so each mapping is data: a version per source, documented field by
field in docs/imports.md. A gemeente whose export uses other headers sets ``KOPPELVLAKKEN_KOLOMMEN`` (see
koers.conf.koppelvlakken) without a code change; a new layout becomes a new version here, and old files keep
their version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Veld:
    """One field: internal name, the column that holds it, its type, and whether a record needs it."""

    naam: str
    kolom: str
    soort: str = "tekst"  # tekst, datum, geheel, bsn, v_nummer, code, lijst, gemeentecode
    verplicht: bool = False
    codes: tuple[str, ...] = ()
    max_lengte: int = 300
    toekomst: bool = False  # a date that may lie in the future (the planned end of the obligation)


@dataclass(frozen=True)
class Mapping:
    bron: str
    versie: str
    geldig_vanaf: dt.date
    velden: tuple[Veld, ...] = field(default_factory=tuple)

    def kolommen(self) -> dict[str, str]:
        """Internal name → column name, with the gemeente's overrides from the settings applied."""
        eigen = getattr(settings, "KOPPELVLAKKEN_KOLOMMEN", {}).get(f"{self.bron}:{self.versie}", {})
        return {v.naam: eigen.get(v.naam, v.kolom) for v in self.velden}


GESLACHTEN = ("M", "V", "O")
OPLEIDINGEN = ("geen", "basis", "voortgezet", "mbo", "hbo_wo", "onbekend")
DOELGROEPEN = ("asielstatushouder", "gezinsmigrant", "overige_migrant")
WETTEN = ("wi2021", "wi2013")
DUO_SOORTEN = (
    "inburgeringsplicht",
    "einde_plicht",
    "lbt",
    "examen",
    "vrijstelling",
    "ontheffing",
    "verlenging",
    "intrekking",
)
LBT_UITSLAGEN = ("b1_haalbaar", "b1_niet_haalbaar")
ONDERDELEN = ("lezen", "luisteren", "schrijven", "spreken", "knm", "ona")
NIVEAUS = ("A1", "A2", "B1", "B2")
EXAMENRESULTATEN = ("behaald", "niet_behaald", "geen_resultaat")

_PERSOON = (
    Veld("bsn", "BSN", "bsn"),
    Veld("v_nummer", "V-nummer", "v_nummer"),
    Veld("voornamen", "Voornamen", max_lengte=200),
    Veld("tussenvoegsel", "Tussenvoegsel", max_lengte=20),
    Veld("achternaam", "Achternaam", max_lengte=200),
    Veld("geboortedatum", "Geboortedatum", "datum"),
    Veld("geslacht", "Geslacht", "code", codes=GESLACHTEN),
    Veld("nationaliteit", "Nationaliteit", max_lengte=100),
)

COA_V1 = Mapping(
    bron="coa",
    versie="v1",
    geldig_vanaf=dt.date(2022, 1, 1),
    velden=(
        *_PERSOON,
        Veld("gemeentecode", "Gemeentecode", "gemeentecode", verplicht=True),
        Veld("koppelingsdatum", "Datum koppeling", "datum"),
        Veld("azc_locatie", "AZC-locatie", max_lengte=150),
        Veld("profieldatum", "Profieldatum", "datum", verplicht=True),
        Veld("gezinsgrootte", "Gezinsgrootte", "geheel"),
        Veld("gezinssamenstelling", "Gezinssamenstelling", max_lengte=2000),
        Veld("land_van_herkomst", "Land van herkomst", max_lengte=100),
        Veld("talen", "Talen", max_lengte=300),
        Veld("opleiding", "Opleidingsniveau", "code", codes=OPLEIDINGEN),
        Veld("opleiding_toelichting", "Opleiding toelichting", max_lengte=2000),
        Veld("werkervaring", "Werkervaring", max_lengte=2000),
        Veld("lichamelijke_beperkingen", "Zichtbare lichamelijke beperkingen", max_lengte=2000),
        Veld("ambities", "Ambities", max_lengte=2000),
        Veld("netwerk", "Netwerk", max_lengte=2000),
    ),
)

DUO_V1 = Mapping(
    bron="duo",
    versie="v1",
    geldig_vanaf=dt.date(2022, 1, 1),
    velden=(
        Veld("signaal_id", "Signaalnummer", verplicht=True, max_lengte=50),
        Veld("soort", "Soort signaal", "code", verplicht=True, codes=DUO_SOORTEN),
        Veld("corrigeert", "Corrigeert signaal", max_lengte=50),
        *_PERSOON,
        Veld("doelgroep", "Doelgroep", "code", codes=DOELGROEPEN),
        Veld("gemeentecode", "Gemeentecode", "gemeentecode", verplicht=True),
        Veld("wet", "Wet", "code", codes=WETTEN),
        Veld("datum_begin", "Datum begin", "datum"),
        Veld("datum_einde", "Datum einde", "datum", toekomst=True),
        Veld("examennummer", "Examennummer", max_lengte=50),
        Veld("inschrijfdatum", "Inschrijfdatum", "datum"),
        Veld("toetsdatum", "Toetsdatum", "datum"),
        Veld("afgenomen_in", "Locatie toets", "code", codes=("azc", "gemeente")),
        Veld("uitslag", "Uitslag", "code", codes=LBT_UITSLAGEN),
        Veld("score", "Score", "geheel"),
        Veld("onderdeel", "Onderdeel", "code", codes=ONDERDELEN),
        Veld("niveau", "Niveau", "code", codes=NIVEAUS),
        Veld("resultaat", "Resultaat", "code", codes=EXAMENRESULTATEN),
        Veld("grond", "Grond", max_lengte=30),
        Veld("onderdelen", "Onderdelen", "lijst", codes=ONDERDELEN),
        Veld("weken", "Weken", "geheel"),
        Veld("besluitdatum", "Besluitdatum", "datum"),
    ),
)

MAPPINGEN: dict[tuple[str, str], Mapping] = {(m.bron, m.versie): m for m in (COA_V1, DUO_V1)}


def mapping(bron: str, versie: str) -> Mapping:
    try:
        return MAPPINGEN[(bron, versie)]
    except KeyError:
        raise LookupError(f"geen veldindeling {versie} voor {bron}") from None


def versies(bron: str | None = None) -> list[str]:
    return sorted({v for (b, v) in MAPPINGEN if bron in (None, b)})
