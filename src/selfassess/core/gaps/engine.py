"""The status of each criterion, judged in this order (docs/gaps.md):

1. not applicable: the criterion's applicability is false for the supplier's profile;
2. does not meet: an answer raises a red flag, whatever the other answers say;
3. incomplete: a required question that applies has no answer;
4. the criterion's own status rules, the first that is true;
5. the default rule: ratings and yes/no answers (3 for the expected answer, 0 otherwise) all at 3
   is `meets`, all at 0 is `does_not_meet`, anything between is `partially_meets`; when every
   scored question was answered "not applicable" (with a reason), the criterion is not applicable;
6. evidence: a criterion whose evidence questions lack files is at most `partially_meets`, and
   the missing files are named (once the criterion is judged: not while it is incomplete).

Severity: a red-line criterion that does not meet is critical; any other that does not meet is
major; partly met is minor.
"""

from __future__ import annotations

from selfassess.core.answers.validation import AnswerView, Evaluation
from selfassess.core.answers.values import UNKNOWN
from selfassess.core.forms.model import (
    Criterion,
    EvidenceQuestion,
    InfoQuestion,
    RatingQuestion,
    Severity,
    YesNoQuestion,
)
from selfassess.core.gaps.describe import answer_text, question_text
from selfassess.core.gaps.edd import edd_outcome
from selfassess.core.gaps.readiness import readiness_of
from selfassess.core.gaps.red_lines import judge_red_lines
from selfassess.core.gaps.results import CriterionResult, GapReport, MissingEvidence, Status, count
from selfassess.core.i18n import translate

FULL = 3


def analyse(view: AnswerView, evaluation: Evaluation) -> GapReport:
    """The gap report of the assessment that `view` reads."""
    report = GapReport(language=view.language)
    for section in view.form.sections:
        results = [_judge(view, evaluation, section.id, c) for c in section.criteria]
        report.criteria.extend(results)
        report.sections[section.id] = count(results)
    report.overall = count(report.criteria)
    report.severities = {
        severity: sum(1 for r in report.criteria if r.severity is severity) for severity in Severity
    }
    report.red_lines = judge_red_lines(view, evaluation)
    if view.form.format >= 2:
        report.edd = edd_outcome(view, report)
    report.readiness = readiness_of(view.form, report)
    return report


class _Judgement:
    """The reasons and findings gathered while judging one criterion."""

    def __init__(self, view: AnswerView, criterion: Criterion) -> None:
        self.view = view
        self.criterion = criterion
        self.reasons: list[str] = []

    def say(self, message: str, **params: object) -> None:
        self.reasons.append(translate(self.view.language, message, **params))

    def about(self, question_id: str) -> str:
        question, _ = self.view.questions[question_id]
        return question_text(self.view.form, question, self.view.language)

    def answered_as(self, question_id: str) -> str:
        question, _ = self.view.questions[question_id]
        return answer_text(
            self.view.form, question, self.view.answers[question_id], self.view.language
        )


def _judge(
    view: AnswerView, evaluation: Evaluation, section_id: str, criterion: Criterion
) -> CriterionResult:
    judgement = _Judgement(view, criterion)
    status, red_flags = _status(judgement, evaluation)
    judged = status not in (Status.NOT_APPLICABLE, Status.INCOMPLETE)
    missing = _missing_evidence(view, criterion) if judged else []
    if missing:
        for item in missing:
            judgement.say(
                "Missing evidence: {question}.", question=f"{item.question_id} {item.label}"
            )
        if status is Status.MEETS:
            status = Status.PARTIALLY_MEETS
            judgement.say("Without its evidence the criterion is at most partly met.")
    return CriterionResult(
        criterion_id=criterion.id,
        section_id=section_id,
        title=criterion.title.in_language(view.language, view.form.default_language),
        status=status,
        severity=_severity(status, criterion.red_line),
        red_line=criterion.red_line,
        reasons=tuple(judgement.reasons),
        missing_evidence=tuple(missing),
        red_flags=tuple(red_flags),
        references=tuple((ref.standard, ref.clause) for ref in criterion.references),
    )


def _status(judgement: _Judgement, evaluation: Evaluation) -> tuple[Status, list[str]]:
    view, criterion = judgement.view, judgement.criterion
    if not evaluation.applicable.get(criterion.id, True):
        note = criterion.applicability_note
        if note:
            text = note.in_language(view.language, view.form.default_language)
            judgement.say("Does not apply to this supplier; it concerns: {who}", who=text)
        else:
            judgement.say("Does not apply to this supplier's profile.")
        return Status.NOT_APPLICABLE, []
    red_flags = _red_flags(judgement)
    if red_flags:
        return Status.DOES_NOT_MEET, red_flags
    missing = [
        q.id
        for q in criterion.questions
        if (state := evaluation.states.get(q.id)) and state.required and not state.answered
    ]
    if missing:
        judgement.say("Not yet answered: {questions}.", questions=", ".join(missing))
        return Status.INCOMPLETE, []
    for rule in criterion.status_rules:
        if view.condition(rule.when, default=False):
            _say_answers(judgement)
            if rule.reason:
                reason = rule.reason.in_language(view.language, view.form.default_language)
                judgement.say("Set by the form's rule: {reason}", reason=reason)
            else:
                judgement.say("Set by the form's rule for these answers.")
            return Status(rule.status.value), []
    return _default_status(judgement), []


def _say_answers(judgement: _Judgement) -> None:
    """The criterion's answers, in words, as the grounds of a rule's verdict."""
    view = judgement.view
    for question in judgement.criterion.questions:
        answer = view.answers.get(question.id)
        if isinstance(question, InfoQuestion) or answer is None or not view.relevant(question.id):
            continue
        judgement.say(
            "{question} — {answer}.",
            question=judgement.about(question.id),
            answer=judgement.answered_as(question.id),
        )


def _red_flags(judgement: _Judgement) -> list[str]:
    view = judgement.view
    found = []
    for question in judgement.criterion.questions:
        if isinstance(question, InfoQuestion) or not question.red_flag:
            continue
        answer = view.answers.get(question.id)
        if answer is None or answer.is_na or not view.relevant(question.id):
            continue
        if view.condition(question.red_flag, question.id, default=False):
            found.append(question.id)
            judgement.say(
                "Red flag: {question} — {answer}.",
                question=judgement.about(question.id),
                answer=judgement.answered_as(question.id),
            )
    return found


def _default_status(judgement: _Judgement) -> Status:
    view = judgement.view
    levels: list[int] = []
    not_applicable = 0
    for question in judgement.criterion.questions:
        scored = isinstance(question, RatingQuestion) or (
            isinstance(question, YesNoQuestion) and question.expected is not None
        )
        answer = view.answers.get(question.id)
        if not scored or answer is None or not view.relevant(question.id):
            continue
        if answer.is_na:
            not_applicable += 1
            continue
        level = _level(question, answer.value)
        if level is None:
            continue
        levels.append(level)
        judgement.say(
            "{question} — {answer}.",
            question=judgement.about(question.id),
            answer=judgement.answered_as(question.id),
        )
    if not levels:
        if not_applicable:
            judgement.say("Every scored question was answered 'not applicable', with a reason.")
            return Status.NOT_APPLICABLE
        judgement.say("The form gives no way to judge this criterion.")
        return Status.INCOMPLETE
    if all(level == FULL for level in levels):
        return Status.MEETS
    if all(level == 0 for level in levels):
        return Status.DOES_NOT_MEET
    return Status.PARTIALLY_MEETS


def _level(question: object, value: object) -> int | None:
    if isinstance(question, RatingQuestion):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(question, YesNoQuestion) and isinstance(value, bool):
        return FULL if value == question.expected else 0
    if isinstance(question, YesNoQuestion) and value == UNKNOWN:
        return 0  # not knowing is no system in place
    return None


def _missing_evidence(view: AnswerView, criterion: Criterion) -> list[MissingEvidence]:
    missing = []
    for question in criterion.questions:
        if not isinstance(question, EvidenceQuestion) or not view.relevant(question.id):
            continue
        answer = view.answers.get(question.id)
        if answer is not None and answer.is_na:
            continue
        if view.evidence.get(question.id, 0) < max(1, question.min_count):
            label = question.label.in_language(view.language, view.form.default_language)
            missing.append(MissingEvidence(question.id, label))
    return missing


def _severity(status: Status, red_line: bool) -> Severity | None:
    if status is Status.DOES_NOT_MEET:
        return Severity.CRITICAL if red_line else Severity.MAJOR
    if status is Status.PARTIALLY_MEETS:
        return Severity.MINOR
    return None
