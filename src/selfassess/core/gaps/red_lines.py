"""Each red line of the form, judged apart from the maturity of the criteria that prevent it
(docs/gaps.md, "Red lines"):

- `breached`: an answer that by itself indicates it (its question's red flag) is true;
- `not_verified`: none is, but a question that indicates it is unanswered or answered "don't
  know", or a required evidence question of a criterion that holds one lacks its files: a buyer
  cannot take the red line as clear (OECD Guidance, Step 2: red flags must be assessed, not
  assumed away);
- `not_breached`: every question that indicates it is answered, none true, evidence given;
- `not_applicable`: no question that indicates it applies to this supplier.
"""

from __future__ import annotations

from selfassess.core.answers.validation import AnswerView, Evaluation
from selfassess.core.answers.values import UNKNOWN
from selfassess.core.forms.model import (
    Criterion,
    EvidenceQuestion,
    InfoQuestion,
    RedLine,
    RedLineStatus,
)
from selfassess.core.gaps.describe import answer_text, question_text
from selfassess.core.gaps.results import RedLineResult
from selfassess.core.i18n import translate


def judge_red_lines(view: AnswerView, evaluation: Evaluation) -> list[RedLineResult]:
    """Every red line the form declares, in its order."""
    return [_judge(view, evaluation, red_line) for red_line in view.form.red_lines]


def _judge(view: AnswerView, evaluation: Evaluation, red_line: RedLine) -> RedLineResult:
    language, fallback = view.language, view.form.default_language
    indicators: list[str] = []
    unverified: list[str] = []
    reasons: list[str] = []
    criteria: dict[str, Criterion] = {}
    applies = False
    for question_id, (question, criterion) in view.questions.items():
        if isinstance(question, InfoQuestion) or question.red_line != red_line.id:
            continue
        if not view.relevant(question_id):
            continue
        applies = True
        criteria[criterion.id] = criterion
        answer = view.answers.get(question_id)
        label = question_text(view.form, question, language)
        if answer is None or (answer.value in (None, "", []) and not answer.is_na):
            unverified.append(question_id)
            reasons.append(translate(language, "Not answered: {question}", question=label))
        elif answer.value == UNKNOWN:
            unverified.append(question_id)
            reasons.append(translate(language, "Not known: {question}", question=label))
        elif question.red_flag and view.condition(question.red_flag, question_id, default=False):
            indicators.append(question_id)
            said = answer_text(view.form, question, answer, language)
            reasons.append(
                translate(language, "Red flag: {question} — {answer}.", question=label, answer=said)
            )
    for criterion in criteria.values():
        for question_id in _missing_required_evidence(view, evaluation, criterion):
            unverified.append(question_id)
            question, _criterion = view.questions[question_id]
            label = question_text(view.form, question, language)
            reasons.append(translate(language, "Missing evidence: {question}.", question=label))
    return RedLineResult(
        red_line_id=red_line.id,
        title=red_line.title.in_language(language, fallback),
        status=_status(applies, indicators, unverified),
        indicators=tuple(indicators),
        unverified=tuple(unverified),
        reasons=tuple(reasons),
        references=tuple((ref.standard, ref.clause) for ref in red_line.references),
        response=red_line.response.in_language(language, fallback) if red_line.response else "",
    )


def _status(applies: bool, indicators: list[str], unverified: list[str]) -> RedLineStatus:
    if indicators:
        return RedLineStatus.BREACHED
    if not applies:
        return RedLineStatus.NOT_APPLICABLE
    if unverified:
        return RedLineStatus.NOT_VERIFIED
    return RedLineStatus.NOT_BREACHED


def _missing_required_evidence(
    view: AnswerView, evaluation: Evaluation, criterion: Criterion
) -> list[str]:
    missing = []
    for question in criterion.questions:
        if not isinstance(question, EvidenceQuestion):
            continue
        state = evaluation.states.get(question.id)
        if state is not None and state.relevant and state.required and not state.answered:
            missing.append(question.id)
    return missing
