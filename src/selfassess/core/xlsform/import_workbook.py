"""Reading an XLSForm workbook within bounds: its `survey`, `choices` and `settings` sheets as
rows of text by column heading, each row with its number as the spreadsheet shows it.

What is refused, naming the sheet, row and column: a file that is not an .xlsx workbook, one
larger than 10 MB or unzipping to more than 50 MB, a missing `survey` sheet, a sheet of more
than 10,000 rows or 256 columns, a formula or error cell (type the value itself), a cell of more
than 10,000 characters, text with a control character or an invisible direction mark, and a
heading written twice. openpyxl reads the XML through defusedxml (no entity expansion).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.files import read_input
from selfassess.core.storable import visible

READ_LIMIT = 10 * 1024 * 1024
UNZIPPED_LIMIT = 50 * 1024 * 1024
ROW_LIMIT = 10_000
COLUMN_LIMIT = 256
CELL_LIMIT = 10_000
KNOWN_SHEETS = ("survey", "choices", "settings")
_DIRECTION_MARKS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its letter and its heading as written."""

    letter: str
    heading: str


@dataclass(frozen=True)
class SheetRow:
    """A row that holds something: its number and its non-empty cells, by column letter."""

    number: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """A sheet: its name, its headed columns and its rows below the headings."""

    name: str
    columns: list[Column] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)  # (row, letter) with no heading


@dataclass
class Workbook:
    """The sheets an XLSForm is made of, and the names of any other sheet."""

    survey: Sheet
    choices: Sheet | None
    settings: Sheet | None
    other_sheets: list[str]


def read_workbook(path: Path) -> Workbook:
    """The XLSForm at `path`; an InvalidInput that names what is wrong when it cannot be one."""
    if path.suffix.lower() == ".xls":
        raise InvalidInput.of(
            "{source} is an old Excel file (.xls): open it in a spreadsheet program and save "
            "it as .xlsx",
            source=path,
        )
    data = read_input(path, READ_LIMIT)
    _check_zip(data, path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged or crafted file: openpyxl raises many kinds
        raise _not_a_workbook(path, exc) from None
    try:
        return _sheets(book, path)
    finally:
        book.close()


def _check_zip(data: bytes, path: Path) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_a_workbook(path, exc) from None
    if unzipped > UNZIPPED_LIMIT:
        raise InvalidInput.of(
            "{source} unzips to more than {size}: it is not an XLSForm selfassess reads",
            source=path,
            size="50 MB",
        )


def _sheets(book: Any, path: Path) -> Workbook:
    by_name = {str(name).strip().lower(): name for name in book.sheetnames}
    if "survey" not in by_name:
        raise InvalidInput.of(
            "{source} has no 'survey' sheet, so it is not an XLSForm (its sheets: {sheets})",
            source=path,
            sheets=", ".join(visible(str(name), 40) for name in book.sheetnames) or "none",
        )
    found = {
        key: _read_sheet(book[by_name[key]], key, path) if key in by_name else None
        for key in KNOWN_SHEETS
    }
    others = [str(name) for key, name in by_name.items() if key not in KNOWN_SHEETS]
    survey = found["survey"]
    assert survey is not None
    return Workbook(survey, found["choices"], found["settings"], others)


def _read_sheet(worksheet: Any, name: str, path: Path) -> Sheet:
    sheet = Sheet(name)
    try:
        for number, row in enumerate(worksheet.iter_rows(max_col=COLUMN_LIMIT + 1), start=1):
            if number > ROW_LIMIT:
                raise InvalidInput.of(
                    "{source}: sheet '{sheet}' has more than {limit} rows",
                    source=path,
                    sheet=name,
                    limit=ROW_LIMIT,
                )
            _take_row(sheet, number, [_cell_text(cell, name, number, path) for cell in row], path)
    except InvalidInput:
        raise
    except Exception as exc:  # a damaged or crafted sheet, found while reading it
        raise _not_a_workbook(path, exc) from None
    return sheet


def _take_row(sheet: Sheet, number: int, texts: list[str | None], path: Path) -> None:
    if len(texts) > COLUMN_LIMIT and texts[COLUMN_LIMIT] is not None:
        raise InvalidInput.of(
            "{source}: sheet '{sheet}' has more than {limit} columns",
            source=path,
            sheet=sheet.name,
            limit=COLUMN_LIMIT,
        )
    if all(text is None for text in texts):
        return
    if not sheet.columns and not sheet.rows:
        sheet.columns = _headings(texts, sheet.name, number, path)
        return
    headed = {column.letter for column in sheet.columns}
    cells: dict[str, str] = {}
    for index, text in enumerate(texts):
        if text is None:
            continue
        letter = column_letter(index)
        if letter in headed:
            cells[letter] = text
        else:
            sheet.stray.append((number, letter))
    if cells:
        sheet.rows.append(SheetRow(number, cells))


def _headings(texts: list[str | None], sheet: str, number: int, path: Path) -> list[Column]:
    columns: list[Column] = []
    seen: dict[str, str] = {}
    for index, text in enumerate(texts):
        if text is None:
            continue
        letter = column_letter(index)
        if text in seen:
            raise InvalidInput.of(
                "{source}: sheet '{sheet}', row {row}: columns {first} and {second} both have "
                "the heading '{heading}'",
                source=path,
                sheet=sheet,
                row=number,
                first=seen[text],
                second=letter,
                heading=visible(text, 60),
            )
        seen[text] = letter
        columns.append(Column(letter, text))
    return columns


def _cell_text(cell: Any, sheet: str, row: int, path: Path) -> str | None:
    """The cell as text (a number as written, a date as YYYY-MM-DD), or None when empty."""
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    if value is None:
        return None
    where = {"source": path, "sheet": sheet, "row": row, "column": _letter_of(cell)}
    if kind == "f":
        raise InvalidInput.of(
            "{source}: sheet '{sheet}', cell {column}{row} holds a formula: an XLSForm needs the "
            "value itself typed in the cell",
            **where,
        )
    if kind == "e":
        raise InvalidInput.of(
            "{source}: sheet '{sheet}', cell {column}{row} shows an error ({value})",
            **where,
            value=visible(str(value), 20),
        )
    text = _as_text(value)
    if text is not None:
        _check_text(text, where)
    return text


def _as_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _check_text(text: str, where: dict[str, object]) -> None:
    if len(text) > CELL_LIMIT:
        raise InvalidInput.of(
            "{source}: sheet '{sheet}', cell {column}{row} holds more than {limit} characters",
            **where,
            limit=CELL_LIMIT,
        )
    if any(character in _DIRECTION_MARKS for character in text):
        raise InvalidInput.of(
            "{source}: sheet '{sheet}', cell {column}{row} holds an invisible direction mark "
            "that can disguise what it says",
            **where,
        )
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in text):
        raise InvalidInput.of(
            "{source}: sheet '{sheet}', cell {column}{row} holds a control character", **where
        )


def _letter_of(cell: Any) -> str:
    letter = getattr(cell, "column_letter", None)
    if isinstance(letter, str):
        return letter
    column = getattr(cell, "column", None)
    return column_letter(column - 1) if isinstance(column, int) else "?"


def column_letter(index: int) -> str:
    """The letter of the column at `index` (0 is A), as spreadsheets name it."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _not_a_workbook(path: Path, exc: Exception) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not a readable .xlsx workbook ({reason})",
        source=path,
        reason=visible(str(exc) or type(exc).__name__, 120),
    )
