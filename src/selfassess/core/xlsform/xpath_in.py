"""ODK's XPath, as XLSForm writes it in `relevant`, `constraint`, `required` and `calculation`,
turned into a tree of our expression language (docs/expressions.md), or refused with a reason.

What is carried: `${name}` (a question, or a calculate written in its place), `.`, numbers and
texts, `+ - * div mod`, `= != < <= > >=`, `and`, `or`, `not()`, `true()`, `false()`, `if()`,
`selected()`, `count-selected()`, `coalesce()`, `regex()`, `string-length()`, `contains()`,
`starts-with()` and `ends-with()` with a text to find, `today()`, `date()`, `min()`, `max()` and
`round()`. `${q} = ''` becomes `not answered(${q})`; a number compared with a choice question
becomes the option's name, a text compared with a date a date. `regex()` matches the whole text
in ODK Collect as in ours (Enketo finds the pattern anywhere), so a pattern is carried as it is.

Paths (`/data/q`, `..`), node sets, repeats, `jr:choice-name()`, `pulldata()`, `instance()` and
the other functions have no equivalent: `Untranslatable` says which, for the import's report.
"""

from __future__ import annotations

import re

from selfassess.core.expr.ast import Binary, Call, Current, Literal, Node, QuestionRef, Unary
from selfassess.core.findings import Finding
from selfassess.core.xlsform.xpath_in_compare import XPathContext, as_name, compared, date_of

__all__ = ["Untranslatable", "XPathContext", "xpath_to_tree"]

MAX_LENGTH = 10_000
MAX_NESTING = 40
_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{(?P<refname>[^}]*)\})|(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"|(?P<text>'[^']*'|\"[^\"]*\")|(?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,|\.\.|\.|/|\||\[|\]|@)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?))"
)
_COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}
_SAME_NAME = {
    "if": "if",
    "selected": "selected",
    "count-selected": "count_selected",
    "coalesce": "coalesce",
    "string-length": "length",
    "today": "today",
    "min": "min",
    "max": "max",
    "round": "round",
}
_ARITY = {"if": 3, "selected": 2, "count-selected": 1, "string-length": 1, "today": 0}


class Untranslatable(Exception):
    """An expression that our language cannot say, and why (a finding for the report)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.text())
        self.finding = finding


def xpath_to_tree(source: str, context: XPathContext) -> Node:
    """The tree of our language for the XPath `source`; raises Untranslatable."""
    if len(source) > MAX_LENGTH:
        raise Untranslatable(
            Finding.of("the expression is longer than {limit} characters", limit=MAX_LENGTH)
        )
    parser = _Parser(_tokens(source), context)
    tree = parser.or_expr()
    if parser.peek() != ("end", ""):
        parser.unreadable()
    return tree


def _tokens(source: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    position = 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            start = len(source[position:]) - len(source[position:].lstrip()) + position
            raise Untranslatable(_unreadable_at(start))
        kind = next(k for k in ("ref", "number", "text", "op", "name") if match.group(k))
        value = match.group("refname") if kind == "ref" else match.group(kind)
        tokens.append((kind, value, match.start(kind)))
        position = match.end()
    tokens.append(("end", "", len(source)))
    return tokens


def _unreadable_at(position: int) -> Finding:
    return Finding.of(
        "the expression cannot be read at character {position}", position=position + 1
    )


class _Parser:
    """Recursive descent over XPath 1.0's precedence: or, and, equality, relational,
    additive, multiplicative, unary minus, primary."""

    def __init__(self, tokens: list[tuple[str, str, int]], context: XPathContext) -> None:
        self.tokens = tokens
        self.index = 0
        self.context = context
        self.nesting = 0

    def peek(self) -> tuple[str, str]:
        kind, value, _ = self.tokens[self.index]
        return kind, value

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.index += 1
        return token

    def expect(self, value: str) -> None:
        if self.take() != ("op", value):
            self.index -= 1
            self.unreadable()

    def unreadable(self) -> None:
        raise Untranslatable(_unreadable_at(self.tokens[self.index][2]))

    def _keyword(self, word: str) -> bool:
        if self.peek() == ("name", word):
            self.index += 1
            return True
        return False

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self._keyword("or"):
            node = Binary("or", node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.comparison()
        while self._keyword("and"):
            node = Binary("and", node, self.comparison())
        return node

    def comparison(self) -> Node:
        node = self.additive()
        while self.peek()[0] == "op" and self.peek()[1] in _COMPARISONS:
            op = self.take()[1]
            node = compared(op, node, self.additive(), self.context)
        return node

    def additive(self) -> Node:
        node = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            node = Binary(self.take()[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek() in (("op", "*"), ("name", "div"), ("name", "mod")):
            op = {"*": "*", "div": "/", "mod": "mod"}[self.take()[1]]
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek() == ("op", "-"):
            self.index += 1
            with _Deeper(self):
                return Unary("-", self.unary())
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "number":
            number = float(value)
            return Literal(int(number) if number.is_integer() and "." not in value else number)
        if kind == "text":
            return Literal(value[1:-1])
        if kind == "ref":
            return self.reference(value)
        if (kind, value) == ("op", "."):
            return Current()
        if (kind, value) == ("op", "("):
            with _Deeper(self):
                node = self.or_expr()
            self.expect(")")
            return node
        if kind == "name" and self.peek() == ("op", "("):
            return self.call(value)
        if kind == "name" or value in ("/", "..", "@", "[", "|"):
            raise Untranslatable(
                Finding.of(
                    "it uses an XPath path or node set ({path}), which selfassess cannot "
                    "follow: refer to questions as ${{name}}",
                    path=value,
                )
            )
        self.index -= 1
        self.unreadable()
        raise AssertionError  # unreachable: unreadable() raises

    def reference(self, name: str) -> Node:
        if name in self.context.calculations:
            return self.context.calculations[name]
        if name in self.context.questions:
            return QuestionRef(self.context.questions[name][0])
        if name in self.context.missing:
            raise Untranslatable(
                Finding.of("it uses ${{{name}}}, which is left out of the imported form", name=name)
            )
        raise Untranslatable(
            Finding.of("it uses ${{{name}}}, which no row of the form defines", name=name)
        )

    def call(self, name: str) -> Node:
        self.expect("(")
        args: list[Node] = []
        with _Deeper(self):
            if self.peek() != ("op", ")"):
                args.append(self.or_expr())
                while self.peek() == ("op", ","):
                    self.index += 1
                    args.append(self.or_expr())
        self.expect(")")
        return _function(name, args, self.context)


class _Deeper:
    """Counts brackets and calls open at once, so a hostile expression cannot go deep."""

    def __init__(self, parser: _Parser) -> None:
        self.parser = parser

    def __enter__(self) -> None:
        self.parser.nesting += 1
        if self.parser.nesting > MAX_NESTING:
            raise Untranslatable(Finding.of("the expression is nested too deeply"))

    def __exit__(self, *_: object) -> None:
        self.parser.nesting -= 1


def _function(name: str, args: list[Node], context: XPathContext) -> Node:
    if name in _ARITY and len(args) != _ARITY[name]:
        raise Untranslatable(Finding.of("{name}() is given the wrong number of values", name=name))
    if name in ("true", "false") and not args:
        return Literal(name == "true")
    if name == "not" and len(args) == 1:
        return Unary("not", args[0])
    if name == "selected" and isinstance(args[1], Literal) and not isinstance(args[1].value, str):
        args[1] = Literal(as_name(args[1].value))
    if name in _SAME_NAME and (name not in ("min", "max", "coalesce") or args):
        return Call(_SAME_NAME[name], tuple(args))
    if name == "date" and len(args) == 1:
        return date_of(args[0])
    if name == "regex" and len(args) == 2:
        return Call("regex", (args[0], _whole_text_pattern(args[1])))
    if name in ("contains", "starts-with", "ends-with") and len(args) == 2:
        return _text_search(name, args)
    raise Untranslatable(
        Finding.of(
            "the function {name}() has no equivalent in selfassess's expression language",
            name=name,
        )
    )


def _whole_text_pattern(pattern: Node) -> Node:
    """The pattern as ours reads it: ODK Collect, like our `regex()`, matches the whole text, so
    only anchors at both ends (`^…$`), which then say nothing more, are taken away."""
    if not isinstance(pattern, Literal) or not isinstance(pattern.value, str):
        raise Untranslatable(Finding.of("regex() needs its pattern written as a text"))
    text = pattern.value
    anchored_end = text.endswith("$") and not text.endswith("\\$")
    if len(text) > 1 and text.startswith("^") and anchored_end:
        return Literal(text[1:-1])
    return pattern


def _text_search(name: str, args: list[Node]) -> Node:
    needle = args[1]
    if not isinstance(needle, Literal) or not isinstance(needle.value, str):
        raise Untranslatable(
            Finding.of("{name}() is carried only with a text to find written in it", name=name)
        )
    escaped = re.escape(needle.value)
    pattern = {
        "contains": f"(?s).*{escaped}.*",
        "starts-with": f"(?s){escaped}.*",
        "ends-with": f"(?s).*{escaped}",
    }[name]
    return Call("regex", (args[0], Literal(pattern)))
