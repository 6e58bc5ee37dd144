"""ODK's XPath said in our expression language, or refused with a reason the author can act on;
what comes out parses and type-checks in our language."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.expr import MappingContext, evaluate, parse, unparse
from selfassess.core.expr.ast import Literal
from selfassess.core.xlsform.xpath_in import Untranslatable, XPathContext, xpath_to_tree

QUESTIONS = {
    "consent": ("consent", "single_choice"),
    "minerals": ("minerals", "multi_choice"),
    "age": ("age", "number"),
    "visit": ("visit", "date"),
    "name": ("site_name", "text"),
    "level": ("level", "single_choice"),
}
OPTIONS = {"consent": ("yes", "no"), "level": ("0", "1", "2", "3", "na")}
CONTEXT = XPathContext(
    QUESTIONS,
    {"double_age": xpath_to_tree("${age} * 2", XPathContext(QUESTIONS, {}, frozenset()))},
    frozenset({"pit_id"}),
    OPTIONS,
    current="age",
)


def ours(xpath: str) -> str:
    return unparse(xpath_to_tree(xpath, CONTEXT))


@pytest.mark.parametrize(
    ("xpath", "expected"),
    [
        ("${consent} = 'yes'", "${consent} = 'yes'"),
        ("${consent}='yes' and ${age}>=18", "${consent} = 'yes' and ${age} >= 18"),
        ("not(${age} > 5 div 2) or ${age} mod 2 = 0", "not ${age} > 5 / 2 or ${age} mod 2 = 0"),
        ("selected(${minerals}, 'gold')", "selected(${minerals}, 'gold')"),
        ("count-selected(${minerals}) > 1", "count_selected(${minerals}) > 1"),
        (". >= 0 and . <= 120", ". >= 0 and . <= 120"),
        ("${consent} = 1", "${consent} = '1'"),
        ("${age} != ''", "answered(${age})"),
        ("${minerals} = ''", "not answered(${minerals})"),
        ("${level} >= 2", "${level} in ['2', '3']"),
        ("1 < ${level}", "${level} in ['2', '3']"),
        ("${level} > 7", "false"),
        ("${visit} < '2020-01-31'", "${visit} < @2020-01-31"),
        ("${visit} <= today()", "${visit} <= today()"),
        ("date('2024-06-01') < ${visit}", "@2024-06-01 < ${visit}"),
        (
            "if(${age} >= 18, 'adult', 'child') = 'adult'",
            "if(${age} >= 18, 'adult', 'child') = 'adult'",
        ),
        ("coalesce(${age}, 0) + 1 > 2", "coalesce(${age}, 0) + 1 > 2"),
        ("string-length(${name}) > 3", "length(${site_name}) > 3"),
        ("regex(${name}, '^[A-Z]{2}-[0-9]+$')", "regex(${site_name}, '[A-Z]{2}-[0-9]+')"),
        ("regex(${name}, '[A-Z]+')", "regex(${site_name}, '[A-Z]+')"),
        ("contains(${name}, 'mine.')", "regex(${site_name}, '(?s).*mine\\\\..*')"),
        ("${double_age} > 40", "${age} * 2 > 40"),
        ("true() and not(false())", "true and not false"),
        ("-3 * -.5 < 2", "-3 * -0.5 < 2"),
        ("round(${age} div 3, 1) = max(1, 2)", "round(${age} / 3, 1) = max(1, 2)"),
    ],
)
def test_xpath_becomes_our_expression(xpath: str, expected: str) -> None:
    assert ours(xpath) == expected
    assert unparse(parse(expected)) == expected  # it reads back in our language


@pytest.mark.parametrize(
    ("xpath", "reason"),
    [
        ("jr:choice-name(${consent}, '${consent}')", "jr:choice-name() has no equivalent"),
        ("pulldata('prices', 'price', 'key', ${name})", "pulldata() has no equivalent"),
        ("/data/site/name = 'x'", "an XPath path or node set (/)"),
        ("position(..) = 1", "(..)"),
        ("count(${pit_id}) > 2", "${pit_id}, which is left out"),
        ("${nowhere} = 1", "${nowhere}, which no row of the form defines"),
        ("(${age} > 1", "cannot be read at character 12"),
        ("${age} >", "cannot be read at character 9"),
        ("${age} # 2", "cannot be read at character 8"),
        ("selected(${minerals})", "selected() is given the wrong number of values"),
        ("regex(${name}, ${name})", "regex() needs its pattern written as a text"),
        ("(" * 50 + "1" + ")" * 50, "nested too deeply"),
        ("1 + " * 3000 + "1", "longer than 10000 characters"),
    ],
)
def test_what_our_language_cannot_say_is_refused_with_the_reason(xpath: str, reason: str) -> None:
    with pytest.raises(Untranslatable) as refusal:
        xpath_to_tree(xpath, CONTEXT)
    assert reason in refusal.value.finding.text()


def test_a_number_compared_with_options_keeps_odks_numeric_meaning() -> None:
    tree = xpath_to_tree("${level} >= 2", CONTEXT)
    for answer, relevant in (("0", False), ("1", False), ("2", True), ("3", True), ("na", False)):
        assert evaluate(tree, MappingContext({"level": answer})) is relevant


def test_an_empty_answer_is_what_odk_calls_the_empty_text() -> None:
    tree = xpath_to_tree("${age} = ''", CONTEXT)
    assert evaluate(tree, MappingContext({})) is True
    assert evaluate(tree, MappingContext({"age": 0})) is False


def test_a_date_written_as_text_is_a_date() -> None:
    tree = xpath_to_tree("${visit} >= '2024-01-01'", CONTEXT)
    assert evaluate(tree, MappingContext({"visit": date(2024, 3, 1)})) is True


@given(st.text(max_size=60))
def test_no_text_makes_the_translation_fail_otherwise(source: str) -> None:
    """Any text gives a tree or Untranslatable: never another exception."""
    try:
        tree = xpath_to_tree(source, CONTEXT)
    except Untranslatable:
        return
    assert isinstance(unparse(tree), str)


def test_literals_keep_their_kind() -> None:
    assert xpath_to_tree("'a b'", CONTEXT) == Literal("a b")
    assert xpath_to_tree("3", CONTEXT) == Literal(3)
    assert xpath_to_tree("3.50", CONTEXT) == Literal(3.5)
