"""Properties of the translation to XPath over generated expressions (hypothesis): every valid
expression of ours is either translated into well-formed XPath that names only the form's
questions, or refused with a reason; and pyxform, with ODK Validate (JavaRosa, when Java is
installed), accepts the translations in a form."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.xlsform.scope import OPTIONS, checker_scope, xlsform_with, xpath_scope
from tests.xlsform.xpath_grammar import references_of

from selfassess.core.expr import ExpressionError, check
from selfassess.core.expr.ast import (
    Binary,
    Call,
    Current,
    ListLiteral,
    Literal,
    Node,
    ProfileRef,
    Unary,
    walk,
)
from selfassess.core.expr.ast import QuestionRef as Q
from selfassess.core.xlsform.xpath import Untranslatable, to_xpath

EXAMPLES = int(os.environ.get("SELFASSESS_HYPOTHESIS_EXAMPLES", "300"))
CURRENT = "n"  # '.' is a number question's answer

texts = st.text(alphabet="ab '\"${}\\é\n", max_size=6)
option = st.sampled_from(OPTIONS)
numbers_literal = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
).map(Literal)
dates_literal = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)).map(Literal)


def call(name: str, *args: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.tuples(*args).map(lambda values: Call(name, tuple(values)))


def binary(
    ops: list[str], left: st.SearchStrategy[Node], right: st.SearchStrategy[Node]
) -> st.SearchStrategy[Node]:
    return st.builds(Binary, st.sampled_from(ops), left, right)


numbers: st.SearchStrategy[Node] = st.deferred(
    lambda: st.one_of(
        numbers_literal,
        st.sampled_from([Q("r"), Q("n"), ProfileRef("workforce_size"), Current()]),
        binary(["+", "-", "*", "/", "mod"], numbers, numbers),
        st.builds(Unary, st.just("-"), numbers),
        call("count_selected", lists),
        call("length", text_values),
        call("round", numbers),
        call("min", numbers, numbers),
        call("max", numbers, numbers, numbers),
        call("if", conditions, numbers, numbers),
        call("coalesce", numbers, numbers),
        call("evidence_count", st.just(Q("e"))),
        call("days_between", dates, dates),
        call("year", dates),
        binary(["-"], dates, dates),
    )
)
text_values: st.SearchStrategy[Node] = st.deferred(
    lambda: st.one_of(
        texts.map(Literal),
        st.sampled_from([Q("t"), ProfileRef("province"), ProfileRef("organisation")]),
        call("if", conditions, text_values, text_values),
        call("coalesce", text_values, text_values),
    )
)
dates: st.SearchStrategy[Node] = st.deferred(
    lambda: st.one_of(
        dates_literal,
        st.just(Q("d")),
        st.just(Call("today", ())),
        binary(["+", "-"], dates, numbers),
        call("add_days", dates, numbers),
        call("add_months", dates, numbers),
        call("date", st.just(Literal("2024-02-29"))),
        call("max", dates, dates),
        call("if", conditions, dates, dates),
    )
)
lists: st.SearchStrategy[Node] = st.deferred(
    lambda: st.one_of(
        st.sampled_from([Q("m"), ProfileRef("minerals"), ProfileRef("source_countries")]),
        call("if", conditions, lists, lists),
    )
)
choices: st.SearchStrategy[Node] = st.one_of(st.just(Q("s")), st.just(ProfileRef("entity_type")))
choice_names = st.sampled_from([*OPTIONS, "asm", "trader", "gold", "CD"]).map(Literal)
conditions: st.SearchStrategy[Node] = st.deferred(
    lambda: st.one_of(
        st.booleans().map(Literal),
        st.just(Q("yn")),
        call("answered", st.sampled_from([Q("r"), Q("yn"), Q("m"), Q("e"), Q("t")])),
        call("is_na", st.sampled_from([Q("r"), Q("yn")])),
        st.just(Call("edd_required", ())),
        binary(["and", "or"], conditions, conditions),
        st.builds(Unary, st.just("not"), conditions),
        binary(["=", "!=", "<", "<=", ">", ">="], numbers, numbers),
        binary(["=", "!=", "<", "<=", ">", ">="], dates, dates),
        binary(["=", "!="], text_values, text_values),
        binary(["=", "!="], choices, choice_names),
        binary(["=", "!="], st.just(Q("yn")), conditions),
        binary(
            ["=", "!="], st.sampled_from([Q("r"), Q("yn"), Q("s"), Q("d")]), st.just(Literal(None))
        ),
        binary(
            ["in"],
            choices,
            st.lists(choice_names, max_size=3).map(lambda xs: ListLiteral(tuple(xs))),
        ),
        binary(["in"], choice_names, lists),
        call("selected", lists, choice_names),
        call(
            "regex",
            text_values,
            st.sampled_from(["[A-Z]{2}-[0-9]+", "a|b", "x'y", "\\d+"]).map(Literal),
        ),
        call("if", conditions, conditions, conditions),
    )
)


def valid(tree: Node) -> bool:
    try:
        check(tree, checker_scope(CURRENT))
    except ExpressionError:
        return False
    return True


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(conditions)
def test_a_valid_expression_is_well_formed_xpath_or_refused_with_a_reason(tree: Node) -> None:
    assume(valid(tree))
    try:
        xpath = to_xpath(tree, xpath_scope(CURRENT))
    except Untranslatable as refused:
        xpath, reason = "", refused.reason
    if not xpath:
        assert reason
        return
    names = {reference.name for reference in xpath_scope().questions.values()}
    names |= {reference.name for reference in xpath_scope().profile.values()}
    assert references_of(xpath) <= names
    assert "count_selected" not in xpath


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.lists(conditions, min_size=30, max_size=60))
def test_odk_validate_accepts_the_translations(trees: list[Node]) -> None:
    from pyxform.xls2xform import convert

    relevants, constraints = [], []
    for tree in trees:
        if not valid(tree):
            continue
        try:
            xpath = to_xpath(tree, xpath_scope(CURRENT))
        except Untranslatable:
            continue
        uses_current = any(isinstance(node, Current) for node in walk(tree))
        (constraints if uses_current else relevants).append(xpath)
    warnings: list[str] = []
    convert(xlsform_with(relevants, constraints), warnings=warnings, validate=True)
    assert warnings == []
