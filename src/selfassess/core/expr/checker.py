"""Static checking of an expression tree: names, references and types, at form load time.

Errors name the position of the offending sub-expression, so that the form loader can point at
the exact line and column of the YAML file.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.expr.ast import (
    COMPARISONS,
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
from selfassess.core.expr.errors import ExpressionError
from selfassess.core.expr.functions import FUNCTIONS, param_types
from selfassess.core.expr.patterns import PatternError, compile_pattern
from selfassess.core.expr.types import QuestionInfo, ValueType, compatible, unify
from selfassess.core.profile import PROFILE_FIELDS, ProfileFieldKind

T = ValueType
_PROFILE_TYPES = {
    ProfileFieldKind.TEXT: T.TEXT,
    ProfileFieldKind.NUMBER: T.NUMBER,
    ProfileFieldKind.LIST: T.LIST,
}


@dataclass(frozen=True)
class Scope:
    """What an expression may refer to where it stands in the form.

    `current` is the question that `.` means (None where `.` is not allowed); `purpose` names the
    place in messages ("applicability", "relevant", ...).
    """

    questions: Mapping[str, QuestionInfo] = field(default_factory=dict)
    current: QuestionInfo | None = None
    allow_questions: bool = True
    purpose: str = "expression"


def check(tree: Node, scope: Scope, expect: ValueType | None = ValueType.BOOL) -> ValueType:
    """The type of `tree` in `scope`; raises ExpressionError at the first problem found."""
    try:
        found = _Checker(scope).type_of(tree)
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply", tree.start, tree.end) from None
    if expect is not None and not compatible(found, expect):
        raise ExpressionError(
            f"{scope.purpose} must be a {expect.value} condition, but this gives a {found.value}",
            tree.start,
            tree.end,
        )
    return found


class _Checker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def type_of(self, node: Node) -> ValueType:
        if isinstance(node, Literal):
            return _literal_type(node.value)
        if isinstance(node, QuestionRef):
            return self.question(node)
        if isinstance(node, ProfileRef):
            return self.profile(node)
        if isinstance(node, Current):
            return self.current(node)
        if isinstance(node, ListLiteral):
            raise ExpressionError("a list [...] can only stand after 'in'", node.start, node.end)
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(node)
        raise ExpressionError("unknown expression", node.start, node.end)

    # references -------------------------------------------------------------------------
    def question_info(self, node: Node) -> QuestionInfo | None:
        if isinstance(node, QuestionRef):
            return self.scope.questions.get(node.question_id)
        if isinstance(node, Current):
            return self.scope.current
        return None

    def question(self, node: QuestionRef) -> ValueType:
        if not self.scope.allow_questions:
            raise ExpressionError(
                f"{self.scope.purpose} may only use profile fields, not questions",
                node.start,
                node.end,
            )
        info = self.scope.questions.get(node.question_id)
        if info is None:
            raise ExpressionError(f"unknown question '{node.question_id}'", node.start, node.end)
        if info.value_type is None:
            raise ExpressionError(
                f"question '{node.question_id}' is an {info.question_type} question "
                "and has no answer",
                node.start,
                node.end,
            )
        return info.value_type

    def profile(self, node: ProfileRef) -> ValueType:
        spec = PROFILE_FIELDS.get(node.field_name)
        if spec is None:
            known = ", ".join(sorted(PROFILE_FIELDS))
            raise ExpressionError(
                f"unknown profile field '{node.field_name}' (known: {known})",
                node.start,
                node.end,
            )
        return _PROFILE_TYPES[spec[0]]

    def current(self, node: Current) -> ValueType:
        info = self.scope.current
        if info is None or info.value_type is None:
            raise ExpressionError(
                f"'.' (the current answer) cannot be used in {self.scope.purpose}",
                node.start,
                node.end,
            )
        return info.value_type

    def allowed_values(self, node: Node) -> tuple[str, frozenset[str]] | None:
        """The closed set of values `node` can take, with a name for messages."""
        if isinstance(node, ProfileRef) and node.field_name in PROFILE_FIELDS:
            values = PROFILE_FIELDS[node.field_name][1]
            return (f"profile.{node.field_name}", values) if values else None
        info = self.question_info(node)
        if info is None or info.choices is None:
            return None
        if isinstance(node, QuestionRef):
            return f"question '{node.question_id}'", info.choices
        return "the current question", info.choices

    def check_choice_literal(self, subject: Node, literal: Node) -> None:
        allowed = self.allowed_values(subject)
        if allowed is None or not isinstance(literal, Literal):
            return
        if isinstance(literal.value, str) and literal.value not in allowed[1]:
            options = ", ".join(sorted(allowed[1]))
            hint = difflib.get_close_matches(literal.value, allowed[1], n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else f" (choices: {options})"
            raise ExpressionError(
                f"'{literal.value}' is not a choice of {allowed[0]}{suggestion}",
                literal.start,
                literal.end,
            )

    # operators --------------------------------------------------------------------------
    def unary(self, node: Unary) -> ValueType:
        operand = self.type_of(node.operand)
        wanted = T.BOOL if node.op == "not" else T.NUMBER
        if not compatible(operand, wanted):
            raise ExpressionError(
                f"'{node.op}' needs a {wanted.value}, not a {operand.value}", node.start, node.end
            )
        return wanted

    def binary(self, node: Binary) -> ValueType:
        if node.op in ("and", "or"):
            for side in (node.left, node.right):
                side_type = self.type_of(side)
                if not compatible(side_type, T.BOOL):
                    raise ExpressionError(
                        f"'{node.op}' joins true/false conditions, not a {side_type.value}",
                        side.start,
                        side.end,
                    )
            return T.BOOL
        if node.op == "in":
            return self.membership(node)
        if node.op in COMPARISONS:
            return self.comparison(node)
        return self.arithmetic(node)

    def comparison(self, node: Binary) -> ValueType:
        left, right = self.type_of(node.left), self.type_of(node.right)
        for side, side_type in ((node.left, left), (node.right, right)):
            if side_type is T.LIST:
                raise ExpressionError(
                    "a multiple-choice answer cannot be compared; use selected() or "
                    "count_selected()",
                    side.start,
                    side.end,
                )
            if side_type is T.EVIDENCE:
                raise ExpressionError(
                    "evidence cannot be compared; use evidence_count()", side.start, side.end
                )
        if not compatible(left, right):
            raise ExpressionError(
                f"cannot compare a {left.value} with a {right.value}", node.start, node.end
            )
        if node.op not in ("=", "!=") and unify(left, right) is T.BOOL:
            raise ExpressionError(
                f"'{node.op}' does not order true/false values", node.start, node.end
            )
        self.check_choice_literal(node.left, node.right)
        self.check_choice_literal(node.right, node.left)
        return T.BOOL

    def membership(self, node: Binary) -> ValueType:
        left = self.type_of(node.left)
        if left not in (T.TEXT, T.NUMBER, T.NULL, T.ANY):
            raise ExpressionError(
                f"'in' looks for a text or a number, not a {left.value}",
                node.left.start,
                node.left.end,
            )
        if isinstance(node.right, ListLiteral):
            for item in node.right.items:
                item_type = self.type_of(item)
                if not compatible(item_type, left):
                    raise ExpressionError(
                        f"this list item is a {item_type.value}, but the value is a {left.value}",
                        item.start,
                        item.end,
                    )
                self.check_choice_literal(node.left, item)
            return T.BOOL
        right = self.type_of(node.right)
        if not compatible(right, T.LIST):
            raise ExpressionError(
                f"'in' needs a list on its right, such as ['a', 'b'], not a {right.value}",
                node.right.start,
                node.right.end,
            )
        self.check_choice_literal(node.right, node.left)
        return T.BOOL

    def arithmetic(self, node: Binary) -> ValueType:
        left, right = self.type_of(node.left), self.type_of(node.right)
        result = _arithmetic_result(node.op, left, right)
        if result is None:
            raise ExpressionError(
                f"cannot apply '{node.op}' to a {left.value} and a {right.value}",
                node.start,
                node.end,
            )
        return result

    # functions --------------------------------------------------------------------------
    def call(self, node: Call) -> ValueType:
        signature = FUNCTIONS.get(node.name)
        if signature is None:
            hint = difflib.get_close_matches(node.name, FUNCTIONS, n=1)
            suggestion = f"; did you mean {hint[0]}()?" if hint else ""
            raise ExpressionError(
                f"unknown function '{node.name}'{suggestion}",
                node.start,
                node.start + len(node.name),
            )
        count = len(node.args)
        if count < signature.min_args or (
            signature.max_args is not None and count > signature.max_args
        ):
            raise ExpressionError(
                f"{node.name}() takes {_arity(signature.min_args, signature.max_args)}, "
                f"given {count}; write {signature.usage}",
                node.start,
                node.end,
            )
        if signature.reference_arg:
            self.reference_argument(node)
        arg_types = [self.type_of(arg) for arg in node.args]
        for index, (arg, arg_type) in enumerate(zip(node.args, arg_types, strict=True)):
            accepted = param_types(signature, index) | {T.NULL, T.ANY}
            if arg_type not in accepted:
                raise ExpressionError(
                    f"{node.name}() cannot take a {arg_type.value} here; write {signature.usage}",
                    arg.start,
                    arg.end,
                )
        self.literal_arguments(node)
        if signature.result is not None:
            return signature.result
        return self.common_type(node, arg_types[signature.unify_from or 0 :])

    def reference_argument(self, node: Call) -> None:
        arg = node.args[0]
        if not isinstance(arg, QuestionRef | Current):
            raise ExpressionError(
                f"{node.name}() takes a question, such as ${{A1.2}} or '.'", arg.start, arg.end
            )
        info = self.question_info(arg)
        if node.name == "is_na" and info is not None and not info.allows_na:
            raise ExpressionError(
                "this question has no N/A option, so is_na() is always false", arg.start, arg.end
            )

    def literal_arguments(self, node: Call) -> None:
        if node.name == "selected":
            self.check_choice_literal(node.args[0], node.args[1])
        elif node.name == "regex":
            pattern = node.args[1]
            if not isinstance(pattern, Literal) or not isinstance(pattern.value, str):
                raise ExpressionError(
                    "the pattern of regex() must be written as text", pattern.start, pattern.end
                )
            try:
                compile_pattern(pattern.value)
            except PatternError as exc:
                raise ExpressionError(str(exc), pattern.start, pattern.end) from None
        elif node.name == "date":
            arg = node.args[0]
            if isinstance(arg, Literal) and isinstance(arg.value, str):
                try:
                    date.fromisoformat(arg.value)
                except ValueError:
                    raise ExpressionError(
                        f"'{arg.value}' is not a date written YYYY-MM-DD", arg.start, arg.end
                    ) from None

    def common_type(self, node: Call, types: list[ValueType]) -> ValueType:
        result = T.NULL
        for arg_type in types:
            merged = unify(result, arg_type)
            if merged is None:
                raise ExpressionError(
                    f"the values of {node.name}() must have one type, "
                    f"not a {result.value} and a {arg_type.value}",
                    node.start,
                    node.end,
                )
            result = merged
        return result


def _literal_type(value: object) -> ValueType:
    if value is None:
        return T.NULL
    if isinstance(value, bool):
        return T.BOOL
    if isinstance(value, int | float):
        return T.NUMBER
    if isinstance(value, str):
        return T.TEXT
    if isinstance(value, date):
        return T.DATE
    return T.ANY


def _arithmetic_result(op: str, left: ValueType, right: ValueType) -> ValueType | None:
    unknown = (T.NULL, T.ANY)
    if left in unknown and right in unknown:
        return T.ANY
    pair = (T.NUMBER if left in unknown else left, T.NUMBER if right in unknown else right)
    if pair == (T.NUMBER, T.NUMBER):
        return T.NUMBER
    if op == "+" and pair in ((T.DATE, T.NUMBER), (T.NUMBER, T.DATE)):
        return T.DATE
    if op == "-" and pair == (T.DATE, T.NUMBER):
        return T.DATE
    if op == "-" and pair == (T.DATE, T.DATE):
        return T.NUMBER
    return None


def _arity(low: int, high: int | None) -> str:
    if high is None:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} to {high} arguments"
