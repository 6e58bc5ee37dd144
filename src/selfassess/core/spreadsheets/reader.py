"""Reading a table someone made in a spreadsheet (.xlsx or .csv): a heading row, then a row per
record; each good row by its headings, each bad row named by its number as the program shows it.

What makes a row bad: a formula (`=…`, in .xlsx a formula cell, whatever it computes: type the
value itself), an error cell (#N/A…), a right-to-left or other direction control that could
disguise what a cell says, a control character, or more cells than headings. Empty rows are
skipped; rows before the heading row cannot be, as the first non-empty row is the headings.

- .csv: UTF-8 (with or without a byte-order mark), UTF-16 with its byte-order mark (Excel's
  "Unicode text"), else Windows-1252, which Excel writes under "CSV" on a French Windows (and a
  note says so); cells separated by commas, semicolons (French Excel) or tabs, whichever the
  file uses; every cell is text; more than 256 columns is not a table read. An apostrophe
  that our own writer put before a formula-like text is taken away.
- .xlsx: the first sheet, or the one named; numbers, dates and yes/no as the cells hold them.
  The file is read within limits: at most 20 MB, 100 MB once unzipped, 100,000 rows, 256 columns;
  openpyxl reads its XML through defusedxml (no entity expansion).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_input_file, read_input
from selfassess.core.findings import Finding
from selfassess.core.i18n import N_
from selfassess.core.spreadsheets.cells import unescaped_csv_text

CellValue = str | int | float | bool | date | None
READ_LIMIT = 20 * 1024 * 1024
UNZIPPED_LIMIT = 100 * 1024 * 1024
ROW_LIMIT = 100_000
COLUMN_LIMIT = 256
_DIRECTION_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e") | frozenset(
    "\u2066\u2067\u2068\u2069"
)


@dataclass(frozen=True)
class Row:
    """A good row: its number in the spreadsheet and its cells by heading (None when empty)."""

    number: int
    cells: dict[str, CellValue]


@dataclass
class Table:
    """What was read: the headings, the good rows, and a finding for each bad row."""

    headings: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Cell:
    value: CellValue
    formula: bool = False
    error: bool = False


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """The table in the .csv or .xlsx file at `path` (module docstring); an InvalidInput when
    the file itself cannot be read as one."""
    suffix = path.suffix.lower()
    table = Table()
    if suffix == ".csv":
        raw = _csv_rows(path, table)
    elif suffix == ".xlsx":
        raw = _xlsx_rows(path, sheet)
    else:
        raise InvalidInput.of(
            "{source}: a table is read from .xlsx or .csv, not '{suffix}'",
            source=path,
            suffix=path.suffix or path.name,
        )
    _take_rows(raw, table, path)
    return table


def _take_rows(raw: Iterator[tuple[int, list[_Cell]]], table: Table, path: Path) -> None:
    for number, cells in raw:
        if number > ROW_LIMIT:
            raise InvalidInput.of(
                "{source} has more than {limit} rows", source=path, limit=ROW_LIMIT
            )
        if all(cell.value is None for cell in cells):
            continue
        if not table.headings:
            table.headings = _headings(cells, number, path)
            continue
        problem = _problem(cells, number, table.headings)
        if problem is not None:
            table.problems.append(problem)
        else:
            values = [cell.value for cell in cells] + [None] * len(table.headings)
            table.rows.append(Row(number, dict(zip(table.headings, values, strict=False))))
    if not table.headings:
        raise InvalidInput.of("{source} holds no table: it is empty", source=path)


def _headings(cells: list[_Cell], number: int, path: Path) -> list[str]:
    while cells and cells[-1].value is None:
        cells = cells[:-1]
    if len(cells) > COLUMN_LIMIT:
        raise InvalidInput.of(
            "{source}, row {row}: more than {limit} columns: not a table selfassess reads",
            source=path,
            row=number,
            limit=COLUMN_LIMIT,
        )
    headings = [str(cell.value).strip() if cell.value is not None else "" for cell in cells]
    for index, heading in enumerate(headings):
        if not heading or heading in headings[:index] or cells[index].formula:
            raise InvalidInput.of(
                "{source}, row {row}: every column needs a heading of its own, and column "
                "{column} has {heading}",
                source=path,
                row=number,
                column=column_letter(index),
                heading=f"'{heading}'" if heading else "none",
            )
    return headings


def _problem(cells: list[_Cell], number: int, headings: Sequence[str]) -> Finding | None:
    for index, cell in enumerate(cells):
        if cell.value is None:
            continue
        if index >= len(headings):
            return Finding.of(
                "row {row}: column {column} holds a value but has no heading",
                row=number,
                column=column_letter(index),
            )
        where = {"row": number, "column": f"{column_letter(index)} ({headings[index]})"}
        reason = _cell_problem(cell)
        if reason is not None:
            return Finding.of(reason, **where, value=str(cell.value))
    return None


def _cell_problem(cell: _Cell) -> str | None:
    if cell.formula:
        return N_(
            "row {row}, column {column}: a formula ({value}) is not a value: type the value itself"
        )
    if cell.error:
        return N_("row {row}, column {column}: the cell shows an error ({value})")
    if isinstance(cell.value, str):
        if any(character in _DIRECTION_CONTROLS for character in cell.value):
            return N_(
                "row {row}, column {column}: the text holds an invisible direction mark that "
                "can disguise what it says ({value})"
            )
        if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in cell.value):
            return N_("row {row}, column {column}: the text holds a control character ({value})")
    return None


def column_letter(index: int) -> str:
    """The letter of the column at `index` (0 is A), as spreadsheets name it."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# .csv


def _csv_rows(path: Path, table: Table) -> Iterator[tuple[int, list[_Cell]]]:
    text = _decoded(read_input(path, READ_LIMIT), path, table)
    delimiter = _delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [_csv_cell(value) for value in values[: COLUMN_LIMIT + 1]]
    except csv.Error as exc:
        raise InvalidInput.of(
            "{source}, row {row}: not a readable CSV row: {reason}",
            source=path,
            row=number + 1,
            reason=str(exc),
        ) from None


def _decoded(data: bytes, path: Path, table: Table) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput.of(
                "{source} starts as UTF-16 text but is not: save it as CSV UTF-8", source=path
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        table.notes.append(
            Finding.of("{source} is not UTF-8: it was read as Windows-1252", source=path.name)
        )
        return data.decode("cp1252", errors="replace")


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_cell(value: str) -> _Cell:
    text = value.strip()
    if not text:
        return _Cell(None)
    if text.startswith("="):
        return _Cell(text, formula=True)
    return _Cell(unescaped_csv_text(text))


# .xlsx


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[_Cell]]]:
    _check_xlsx_file(path)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # a damaged or crafted file: openpyxl raises many kinds
        raise _not_a_workbook(path, exc) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise InvalidInput.of(
                "{source} has no sheet named '{sheet}' (it has: {sheets})",
                source=path,
                sheet=sheet,
                sheets=", ".join(workbook.sheetnames),
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        yield from _worksheet_rows(worksheet, path)
    finally:
        workbook.close()


def _worksheet_rows(worksheet: Any, path: Path) -> Iterator[tuple[int, list[_Cell]]]:
    try:
        rows = worksheet.iter_rows(min_row=1, max_col=COLUMN_LIMIT)
        for number, row in enumerate(rows, start=1):
            yield number, [_xlsx_cell(cell) for cell in row]
    except InvalidInput:
        raise
    except Exception as exc:  # a damaged or crafted sheet, found while reading it
        raise _not_a_workbook(path, exc) from None


def _xlsx_cell(cell: Any) -> _Cell:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    if kind == "f" or (isinstance(value, str) and value.startswith("=") and kind != "s"):
        return _Cell(str(value), formula=True)
    if kind == "e":
        return _Cell(str(value), error=True)
    if isinstance(value, str):
        value = value.strip() or None
    return _Cell(value if isinstance(value, str | int | float | bool | date) else None)


def _check_xlsx_file(path: Path) -> None:
    check_input_file(path)
    if path.stat().st_size > READ_LIMIT:
        raise InvalidInput.of(
            "{source} is larger than {size}: not a file selfassess reads", source=path, size="20 MB"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_a_workbook(path, exc) from None
    if unzipped > UNZIPPED_LIMIT:
        raise InvalidInput.of(
            "{source} unzips to more than {size}: not a file selfassess reads",
            source=path,
            size="100 MB",
        )


def _not_a_workbook(path: Path, exc: Exception) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not a readable .xlsx workbook: {reason}",
        source=path,
        reason=str(exc) or type(exc).__name__,
    )
