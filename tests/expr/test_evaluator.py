"""Evaluation: results against answers and the profile, null handling, and run-time errors."""

from __future__ import annotations

from datetime import date

import pytest

from selfassess.core.expr import ExpressionError, MappingContext, evaluate, parse
from selfassess.core.expr.evaluator import IMPLEMENTED
from selfassess.core.expr.functions import FUNCTIONS
from selfassess.core.expr.types import Value

TODAY = date(2026, 11, 22)
CONTEXT = MappingContext(
    answers={
        "rate": 2,
        "yes": True,
        "no": False,
        "one": "a",
        "many": ["register", "photo"],
        "note": "CD-1234",
        "count": 7,
        "when": date(2026, 1, 31),
        "na_q": 3,
    },
    profile_fields={"entity_type": "asm", "minerals": ["gold", "tin"], "workforce_size": 40},
    na=frozenset({"na_q"}),
    evidence={"files": 2},
    current="count",
    on=TODAY,
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${rate} >= 2", True),
        ("${rate} > 2", False),
        ("${count} * 2 + 1", 15),
        ("${count} / 2", 3.5),
        ("${count} mod 4", 3),
        ("-${count}", -7),
        (". = 7", True),
        ("${yes} and not ${no}", True),
        ("${no} or ${yes}", True),
        ("${one} = 'a' and ${one} != 'b'", True),
        ("${one} in ['b', 'a']", True),
        ("'gold' in profile.minerals", True),
        ("'cobalt' in profile.minerals", False),
        ("profile.entity_type = 'asm' and profile.workforce_size < 50", True),
        ("selected(${many}, 'photo')", True),
        ("selected(${one}, 'a')", True),
        ("count_selected(${many})", 2),
        ("answered(${note}) and not answered(${missing})", True),
        ("answered(${na_q})", True),
        ("is_na(${na_q}) and not is_na(${rate})", True),
        ("evidence_count(${files})", 2),
        ("evidence_count(${other})", 0),
        ("regex(${note}, '[A-Z]{2}-[0-9]+')", True),
        ("regex(${note}, '[0-9]+')", False),
        ("length(${note})", 7),
        ("today()", TODAY),
        ("${when} + 1", date(2026, 2, 1)),
        ("1 + ${when}", date(2026, 2, 1)),
        ("${when} - 31", date(2025, 12, 31)),
        ("today() - ${when}", 295),
        ("add_days(${when}, -1)", date(2026, 1, 30)),
        ("add_months(${when}, 1)", date(2026, 2, 28)),
        ("add_months(@2024-01-31, 1)", date(2024, 2, 29)),
        ("add_months(${when}, -13)", date(2024, 12, 31)),
        ("days_between(${when}, @2026-03-01)", 29),
        ("year(${when})", 2026),
        ("date('2025-06-30')", date(2025, 6, 30)),
        ("if(${yes}, 'y', 'n')", "y"),
        ("if(${no}, 'y', 'n')", "n"),
        ("coalesce(${missing}, ${count})", 7),
        ("coalesce(${missing}, ${absent})", None),
        ("min(3, 1, 2)", 1),
        ("max(${when}, @2020-01-01)", date(2026, 1, 31)),
        ("round(2.345, 2)", 2.35),
        ("round(7 / 2)", 4),
    ],
)
def test_values(source: str, expected: Value) -> None:
    assert evaluate(parse(source), CONTEXT) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${missing} + 1", None),
        ("${missing} = null", True),
        ("${missing} = 1", False),
        ("${missing} != 1", True),
        ("${missing} > 1", False),
        ("${missing} <= 1", False),
        ("not ${missing}", True),
        ("${missing} and true", False),
        ("${missing} or true", True),
        ("${missing} in ['a']", False),
        ("selected(${missing}, 'a')", False),
        ("regex(${missing}, 'a')", False),
        ("length(${missing})", None),
        ("add_days(${missing}, 1)", None),
        ("${na_q} = 3", False),
        ("1 = 1.0", True),
        ("true = 1", False),
    ],
)
def test_unanswered_and_na_are_null(source: str, expected: Value) -> None:
    assert evaluate(parse(source), CONTEXT) == expected


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("${count} / 0", "division by zero", 1),
        ("${count} mod 0", "division by zero", 1),
        ("${note} + 1", "expected a number, got text", 1),
        ("${note} < 1", "cannot order a text and a number", 1),
        ("add_days(${when}, 0.5)", "a number of days must be whole", 19),
        ("add_days(@9999-12-31, 1)", "cannot evaluate: date value out of range", 1),
        ("add_months(@9999-12-31, 1)", "the date is out of range", 1),
        ("date(${note})", "cannot evaluate: Invalid isoformat string: 'CD-1234'", 1),
        ("10e300 * 10e300 > 1", "the result is too large", 1),
    ],
)
def test_runtime_errors_are_expression_errors_with_a_place(
    source: str, message: str, column: int
) -> None:
    with pytest.raises(ExpressionError) as caught:
        evaluate(parse(source), CONTEXT)
    assert caught.value.message == message
    assert caught.value.column == column


def test_every_declared_function_is_implemented() -> None:
    assert set(FUNCTIONS) == IMPLEMENTED
