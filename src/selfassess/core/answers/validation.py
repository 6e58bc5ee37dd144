"""Evaluates an assessment against its pinned form: which questions are relevant and required,
which answers break a rule, how far each section has got, and what blocks finalizing.

A question is relevant when its criterion applies to the supplier's profile and its `relevant`
expression is true. Answers to questions that are not relevant are kept in the store but read as
empty here, so they neither count nor trigger rules; `hidden_answers` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from selfassess.core.answers.values import expression_value
from selfassess.core.expr import ExpressionError, evaluate
from selfassess.core.expr.evaluator import is_true
from selfassess.core.expr.types import Value
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.model import (
    Criterion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
)
from selfassess.core.i18n import translate
from selfassess.core.risk.edd import AreaDecision
from selfassess.core.store.records import Answer


@dataclass(frozen=True)
class Problem:
    """Something that blocks finalizing, at one question."""

    question_id: str
    kind: str  # required, na_reason, na_not_allowed, constraint, range, evidence, expression
    message: str


@dataclass(frozen=True)
class QuestionState:
    """Where one question stands."""

    question_id: str
    relevant: bool
    required: bool
    answered: bool
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class SectionProgress:
    """Answered out of relevant required questions, for one section."""

    section_id: str
    answered: int
    required: int


@dataclass
class Evaluation:
    """The state of every question of an assessment, in form order."""

    states: dict[str, QuestionState] = field(default_factory=dict)
    applicable: dict[str, bool] = field(default_factory=dict)
    sections: list[SectionProgress] = field(default_factory=list)
    hidden_answers: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [problem for state in self.states.values() for problem in state.problems]

    @property
    def answered(self) -> int:
        return sum(section.answered for section in self.sections)

    @property
    def required(self) -> int:
        return sum(section.required for section in self.sections)

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else (100 * self.answered) // self.required


class _Context:
    """The expression context over one assessment, resolving relevance on demand."""

    def __init__(self, view: AnswerView, current: str | None = None) -> None:
        self.view = view
        self.current = current

    def answer(self, question_id: str) -> Value:
        return self.view.visible_value(question_id)

    def is_na(self, question_id: str) -> bool:
        answer = self.view.answers.get(question_id)
        return answer is not None and answer.is_na and self.view.relevant(question_id)

    def evidence_count(self, question_id: str) -> int:
        if not self.view.relevant(question_id):
            return 0
        return self.view.evidence.get(question_id, 0)

    def profile(self, field_name: str) -> Value:
        return self.view.profile.get(field_name)

    def current_question(self) -> str | None:
        return self.current

    def today(self) -> date:
        return self.view.today

    def edd_required(self) -> bool:
        return self.view.edd_required()


class AnswerView:
    """One assessment's answers as the form's rules see them: relevance and applicability are
    resolved on demand and memoised; answers to questions that are not relevant read as empty.
    Shared by validation and the gap analysis, so both judge the same answers the same way."""

    def __init__(
        self,
        form: Form,
        *,
        answers: Mapping[str, Answer],
        evidence: Mapping[str, int],
        profile: Mapping[str, Value],
        today: date,
        language: str,
        risk: AreaDecision | None = None,
    ) -> None:
        self.form = form
        self.answers = answers
        self.evidence = evidence
        self.profile = profile
        self.today = today
        self.language = language
        self.risk = risk  # what the risk table says of the supplier's area (docs/risk.md)
        self._edd_flags: list[str] | None = None
        self._edd_reading = False
        self.questions: dict[str, tuple[Question, Criterion]] = {
            question.id: (question, criterion)
            for criterion in form.criteria()
            for question in criterion.questions
        }
        self._relevance: dict[str, bool] = {}
        self._applicable: dict[str, bool] = {}

    def text(self, message: str, **params: object) -> str:
        return translate(self.language, message, **params)

    def applicable(self, criterion: Criterion) -> bool:
        if criterion.id not in self._applicable:
            verdict = True
            if criterion.applicability:
                verdict = self.condition(criterion.applicability, None, default=True)
            self._applicable[criterion.id] = verdict
        return self._applicable[criterion.id]

    def relevant(self, question_id: str) -> bool:
        if question_id not in self._relevance:
            entry = self.questions.get(question_id)
            if entry is None:
                return False
            question, criterion = entry
            self._relevance[question_id] = (
                False  # a cycle reads as not relevant (forms forbid them)
            )
            verdict = self.applicable(criterion) and (
                question.relevant is None or self.condition(question.relevant, None, default=True)
            )
            self._relevance[question_id] = verdict
        return self._relevance[question_id]

    def edd_required(self) -> bool:
        """Whether enhanced due diligence applies: the supplier's area, sources or routes are
        listed in the risk table, or an answer outside the enhanced questions is a red flag of
        OECD Annex II (docs/risk.md)."""
        if self.risk is not None and self.risk.required:
            return True
        return bool(self.edd_red_flags())

    def edd_red_flags(self) -> list[str]:
        """The questions outside the enhanced section whose answer is an Annex II red flag.
        While they are being read, `edd_required()` says only what the area says, so that no
        question can make itself relevant."""
        if self._edd_flags is None:
            if self._edd_reading:
                return []
            self._edd_reading = True
            try:
                self._edd_flags = [
                    question_id
                    for question_id, (question, criterion) in self.questions.items()
                    if annex_ii(criterion)
                    and not enhanced(criterion)
                    and self._raises_red_flag(question)
                ]
            finally:
                self._edd_reading = False
        return self._edd_flags

    def _raises_red_flag(self, question: Question) -> bool:
        if isinstance(question, InfoQuestion) or not question.red_flag:
            return False
        answer = self.answers.get(question.id)
        if answer is None or answer.is_na or not self.relevant(question.id):
            return False
        return self.condition(question.red_flag, question.id, default=False)

    def visible_value(self, question_id: str) -> Value:
        answer = self.answers.get(question_id)
        if answer is None or answer.is_na or not self.relevant(question_id):
            return None
        question, _criterion = self.questions[question_id]
        return expression_value(question, answer.value)

    def condition(self, source: str, current: str | None = None, *, default: bool) -> bool:
        """Whether the expression is true here; `default` when it cannot be evaluated."""
        try:
            return is_true(evaluate(compiled(source), _Context(self, current)))
        except ExpressionError:
            return default

    def state(self, question: Question) -> QuestionState:
        relevant = self.relevant(question.id)
        if isinstance(question, InfoQuestion) or not relevant:
            return QuestionState(question.id, relevant, False, False)
        answer = self.answers.get(question.id)
        required = question.required
        if isinstance(required, str):
            required = self.condition(required, None, default=True)
        answered = self._answered(question, answer)
        problems = self._problems(question, answer, required, answered)
        return QuestionState(question.id, True, required, answered, tuple(problems))

    def _answered(self, question: Question, answer: Answer | None) -> bool:
        if isinstance(question, EvidenceQuestion):
            needed = max(1, question.min_count)
            return self.evidence.get(question.id, 0) >= needed or bool(answer and answer.is_na)
        return answer is not None and (answer.is_na or answer.value not in (None, "", []))

    def _problems(
        self, question: Question, answer: Answer | None, required: bool, answered: bool
    ) -> list[Problem]:
        assert not isinstance(question, InfoQuestion)
        qid = question.id
        if required and not answered:
            if isinstance(question, EvidenceQuestion) and question.min_count > 1:
                message = self.text("{count} files are needed.", count=question.min_count)
                return [Problem(qid, "evidence", message)]
            return [Problem(qid, "required", self.text("An answer is required."))]
        if answer is None:
            return []
        if answer.is_na:
            if not question.allow_na:
                message = self.text("This question cannot be answered 'not applicable'.")
                return [Problem(qid, "na_not_allowed", message)]
            if not (answer.na_reason or "").strip():
                message = self.text("Say why this question does not apply.")
                return [Problem(qid, "na_reason", message)]
            return []
        if answer.value is None:
            return []
        return self._bounds(question, answer.value) + self._constraints(question)

    def _bounds(self, question: Question, value: object) -> list[Problem]:
        qid = question.id
        if isinstance(question, NumberQuestion) and isinstance(value, int | float):
            if question.min is not None and value < question.min:
                return [
                    Problem(
                        qid,
                        "range",
                        self.text("The smallest allowed value is {min:g}.", min=question.min),
                    )
                ]
            if question.max is not None and value > question.max:
                return [
                    Problem(
                        qid,
                        "range",
                        self.text("The largest allowed value is {max:g}.", max=question.max),
                    )
                ]
            if question.integer and value != int(value):
                return [Problem(qid, "range", self.text("Give a whole number."))]
        too_long = (
            isinstance(question, TextQuestion)
            and question.max_length is not None
            and isinstance(value, str)
            and len(value) > question.max_length
        )
        if too_long:
            assert isinstance(question, TextQuestion)
            message = self.text("At most {count} characters.", count=question.max_length)
            return [Problem(qid, "range", message)]
        return []

    def _constraints(self, question: Question) -> list[Problem]:
        assert not isinstance(question, InfoQuestion)
        problems = []
        for constraint in question.constraints:
            try:
                result = evaluate(compiled(constraint.expression), _Context(self, question.id))
            except ExpressionError as exc:
                message = self.text(
                    "This answer could not be checked: {reason}", reason=exc.message
                )
                problems.append(Problem(question.id, "expression", message))
                continue
            if not is_true(result):
                message = constraint.message.in_language(self.language, self.form.default_language)
                problems.append(Problem(question.id, "constraint", message))
        return problems


def annex_ii(criterion: Criterion) -> bool:
    """A criterion that answers to OECD Annex II: its red flags call for enhanced diligence."""
    return any(reference.standard == "OECD-ANNEX-II" for reference in criterion.references)


def enhanced(criterion: Criterion) -> bool:
    """A criterion of the enhanced due diligence section (it applies when edd_required())."""
    return "edd_required" in (criterion.applicability or "")


def asks_enhanced_questions(form: Form) -> bool:
    """The form has enhanced due diligence questions (the quick scan has none)."""
    return any(enhanced(criterion) for criterion in form.criteria())


def evaluate_view(view: AnswerView) -> Evaluation:
    """Relevance, requirement, problems and progress of every question, in form order."""
    evaluation = Evaluation()
    for section in view.form.sections:
        answered = required = 0
        for criterion in section.criteria:
            evaluation.applicable[criterion.id] = view.applicable(criterion)
            for question in criterion.questions:
                state = view.state(question)
                evaluation.states[question.id] = state
                if state.relevant and state.required:
                    required += 1
                    answered += state.answered
        evaluation.sections.append(SectionProgress(section.id, answered, required))
    evaluation.hidden_answers = [
        qid
        for qid in view.answers
        if qid in evaluation.states and not evaluation.states[qid].relevant
    ]
    return evaluation


def evaluate_assessment(
    form: Form,
    answers: Mapping[str, Answer],
    evidence: Mapping[str, int],
    profile: Mapping[str, Value],
    *,
    language: str,
    today: date | None = None,
    risk: AreaDecision | None = None,
) -> Evaluation:
    """Validation of one assessment (see `evaluate_view`)."""
    view = AnswerView(
        form,
        answers=answers,
        evidence=evidence,
        profile=profile,
        today=today or date.today(),
        language=language,
        risk=risk,
    )
    return evaluate_view(view)
