"""Writing sheets (a heading row, then rows of values) to an .xlsx workbook or to .csv files, row
by row, so that a workbook of 500 packs' answers is written in bounded memory.

- .xlsx (openpyxl's write-only workbook): one tab per sheet, its name made fit for Excel (at most
  31 characters, none of `[]:*?/\\`, unique, not "History"); the heading row in bold and frozen;
  each column as wide as its `Column` says (rows stream by, so widths are declared, not measured);
  numbers as numbers, dates as dates (shown yyyy-mm-dd), text always as text (`cells`): openpyxl
  writes text as inline strings, and a text it would take for a formula or an error is typed as
  a string explicitly.
- .csv: one file per sheet, beside the name given: `export.csv` gives `export-suppliers.csv`,
  `export-answers.csv`…, named by the sheet's key (the same in every language, for scripts).
  UTF-8 with a byte-order mark, so that Excel shows accented letters right when it opens the
  file; commas between cells, every text in quotes, an apostrophe before what looks like a
  formula; dates as yyyy-mm-dd.

Everything is written whole or not at all: each file is put in place only once every row is
written (`files.output_being_written`); a folder that does not exist is refused before any work.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_output_file, output_being_written
from selfassess.core.spreadsheets.cells import (
    FORMULA_STARTS,
    Column,
    Value,
    cell_value,
    csv_text,
)

# Text openpyxl would take for a formula ("=") or an error ("#N/A"), and all that looks like a
# formula to some program: its cell is typed as a string explicitly.
_TYPED_EXPLICITLY = (*FORMULA_STARTS, "#")
SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = set("[]:*?/\\")
FORMATS = (".xlsx", ".csv")
ZIP_LEVEL = 3


@dataclass(frozen=True)
class Sheet:
    """A sheet to write: `key` names its .csv file, `title` its tab (in the reader's language);
    `rows` may be a generator, read once."""

    key: str
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Value]]


class SheetOutput(Protocol):
    def append(self, row: Sequence[Value]) -> None: ...


class Book(Protocol):
    def add_sheet(self, key: str, title: str, columns: Sequence[Column]) -> SheetOutput: ...


def write_sheets(target: Path, sheets: Iterable[Sheet]) -> list[Path]:
    """Write `sheets` in order to `target` (.xlsx, or .csv files beside it); the files written."""
    keys: list[str] = []
    with book_being_written(target) as book:
        for sheet in sheets:
            output = book.add_sheet(sheet.key, sheet.title, sheet.columns)
            for row in sheet.rows:
                output.append(row)
            keys.append(sheet.key)
    return written_files(target, keys)


@contextlib.contextmanager
def book_being_written(target: Path) -> Iterator[Book]:
    """A workbook (or a set of .csv files) whose sheets may be appended to in any order, written
    in place when the block ends without an error (module docstring)."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput.of(
            "{target}: a spreadsheet is written as .xlsx or .csv, not '{suffix}'",
            target=target,
            suffix=target.suffix or target.name,
        )
    check_output_file(target)
    if suffix == ".xlsx":
        with _xlsx_book(target) as xlsx:
            yield xlsx
    else:
        with _csv_book(target) as csv_files:
            yield csv_files


def csv_file_of(target: Path, key: str) -> Path:
    """The .csv file of the sheet `key` when `target` was asked for."""
    return target.with_name(f"{target.stem}-{key}.csv")


def written_files(target: Path, keys: Sequence[str]) -> list[Path]:
    """The files an export to `target` of the sheets `keys` wrote."""
    if target.suffix.lower() == ".xlsx":
        return [target]
    return [csv_file_of(target, key) for key in keys]


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """`title` as Excel allows a tab to be named (module docstring), unlike any name `taken`."""
    name = "".join(" " if c in _NOT_IN_SHEET_NAMES or not c.isprintable() else c for c in title)
    name = " ".join(name.split()).strip("'")[:SHEET_NAME_LIMIT].strip() or "Sheet"
    if name.casefold() == "history":
        name = "History 1"
    used = {other.casefold() for other in taken}
    base, number = name, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        number += 1
    return name


# .xlsx


class _XlsxBook:
    def __init__(self) -> None:
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)

    def add_sheet(self, key: str, title: str, columns: Sequence[Column]) -> SheetOutput:
        from openpyxl.utils import get_column_letter

        taken = [sheet.title for sheet in self.workbook.worksheets]
        sheet = self.workbook.create_sheet(sheet_name(title, taken))
        for number, column in enumerate(columns, start=1):
            width = max(column.width, min(len(column.title) + 2, 40))
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.freeze_panes = "A2"
        output = _XlsxSheet(sheet)
        output.append_heading([column.title for column in columns])
        return output


class _XlsxSheet:
    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.sheet, self.cell_type, self.bold = sheet, WriteOnlyCell, Font(bold=True)

    def append_heading(self, titles: Sequence[str]) -> None:
        cells = [self._text(title) for title in titles]
        for cell in cells:
            cell.font = self.bold
        self.sheet.append(cells)

    def append(self, row: Sequence[Value]) -> None:
        self.sheet.append([self._cell(value) for value in row])

    def _cell(self, value: Value) -> Any:
        value = cell_value(value)
        if isinstance(value, str) and value.startswith(_TYPED_EXPLICITLY):
            return self._text(value)
        return value  # other text openpyxl itself writes as an inline string: never a formula

    def _text(self, text: str) -> Any:
        """A cell that holds `text` as text, whatever it starts with (never a formula, never an
        error such as "#N/A")."""
        cell = self.cell_type(self.sheet, value=text)
        cell.data_type = "s"
        return cell


@contextlib.contextmanager
def _xlsx_book(target: Path) -> Iterator[_XlsxBook]:
    book = _XlsxBook()
    try:
        yield book
    except BaseException:
        _abandon(book.workbook)
        raise
    with output_being_written(target) as output:
        _save(book.workbook, output.stream)


def _save(workbook: Any, stream: BinaryIO) -> None:
    """Save as `Workbook.save` does, compressed at zlib's level 3: three times as fast as its
    default level for a file an eighth larger (a workbook of 500 packs is 90 MB of XML)."""
    from datetime import UTC, datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=ZIP_LEVEL)
    ExcelWriter(workbook, archive).save()  # closes the archive


def _abandon(workbook: Any) -> None:
    """Close the sheets of a workbook that will not be saved and remove their temporary files
    (openpyxl keeps each sheet of a write-only workbook in one until it saves)."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):  # a sheet half-written is thrown away all the same
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


# .csv


class _CsvSheet:
    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.stream = stream
        self.writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC)

    def append(self, row: Sequence[Value]) -> None:
        self.writer.writerow([_csv_cell(value) for value in row])


class _CsvBook:
    def __init__(self, target: Path, files: contextlib.ExitStack) -> None:
        self.target, self.files = target, files
        self.sheets: list[_CsvSheet] = []
        self.keys: set[str] = set()

    def add_sheet(self, key: str, title: str, columns: Sequence[Column]) -> SheetOutput:
        if key in self.keys:
            raise ValueError(f"two sheets with the key {key!r}")
        self.keys.add(key)
        output = self.files.enter_context(output_being_written(csv_file_of(self.target, key)))
        stream = io.TextIOWrapper(output.stream, encoding="utf-8-sig", newline="")
        sheet = _CsvSheet(stream)
        sheet.append([column.title for column in columns])
        self.sheets.append(sheet)
        return sheet

    def finish(self) -> None:
        for sheet in self.sheets:
            sheet.stream.flush()
            sheet.stream.detach()  # the file itself is flushed and closed by its output


@contextlib.contextmanager
def _csv_book(target: Path) -> Iterator[_CsvBook]:
    with contextlib.ExitStack() as files:
        book = _CsvBook(target, files)
        yield book
        book.finish()


def _csv_cell(value: Value) -> str | int | float:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return value
