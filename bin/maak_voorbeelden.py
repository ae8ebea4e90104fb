"""Write the example import files in docs/voorbeelden/ (COA as CSV, JSON and XLSX; DUO as CSV with a correction).

Run: PYTHONPATH=src DJANGO_SETTINGS_MODULE=koers.conf.ci .venv/bin/python bin/maak_voorbeelden.py
The BSNs lie in the 9999xxxxx test range and pass the elfproef; the gemeente is Tilburg (0855) of the demo seed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import django
from stdnum.nl import bsn as stdnum_bsn

django.setup()

from openpyxl import Workbook  # noqa: E402

from koers.koppelvlakken.mappings import COA_V1, DUO_V1  # noqa: E402

MAP = Path(__file__).resolve().parent.parent / "docs" / "voorbeelden"


def bsns():
    kandidaat = 999990000
    while True:
        kandidaat += 1
        if stdnum_bsn.is_valid(str(kandidaat)):
            yield str(kandidaat)


B = bsns()
PERSONEN = [
    ("Yonas", "", "Tesfay", "1994-02-03", "M", "Eritrees", "Eritrea", "Tigrinya, Arabisch"),
    ("Amina", "", "Haddad", "1990-05-17", "V", "Syrisch", "Syrië", "Arabisch, Engels"),
    ("Farida", "", "Ahmadi", "1987-11-30", "V", "Afghaans", "Afghanistan", "Dari, Pasjtoe"),
    ("Dawit", "", "Gebremedhin", "2001-08-09", "M", "Eritrees", "Eritrea", "Tigrinya"),
    ("Leila", "", "Karimi", "1996-03-21", "V", "Iraans", "Iran", "Farsi, Engels"),
    ("Hevin", "", "Ali", "1999-12-01", "V", "Syrisch", "Syrië", "Koerdisch (Kurmanji), Arabisch"),
]
COA = []
for i, (voornaam, tussen, achternaam, geboren, geslacht, nat, land, talen) in enumerate(PERSONEN):
    COA.append(
        {
            "bsn": next(B),
            "v_nummer": f"{3000000100 + i}",
            "voornamen": voornaam,
            "tussenvoegsel": tussen,
            "achternaam": achternaam,
            "geboortedatum": geboren,
            "geslacht": geslacht,
            "nationaliteit": nat,
            "gemeentecode": "0855",
            "koppelingsdatum": "2026-09-15",
            "azc_locatie": "AZC Gilze",
            "profieldatum": "2026-09-29",
            "gezinsgrootte": [1, 4, 3, 1, 2, 1][i],
            "gezinssamenstelling": [
                "alleenstaand",
                "partner en twee kinderen (6 en 9)",
                "twee kinderen (3 en 11)",
                "alleenstaand",
                "partner",
                "alleenstaand",
            ][i],
            "land_van_herkomst": land,
            "talen": talen,
            "opleiding": ["voortgezet", "hbo_wo", "basis", "voortgezet", "hbo_wo", "mbo"][i],
            "opleiding_toelichting": ["", "farmacie (Damascus)", "", "", "informatica (Teheran)", "kapper"][i],
            "werkervaring": [
                "monteur, 6 jaar",
                "apothekersassistent, 4 jaar",
                "naaister",
                "geen",
                "webontwikkelaar",
                "kapsalon",
            ][i],
            "lichamelijke_beperkingen": ["", "", "slechtziend (bril)", "", "", "loopt met een kruk"][i],
            "ambities": [
                "eigen garage",
                "apotheker in Nederland",
                "werk in de zorg",
                "mbo-opleiding techniek",
                "werk als developer",
                "eigen kapsalon",
            ][i],
            "netwerk": ["neef in Breda", "zus in Tilburg", "geen", "vrienden uit het AZC", "geen", "tante in Goirle"][
                i
            ],
        }
    )


def schrijf_csv(pad: Path, mapping, rijen: list[dict]) -> None:
    kolommen = mapping.kolommen()
    with pad.open("w", newline="", encoding="utf-8") as f:
        schrijver = csv.writer(f, delimiter=";")  # CSV: no formula-like cells in the examples
        schrijver.writerow(kolommen.values())
        for rij in rijen:
            schrijver.writerow([rij.get(naam, "") for naam in kolommen])


def main() -> None:
    MAP.mkdir(parents=True, exist_ok=True)
    kolommen = COA_V1.kolommen()
    schrijf_csv(MAP / "coa-informatieprofielen.csv", COA_V1, COA[:4])
    (MAP / "coa-informatieprofielen.json").write_text(
        json.dumps({"records": [{kolommen[k]: v for k, v in r.items()} for r in COA[4:]]}, ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )
    boek = Workbook()
    blad = boek.active
    blad.title = "Informatieprofielen"
    blad.append(list(kolommen.values()))
    for r in [dict(COA[1], profieldatum="2026-11-02", ambities="apotheker; eerst taal op B1")]:
        blad.append([r.get(k, "") for k in kolommen])
    boek.save(MAP / "coa-informatieprofielen.xlsx")

    nieuw = {
        "voornamen": "Mahmoud",
        "achternaam": "Al-Khatib",
        "geboortedatum": "1988-07-14",
        "nationaliteit": "Syrisch",
        "doelgroep": "asielstatushouder",
        "bsn": next(B),
    }
    duo = [
        {
            "signaal_id": "DUO-2026-000101",
            "soort": "inburgeringsplicht",
            "bsn": COA[0]["bsn"],
            "gemeentecode": "0855",
            "wet": "wi2021",
            "datum_begin": "2026-09-20",
        },
        {
            "signaal_id": "DUO-2026-000102",
            "soort": "inburgeringsplicht",
            "bsn": COA[1]["bsn"],
            "gemeentecode": "0855",
            "wet": "wi2013",
            "datum_begin": "2026-09-20",
        },
        {
            "signaal_id": "DUO-2026-000103",
            "soort": "inburgeringsplicht",
            "gemeentecode": "0855",
            "wet": "wi2021",
            "datum_begin": "2022-06-01",
            **nieuw,
        },
        {
            "signaal_id": "DUO-2026-000104",
            "soort": "lbt",
            "bsn": COA[0]["bsn"],
            "gemeentecode": "0855",
            "examennummer": "LBT-2026-11873",
            "inschrijfdatum": "2026-10-12",
            "toetsdatum": "2026-10-27",
            "afgenomen_in": "gemeente",
            "uitslag": "b1_haalbaar",
            "score": "118",
        },
        {
            "signaal_id": "DUO-2026-000105",
            "soort": "examen",
            "bsn": COA[0]["bsn"],
            "gemeentecode": "0855",
            "onderdeel": "knm",
            "niveau": "A2",
            "resultaat": "niet_behaald",
            "toetsdatum": "2026-11-05",
        },
        {
            "signaal_id": "DUO-2026-000106",
            "soort": "vrijstelling",
            "bsn": nieuw["bsn"],
            "gemeentecode": "0855",
            "grond": "nt2_a2",
            "onderdelen": "lezen,luisteren",
            "besluitdatum": "2026-11-10",
        },
        # Correction: DUO had put Amina Haddad under the wrong law.
        {
            "signaal_id": "DUO-2026-000107",
            "soort": "inburgeringsplicht",
            "corrigeert": "DUO-2026-000102",
            "bsn": COA[1]["bsn"],
            "gemeentecode": "0855",
            "wet": "wi2021",
            "datum_begin": "2026-09-20",
        },
        # Correction: the KNM result was registered wrongly.
        {
            "signaal_id": "DUO-2026-000108",
            "soort": "examen",
            "corrigeert": "DUO-2026-000105",
            "bsn": COA[0]["bsn"],
            "gemeentecode": "0855",
            "onderdeel": "knm",
            "niveau": "A2",
            "resultaat": "behaald",
            "toetsdatum": "2026-11-05",
        },
    ]
    schrijf_csv(MAP / "duo-signalen.csv", DUO_V1, duo)
    print(f"voorbeelden geschreven in {MAP}")


if __name__ == "__main__":
    main()
