"""What blocks finalizing, grouped as a trainer reads the form: by pillar, then criterion, with
how many questions are to answer and how many answers to correct."""

from __future__ import annotations

from datetime import date

from selfassess.core.answers.problem_groups import SectionProblems, group_problems
from selfassess.core.answers.validation import evaluate_assessment
from selfassess.core.forms.model import Form
from selfassess.core.store.records import Answer

ASM = {"entity_type": "asm", "minerals": ["gold"], "workforce_size": 10}


def groups_for(
    form: Form, answers: dict[str, object], language: str = "en"
) -> list[SectionProblems]:
    given = {qid: Answer(qid, value) for qid, value in answers.items()}
    evaluation = evaluate_assessment(
        form,
        given,
        {},
        ASM,
        language=language,
        today=date(2026, 11, 22),  # type: ignore[arg-type]
    )
    return group_problems(form, evaluation, language)


def test_an_empty_assessment_is_grouped_by_pillar_then_criterion(sample_form: Form) -> None:
    groups = groups_for(sample_form, {})
    assert [(s.section_id, s.tally.to_answer, s.tally.to_correct) for s in groups] == [
        ("A", 3, 0),
        ("B", 3, 0),
    ]
    labour = groups[1]
    assert labour.title == "Labour"
    (child_labour,) = labour.criteria
    assert (child_labour.criterion_id, child_labour.title) == ("B1", "Child labour")
    assert [p.question_id for p in child_labour.problems] == ["B1.1", "B1.2", "B1.4"]
    assert child_labour.problems[0].label == "Do children under 15 work on site?"


def test_answers_to_correct_are_counted_apart_from_questions_to_answer(
    sample_form: Form,
) -> None:
    groups = groups_for(sample_form, {"B1.1": False, "B1.2": 95})  # above the largest age
    labour = next(s for s in groups if s.section_id == "B")
    assert (labour.tally.to_answer, labour.tally.to_correct) == (1, 1)
    wrong = next(p for p in labour.criteria[0].problems if p.question_id == "B1.2")
    assert not wrong.to_answer
    assert wrong.message == "The largest allowed value is 80."


def test_a_criterion_with_nothing_to_fix_is_left_out(sample_form: Form) -> None:
    groups = groups_for(sample_form, {"B1.1": False, "B1.2": 30, "B1.3": 0})
    assert [s.section_id for s in groups] == ["A"]


def test_labels_are_in_the_readers_language(sample_form: Form) -> None:
    _pillar, labour = groups_for(sample_form, {}, language="fr")
    assert labour.title == "Travail"
    assert labour.criteria[0].problems[0].message == "Une réponse est requise."
