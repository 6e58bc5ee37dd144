"""Validation and progress against the pinned form: relevance, applicability, required,
constraints, bounds, N/A reasons, evidence counts, in the assessment's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.answers.validation import AnswerView, evaluate_assessment
from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import Form
from selfassess.core.store.records import Answer, Profile

SAMPLE_FORM = Path(__file__).parents[1] / "data" / "sample.yaml"

TODAY = date(2026, 11, 22)
ASM = {"entity_type": "asm", "minerals": ["gold"], "workforce_size": 10}
TRADER = {"entity_type": "trader", "minerals": ["tin"], "workforce_size": 10}


def answers(**values: object) -> dict[str, Answer]:
    return {qid.replace("_", "."): Answer(qid.replace("_", "."), v) for qid, v in values.items()}


def problems(form: Form, given: dict[str, Answer], *, language: str = "en",
             profile: dict[str, object] = ASM, evidence: dict[str, int] | None = None
             ) -> dict[str, list[str]]:  # fmt: skip
    evaluation = evaluate_assessment(
        form,
        given,
        evidence or {},
        profile,
        language=language,
        today=TODAY,  # type: ignore[arg-type]
    )
    found: dict[str, list[str]] = {}
    for problem in evaluation.problems:
        found.setdefault(problem.question_id, []).append(problem.message)
    return found


def test_empty_assessment_lists_required_questions(sample_form: Form) -> None:
    assert problems(sample_form, {}) == {
        "A1.1": ["An answer is required."],
        "A1.4": ["An answer is required."],
        "A2.1": ["An answer is required."],
        "B1.1": ["An answer is required."],
        "B1.2": ["An answer is required."],
        "B1.4": ["An answer is required."],  # relevant while B1.3 (under-18 workers) is empty
    }


def test_relevance_and_conditional_requirement(sample_form: Form) -> None:
    given = answers(A1_1=2, A1_4=["register"], A2_1="exploitation", B1_1=True, B1_3=0)
    found = problems(sample_form, given)
    assert found == {
        "A1.2": ["An answer is required."],  # relevant once A1.1 >= 2
        "A1.3": ["An answer is required."],  # required once A1.1 >= 2
    }  # B1.2 is required only when B1.1 is false


def test_applicability_removes_questions(sample_form: Form) -> None:
    found = problems(sample_form, {}, profile=TRADER)
    assert "A2.1" not in found  # A2 applies to mines, or to 50 workers and more


def test_constraint_messages_in_the_assessment_language(sample_form: Form) -> None:
    given = answers(A1_1=2, A1_2="2030-01-01", A1_4=["none", "photo"], A2_1="exploitation",
                    A2_2="12345", B1_1=False, B1_2=90, B1_3=0)  # fmt: skip
    assert problems(sample_form, given, language="fr", evidence={"A1.3": 1}) == {
        "A1.2": ["Une date entre 2000 et aujourd'hui."],
        "A1.4": ["« Rien » exclut les autres."],
        "A2.2": ["Comme CD-12345."],
        "B1.2": ["La plus grande valeur permise est 80."],
    }


def test_na_needs_a_reason(sample_form: Form) -> None:
    given = {"A1.1": Answer("A1.1", None, None, "  ")}
    assert problems(sample_form, given, language="sw")["A1.1"] == [
        "Eleza kwa nini swali hili halihusiki."
    ]


def test_na_counts_as_answered_and_reads_as_empty(sample_form: Form) -> None:
    given = {
        **answers(A1_4=["register"], A2_1="exploitation", B1_1=True, B1_3=0),
        "A1.1": Answer("A1.1", None, None, "no policy needed for a trader"),
    }
    assert problems(sample_form, given) == {}


def test_progress_counts_relevant_required_questions(sample_form: Form) -> None:
    given = answers(A1_1=3, A1_4=["register"])
    evaluation = evaluate_assessment(sample_form, given, {}, ASM, language="en", today=TODAY)  # type: ignore[arg-type]
    assert [(s.section_id, s.answered, s.required) for s in evaluation.sections] == [
        ("A", 2, 5),
        ("B", 0, 3),
    ]
    assert (evaluation.answered, evaluation.required, evaluation.percent) == (2, 8, 25)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20, []),
        (20.5, ["Give a whole number.", "A whole number."]),  # the bound, then the constraint
        (9, ["The smallest allowed value is 10.", "Check the age."]),
    ],
)
def test_number_bounds(sample_form: Form, value: float, expected: list[str]) -> None:
    given = answers(A1_1=0, A1_4=["register"], A2_1="exploitation", B1_1=False, B1_2=value, B1_3=0)
    assert problems(sample_form, given).get("B1.2", []) == expected


A2_APPLIES = "profile.entity_type in ['asm', 'industrial_mine'] or profile.workforce_size >= 50"


def applying_when(applicability: str) -> Form:
    """The sample form, with criterion A2 applying when `applicability` holds."""
    text = SAMPLE_FORM.read_text(encoding="utf-8")
    assert A2_APPLIES in text
    form = load_form_text(text.replace(A2_APPLIES, applicability), "profile.yaml").form
    assert form is not None
    return form


MECHANISED = "profile.mechanisation = 'mechanised'"
TRADING_FROM_RW = Profile("X", "trader", source_countries=("RW",))
TRADING_THROUGH_UG = Profile("X", "trader", transit_countries=("UG",))


@pytest.mark.parametrize(
    ("applicability", "profile", "applies"),
    [
        (MECHANISED, Profile("X", "asm", mechanisation="mechanised"), True),
        (MECHANISED, Profile("X", "asm", mechanisation="manual"), False),
        (MECHANISED, Profile("X", "asm"), False),  # not said
        ("'none' in profile.certifications", Profile("X", "asm", certifications=("none",)), True),
        ("'rmap' in profile.certifications", Profile("X", "asm", certifications=("itsci",)), False),
        ("'RW' in profile.source_countries", TRADING_FROM_RW, True),
        ("count_selected(profile.transit_countries) = 0", Profile("X", "trader"), True),
        ("selected(profile.transit_countries, 'UG')", TRADING_THROUGH_UG, True),
    ],
)  # fmt: skip
def test_profile_practices_and_supply_chain_decide_what_applies(
    applicability: str, profile: Profile, applies: bool
) -> None:
    form = applying_when(applicability)
    view = AnswerView(form, answers={}, evidence={}, profile=profile.expression_fields(),
                      today=TODAY, language="en")  # fmt: skip
    (a2,) = [criterion for criterion in form.criteria() if criterion.id == "A2"]
    assert view.applicable(a2) is applies
    assert ("A2.1" in problems(form, {}, profile=profile.expression_fields())) is applies


def test_a_form_naming_a_mechanisation_or_certification_that_does_not_exist_is_refused() -> None:
    text = SAMPLE_FORM.read_text(encoding="utf-8")
    for mistake, said in (
        ("profile.mechanisation = 'robots'", "'robots' is not a choice of profile.mechanisation"),
        ("'fairtrade' in profile.certifications", "'fairtrade' is not a choice of profile.certif"),
    ):
        result = load_form_text(text.replace(A2_APPLIES, mistake), "mistaken.yaml")
        assert result.form is None
        assert any(said in diagnostic.format() for diagnostic in result.diagnostics)
