"""A strict recogniser of the XPath 1.0 that XLSForm expressions are written in, limited to the
functions ODK documents: the tests hold every translation to it (syntax, function names and
their number of arguments, `${name}` references)."""

from __future__ import annotations

import re

ODK_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "if": (3, 3),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "coalesce": (2, 2),
    "regex": (2, 2),
    "string-length": (1, 1),
    "string": (1, 1),
    "number": (1, 1),
    "concat": (1, None),
    "today": (0, 0),
    "date": (1, 1),
    "decimal-date-time": (1, 1),
    "format-date": (2, 2),
    "int": (1, 1),
    "round": (2, 2),
    "min": (1, None),
    "max": (1, None),
}
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'[^']*'|"[^"]*")
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<ref>\$\{[^}]+\})
      | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)
      | (?P<dot>\.)
    )""",
    re.VERBOSE,
)
_LEVELS = [("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod")]


class NotXPath(ValueError):
    """The text is not an expression of the recognised XPath."""


def tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise NotXPath(f"cannot read {text[position : position + 20]!r}")
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokens(text)
        self.index = 0
        self.references: set[str] = set()

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.index] if self.index < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end" or (value is not None and token[1] != value):
            raise NotXPath(f"expected {value or 'more'}, found {token[1]!r}")
        self.index += 1
        return token

    def expression(self, level: int = 0) -> None:
        if level == len(_LEVELS):
            self.unary()
            return
        self.expression(level + 1)
        while self.peek()[1] in _LEVELS[level] and self.peek()[0] in ("op", "name"):
            self.take()
            self.expression(level + 1)

    def unary(self) -> None:
        if self.peek() == ("op", "-"):
            self.take()
            self.unary()
            return
        kind, value = self.take()
        if kind in ("string", "number", "dot"):
            return
        if kind == "ref":
            self.references.add(value[2:-1])
            return
        if value == "(":
            self.expression()
            self.take(")")
            return
        if kind == "name":
            self.call(value)
            return
        raise NotXPath(f"unexpected {value!r}")

    def call(self, name: str) -> None:
        if name not in ODK_FUNCTIONS:
            raise NotXPath(f"not an ODK function: {name}")
        self.take("(")
        count = 0
        if self.peek()[1] != ")":
            self.expression()
            count = 1
            while self.peek()[1] == ",":
                self.take()
                self.expression()
                count += 1
        self.take(")")
        least, most = ODK_FUNCTIONS[name]
        if count < least or (most is not None and count > most):
            raise NotXPath(f"{name}() with {count} arguments")


def references_of(text: str) -> set[str]:
    """The `${name}`s of an XPath expression; raises NotXPath when it is not well formed."""
    parser = _Parser(text)
    parser.expression()
    if parser.peek()[0] != "end":
        raise NotXPath(f"unexpected {parser.peek()[1]!r} after the expression")
    return parser.references
