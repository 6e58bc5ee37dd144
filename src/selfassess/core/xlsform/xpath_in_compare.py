"""What names mean in an imported XPath expression, and ODK's comparisons said our way.

In ODK an unanswered question is the empty text, option names are compared as texts with `=`
and as numbers with `<`, `<=`, `>`, `>=` (XPath turns both sides into numbers), and dates are
often written as texts. Ours has `answered()`, option names as texts, and dates of their own:

- `${q} = ''` → `not answered(${q})`, `${q} != ''` → `answered(${q})`;
- `${choice} = 1` → `${choice} = '1'`;
- `${choice} >= 2` → `${choice} in ['2', '3']`, the options whose names are numbers that pass;
- `${date} < '2020-01-01'` → `${date} < @2020-01-01`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.expr.ast import (
    Binary,
    Call,
    Current,
    ListLiteral,
    Literal,
    Literal_,
    Node,
    QuestionRef,
    Unary,
)

_CHOICE_TYPES = frozenset({"single_choice", "multi_choice"})
_ORDERINGS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


@dataclass(frozen=True)
class XPathContext:
    """What names mean: `questions` maps an XLSForm name to (our question id, our question
    type); `calculations` maps a calculate's name to its tree; `missing` are the names the form
    defines but the import left out (their rows are reported); `options` are the option names
    of each choice question, by our id; `current` is our id of the question `.` means."""

    questions: Mapping[str, tuple[str, str]]
    calculations: Mapping[str, Node]
    missing: frozenset[str]
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    current: str | None = None

    def kind_of(self, node: Node) -> str | None:
        """Our question type of the answer `node` stands for, if it stands for one."""
        question_id = self.question_of(node)
        for our_id, kind in self.questions.values():
            if our_id == question_id:
                return kind
        return None

    def question_of(self, node: Node) -> str | None:
        if isinstance(node, Current):
            return self.current
        if isinstance(node, QuestionRef):
            return node.question_id
        return None


def compared(op: str, left: Node, right: Node, context: XPathContext) -> Node:
    """`left op right`, with ODK's habits said our way (see the module's docstring)."""
    for side, other in ((left, right), (right, left)):
        if isinstance(other, Literal) and other.value == "" and op in ("=", "!="):
            if isinstance(side, QuestionRef | Current):
                answered = Call("answered", (side,))
                return Unary("not", answered) if op == "=" else answered
            return Binary(op, side, Literal(None))
    if op in _ORDERINGS:
        if context.kind_of(left) == "single_choice" and isinstance(right, Literal):
            return _options_passing(op, left, right.value, context)
        if context.kind_of(right) == "single_choice" and isinstance(left, Literal):
            return _options_passing(_FLIPPED[op], right, left.value, context)
    return Binary(op, _literal_for(left, right, context), _literal_for(right, left, context))


def _options_passing(op: str, choice: Node, bound: Literal_, context: XPathContext) -> Node:
    """`choice op bound` as the list of the options whose names, read as numbers, pass."""
    limit = _number(bound)
    names = context.options.get(context.question_of(choice) or "", ())
    passing = [
        name
        for name in names
        if limit is not None
        and (value := _number(name)) is not None
        and _ORDERINGS[op](value, limit)
    ]
    if not passing:
        return Literal(False)
    return Binary("in", choice, ListLiteral(tuple(Literal(name) for name in passing)))


def _number(value: Literal_) -> float | None:
    if isinstance(value, bool) or value is None or isinstance(value, date):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _literal_for(node: Node, answer: Node, context: XPathContext) -> Node:
    """`node` as a value of the kind of `answer`, when it is a literal written another way."""
    if not isinstance(node, Literal):
        return node
    kind = context.kind_of(answer)
    if kind in _CHOICE_TYPES:
        return Literal(as_name(node.value))
    if kind == "date" and isinstance(node.value, str):
        return date_of(node)
    return node


def date_of(arg: Node) -> Node:
    """A date written as a text, as our date; `date(…)` when it is not a literal date."""
    if isinstance(arg, Literal) and isinstance(arg.value, str):
        try:
            return Literal(date.fromisoformat(arg.value.strip()))
        except ValueError:
            pass
    return Call("date", (arg,))


def as_name(value: Literal_) -> Literal_:
    """A number written for an option, as the option's name ("1" for 1 or 1.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value
