"""Four made-up persons for the stub, shaped like the BRP API's Persoon; BSNs from the 9999… test range;
table codes (nationality, country) are illustrative, not taken from the national tables."""

from __future__ import annotations


def _datum(iso: str, lang: str) -> dict:
    return {"type": "Datum", "datum": iso, "langFormaat": lang}


def _adres(straat: str, nummer: int, postcode: str, woonplaats: str, **extra) -> dict:
    return {
        "type": "Adres",
        "adresseerbaarObjectIdentificatie": "0855010000" + postcode[:4] + "00",
        "functieAdres": {"code": "W", "omschrijving": "woonadres"},
        "datumVan": _datum("2025-11-03", "3 november 2025"),
        "verblijfadres": {
            "officieleStraatnaam": straat,
            "korteStraatnaam": straat[:24],
            "huisnummer": nummer,
            "postcode": postcode,
            "woonplaats": woonplaats,
            **extra,
        },
    }


PERSONEN: list[dict] = [
    {
        "burgerservicenummer": "999990019",
        "aNummer": "9990000019",
        "geslacht": {"code": "V", "omschrijving": "vrouw"},
        "leeftijd": 35,
        "naam": {
            "voornamen": "Amira Noor",
            "geslachtsnaam": "Haddad",
            "voorletters": "A.N.",
            "volledigeNaam": "Amira Noor Haddad",
            "aanduidingNaamgebruik": {"code": "E", "omschrijving": "eigen geslachtsnaam"},
        },
        "geboorte": {
            "datum": _datum("1991-03-14", "14 maart 1991"),
            "land": {"code": "5095", "omschrijving": "Syrië"},
            "plaats": {"omschrijving": "Damascus"},
        },
        "nationaliteiten": [
            {
                "type": "Nationaliteit",
                "nationaliteit": {"code": "0095", "omschrijving": "Syrische"},
                "redenOpname": {"code": "301", "omschrijving": "Vaststelling bezit vreemde nationaliteit"},
                "datumIngangGeldigheid": _datum("1991-03-14", "14 maart 1991"),
            }
        ],
        "verblijfplaats": _adres("Stationsstraat", 12, "5038EC", "Tilburg"),
        "gemeenteVanInschrijving": {"code": "0855", "omschrijving": "Tilburg"},
        "verblijfstitel": {
            "aanduiding": {"code": "27", "omschrijving": "Vw 2000 art. 29 verblijfsvergunning asiel bepaalde tijd"}
        },
    },
    {
        "burgerservicenummer": "999990032",
        "geslacht": {"code": "M", "omschrijving": "man"},
        "naam": {
            "voornamen": "Yonas",
            "geslachtsnaam": "Tesfay",
            "voorletters": "Y.",
            "volledigeNaam": "Yonas Tesfay",
            "inOnderzoek": {"geslachtsnaam": True, "datumIngangOnderzoek": _datum("2026-01-05", "5 januari 2026")},
        },
        "geboorte": {
            "datum": {"type": "JaarDatum", "jaar": 1994, "langFormaat": "1994"},
            "land": {"code": "7034", "omschrijving": "Eritrea"},
        },
        "nationaliteiten": [{"type": "Nationaliteit", "nationaliteit": {"code": "0410", "omschrijving": "Eritrese"}}],
        "verblijfplaats": _adres(
            "Burgemeester Brokxlaan", 1201, "5041SG", "Tilburg", huisletter="b", huisnummertoevoeging="3"
        ),
        "gemeenteVanInschrijving": {"code": "0855", "omschrijving": "Tilburg"},
    },
    {
        "burgerservicenummer": "999990044",
        "geslacht": {"code": "M", "omschrijving": "man"},
        "geheimhoudingPersoonsgegevens": True,
        "naam": {"voornamen": "Ahmad", "geslachtsnaam": "Karimi", "voorletters": "A.", "volledigeNaam": "Ahmad Karimi"},
        "geboorte": {"datum": {"type": "JaarMaandDatum", "jaar": 1988, "maand": 7, "langFormaat": "juli 1988"}},
        "nationaliteiten": [{"type": "Staatloos"}],
        "verblijfplaats": {
            "type": "Locatie",
            "verblijfadres": {"locatiebeschrijving": "Woonboot bij de Piushaven", "woonplaats": "Tilburg"},
        },
        "gemeenteVanInschrijving": {"code": "0855", "omschrijving": "Tilburg"},
    },
    {
        "burgerservicenummer": "999990056",
        "geslacht": {"code": "V", "omschrijving": "vrouw"},
        "naam": {
            "voornamen": "Daria",
            "voorvoegsel": "van der",
            "geslachtsnaam": "Meer",
            "voorletters": "D.",
            "volledigeNaam": "Daria van der Meer",
        },
        "geboorte": {
            "datum": _datum("1979-10-02", "2 oktober 1979"),
            "land": {"code": "5108", "omschrijving": "Oekraïne"},
            "plaats": {"omschrijving": "Charkiv"},
        },
        "nationaliteiten": [
            {"type": "Nationaliteit", "nationaliteit": {"code": "0098", "omschrijving": "Oekraïense"}},
            {"type": "Nationaliteit", "nationaliteit": {"code": "0080", "omschrijving": "Poolse"}},
        ],
        "verblijfplaats": {
            "type": "VerblijfplaatsBuitenland",
            "verblijfadres": {
                "regel1": "ul. Długa 5",
                "regel2": "80-827 Gdańsk",
                "land": {"code": "6030", "omschrijving": "Polen"},
            },
        },
        "gemeenteVanInschrijving": {"code": "1999", "omschrijving": "Registratie Niet Ingezetenen (RNI)"},
    },
]
