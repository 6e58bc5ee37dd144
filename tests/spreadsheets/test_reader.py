"""A table typed in a spreadsheet is read row by row: each good row by its headings, each bad one
named by the number the program shows (a formula, an error cell, a hidden direction mark, a
value with no heading), and a file that is no table refused in plain words."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from selfassess.core.errors import InvalidInput
from selfassess.core.spreadsheets.cells import Column
from selfassess.core.spreadsheets.reader import column_letter, read_table
from selfassess.core.spreadsheets.writer import Sheet, write_sheets


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_good_rows_are_read_by_their_headings_with_their_numbers(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "suppliers.xlsx",
        [
            [],
            ["Organisation", "Country", "Enrolled since", "Workers"],
            ["Coopérative de Kalimbi", "CD", datetime(2025, 3, 1), 180],
            [],
            ["  Ushirika wa Rubaya  ", "CD", None, None],
        ],
    )
    table = read_table(path)
    assert table.headings == ["Organisation", "Country", "Enrolled since", "Workers"]
    assert [row.number for row in table.rows] == [3, 5]
    assert table.rows[0].cells == {
        "Organisation": "Coopérative de Kalimbi",
        "Country": "CD",
        "Enrolled since": datetime(2025, 3, 1),
        "Workers": 180,
    }
    assert table.rows[1].cells["Organisation"] == "Ushirika wa Rubaya"
    assert table.problems == []


def test_a_formula_cell_is_refused_by_its_row_and_column(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "suppliers.xlsx",
        [
            ["Organisation", "Country"],
            ["Kalimbi", "CD"],
            ['=HYPERLINK("http://example.invalid","x")', "CD"],
            ["Rubaya", "=A2"],
            ["Nyabibwe", "RW"],
        ],
    )
    table = read_table(path)
    assert [row.cells["Organisation"] for row in table.rows] == ["Kalimbi", "Nyabibwe"]
    assert [str(problem) for problem in table.problems] == [
        'row 3, column A (Organisation): a formula (=HYPERLINK("http://example.invalid","x")) '
        "is not a value: type the value itself",
        "row 4, column B (Country): a formula (=A2) is not a value: type the value itself",
    ]


def test_text_that_only_looks_like_a_formula_is_a_value(tmp_path: Path) -> None:
    """A cell typed as text ('=x in Excel) holds text, not a formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Note"])
    sheet.append(["=not a formula"])
    sheet["A2"].data_type = "s"
    workbook.save(tmp_path / "notes.xlsx")
    assert read_table(tmp_path / "notes.xlsx").rows[0].cells == {"Note": "=not a formula"}


def test_hidden_direction_marks_and_stray_values_are_bad_rows(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "suppliers.xlsx",
        [
            ["Organisation", "Country"],
            ["Kalimbi\u202eDC", "CD"],
            ["Rubaya", "CD", "a value with no heading"],
        ],
    )
    problems = [str(problem) for problem in read_table(path).problems]
    assert problems == [
        "row 2, column A (Organisation): the text holds an invisible direction mark that can "
        "disguise what it says (Kalimbi<U+202E>DC)",
        "row 3: column C holds a value but has no heading",
    ]


def test_a_french_excel_csv_is_read_with_its_semicolons_and_accents(tmp_path: Path) -> None:
    path = tmp_path / "fournisseurs.csv"
    path.write_bytes("Organisation;Pays\r\nCoopérative de Kalimbi;CD\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.rows[0].cells == {"Organisation": "Coopérative de Kalimbi", "Pays": "CD"}
    assert [str(note) for note in table.notes] == [
        "fournisseurs.csv is not UTF-8: it was read as Windows-1252"
    ]


def test_a_csv_formula_is_refused_and_our_own_export_reads_back(tmp_path: Path) -> None:
    columns = [Column("Organisation"), Column("Note")]
    rows = [["Kalimbi", "=1+1"], ["Rubaya", "-5 tonnes"]]
    written = write_sheets(tmp_path / "out.csv", [Sheet("suppliers", "S", columns, rows)])
    assert [row.cells["Note"] for row in read_table(written[0]).rows] == ["=1+1", "-5 tonnes"]
    typed = tmp_path / "typed.csv"
    typed.write_text("Organisation,Note\nKalimbi,=cmd|' /C calc'!A0\nRubaya,ok\n", "utf-8")
    table = read_table(typed)
    assert [row.number for row in table.rows] == [3]
    assert "row 2, column B (Note): a formula" in str(table.problems[0])


def test_headings_must_be_there_and_distinct(tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text("Organisation,Country,Organisation\nKalimbi,CD,x\n", "utf-8")
    with pytest.raises(InvalidInput, match="column C has 'Organisation'"):
        read_table(path)
    path.write_text("\n\n", "utf-8")
    with pytest.raises(InvalidInput, match="holds no table"):
        read_table(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("suppliers.xlsx", b"not a zip at all", "not a readable .xlsx workbook"),
        ("suppliers.ods", b"", r"\.xlsx or \.csv"),
    ],
)
def test_files_that_are_no_table_are_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        read_table(path)


def test_an_xlsx_that_unzips_to_too_much_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="unzips to more than 100 MB"):
        read_table(path)


def test_a_sheet_is_chosen_by_name(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.append(["Ignored"])
    workbook.create_sheet("Fournisseurs").append(["Organisation"])
    workbook.save(tmp_path / "book.xlsx")
    assert read_table(tmp_path / "book.xlsx", sheet="Fournisseurs").headings == ["Organisation"]
    with pytest.raises(InvalidInput, match="no sheet named 'Suppliers'"):
        read_table(tmp_path / "book.xlsx", sheet="Suppliers")


def test_columns_are_lettered_as_spreadsheets_letter_them() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"
    ]  # fmt: skip


def test_excels_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fournisseurs.csv"
    path.write_bytes("Organisation\tPays\r\nCoopérative de Kalimbi\tCD\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.rows[0].cells == {"Organisation": "Coopérative de Kalimbi", "Pays": "CD"}
    assert table.notes == []


def test_a_table_wider_than_256_columns_says_so(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    headings = [f"c{number}" for number in range(300)] + ["Organisation", "Pays"]
    path.write_text(",".join(headings) + "\n" + "x," * 300 + "Kalimbi,CD\n", "utf-8")
    with pytest.raises(InvalidInput, match="row 1: more than 256 columns"):
        read_table(path)
