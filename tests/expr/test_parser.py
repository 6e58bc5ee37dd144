"""Parsing: what the language accepts, how it prints, and where it reports mistakes."""

from __future__ import annotations

from datetime import date

import pytest

from selfassess.core.expr import ExpressionError, parse, references, unparse
from selfassess.core.expr.ast import Binary, Call, Current, Literal, ProfileRef, QuestionRef, Unary


@pytest.mark.parametrize(
    ("source", "printed"),
    [
        ("${A1.2} >= 2", "${A1.2} >= 2"),
        ('selected(${q}, "x")', "selected(${q}, 'x')"),
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("not ${a} = 1", "not ${a} = 1"),
        ("(not ${a}) = true", "(not ${a}) = true"),
        ("-(1 + 2)", "-(1 + 2)"),
        ("- -1", "- -1"),
        ("${a} or ${b} and ${c}", "${a} or ${b} and ${c}"),
        ("(${a} or ${b}) and ${c}", "(${a} or ${b}) and ${c}"),
        ("'gold' in profile.minerals", "'gold' in profile.minerals"),
        ("${x} in ['a', 'b']", "${x} in ['a', 'b']"),
        ("@2025-06-30 + 1", "@2025-06-30 + 1"),
        (". <= today()", ". <= today()"),
        ("7 mod 2 = 1", "7 mod 2 = 1"),
        ("'it\\'s' = \"it's\"", "'it\\'s' = 'it\\'s'"),
        ("1.5e3 > 2", "1500.0 > 2"),
        ("null = null", "null = null"),
        ("if(true, 1, 2)", "if(true, 1, 2)"),
        ("today()", "today()"),
    ],
)
def test_parses_and_prints(source: str, printed: str) -> None:
    tree = parse(source)
    assert unparse(tree) == printed
    assert parse(printed) == tree


def test_tree_shape_and_positions() -> None:
    tree = parse("${A1} >= 2 and not selected(., 'x')")
    assert tree == Binary(
        "and",
        Binary(">=", QuestionRef("A1"), Literal(2)),
        Unary("not", Call("selected", (Current(), Literal("x")))),
    )
    assert isinstance(tree, Binary)
    assert (tree.left.start, tree.left.end) == (0, 10)
    assert (tree.right.start, tree.right.end) == (15, 35)


def test_profile_and_date_literals() -> None:
    assert parse("profile.workforce_size") == ProfileRef("workforce_size")
    assert parse("@2024-02-29") == Literal(date(2024, 2, 29))


def test_references_in_source_order() -> None:
    refs = references(parse("${b} = 1 or answered(${a}) and ${b} > 0"))
    assert [ref.question_id for ref in refs] == ["b", "a", "b"]


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("", "the expression is empty", 1),
        ("   ", "the expression is empty", 1),
        (
            "1 +",
            "expected a value, a ${question}, a function call or '(', found end of expression",
            4,
        ),
        ("(1 + 2", "expected ')' to close the '(' at column 1, found end of expression", 7),
        ("1 = 2 = 3", "comparisons cannot be chained; join them with 'and'", 7),
        ("${A1", "question reference is not closed: missing '}'", 1),
        ("${1A} = 2", "'1A' is not a valid question id", 1),
        ("'abc", "text is not closed: missing '", 1),
        ("'a\\q'", "unknown escape '\\q' in text", 3),
        ("1 == 1", "use '=' to compare, not '=='", 3),
        (
            "a = 1",
            "unknown name 'a': write ${a} for a question, profile.a for a profile field, "
            "or 'a' for text",
            1,
        ),
        ("@2025-02-30", "2025-02-30 is not a calendar date", 1),
        ("@2025", "a date is written @YYYY-MM-DD, for example @2025-06-30", 1),
        ("1 # 2", "unexpected character '#'", 3),
        ("12abc", "unexpected 'a' after number", 3),
        ("f(1,)", "expected a value, a ${question}, a function call or '(', found ')'", 5),
        ("1 2", "unexpected number", 3),
        (
            "profile",
            "expected '.' after 'profile' (write profile.field), found end of expression",
            8,
        ),
        ("1e999 > 1", "number 1e999 is too large", 1),
        ("(" * 200 + "1" + ")" * 200, "the expression is nested too deeply", 41),
        ("x" * 10_001, "expression is longer than 10000 characters", 1),
    ],
)
def test_syntax_errors_name_the_place(source: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert caught.value.message == message
    assert caught.value.column == column


def test_long_flat_chains_are_refused_before_they_exhaust_the_stack() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse(" + ".join(["1"] * 500))
