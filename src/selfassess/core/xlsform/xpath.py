"""Our expression language translated to the XPath of ODK forms (XLSForm's `relevant`,
`constraint` and `required` columns), keeping what our language means wherever XPath can.

    xpath = to_xpath(parse("${A1.1} >= 2 and 'gold' in profile.minerals"), scope)
    # "${A1.1} >= 2 and selected(${profile_minerals}, 'gold')"

The differences the translation bridges: in ODK an unanswered question is the empty text, and
ratings and yes/no questions are choices (`'0'`…`'3'`, `'yes'`/`'no'`), with "not applicable"
and "don't know" as choices of their own, which our language reads as empty; `in` becomes `=`
or `selected()`; `/` is `div`; dates move by days through `decimal-date-time()`; a pattern
matches the whole text in Collect and in Enketo alike. What XPath cannot say (months added to
a date, enhanced due diligence, text ordered alphabetically) raises `Untranslatable` with the
reason, never a translation that means something else. Functions live in `xpath_calls.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum

from selfassess.core.expr.ast import (
    Binary,
    Call,
    Current,
    ListLiteral,
    Literal,
    Node,
    ProfileRef,
    QuestionRef,
    Unary,
)
from selfassess.core.xlsform.names import NO, YES


class Untranslatable(Exception):
    """An expression, or a part of one, that ODK's XPath cannot say; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Kind(Enum):
    """What an XPath piece holds, as far as the translation needs to know."""

    BOOL = "true/false"  # an XPath boolean: a comparison, and(), not()...
    YES_NO = "yes/no answer"  # the text 'yes' or 'no' of a yes/no question
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    LIST = "list"  # a multiple choice: names separated by spaces
    EVIDENCE = "evidence"
    NULL = "empty value"


@dataclass(frozen=True)
class Reference:
    """What XPath knows of an answer: its XLSForm name, its kind, and the choice names that our
    language reads as empty ("not applicable", "don't know")."""

    name: str
    kind: Kind
    blanks: tuple[str, ...] = ()
    offers_na: bool = False


@dataclass(frozen=True)
class XPathScope:
    """The questions and profile fields an expression may name, and what `.` means."""

    questions: Mapping[str, Reference] = field(default_factory=dict)
    profile: Mapping[str, Reference] = field(default_factory=dict)
    current: Reference | None = None


# How tightly XPath binds each operator, loosest first; a call, literal or path is an atom.
OR, AND, EQUALITY, RELATION, ADDITION, MULTIPLICATION, NEGATION, ATOM = range(1, 9)
_PRECEDENCE = {"or": OR, "and": AND, "=": EQUALITY, "!=": EQUALITY}
_PRECEDENCE |= dict.fromkeys(("<", "<=", ">", ">="), RELATION)
_PRECEDENCE |= {"+": ADDITION, "-": ADDITION, "div": MULTIPLICATION, "*": MULTIPLICATION}
_PRECEDENCE |= {"mod": MULTIPLICATION}


@dataclass(frozen=True)
class Piece:
    """A translated sub-expression: its XPath text, kind and precedence (how tightly its
    outermost operator binds); `ref` when it is an answer itself; `literal` its value when it
    was written as one."""

    text: str
    kind: Kind
    precedence: int = ATOM
    ref: Reference | None = None
    literal: object = field(default=None, compare=False)
    is_literal: bool = False

    def operand(self, at_least: int = ATOM) -> str:
        """The text as the operand of an operator of precedence `at_least`."""
        return self.text if self.precedence >= at_least else f"({self.text})"


def operation(left: Piece, op: str, right: Piece, kind: Kind) -> Piece:
    """`left op right`, with the parentheses XPath needs (operators group to the left)."""
    level = _PRECEDENCE[op]
    comparison = level in (EQUALITY, RELATION)  # "(a = b) = c", though XPath reads it so
    text = f"{_side(left, level, not comparison)} {op} {_side(right, level, level <= AND)}"
    return Piece(text, kind, level)


def _side(piece: Piece, level: int, chained: bool) -> str:
    """An operand of an operator of precedence `level`; `chained` when one of the same level
    needs no parentheses. "a and b or c" is written (a and b) or c, for the reader."""
    bracketed = piece.precedence < level or (piece.precedence == level and not chained)
    if level == OR and piece.precedence == AND:
        bracketed = True
    return f"({piece.text})" if bracketed else piece.text


TRUE = Piece("true()", Kind.BOOL)
FALSE = Piece("false()", Kind.BOOL)
EMPTY = Piece("''", Kind.NULL, is_literal=True)
MAX_LENGTH = 20_000
"""The longest translation written into a cell (a spreadsheet cell holds 32,767 characters)."""


def to_xpath(tree: Node, scope: XPathScope) -> str:
    """The XPath condition that means what `tree` means; raises Untranslatable."""
    from selfassess.core.xlsform.xpath_calls import translate_call

    try:
        text = Translator(scope, translate_call).condition(tree).text
    except RecursionError:
        raise Untranslatable("the expression is nested too deeply") from None
    if len(text) > MAX_LENGTH:
        raise Untranslatable(f"its XPath would be longer than {MAX_LENGTH} characters")
    return text


class Translator:
    """Translates one expression tree; calls are handed to `call` (xpath_calls.py)."""

    def __init__(self, scope: XPathScope, call: Callable[[Translator, Call], Piece]) -> None:
        self.scope = scope
        self.call = call

    def condition(self, node: Node) -> Piece:
        return as_condition(self.piece(node))

    def piece(self, node: Node) -> Piece:
        if isinstance(node, Literal):
            return literal(node.value)
        if isinstance(node, QuestionRef | ProfileRef | Current):
            return self.reference(node)
        if isinstance(node, ListLiteral):
            raise Untranslatable("a list [...] can only stand after 'in'")
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(self, node)
        raise Untranslatable("this is not an expression")

    def reference(self, node: QuestionRef | ProfileRef | Current) -> Piece:
        if isinstance(node, Current):
            if self.scope.current is None:
                raise Untranslatable("'.' means no question here")
            return Piece(".", self.scope.current.kind, ref=self.scope.current)
        if isinstance(node, QuestionRef):
            ref = self.scope.questions.get(node.question_id)
            what = f"question '{node.question_id}'"
        else:
            ref = self.scope.profile.get(node.field_name)
            what = f"profile field '{node.field_name}'"
        if ref is None:
            raise Untranslatable(f"the form has no {what} with an answer")
        return Piece("${" + ref.name + "}", ref.kind, ref=ref)

    def unary(self, node: Unary) -> Piece:
        operand = self.piece(node.operand)
        if node.op == "not":
            return Piece(f"not({as_condition(operand).text})", Kind.BOOL)
        if operand.kind is Kind.NULL:
            return EMPTY
        if operand.kind is not Kind.NUMBER:
            raise Untranslatable(f"'-' needs a number, not a {operand.kind.value}")
        text = operand.operand(NEGATION)
        return Piece(f"- {text}" if text.startswith("-") else f"-{text}", Kind.NUMBER, NEGATION)

    def binary(self, node: Binary) -> Piece:
        if node.op in ("and", "or"):
            left, right = self.condition(node.left), self.condition(node.right)
            return operation(left, node.op, right, Kind.BOOL)
        if node.op == "in":
            return self.membership(node)
        left, right = self.piece(node.left), self.piece(node.right)
        if node.op in ("=", "!="):
            return equality(node.op, left, right)
        if node.op in ("<", "<=", ">", ">="):
            return ordering(node.op, left, right)
        return arithmetic(node.op, left, right)

    def membership(self, node: Binary) -> Piece:
        left = self.piece(node.left)
        if left.kind is Kind.NULL:
            return FALSE
        if left.kind in (Kind.LIST, Kind.EVIDENCE, Kind.BOOL):
            raise Untranslatable(f"'in' cannot look for a {left.kind.value}")
        if isinstance(node.right, ListLiteral):
            items = [self.piece(item) for item in node.right.items]
            tests = [equality("=", left, item) for item in items if item.kind is not Kind.NULL]
            return any_of(tests)
        right = self.piece(node.right)
        if right.kind is Kind.NULL:
            return FALSE
        if right.kind is not Kind.LIST:
            raise Untranslatable(f"'in' needs a list, not a {right.kind.value}")
        return Piece(f"selected({clean(right).text}, {clean(left).text})", Kind.BOOL)


# values ---------------------------------------------------------------------------------------


def literal(value: object) -> Piece:
    """A value written in the expression, in XPath."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return replace(TRUE if value else FALSE, literal=value, is_literal=True)
    if isinstance(value, int | float):
        text = number_text(value)
        precedence = NEGATION if text.startswith("-") else ATOM
        return Piece(text, Kind.NUMBER, precedence, None, value, True)
    if isinstance(value, date):
        return Piece(f"date('{value.isoformat()}')", Kind.DATE, ATOM, None, value, True)
    if isinstance(value, str):
        return Piece(string_literal(value), Kind.TEXT, ATOM, None, value, True)
    raise Untranslatable(f"a value XPath cannot hold: {value!r}")


def number_text(value: float) -> str:
    """A number as XPath writes it: digits and a point, never an exponent."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Untranslatable("XPath has no infinite number")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Characters an XML document cannot hold, so neither can an XForm's expressions.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def string_literal(text: str) -> str:
    """Text as an XPath literal. XPath 1.0 has no escapes: a text with both kinds of quotes is
    joined with concat(); "${" is split so that XLSForm never reads it as a question name."""
    if _NOT_IN_XML.search(text):
        raise Untranslatable("the text holds a control character an XForm cannot carry")
    if "${" not in text and ("'" not in text or '"' not in text):
        return f"'{text}'" if "'" not in text else f'"{text}"'
    parts = [part for part in re.split(r"(')", text.replace("${", "$\0{")) if part]
    quoted: list[str] = []
    for part in parts:
        for chunk in part.split("\0"):
            quoted.append(f'"{chunk}"' if chunk == "'" else f"'{chunk}'")
    return quoted[0] if len(quoted) == 1 else "concat(" + ", ".join(quoted) + ")"


def as_condition(piece: Piece) -> Piece:
    """The piece as an XPath boolean: a yes/no answer is true when it is 'yes'."""
    if piece.kind is Kind.BOOL:
        return piece
    if piece.kind is Kind.YES_NO:
        return operation(piece, "=", literal(YES), Kind.BOOL)
    if piece.kind is Kind.NULL:
        return FALSE
    raise Untranslatable(f"a {piece.kind.value} is not a true/false condition")


def clean(piece: Piece) -> Piece:
    """An answer with its "not applicable" and "don't know" choices read as empty."""
    if piece.ref is None or not piece.ref.blanks:
        return piece
    test = " or ".join(f"{piece.text} = '{blank}'" for blank in piece.ref.blanks)
    return Piece(f"if({test}, '', {piece.text})", piece.kind)


def any_of(tests: list[Piece]) -> Piece:
    return joined("or", tests) if tests else FALSE


# operators ------------------------------------------------------------------------------------


def is_empty(piece: Piece, negate: bool = False) -> Piece:
    """XPath for `piece = null` (or `!= null`)."""
    equal, join = ("!=", "and") if negate else ("=", "or")
    if piece.ref is not None:
        names = ("", *piece.ref.blanks)
        return joined(join, [operation(piece, equal, literal(name), Kind.BOOL) for name in names])
    if piece.kind is Kind.BOOL:
        return TRUE if negate else FALSE  # a condition is never empty
    if piece.kind is Kind.NUMBER:  # an empty number computes to NaN
        nan = Piece(f"string(number({piece.text}))", Kind.TEXT)
        return operation(nan, equal, literal("NaN"), Kind.BOOL)
    return operation(Piece(f"string({piece.text})", Kind.TEXT), equal, EMPTY, Kind.BOOL)


def joined(op: str, tests: list[Piece]) -> Piece:
    """Conditions joined by `and` or `or`."""
    result = tests[0]
    for test in tests[1:]:
        result = operation(result, op, test, Kind.BOOL)
    return result


def equality(op: str, left: Piece, right: Piece) -> Piece:
    """XPath for `left = right` or `left != right`."""
    if left.kind is Kind.NULL and right.kind is Kind.NULL:
        return TRUE if op == "=" else FALSE
    if right.kind is Kind.NULL or left.kind is Kind.NULL:
        return is_empty(left if right.kind is Kind.NULL else right, negate=op == "!=")
    if {left.kind, right.kind} == {Kind.YES_NO, Kind.BOOL}:
        answer, condition = (left, right) if left.kind is Kind.YES_NO else (right, left)
        return _yes_no_equality(op, answer, condition)
    if left.kind is not right.kind:
        raise Untranslatable(f"'{op}' between a {left.kind.value} and a {right.kind.value}")
    if left.kind is Kind.EVIDENCE:
        raise Untranslatable("evidence files cannot be compared; use evidence_count()")
    a = left if right.is_literal else clean(left)
    b = right if left.is_literal else clean(right)
    return operation(a, op, b, Kind.BOOL)


def _yes_no_equality(op: str, answer: Piece, condition: Piece) -> Piece:
    if condition.is_literal:
        return operation(answer, op, literal(YES if condition.literal else NO), Kind.BOOL)
    yes = operation(operation(answer, "=", literal(YES), Kind.BOOL), "and", condition, Kind.BOOL)
    no = operation(answer, "=", literal(NO), Kind.BOOL)
    no = operation(no, "and", Piece(f"not({condition.text})", Kind.BOOL), Kind.BOOL)
    same = operation(yes, "or", no, Kind.BOOL)
    return same if op == "=" else Piece(f"not({same.text})", Kind.BOOL)


def ordering(op: str, left: Piece, right: Piece) -> Piece:
    """XPath for `<`, `<=`, `>`, `>=`: numbers and dates only, false with an empty value."""
    if Kind.NULL in (left.kind, right.kind):
        return FALSE
    if left.kind is not right.kind or left.kind not in (Kind.NUMBER, Kind.DATE):
        if Kind.TEXT in (left.kind, right.kind):
            raise Untranslatable("XPath orders only numbers and dates, not text")
        raise Untranslatable(f"'{op}' between a {left.kind.value} and a {right.kind.value}")
    return operation(left, op, right, Kind.BOOL)


_XPATH_OPERATORS = {"+": "+", "-": "-", "*": "*", "/": "div", "mod": "mod"}


def arithmetic(op: str, left: Piece, right: Piece) -> Piece:
    """XPath for `+ - * / mod`, with dates moved by days."""
    if Kind.NULL in (left.kind, right.kind):
        return EMPTY  # arithmetic with an empty value is empty
    kinds = (left.kind, right.kind)
    if kinds == (Kind.DATE, Kind.NUMBER) and op in ("+", "-"):
        return date_plus_days(left, right, negative=op == "-")
    if kinds == (Kind.NUMBER, Kind.DATE) and op == "+":
        return date_plus_days(right, left)
    if kinds == (Kind.DATE, Kind.DATE) and op == "-":
        return days_from(right, left)
    if kinds != (Kind.NUMBER, Kind.NUMBER):
        raise Untranslatable(f"'{op}' of a {left.kind.value} and a {right.kind.value}")
    return operation(left, _XPATH_OPERATORS[op], right, Kind.NUMBER)


def day_number(piece: Piece) -> str:
    """A date as ODK counts it for arithmetic: days since 1970-01-01."""
    return f"decimal-date-time({piece.text})"


def date_plus_days(day: Piece, days: Piece, negative: bool = False) -> Piece:
    sign = "-" if negative else "+"
    moved = operation(Piece(day_number(day), Kind.NUMBER), sign, days, Kind.NUMBER)
    return Piece(f"date({moved.text})", Kind.DATE)


def days_from(earlier: Piece, later: Piece) -> Piece:
    """Whole days from `earlier` to `later` (rounded: a clock change is not a day)."""
    return Piece(f"round({day_number(later)} - {day_number(earlier)}, 0)", Kind.NUMBER)
