"""Realistic suppliers for the judgement tests: a profile, the answers that make the case, and
every other question answered as a careful, well-run supplier would (ratings at 3, yes/no as
expected, evidence given), so that what is judged is the case and nothing else."""

from __future__ import annotations

from datetime import date
from typing import Any

from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.forms.model import (
    DateQuestion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import GapReport
from selfassess.core.risk.edd import AreaDecision, area_decision
from selfassess.core.risk.table import built_in_table
from selfassess.core.store.records import Answer

TODAY = date(2026, 12, 7)
# Numbers a well-run supplier gives: years records are kept, hours in a working day, complaints
# received and answered in a year; every other count (deaths, injuries, young workers, open
# pits, incidents) is 0.
GOOD_NUMBERS = {"A6.3": 6, "B3.2": 8, "A9.3": 4}
GOOD_CHOICES = ("valid", "monthly", "quarterly", "own_visits", "traceability_scheme")
NOT_GOOD = ("none", "never", "dont_know", "unknown", "no", "supplier_declarations_only")
BASE_PROFILE: dict[str, Any] = {
    "organisation": "Test supplier",
    "entity_type": "asm",
    "minerals": ["tin"],
    "workforce_size": 120,
    "country": "CD",
    "province": "Sud-Kivu",
    "mechanisation": "manual",
    "certifications": [],
    "source_countries": [],
    "transit_countries": [],
    "site": None,
}


def judged(
    form: Form,
    profile: dict[str, Any],
    answers: dict[str, Any],
    *,
    missing_evidence: tuple[str, ...] = (),
    language: str = "en",
) -> GapReport:
    """The gap report of a supplier with `profile` who gave `answers` and answered every other
    relevant question well (evidence given except for `missing_evidence`)."""
    return judgement(form, profile, answers, missing_evidence=missing_evidence, language=language)[
        0
    ]


def judgement(
    form: Form,
    profile: dict[str, Any],
    answers: dict[str, Any],
    *,
    missing_evidence: tuple[str, ...] = (),
    language: str = "en",
    with_risk_data: bool = False,
) -> tuple[GapReport, AnswerView]:
    """`judged`, with the answers as the engine read them; `with_risk_data`: the built-in risk
    table decides whether enhanced due diligence applies, as the app does."""
    full_profile = {**BASE_PROFILE, **profile}
    risk = area_decision(built_in_table(), full_profile) if with_risk_data else None
    given = {qid: Answer(qid, value) for qid, value in answers.items()}
    questions = {q.id: q for q in form.questions()}
    evidence: dict[str, int] = {}
    for _round in range(8):  # answers reveal follow-up questions; answer those in turn
        view = view_of(form, full_profile, given, evidence, language, risk)
        evaluation = evaluate_view(view)
        todo = [
            qid
            for qid, state in evaluation.states.items()
            if state.relevant and qid not in given and not isinstance(questions[qid], InfoQuestion)
        ]
        if not todo:
            break
        for qid in todo:
            question = questions[qid]
            if isinstance(question, EvidenceQuestion):
                evidence[qid] = 0 if qid in missing_evidence else max(1, question.min_count)
                given[qid] = Answer(qid, None)
            else:
                given[qid] = Answer(qid, best_value(form, question))
    given = {qid: answer for qid, answer in given.items() if answer.value is not None}
    view = view_of(form, full_profile, given, evidence, language, risk)
    return analyse(view, evaluate_view(view)), view


def best_value(form: Form, question: Question) -> Any:
    """What a careful, well-run supplier answers."""
    if isinstance(question, RatingQuestion):
        return 3
    if isinstance(question, YesNoQuestion):
        return question.expected if question.expected is not None else False
    if isinstance(question, SingleChoiceQuestion):
        names = [choice.name for choice in form.choices_of(question)]
        good = [name for name in GOOD_CHOICES if name in names]
        return good[0] if good else next(n for n in names if n not in NOT_GOOD)
    if isinstance(question, MultiChoiceQuestion):
        names = [choice.name for choice in form.choices_of(question)]
        return [next(n for n in names if n not in NOT_GOOD)]
    if isinstance(question, NumberQuestion):
        if question.id in GOOD_NUMBERS:
            return GOOD_NUMBERS[question.id]
        return question.min if question.min is not None and question.min > 0 else 0
    if isinstance(question, DateQuestion):
        return "2029-06-30" if question.id == "A3.3" else "2026-11-02"
    if isinstance(question, TextQuestion):
        return "Written in the register and read out at the general meeting."
    raise AssertionError(f"no best answer for {question.id}")


def view_of(
    form: Form,
    profile: dict[str, Any],
    answers: dict[str, Answer],
    evidence: dict[str, int],
    language: str,
    risk: AreaDecision | None,
) -> AnswerView:
    return AnswerView(
        form,
        answers={qid: a for qid, a in answers.items() if a.value is not None},
        evidence=evidence,
        profile=profile,
        today=TODAY,
        language=language,
        risk=risk,
    )
