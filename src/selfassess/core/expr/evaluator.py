"""Evaluation of a checked expression tree against answers, the profile and today's date.

Unanswered, N/A and not-relevant answers are null. Arithmetic on null gives null; ordering
comparisons with null are false; `and`, `or` and `not` treat anything but true as false.
Only ExpressionError ever escapes `evaluate`, and every evaluation has a bounded cost: at most
`MAX_STEPS` nodes evaluated, whole numbers below `MAX_INTEGER`, patterns matched by RE2 (time
linear in the text) against texts of at most `MAX_SUBJECT_LENGTH` characters.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from datetime import date, timedelta

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
from selfassess.core.expr.context import EvaluationContext
from selfassess.core.expr.errors import ExpressionError
from selfassess.core.expr.functions import FUNCTIONS
from selfassess.core.expr.patterns import MAX_SUBJECT_LENGTH, PatternError, compile_pattern
from selfassess.core.expr.types import Value, runtime_type

MAX_STEPS = 100_000
"""The most nodes one evaluation visits; a parsed expression has far fewer."""
MAX_INTEGER = 10**30
"""Whole-number results at or beyond this size (either sign) are refused as too large."""


def evaluate(tree: Node, context: EvaluationContext) -> Value:
    """The value of `tree` in `context`; raises only ExpressionError."""
    try:
        return _eval(tree, _Run(context))
    except ExpressionError:
        raise
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply", tree.start, tree.end) from None
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise ExpressionError(f"cannot evaluate: {exc}", tree.start, tree.end) from None


class _Run:
    """One evaluation: the context it reads, and the steps it has taken."""

    __slots__ = ("context", "steps")

    def __init__(self, context: EvaluationContext) -> None:
        self.context = context
        self.steps = 0

    def step(self, node: Node) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ExpressionError(
                f"the expression takes more than {MAX_STEPS} steps to evaluate",
                node.start,
                node.end,
            )

    def answer(self, question_id: str) -> Value:
        return self.context.answer(question_id)

    def is_na(self, question_id: str) -> bool:
        return self.context.is_na(question_id)

    def evidence_count(self, question_id: str) -> int:
        return self.context.evidence_count(question_id)

    def profile(self, field_name: str) -> Value:
        return self.context.profile(field_name)

    def current_question(self) -> str | None:
        return self.context.current_question()

    def today(self) -> date:
        return self.context.today()

    def edd_required(self) -> bool:
        return self.context.edd_required()


def is_true(value: Value) -> bool:
    """The truth of a condition's result: only `true` is true."""
    return value is True


def _eval(node: Node, ctx: _Run) -> Value:
    ctx.step(node)
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, QuestionRef):
        return ctx.answer(node.question_id)
    if isinstance(node, Current):
        current = ctx.current_question()
        return ctx.answer(current) if current else None
    if isinstance(node, ProfileRef):
        return ctx.profile(node.field_name)
    if isinstance(node, ListLiteral):
        return [_eval(item, ctx) for item in node.items]  # type: ignore[misc]
    if isinstance(node, Unary):
        return _unary(node, ctx)
    if isinstance(node, Binary):
        return _binary(node, ctx)
    if isinstance(node, Call):
        return _call(node, ctx)
    raise ExpressionError("unknown expression", node.start, node.end)


def _unary(node: Unary, ctx: _Run) -> Value:
    value = _eval(node.operand, ctx)
    if node.op == "not":
        return not is_true(value)
    if value is None:
        return None
    return -_number(value, node.operand)


def _binary(node: Binary, ctx: _Run) -> Value:
    op = node.op
    if op == "and":
        return is_true(_eval(node.left, ctx)) and is_true(_eval(node.right, ctx))
    if op == "or":
        return is_true(_eval(node.left, ctx)) or is_true(_eval(node.right, ctx))
    left, right = _eval(node.left, ctx), _eval(node.right, ctx)
    if op == "in":
        return _membership(left, right, node)
    if op in ("=", "!="):
        equal = _same_kind(left, right) and left == right
        return equal if op == "=" else not equal
    if left is None or right is None:
        return False if op in ("<", "<=", ">", ">=") else None
    if op in ("<", "<=", ">", ">="):
        return _order(op, left, right, node)
    return _arithmetic(op, left, right, node)


def _same_kind(left: Value, right: Value) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return runtime_type(left) == runtime_type(right)


def _membership(left: Value, right: Value, node: Binary) -> bool:
    if left is None or right is None:
        return False
    if not isinstance(right, list | tuple):
        raise ExpressionError(f"'in' needs a list, got {runtime_type(right)}", node.start, node.end)
    return any(_same_kind(left, item) and left == item for item in right)


def _order(op: str, left: Value, right: Value, node: Binary) -> bool:
    if runtime_type(left) != runtime_type(right) or isinstance(left, bool | list | tuple):
        raise ExpressionError(
            f"cannot order a {runtime_type(left)} and a {runtime_type(right)}",
            node.start,
            node.end,
        )
    comparisons: dict[str, Callable[[object, object], bool]] = {
        "<": lambda a, b: a < b,  # type: ignore[operator]
        "<=": lambda a, b: a <= b,  # type: ignore[operator]
        ">": lambda a, b: a > b,  # type: ignore[operator]
        ">=": lambda a, b: a >= b,  # type: ignore[operator]
    }
    return comparisons[op](left, right)


def _arithmetic(op: str, left: Value, right: Value, node: Binary) -> Value:
    if isinstance(left, date) and op in ("+", "-"):
        if isinstance(right, date) and op == "-":
            return (left - right).days
        days = timedelta(days=_whole(right, node.right))
        return left + days if op == "+" else left - days
    if isinstance(right, date) and op == "+":
        return right + timedelta(days=_whole(left, node.left))
    a, b = _number(left, node.left), _number(right, node.right)
    if op == "+":
        return _tidy(a + b, node)
    if op == "-":
        return _tidy(a - b, node)
    if op == "*":
        return _tidy(a * b, node)
    if b == 0:
        raise ExpressionError("division by zero", node.start, node.end)
    return _tidy(a / b, node) if op == "/" else _tidy(a % b, node)


def _tidy(value: int | float, node: Node) -> int | float:
    too_large = (
        not math.isfinite(value)
        if isinstance(value, float)
        else not -MAX_INTEGER < value < MAX_INTEGER
    )
    if too_large:
        raise ExpressionError("the result is too large", node.start, node.end)
    return value


def _number(value: Value, node: Node) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise ExpressionError(f"expected a number, got {runtime_type(value)}", node.start, node.end)


def _whole(value: Value, node: Node) -> int:
    number = _number(value, node)
    if number != int(number):
        raise ExpressionError("a number of days must be whole", node.start, node.end)
    return int(number)


def _date(value: Value, node: Node) -> date:
    if isinstance(value, date):
        return value
    raise ExpressionError(f"expected a date, got {runtime_type(value)}", node.start, node.end)


def _text(value: Value, node: Node) -> str:
    if isinstance(value, str):
        return value
    raise ExpressionError(f"expected text, got {runtime_type(value)}", node.start, node.end)


def _call(node: Call, ctx: _Run) -> Value:
    signature = FUNCTIONS.get(node.name)
    if signature is None:
        raise ExpressionError(f"unknown function '{node.name}'", node.start, node.end)
    count = len(node.args)
    if count < signature.min_args or (
        signature.max_args is not None and count > signature.max_args
    ):
        raise ExpressionError(
            f"wrong number of arguments; write {signature.usage}", node.start, node.end
        )
    special = _REFERENCE_FUNCTIONS.get(node.name)
    if special is not None:
        return special(node, ctx)
    if node.name == "if":
        chosen = node.args[1] if is_true(_eval(node.args[0], ctx)) else node.args[2]
        return _eval(chosen, ctx)
    if node.name == "coalesce":
        for arg in node.args:
            value = _eval(arg, ctx)
            if value is not None and value not in ("", []):
                return value
        return None
    implementation = _FUNCTIONS[node.name]
    args = [_eval(arg, ctx) for arg in node.args]
    if node.name != "today" and any(arg is None for arg in args):
        return False if node.name in ("selected", "regex") else None
    return implementation(node, args, ctx)


def _question_id(node: Call, ctx: _Run) -> str | None:
    arg = node.args[0]
    if isinstance(arg, QuestionRef):
        return arg.question_id
    if isinstance(arg, Current):
        return ctx.current_question()
    raise ExpressionError(f"{node.name}() takes a question", arg.start, arg.end)


def _answered(node: Call, ctx: _Run) -> bool:
    qid = _question_id(node, ctx)
    if qid is None:
        return False
    value = ctx.answer(qid)
    return ctx.is_na(qid) or value not in (None, "", [], ())


def _is_na(node: Call, ctx: _Run) -> bool:
    qid = _question_id(node, ctx)
    return qid is not None and ctx.is_na(qid)


def _evidence_count(node: Call, ctx: _Run) -> int:
    qid = _question_id(node, ctx)
    return ctx.evidence_count(qid) if qid else 0


_REFERENCE_FUNCTIONS: dict[str, Callable[[Call, _Run], Value]] = {
    "answered": _answered,
    "is_na": _is_na,
    "evidence_count": _evidence_count,
}


def _selected(node: Call, args: list[Value], _ctx: _Run) -> Value:
    subject, choice = args
    if isinstance(subject, list | tuple):
        return choice in subject
    return subject == choice


def _count_selected(node: Call, args: list[Value], _ctx: _Run) -> Value:
    subject = args[0]
    if isinstance(subject, list | tuple):
        return len(subject)
    raise ExpressionError(f"expected a list, got {runtime_type(subject)}", node.start, node.end)


def _regex(node: Call, args: list[Value], _ctx: _Run) -> Value:
    subject = _text(args[0], node.args[0])
    if len(subject) > MAX_SUBJECT_LENGTH:
        raise ExpressionError(
            f"the text is too long to match against a pattern (more than {MAX_SUBJECT_LENGTH} "
            "characters)",
            node.args[0].start,
            node.args[0].end,
        )
    try:
        pattern = compile_pattern(_text(args[1], node.args[1]))
    except PatternError as exc:
        raise ExpressionError(str(exc), node.args[1].start, node.args[1].end) from None
    return pattern.fullmatch(subject)


def _add_months(node: Call, args: list[Value], _ctx: _Run) -> Value:
    start = _date(args[0], node.args[0])
    months = start.month - 1 + _whole(args[1], node.args[1])
    year, month = start.year + months // 12, months % 12 + 1
    if not 1 <= year <= 9999:
        raise ExpressionError("the date is out of range", node.start, node.end)
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _round(node: Call, args: list[Value], _ctx: _Run) -> Value:
    digits = _whole(args[1], node.args[1]) if len(args) > 1 else 0
    return round(_number(args[0], node.args[0]), max(min(digits, 12), -12))


def _extreme(node: Call, args: list[Value], _ctx: _Run) -> Value:
    kinds = {runtime_type(arg) for arg in args}
    if len(kinds) != 1 or kinds - {"number", "date"}:
        raise ExpressionError(f"{node.name}() needs numbers or dates", node.start, node.end)
    return min(args) if node.name == "min" else max(args)  # type: ignore[type-var]


_Impl = Callable[[Call, list[Value], _Run], Value]
_FUNCTIONS: dict[str, _Impl] = {
    "selected": _selected,
    "count_selected": _count_selected,
    "regex": _regex,
    "length": lambda node, args, _c: len(_text(args[0], node.args[0])),
    "today": lambda _node, _args, ctx: ctx.today(),
    "edd_required": lambda _node, _args, ctx: ctx.edd_required(),
    "date": lambda node, args, _c: date.fromisoformat(_text(args[0], node.args[0])),
    "add_days": lambda node, args, _c: (
        _date(args[0], node.args[0]) + timedelta(days=_whole(args[1], node.args[1]))
    ),
    "add_months": _add_months,
    "days_between": lambda node, args, _c: (
        (_date(args[1], node.args[1]) - _date(args[0], node.args[0])).days
    ),
    "year": lambda node, args, _c: _date(args[0], node.args[0]).year,
    "min": _extreme,
    "max": _extreme,
    "round": _round,
}

IMPLEMENTED = frozenset(_FUNCTIONS) | frozenset(_REFERENCE_FUNCTIONS) | {"if", "coalesce"}
