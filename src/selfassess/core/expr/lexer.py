"""Turns expression source text into tokens, each with its character span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from selfassess.core.expr.errors import ExpressionError

MAX_SOURCE_LENGTH = 10_000
QUESTION_ID_PATTERN = r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z]"
_QUESTION_ID = re.compile(QUESTION_ID_PATTERN)
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATE = re.compile(r"@([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t"}
_OPERATORS = ("<=", ">=", "!=", "=", "<", ">", "+", "-", "*", "/", "(", ")", ",", "[", "]", ".")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null", "mod"})


class Kind(Enum):
    """Token kinds."""

    NUMBER = "number"
    STRING = "string"
    DATE = "date"
    REF = "question reference"
    NAME = "name"
    KEYWORD = "keyword"
    OP = "operator"
    END = "end of expression"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its value (text, number or date) and its span in the source."""

    kind: Kind
    value: object
    start: int
    end: int

    def is_op(self, *ops: str) -> bool:
        return self.kind is Kind.OP and self.value in ops

    def is_keyword(self, *words: str) -> bool:
        return self.kind is Kind.KEYWORD and self.value in words


def tokenize(source: str) -> list[Token]:
    """Split `source` into tokens, ending with an END token; raises ExpressionError."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(f"expression is longer than {MAX_SOURCE_LENGTH} characters", 0)
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        char = source[pos]
        if char.isspace():
            pos += 1
            continue
        token = _next_token(source, pos)
        tokens.append(token)
        pos = token.end
    tokens.append(Token(Kind.END, None, len(source), len(source)))
    return tokens


def _next_token(source: str, pos: int) -> Token:
    char = source[pos]
    if "0" <= char <= "9":
        return _number(source, pos)
    if char in "'\"":
        return _string(source, pos)
    if source.startswith("${", pos):
        return _reference(source, pos)
    if char == "@":
        return _date(source, pos)
    name = _NAME.match(source, pos)
    if name:
        word = name.group()
        kind = Kind.KEYWORD if word in KEYWORDS else Kind.NAME
        return Token(kind, word, pos, name.end())
    if source.startswith("==", pos):
        raise ExpressionError("use '=' to compare, not '=='", pos, pos + 2)
    for op in _OPERATORS:
        if source.startswith(op, pos):
            return Token(Kind.OP, op, pos, pos + len(op))
    raise ExpressionError(f"unexpected character {char!r}", pos)


def _number(source: str, pos: int) -> Token:
    match = _NUMBER.match(source, pos)
    assert match is not None  # the caller saw a digit
    text = match.group()
    value: int | float
    if match.group(1) or match.group(2):
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise ExpressionError(f"number {text} is too large", pos, match.end())
    else:
        if len(text) > 30:
            raise ExpressionError(f"number {text[:12]}... is too large", pos, match.end())
        value = int(text)
    end = match.end()
    if end < len(source) and (source[end].isalpha() or source[end] == "_"):
        raise ExpressionError(f"unexpected {source[end]!r} after number", end)
    return Token(Kind.NUMBER, value, pos, end)


def _string(source: str, pos: int) -> Token:
    quote = source[pos]
    chars: list[str] = []
    i = pos + 1
    while i < len(source):
        char = source[i]
        if char == quote:
            return Token(Kind.STRING, "".join(chars), pos, i + 1)
        if char == "\\":
            escaped = source[i + 1] if i + 1 < len(source) else ""
            if escaped not in _ESCAPES:
                raise ExpressionError(f"unknown escape '\\{escaped}' in text", i, i + 2)
            chars.append(_ESCAPES[escaped])
            i += 2
            continue
        chars.append(char)
        i += 1
    raise ExpressionError("text is not closed: missing " + quote, pos, len(source))


def _reference(source: str, pos: int) -> Token:
    close = source.find("}", pos + 2)
    if close < 0:
        raise ExpressionError("question reference is not closed: missing '}'", pos, len(source))
    name = source[pos + 2 : close]
    if not _QUESTION_ID.fullmatch(name):
        raise ExpressionError(f"'{name}' is not a valid question id", pos, close + 1)
    return Token(Kind.REF, name, pos, close + 1)


def _date(source: str, pos: int) -> Token:
    match = _DATE.match(source, pos)
    if not match:
        raise ExpressionError("a date is written @YYYY-MM-DD, for example @2025-06-30", pos)
    try:
        value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ExpressionError(
            f"{match.group()[1:]} is not a calendar date", pos, match.end()
        ) from None
    return Token(Kind.DATE, value, pos, match.end())
