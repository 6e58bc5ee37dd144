"""What the store can keep: checks that text and numbers coming from outside (typed in the app,
given as a command-line argument, read from a JSON line) fit SQLite and the printed pack, each a
plain refusal naming the field, before anything reaches the database.

SQLite cannot store a lone surrogate (what Python makes of a byte that is not UTF-8) nor an
integer beyond 64 bits; NUL and other control characters break the PDF and the e-mail draft.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from selfassess.core.errors import InvalidInput

NAME_LIMIT = 200  # a name, a title, a place: one line
TEXT_LIMIT = 100_000  # an answer in words, a comment, a note, a reason: pages of it
SHOWN_LIMIT = 60  # characters of a refused value quoted back in a message
SQLITE_INTEGER = 2**63 - 1


def storable_text(
    value: object,
    field: str,
    *,
    limit: int = TEXT_LIMIT,
    one_line: bool = False,
    plain: bool = False,
) -> str:
    """`value` if it is text the store can keep, else an InvalidInput naming `field`.

    `one_line` refuses every line break: newline, carriage return, and the Unicode line and
    paragraph separators (U+2028, U+2029, U+0085) that start a new line in the app and the PDF
    as well. `plain` refuses the invisible format characters too (category Cf: right-to-left
    overrides and marks, zero-width spaces and joiners, the byte-order mark), which can hide or
    reorder what a short text says; for the few words of a register, not for names in every
    script."""
    if not isinstance(value, str):
        raise InvalidInput.of("{field} must be text, not {value}", field=field, value=shown(value))
    if len(value) > limit:
        raise InvalidInput.of(
            "{field} is too long: {length} characters, at most {limit}",
            field=field,
            length=len(value),
            limit=limit,
        )
    for character in value:
        if _unstorable(character, one_line) or (plain and _formatting(character)):
            raise _refusal(field, character)
    return value


def optional_text(
    value: object,
    field: str,
    *,
    limit: int = TEXT_LIMIT,
    one_line: bool = False,
    plain: bool = False,
) -> str | None:
    """As `storable_text`, letting None through."""
    if value is None:
        return None
    return storable_text(value, field, limit=limit, one_line=one_line, plain=plain)


def is_storable_text(value: str) -> bool:
    """Whether SQLite can store `value` at all (no lone surrogate); for lookups of ids."""
    return not any(0xD800 <= ord(character) <= 0xDFFF for character in value)


def storable_integer(value: object, field: str, low: int, high: int) -> int:
    """`value` if it is a whole number from `low` to `high`, else an InvalidInput."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput.of(
            "{field} must be a whole number from {low} to {high}, not {value}",
            field=field,
            low=low,
            high=high,
            value=shown(value),
        )
    return value


def shown(value: Any) -> str:
    """A value quoted back in a message: readable, on one line, at most a few dozen characters."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except (RecursionError, ValueError):  # a structure nested too deep, an int too long
        text = f"a {type(value).__name__}"
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text[: SHOWN_LIMIT + 1])
    return text if len(text) <= SHOWN_LIMIT else text[: SHOWN_LIMIT - 1] + "…"


def visible(value: str, limit: int = 256) -> str:
    """Text taken from a certificate, a pack or a file, made safe to print in a terminal, a JSON
    verdict or the app: every control or format character (newline, ESC, bidi overrides,
    zero-width spaces) is shown as its code, such as "<U+001B>", so it can neither forge a line
    nor hide what follows; the zero-width joiner and non-joiner, which emoji sequences and
    Persian or Indic spellings need and which can do neither, are kept. Longer than `limit`
    characters, it is cut with "…"."""
    text = value.encode("utf-8", "replace").decode("utf-8")
    out = [
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in _INVISIBLE and c not in _JOINERS else c
        for c in text[: limit + 1]
    ]
    shown_text = "".join(out)
    return shown_text if len(text) <= limit else "".join(out[: limit - 1]) + "…"


_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_JOINERS = {"\u200c", "\u200d"}  # ZWNJ, ZWJ


def readable_name(name: str) -> str:
    """A file name as it can be stored and shown: bytes that were not UTF-8 become '�'."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_LINE_BREAKS = "\n\r\x85\u2028\u2029"  # newline, return, NEL, line and paragraph separators


def _unstorable(character: str, one_line: bool) -> bool:
    if character == "\t" or character in _LINE_BREAKS:
        return one_line
    code = ord(character)
    return code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF


def _formatting(character: str) -> bool:
    return unicodedata.category(character) == "Cf"


def _refusal(field: str, character: str) -> InvalidInput:
    if 0xD800 <= ord(character) <= 0xDFFF:
        return InvalidInput.of(
            "{field} holds a character that cannot be stored (a byte that is not UTF-8 text); "
            "type it again",
            field=field,
        )
    if character in _LINE_BREAKS:
        return InvalidInput.of("{field} must be one line, without line breaks", field=field)
    if _formatting(character):
        return InvalidInput.of(
            "{field} holds an invisible formatting character (U+{code}), such as a "
            "right-to-left mark; type it again without it",
            field=field,
            code=f"{ord(character):04X}",
        )
    return InvalidInput.of(
        "{field} holds a control character (U+{code}) that cannot be stored",
        field=field,
        code=f"{ord(character):04X}",
    )
