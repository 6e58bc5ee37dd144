"""The fixed set of functions of the expression language: their signatures, for the checker.

Implementations live in `evaluator.py`; a test keeps the two tables in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.expr.types import ValueType

T = ValueType
_ANY_VALUE = frozenset({T.NUMBER, T.TEXT, T.BOOL, T.DATE})
_ORDERED = frozenset({T.NUMBER, T.DATE})


@dataclass(frozen=True, slots=True)
class Signature:
    """How a function is called: argument types, arity and result type.

    `params` gives the accepted types of each argument (the last one repeats for variadic
    functions); `result` None means the result is the common type of the arguments from
    `unify_from` on.
    """

    usage: str
    params: tuple[frozenset[ValueType], ...]
    result: ValueType | None
    min_args: int
    max_args: int | None
    unify_from: int | None = None  # the result is the common type of arguments from here on
    reference_arg: bool = False  # the first argument must be ${question} or '.'


FUNCTIONS: dict[str, Signature] = {
    "if": Signature(
        "if(condition, value_if_true, value_if_false)",
        (frozenset({T.BOOL}), _ANY_VALUE | {T.LIST}, _ANY_VALUE | {T.LIST}),
        None,
        3,
        3,
        unify_from=1,
    ),
    "selected": Signature(
        "selected(answer, 'choice')",
        (frozenset({T.TEXT, T.LIST}), frozenset({T.TEXT})),
        T.BOOL,
        2,
        2,
    ),
    "count_selected": Signature("count_selected(answer)", (frozenset({T.LIST}),), T.NUMBER, 1, 1),
    "answered": Signature(
        "answered(${question})",
        (_ANY_VALUE | {T.LIST, T.EVIDENCE},),
        T.BOOL,
        1,
        1,
        reference_arg=True,
    ),
    "is_na": Signature(
        "is_na(${question})",
        (_ANY_VALUE | {T.LIST, T.EVIDENCE},),
        T.BOOL,
        1,
        1,
        reference_arg=True,
    ),
    "evidence_count": Signature(
        "evidence_count(${question})",
        (frozenset({T.EVIDENCE}),),
        T.NUMBER,
        1,
        1,
        reference_arg=True,
    ),
    "coalesce": Signature(
        "coalesce(value, fallback, ...)",
        (_ANY_VALUE | {T.LIST},),
        None,
        2,
        None,
        unify_from=0,
    ),
    "regex": Signature(
        "regex(text, 'pattern')", (frozenset({T.TEXT}), frozenset({T.TEXT})), T.BOOL, 2, 2
    ),
    "length": Signature("length(text)", (frozenset({T.TEXT}),), T.NUMBER, 1, 1),
    "today": Signature("today()", (), T.DATE, 0, 0),
    "edd_required": Signature("edd_required()", (), T.BOOL, 0, 0),
    "date": Signature("date('YYYY-MM-DD')", (frozenset({T.TEXT}),), T.DATE, 1, 1),
    "add_days": Signature(
        "add_days(date, days)", (frozenset({T.DATE}), frozenset({T.NUMBER})), T.DATE, 2, 2
    ),
    "add_months": Signature(
        "add_months(date, months)", (frozenset({T.DATE}), frozenset({T.NUMBER})), T.DATE, 2, 2
    ),
    "days_between": Signature(
        "days_between(earlier, later)",
        (frozenset({T.DATE}), frozenset({T.DATE})),
        T.NUMBER,
        2,
        2,
    ),
    "year": Signature("year(date)", (frozenset({T.DATE}),), T.NUMBER, 1, 1),
    "min": Signature("min(a, b, ...)", (_ORDERED,), None, 1, None, unify_from=0),
    "max": Signature("max(a, b, ...)", (_ORDERED,), None, 1, None, unify_from=0),
    "round": Signature(
        "round(number[, digits])", (frozenset({T.NUMBER}), frozenset({T.NUMBER})), T.NUMBER, 1, 2
    ),
}


def param_types(signature: Signature, index: int) -> frozenset[ValueType]:
    """The accepted types of argument `index` (the last declared one repeats)."""
    return signature.params[min(index, len(signature.params) - 1)]
