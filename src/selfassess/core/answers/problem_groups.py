"""What still blocks finalizing, grouped as the form is read: by section (pillar), then by
criterion, each with how many questions are still to answer and how many answers are to correct,
so that a trainer sees at a glance where the work is ("B Labour: 5 to answer").

The groups follow the form's order; a section or criterion with nothing to fix is left out."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.answers.validation import Evaluation, Problem
from selfassess.core.forms.model import Criterion, Form, Section

TO_ANSWER = frozenset({"required", "evidence"})
"""The kinds of problem that mean a question has no answer yet (the rest are answers to correct)."""


@dataclass(frozen=True)
class QuestionProblem:
    """One problem at one question, with the question's label in the reader's language."""

    question_id: str
    label: str
    kind: str
    message: str

    @property
    def to_answer(self) -> bool:
        return self.kind in TO_ANSWER


@dataclass(frozen=True)
class Tally:
    """How many questions are to answer, and how many answers to correct."""

    to_answer: int = 0
    to_correct: int = 0

    @property
    def total(self) -> int:
        return self.to_answer + self.to_correct


def tally(problems: list[QuestionProblem]) -> Tally:
    answer = sum(1 for problem in problems if problem.to_answer)
    return Tally(answer, len(problems) - answer)


@dataclass(frozen=True)
class CriterionProblems:
    """The problems of one criterion, in question order."""

    criterion_id: str
    title: str
    problems: tuple[QuestionProblem, ...]

    @property
    def tally(self) -> Tally:
        return tally(list(self.problems))


@dataclass(frozen=True)
class SectionProblems:
    """The criteria of one section (a pillar) that have problems."""

    section_id: str
    title: str
    criteria: tuple[CriterionProblems, ...]

    @property
    def tally(self) -> Tally:
        return tally([problem for group in self.criteria for problem in group.problems])


def group_problems(form: Form, evaluation: Evaluation, language: str) -> list[SectionProblems]:
    """The evaluation's problems by section, then criterion, in form order, labels in
    `language` (the form's default where it has no text in that language)."""
    by_question: dict[str, list[Problem]] = {}
    for problem in evaluation.problems:
        by_question.setdefault(problem.question_id, []).append(problem)
    groups = []
    for section in form.sections:
        criteria = [_criterion(form, c, by_question, language) for c in section.criteria]
        found = tuple(group for group in criteria if group is not None)
        if found:
            groups.append(SectionProblems(section.id, _title(form, section, language), found))
    return groups


def _criterion(
    form: Form, criterion: Criterion, by_question: dict[str, list[Problem]], language: str
) -> CriterionProblems | None:
    problems = tuple(
        QuestionProblem(
            problem.question_id,
            question.label.in_language(language, form.default_language),
            problem.kind,
            problem.message,
        )
        for question in criterion.questions
        for problem in by_question.get(question.id, ())
    )
    if not problems:
        return None
    return CriterionProblems(criterion.id, _title(form, criterion, language), problems)


def _title(form: Form, item: Section | Criterion, language: str) -> str:
    return item.title.in_language(language, form.default_language)
