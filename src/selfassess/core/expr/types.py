"""The value types of the expression language, and what the checker knows about a question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

Value = int | float | str | bool | date | list[str] | tuple[str, ...] | None


class ValueType(Enum):
    """The static type of an expression."""

    NUMBER = "number"
    TEXT = "text"
    BOOL = "true/false"
    DATE = "date"
    LIST = "list"
    EVIDENCE = "evidence"
    NULL = "null"
    ANY = "any"


def compatible(a: ValueType, b: ValueType) -> bool:
    """Whether values of types `a` and `b` may be compared or combined."""
    return a is b or ValueType.NULL in (a, b) or ValueType.ANY in (a, b)


def unify(a: ValueType, b: ValueType) -> ValueType | None:
    """The common type of `a` and `b`, or None when they have none."""
    if not compatible(a, b):
        return None
    if a in (ValueType.NULL, ValueType.ANY):
        return b if a is ValueType.NULL or b is not ValueType.NULL else a
    return a


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    """What expressions may know of a question: its value type, choices and N/A option."""

    question_type: str
    value_type: ValueType | None  # None: the question has no answer (an info text)
    choices: frozenset[str] | None = None
    allows_na: bool = False


def runtime_type(value: object) -> str:
    """A user-facing name for the type of a run-time value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__
