"""Static checks: unknown names, wrong references and type mistakes are caught at load time."""

from __future__ import annotations

import pytest

from selfassess.core.expr import ExpressionError, Scope, ValueType, check, parse
from selfassess.core.expr.types import QuestionInfo

T = ValueType
QUESTIONS = {
    "rate": QuestionInfo("rating", T.NUMBER, allows_na=True),
    "yes": QuestionInfo("yes_no", T.BOOL),
    "one": QuestionInfo("single_choice", T.TEXT, frozenset({"a", "b"})),
    "many": QuestionInfo("multi_choice", T.LIST, frozenset({"register", "photo"})),
    "note": QuestionInfo("text", T.TEXT),
    "count": QuestionInfo("number", T.NUMBER),
    "when": QuestionInfo("date", T.DATE),
    "files": QuestionInfo("evidence", T.EVIDENCE),
    "intro": QuestionInfo("info", None),
}
SCOPE = Scope(QUESTIONS, current=QUESTIONS["count"], purpose="a constraint")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${rate} >= 2", T.BOOL),
        ("${count} * 2 + 1", T.NUMBER),
        ("${when} + 30", T.DATE),
        ("${when} - @2025-01-01", T.NUMBER),
        ("if(${yes}, 'a', null)", T.TEXT),
        ("coalesce(${count}, 0)", T.NUMBER),
        ("max(${when}, today())", T.DATE),
        ("selected(${many}, 'photo') and count_selected(${many}) < 2", T.BOOL),
        ("${one} in ['a', 'b']", T.BOOL),
        ("evidence_count(${files}) >= 1 and answered(${files})", T.BOOL),
        ("is_na(${rate})", T.BOOL),
        ("regex(${note}, '[A-Z]+') and length(${note}) < 5", T.BOOL),
        ("'gold' in profile.minerals and profile.entity_type = 'asm'", T.BOOL),
        (". > 0", T.BOOL),
        ("days_between(${when}, today()) > year(@2020-01-01) - 2020", T.BOOL),
        ("add_months(add_days(${when}, 1), 2) > date('2020-01-01')", T.BOOL),
        ("round(${count} / 3, 1) = 1", T.BOOL),
    ],
)
def test_well_typed_expressions(source: str, expected: ValueType) -> None:
    assert check(parse(source), SCOPE, expect=None) is expected


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("${missing} = 1", "unknown question 'missing'", 1),
        ("${intro} = 'x'", "question 'intro' is an info question and has no answer", 1),
        ("frob(1)", "unknown function 'frob'", 1),
        ("selectd(${many}, 'x')", "unknown function 'selectd'; did you mean selected()?", 1),
        (
            "${many} = 'photo'",
            "a multiple-choice answer cannot be compared; use selected() or count_selected()",
            1,
        ),
        ("${files} > 1", "evidence cannot be compared; use evidence_count()", 1),
        (
            "evidence_count(${count}) > 1",
            "evidence_count() cannot take a number here; write evidence_count(${question})",
            16,
        ),
        ("answered(1 + 1)", "answered() takes a question, such as ${A1.2} or '.'", 10),
        ("is_na(${count})", "this question has no N/A option, so is_na() is always false", 7),
        (
            "selected(${many}, 'photos')",
            "'photos' is not a choice of question 'many'; did you mean 'photo'?",
            19,
        ),
        ("${one} = 'c'", "'c' is not a choice of question 'one' (choices: a, b)", 10),
        (
            "profile.entity_type = 'coop'",
            "'coop' is not a choice of profile.entity_type "
            "(choices: asm, industrial_mine, other, processor, trader)",
            23,
        ),
        (
            "profile.size > 3",
            "unknown profile field 'size' (known: certifications, country, entity_type, "
            "mechanisation, minerals, organisation, province, site, source_countries, "
            "transit_countries, workforce_size)",
            1,
        ),
        ("${note} > 3", "cannot compare a text with a number", 1),
        ("${yes} < true", "'<' does not order true/false values", 1),
        ("${count} and ${yes}", "'and' joins true/false conditions, not a number", 1),
        ("not ${count}", "'not' needs a true/false, not a number", 1),
        ("${note} + 1 = 2", "cannot apply '+' to a text and a number", 1),
        (
            "${count} in ${note}",
            "'in' needs a list on its right, such as ['a', 'b'], not a text",
            13,
        ),
        ("${count} in [1, 'a']", "this list item is a text, but the value is a number", 17),
        ("[1, 2] = 1", "a list [...] can only stand after 'in'", 1),
        (
            "if(${yes}, 1)",
            "if() takes 3 arguments, given 2; write if(condition, value_if_true, value_if_false)",
            1,
        ),
        (
            "if(${yes}, 1, 'a') = 1",
            "the values of if() must have one type, not a number and a text",
            1,
        ),
        ("regex(${note}, ${note})", "the pattern of regex() must be written as text", 16),
        ("regex(${note}, '[a-')", "invalid pattern: unterminated character set", 16),
        ("date('2025-13-01') > today()", "'2025-13-01' is not a date written YYYY-MM-DD", 6),
        ("${count} + 1", "a constraint must be a true/false condition, but this gives a number", 1),
    ],
)
def test_mistakes_are_named_with_their_column(source: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        check(parse(source), SCOPE)
    assert caught.value.message == message
    assert caught.value.column == column


def test_current_answer_is_refused_where_there_is_none() -> None:
    with pytest.raises(
        ExpressionError, match=r"'\.' \(the current answer\) cannot be used in relevant"
    ):
        check(parse(". = 1"), Scope(QUESTIONS, purpose="relevant"))


def test_applicability_sees_only_the_profile() -> None:
    scope = Scope(QUESTIONS, allow_questions=False, purpose="applicability")
    assert check(parse("profile.workforce_size < 50"), scope) is T.BOOL
    with pytest.raises(ExpressionError, match="applicability may only use profile fields"):
        check(parse("${count} < 50"), scope)
