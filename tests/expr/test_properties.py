"""Properties of the expression language over generated input (hypothesis)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.expr import (
    ExpressionError,
    MappingContext,
    Scope,
    check,
    evaluate,
    parse,
    unparse,
)
from selfassess.core.expr.ast import (
    PRECEDENCE,
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
from selfassess.core.expr.functions import FUNCTIONS
from selfassess.core.expr.types import QuestionInfo, ValueType

EXAMPLES = int(os.environ.get("SELFASSESS_HYPOTHESIS_EXAMPLES", "300"))
FRAGMENTS = [
    "${A1}",
    "${B.2}",
    ".",
    "profile.minerals",
    "profile.entity_type",
    "1",
    "2.5",
    "0",
    "'x'",
    '"y"',
    "@2025-01-31",
    "true",
    "false",
    "null",
    "(",
    ")",
    "[",
    "]",
    ",",
    "+",
    "-",
    "*",
    "/",
    "mod",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "and",
    "or",
    "not",
    "in",
    " ",
    "if(",
    "selected(",
    "count_selected(",
    "answered(",
    "evidence_count(",
    "today()",
    "add_days(",
    "coalesce(",
    "regex(",
    "min(",
    "max(",
    "round(",
    "date(",
    "${",
    "}",
    "'",
    "\\",
    "@",
    "#",
    "==",
]
token_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=80), token_soup)

ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_.]{0,5}[A-Za-z0-9]", fullmatch=True)
literals = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1)),
    st.none(),
).map(Literal)
leaves = st.one_of(
    literals,
    ids.map(QuestionRef),
    st.sampled_from(["minerals", "entity_type", "workforce_size"]).map(ProfileRef),
    st.just(Current()),
)


def _branches(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Unary, st.sampled_from(["not", "-"]), children),
        st.builds(Binary, st.sampled_from(sorted(PRECEDENCE)), children, children),
        st.builds(
            Call,
            st.sampled_from(sorted(FUNCTIONS)),
            st.lists(children, max_size=3).map(tuple),
        ),
        st.builds(
            Binary,
            st.just("in"),
            children,
            st.lists(children, max_size=3).map(lambda items: ListLiteral(tuple(items))),
        ),
    )


trees = st.recursive(leaves, _branches, max_leaves=12)
SCOPE = Scope(
    {
        "A1": QuestionInfo("number", ValueType.NUMBER),
        "B.2": QuestionInfo("multi_choice", ValueType.LIST, frozenset({"x", "y"})),
    },
    current=QuestionInfo("text", ValueType.TEXT),
)
answer_values = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.text(max_size=4),
    st.booleans(),
    st.dates(),
    st.lists(st.sampled_from(["x", "y"]), max_size=2),
)
contexts = st.builds(
    MappingContext,
    answers=st.dictionaries(st.sampled_from(["A1", "B.2", "Z"]), answer_values),
    profile_fields=st.dictionaries(st.sampled_from(["minerals", "entity_type"]), answer_values),
    current=st.sampled_from([None, "A1", "Z"]),
)


def _error_of(function: Callable[..., object], *args: object) -> ExpressionError | None:
    """The ExpressionError `function(*args)` raises, or None; any other exception propagates."""
    try:
        function(*args)
    except ExpressionError as error:
        return error
    return None


@given(any_text)
@settings(max_examples=EXAMPLES)
def test_any_text_parses_or_fails_with_a_located_error(source: str) -> None:
    error = _error_of(parse, source)
    if error is not None:
        assert 0 <= error.start <= len(source)
        assert error.message


@given(any_text)
@settings(max_examples=EXAMPLES)
def test_printing_a_parsed_expression_parses_to_the_same_tree(source: str) -> None:
    try:
        tree = parse(source)
    except ExpressionError:
        return
    assert parse(unparse(tree)) == tree


@given(trees)
@settings(max_examples=EXAMPLES)
def test_printing_any_tree_parses_back_to_it(tree: Node) -> None:
    assert parse(unparse(tree)) == tree


@given(trees, contexts)
@settings(max_examples=EXAMPLES)
def test_evaluation_raises_only_the_language_error(tree: Node, context: MappingContext) -> None:
    error = _error_of(evaluate, tree, context)
    assert error is None or error.start >= 0


@given(trees)
@settings(max_examples=EXAMPLES)
def test_checking_raises_only_the_language_error(tree: Node) -> None:
    error = _error_of(check, tree, SCOPE, None)
    assert error is None or error.start >= 0
