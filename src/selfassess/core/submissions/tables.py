"""The rows of an export's table, one at a time, so that memory does not grow with the number of
submissions: a CSV read with the csv module (commas as ODK Central writes them, semicolons as
KoboToolbox does by default, or tabs: whichever the heading row uses), an .xlsx read with
openpyxl in read-only mode (its XML through defusedxml).

Every cell comes out as text, as the export wrote it: a number of a spreadsheet as its digits
(4, not 4.0), a date as YYYY-MM-DD. A formula or an error cell in a workbook refuses the whole
file, naming its row and column: an export never holds one, so someone changed the file.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from selfassess.core.errors import InvalidInput
from selfassess.core.storable import shown

CELL_LIMIT = 1024 * 1024  # the longest cell the csv module reads (its default is 128 KB)
COLUMN_LIMIT = 5_000
# Separators a row may hold beyond its columns', inside quoted cells ("1,5", a text with commas).
_QUOTED_SEPARATORS = 100_000
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class TableRow:
    """A row of the table: its number as a spreadsheet shows it (the headings are row 1) and
    its non-empty cells by heading."""

    number: int
    cells: dict[str, str]


@dataclass
class Table:
    """A table being read: its headings, and its rows as they come."""

    headings: list[str]
    rows: Iterator[TableRow]


class _TooManyCells(Exception):
    """A row holds far more separators than its table has columns."""


class _CountedLines:
    """The lines of a CSV stream, counting the separators of the row being read: a row of a
    million empty cells (`,,,,…`) is refused before the csv module makes a list of them."""

    def __init__(self, lines: Iterator[str], delimiter: str) -> None:
        self._lines = lines
        self._delimiter = delimiter
        self.limit = COLUMN_LIMIT + _QUOTED_SEPARATORS
        self._count = 0

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._count += line.count(self._delimiter)
        if self._count > self.limit:
            raise _TooManyCells
        return line

    def next_row(self) -> None:
        self._count = 0


def csv_table(stream: IO[str], source: str) -> Table:
    """The table of a CSV text stream (`source` names it in messages)."""
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise _not_utf8(source) from None
    delimiter = max(_DELIMITERS, key=first.count)
    csv.field_size_limit(CELL_LIMIT)
    lines = _CountedLines(itertools.chain([first], stream), delimiter)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        headings = [cell.strip() for cell in next(reader, [])]
    except csv.Error as exc:
        raise _not_csv(source, 1, exc) from None
    except _TooManyCells:
        raise InvalidInput.of(
            "{source} has more than {limit} columns: an export of a questionnaire has fewer; "
            "refused",
            source=source,
            limit=COLUMN_LIMIT,
        ) from None
    _check_headings(headings, source)
    lines.limit = len(headings) + _QUOTED_SEPARATORS
    lines.next_row()
    return Table(headings, _csv_rows(reader, lines, headings, source))


def _csv_rows(
    reader: Any, lines: _CountedLines, headings: list[str], source: str
) -> Iterator[TableRow]:
    number = 1
    try:
        for number, values in enumerate(reader, start=2):
            lines.next_row()
            if len(values) > len(headings) and any(v.strip() for v in values[len(headings) :]):
                raise _more_cells(source, number)
            cells = {h: v.strip() for h, v in zip(headings, values, strict=False) if v.strip()}
            if cells:
                yield TableRow(number, cells)
    except UnicodeDecodeError:
        raise _not_utf8(source) from None
    except csv.Error as exc:
        raise _not_csv(source, number + 1, exc) from None
    except _TooManyCells:
        raise _more_cells(source, number + 1) from None


def _more_cells(source: str, row: int) -> InvalidInput:
    return InvalidInput.of(
        "{source}, row {row}: more cells than headings; refused", source=source, row=row
    )


def _not_utf8(source: str) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not UTF-8 text, as ODK Central and KoboToolbox write their exports; refused",
        source=source,
    )


def _not_csv(source: str, row: int, exc: csv.Error) -> InvalidInput:
    return InvalidInput.of(
        "{source}, row {row}: not a readable CSV row ({reason}); refused",
        source=source,
        row=row,
        reason=shown(str(exc)),
    )


def _check_headings(headings: list[str], source: str) -> None:
    if not any(headings):
        raise InvalidInput.of("{source} holds no table: its first row is empty", source=source)
    if len(headings) > COLUMN_LIMIT:
        raise InvalidInput.of(
            "{source} has {count} columns, more than an export of a questionnaire has; refused",
            source=source,
            count=len(headings),
        )
    seen: set[str] = set()
    for heading in headings:
        if heading and heading in seen:
            raise InvalidInput.of(
                "{source}: the column {column} appears twice; refused",
                source=source,
                column=shown(heading),
            )
        seen.add(heading)


# .xlsx -----------------------------------------------------------------------------------------
def xlsx_table(path: Path, source: str) -> tuple[Table, Callable[[], None]]:
    """The table of the first sheet of the workbook at `path` (already checked as a zip), and
    what closes the workbook (its sheet's reading too), which the caller calls once done."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # a damaged or crafted file: openpyxl raises many kinds
        raise _not_a_workbook(source, exc) from None
    rows = workbook.worksheets[0].iter_rows()

    def close() -> None:
        rows.close()  # the sheet's XML stream, held open by a reading stopped part way
        workbook.close()

    try:
        first = next(rows, ())
        headings = [_text(cell, 1, index, source).strip() for index, cell in enumerate(first)]
        while headings and not headings[-1]:
            headings.pop()
        _check_headings(headings, source)
    except InvalidInput:
        close()
        raise
    except Exception as exc:
        close()
        raise _not_a_workbook(source, exc) from None
    return Table(headings, _xlsx_rows(rows, headings, source)), close


def _xlsx_rows(rows: Iterator[Any], headings: list[str], source: str) -> Iterator[TableRow]:
    number = 1
    try:
        for number, row in enumerate(rows, start=2):
            cells = {}
            for index, (heading, cell) in enumerate(zip(headings, row, strict=False)):
                text = _text(cell, number, index, source).strip()
                if text:
                    cells[heading] = text
            if cells:
                yield TableRow(number, cells)
    except InvalidInput:
        raise
    except Exception as exc:  # a damaged sheet, found while reading it
        raise _not_a_workbook(source, exc) from None


def _text(cell: Any, row: int, index: int, source: str) -> str:
    """A cell's value as the export's text; a formula or an error cell refuses the file."""
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    where = {"source": source, "row": row, "column": _letter(index), "value": shown(value)}
    if kind == "e":
        raise InvalidInput.of(
            "{source}, row {row}, column {column}: the cell shows an error ({value}); refused",
            **where,
        )
    if kind == "f" or (isinstance(value, str) and value.startswith("=") and kind != "s"):
        raise InvalidInput.of(
            "{source}, row {row}, column {column}: a formula ({value}) is not an exported "
            "value; refused",
            **where,
        )
    return _as_text(value)


def _letter(index: int) -> str:
    """The letter of the column at `index` (0 is A), as spreadsheets name it."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _not_a_workbook(source: str, exc: Exception) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not a readable .xlsx workbook: {reason}",
        source=source,
        reason=shown(str(exc) or type(exc).__name__),
    )
