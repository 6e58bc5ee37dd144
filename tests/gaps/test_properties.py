"""Properties of the gap engine over generated criteria (hypothesis)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.forms.model import Form
from selfassess.core.gaps.results import RANK, GapReport, Status

Judge = Callable[..., GapReport]

question_specs = st.lists(
    st.one_of(
        st.tuples(st.just("rating"), st.none() | st.integers(1, 3)),  # red flag when . < k
        st.tuples(st.just("yes_no"), st.sampled_from([True, False]), st.booleans()),
    ),
    min_size=1,
    max_size=6,
)


def build_form(specs: list[Any], *, applicability: str | None = None) -> Form:
    questions = []
    for index, spec in enumerate(specs):
        question: dict[str, Any] = {"id": f"Q{index}", "type": spec[0], "label": {"en": "q"}}
        if spec[0] == "rating" and spec[1] is not None:
            question["red_flag"] = f". < {spec[1]}"
        if spec[0] == "yes_no":
            question["expected"] = spec[1]
            if spec[2]:  # a red flag on the unexpected answer
                question["red_flag"] = f". = {'false' if spec[1] else 'true'}"
        questions.append(question)
    criteria = [
        {
            "id": "C",
            "title": {"en": "C"},
            "intent": {"en": "i"},
            "red_line": True,
            "questions": questions,
        }
    ]
    if applicability:
        criteria.append(
            {
                "id": "N",
                "title": {"en": "N"},
                "intent": {"en": "i"},
                "applicability": applicability,
                "questions": [{"id": "NQ", "type": "rating", "label": {"en": "n"}}],
            }
        )
    return Form.model_validate(
        {
            "id": "generated",
            "version": "1",
            "title": {"en": "G"},
            "languages": ["en"],
            "default_language": "en",
            "publisher": "p",
            "licence": "l",
            "sections": [{"id": "S", "title": {"en": "S"}, "criteria": criteria}],
        }
    )


def answer_values(specs: list[Any]) -> st.SearchStrategy[dict[str, Any]]:
    values = [st.integers(0, 3) if spec[0] == "rating" else st.booleans() for spec in specs]
    return st.tuples(*values).map(lambda vs: {f"Q{i}": v for i, v in enumerate(vs)})


def better(spec: tuple[Any, ...], value: Any) -> list[Any]:
    """Answers strictly better than `value` for this question."""
    if spec[0] == "rating":
        return list(range(value + 1, 4))
    return [spec[1]] if value != spec[1] else []


@st.composite
def improvement(draw: st.DrawFn) -> tuple[list[Any], dict[str, Any], str, Any]:
    specs = draw(question_specs)
    values = draw(answer_values(specs))
    candidates = [(i, b) for i, spec in enumerate(specs) for b in better(spec, values[f"Q{i}"])]
    index, value = draw(st.sampled_from(candidates)) if candidates else (0, values["Q0"])
    return specs, values, f"Q{index}", value


@given(improvement())
@settings(max_examples=300, deadline=None)
def test_improving_one_answer_never_worsens_the_status(judge: Judge, case: Any) -> None:
    specs, values, question, value = case
    form = build_form(specs)
    before = judge(form, values).result("C")
    after = judge(form, {**values, question: value}).result("C")
    assert before is not None
    assert after is not None
    assert RANK[after.status] >= RANK[before.status]


@given(question_specs.flatmap(lambda specs: st.tuples(st.just(specs), answer_values(specs))))
@settings(max_examples=300, deadline=None)
def test_a_red_flag_always_wins(judge: Judge, case: Any) -> None:
    specs, values = case
    result = judge(build_form(specs), values).result("C")
    assert result is not None
    if result.red_flags:
        assert result.status is Status.DOES_NOT_MEET
    flagged = any(
        (spec[0] == "rating" and spec[1] is not None and values[f"Q{i}"] < spec[1])
        or (spec[0] == "yes_no" and spec[2] and values[f"Q{i}"] != spec[1])
        for i, spec in enumerate(specs)
    )
    assert bool(result.red_flags) == flagged


@given(
    question_specs.flatmap(lambda specs: st.tuples(st.just(specs), answer_values(specs))),
    st.integers(0, 3),
)
@settings(max_examples=200, deadline=None)
def test_not_applicable_criteria_never_count(judge: Judge, case: Any, other: int) -> None:
    specs, values = case
    form = build_form(specs, applicability="profile.entity_type = 'processor'")
    report = judge(form, {**values, "NQ": other})
    assert report.result("N").status is Status.NOT_APPLICABLE  # type: ignore[union-attr]
    assert report.overall.applicable == 1
    assert report.overall.not_applicable == 1
    assert sum(report.severities.values()) == (1 if report.result("C").is_gap else 0)  # type: ignore[union-attr]
