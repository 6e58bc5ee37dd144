"""What a spreadsheet cell holds once written: a number, a date, a yes/no, or text that no
spreadsheet program will run.

Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms,
which some programs read alike) is what Excel, LibreOffice and Google Sheets may take for a
formula: a supplier's comment "=HYPERLINK(...)" must not become a link that leaks the sheet or
runs a command when the buyer opens it. Such text is written as text: in .xlsx by setting the
cell's type to string, in .csv by putting an apostrophe before it (OWASP's advice): the program
then shows it as text, apostrophe included, and our reader takes the apostrophe away again.

Every text is also made plain: line breaks become "\\n", and every other control or invisible
format character (right-to-left overrides, zero-width spaces, the byte-order mark) is shown as
its code, "<U+202E>", so it can neither hide nor reorder what a cell says; the zero-width
joiners some spellings need are kept. Text longer than a cell can hold (32,767 characters) is cut
with "…". A number that is not finite is written as its text.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

Value = str | int | float | bool | date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_ESCAPED_STARTS = (*FORMULA_STARTS, "\n")  # "\r" is "\n" in a plain text
CELL_LIMIT = 32_767  # the most characters a cell holds in Excel
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_KEPT = {"\n", "\t", "\u200c", "\u200d"}  # line break, tab, zero-width non-joiner and joiner


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its heading in the reader's language and its width in characters."""

    title: str
    width: int = 16


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could read `text` as a formula."""
    return text.startswith(FORMULA_STARTS)


def plain_text(text: str) -> str:
    """`text` as a cell shows it (module docstring): line breaks as "\\n", invisible characters
    as their codes, at most a cell's length."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():
        text = "".join(_shown(character) for character in text)
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - 1] + "…"
    return text


def csv_text(text: str) -> str:
    """Text for a .csv cell: plain, with an apostrophe before what looks like a formula (or
    before a line break that was a carriage return)."""
    text = plain_text(text)
    return "'" + text if text.startswith(_ESCAPED_STARTS) else text


def unescaped_csv_text(text: str) -> str:
    """A .csv cell as `csv_text` wrote it, its apostrophe taken away."""
    if text.startswith("'") and text[1:].startswith(_ESCAPED_STARTS):
        return text[1:]
    return text


def cell_value(value: Value) -> Value:
    """`value` as a cell can hold it: text plain, a date or time without its time zone (in UTC:
    spreadsheets have none), a number that is not finite as its text."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _shown(character: str) -> str:
    if character in _KEPT or unicodedata.category(character) not in _INVISIBLE:
        return character
    return f"<U+{ord(character):04X}>"
