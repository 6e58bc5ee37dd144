"""Every expression has a bounded cost: patterns run on RE2, nesting, steps, numbers and texts are
limited, and going past a limit is the language's own located error, never a hang or a crash."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.expr import ExpressionError, MappingContext, Scope, check, evaluate, parse
from selfassess.core.expr.ast import Binary, Call, Current, ListLiteral, Literal, Node, Unary
from selfassess.core.expr.evaluator import MAX_STEPS
from selfassess.core.expr.patterns import MAX_SUBJECT_LENGTH, PatternError, compile_pattern
from selfassess.core.expr.types import QuestionInfo, ValueType

EXAMPLES = int(os.environ.get("SELFASSESS_HYPOTHESIS_EXAMPLES", "300"))
TEXT = QuestionInfo("text", ValueType.TEXT)
SCOPE = Scope({"note": TEXT}, current=TEXT, purpose="a constraint")


def run(source: str, answer: object) -> object:
    return evaluate(parse(source), MappingContext(answers={"note": answer}, current="note"))  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("pattern", "subject"),
    [
        ("(a+)+$", "a" * 100_000 + "!"),
        ("(a|aa)+$", "a" * 100_000 + "!"),
        ("(.*a){20}", "a" * 30),
        ("(\\w+\\s?)+$", "word " * 20_000 + "!"),
    ],
)
def test_catastrophic_patterns_answer_in_one_pass(pattern: str, subject: str) -> None:
    # each would take longer than the age of the universe on a backtracking engine
    assert run(f"regex(., '{pattern.replace(chr(92), chr(92) * 2)}')", subject) in (True, False)


def test_a_pattern_is_compiled_once() -> None:
    assert compile_pattern("[A-Z]{2}-[0-9]+") is compile_pattern("[A-Z]{2}-[0-9]+")
    with pytest.raises(PatternError):
        compile_pattern("(a)\\1")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("regex(., '(a)\\\\1')", "needs backtracking"),
        ("regex(., '(?=a)a')", "lookarounds such as (?=…)"),
        ("regex(., '(?<!x)a')", "lookarounds such as (?=…)"),
        ("regex(., 'a++')", "possessive repeats"),
        ("regex(., '(?>a)')", "atomic groups"),
        ("regex(., '[a-')", "invalid pattern: unterminated character set"),
        ("regex(., '\\\\p{L}{1000}')", "the pattern is too large"),
    ],
)
def test_the_checker_refuses_what_re2_cannot_run_at_the_pattern(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        check(parse(source), SCOPE)
    assert message in caught.value.message
    assert caught.value.column == source.index("'") + 1


def test_a_refused_pattern_that_reaches_evaluation_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match="needs backtracking") as caught:
        run("regex(., '(?=a)a')", "a")
    assert caught.value.column == 10


def test_text_beyond_the_limit_is_not_matched_in_part() -> None:
    assert run("regex(., 'a*')", "a" * MAX_SUBJECT_LENGTH) is True
    with pytest.raises(ExpressionError, match="too long to match") as caught:
        run("regex(., 'a*')", "a" * (MAX_SUBJECT_LENGTH + 1))
    assert caught.value.column == 7


def test_a_lone_surrogate_in_an_answer_is_matched_as_a_replacement_character() -> None:
    assert run("regex(., 'a.b')", "a\ud800b") is True


@pytest.mark.parametrize(
    "source",
    [
        "max(" * 99 + "1" + ")" * 99,
        "[" * 5000,
        "(" * 5000,
        "not " * 2000 + "true",
        "-" * 5000 + "1",
        "if(" * 60 + "true, 1, 2" + ")" * 60,
    ],
)
def test_deep_nesting_is_refused_before_it_exhausts_the_stack(source: str) -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse(source)


def _deep(depth: int) -> Node:
    node: Node = Literal(1)
    for _ in range(depth):
        node = Unary("-", node)
    return node


def test_trees_deeper_than_the_parser_makes_are_still_refused_by_checker_and_evaluator() -> None:
    tree = _deep(20_000)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        check(tree, SCOPE, None)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        evaluate(tree, MappingContext())


def test_evaluation_stops_after_its_step_budget() -> None:
    items = tuple(Literal(n) for n in range(MAX_STEPS))
    tree = Binary("in", Literal(-1), ListLiteral(items))
    with pytest.raises(ExpressionError, match=f"more than {MAX_STEPS} steps"):
        evaluate(tree, MappingContext())
    shorter = Binary("in", Literal(-1), ListLiteral(items[: MAX_STEPS // 2]))
    assert evaluate(shorter, MappingContext()) is False


@pytest.mark.parametrize(
    "source",
    [
        "999999999999999 * 999999999999999 * 999999999999999 > 0",
        "-999999999999999 * 999999999999999 * 999999999999999 < 0",
        "1e300 * 1e300 > 0",
        "${big} + 1 > 0",
    ],
)
def test_numbers_that_grow_past_the_limit_are_refused(source: str) -> None:
    context = MappingContext(answers={"big": 10**29 * 9 + 10**29})
    with pytest.raises(ExpressionError, match="the result is too large"):
        evaluate(parse(source), context)


def test_numbers_below_the_limit_are_exact() -> None:
    assert evaluate(parse("99999999999999 * 99999999999999"), MappingContext()) == 99999999999999**2


patterns = st.text(alphabet="ab()[]{}|*+?.^$\\-:=<!>,0123456789PLw", max_size=12)


@given(patterns, st.text(alphabet="ab-", max_size=40))
@settings(max_examples=EXAMPLES, deadline=None)
def test_any_pattern_is_refused_or_matched_with_only_the_language_error(
    pattern: str, subject: str
) -> None:
    tree = Call("regex", (Current(), Literal(pattern)))
    context = MappingContext(answers={"note": subject}, current="note")
    refused = _error_of(check, tree, SCOPE)
    failed = _error_of(evaluate, tree, context)
    assert (refused is None) == (failed is None)  # what loads runs; what is refused fails alike
    if failed is None:
        assert evaluate(tree, context) in (True, False)


def _error_of(function: Callable[..., object], *args: object) -> ExpressionError | None:
    """The ExpressionError `function(*args)` raises, or None; any other exception propagates."""
    try:
        function(*args)
    except ExpressionError as error:
        return error
    return None
