"""Enhanced due diligence in the gap report: required or not, every reason in the report's
language (the risk table's listing of the supplier's area, sources or routes; each answer that
is a red flag of OECD Annex II), the risk data's version and date, and whether the enhanced
questions are all answered (docs/risk.md)."""

from __future__ import annotations

from selfassess.core.answers.validation import AnswerView, enhanced
from selfassess.core.gaps.describe import question_text
from selfassess.core.gaps.results import EddOutcome, GapReport, Status
from selfassess.core.i18n import translate


def edd_outcome(view: AnswerView, report: GapReport) -> EddOutcome:
    language = view.language
    risk = view.risk
    flags = view.edd_red_flags()
    reasons = [reason.text(language) for reason in (risk.reasons if risk else ())]
    for question_id in flags:
        question, _criterion = view.questions[question_id]
        reasons.append(
            translate(
                language,
                "an answer is a red flag of the OECD guidance (Annex II): {question}",
                question=question_text(view.form, question, language),
            )
        )
    required = view.edd_required()
    sections = {c.id for c in view.form.criteria() if enhanced(c)}
    enhanced_results = [r for r in report.criteria if r.criterion_id in sections]
    completed = (
        required
        and bool(enhanced_results)
        and all(r.status is not Status.INCOMPLETE for r in enhanced_results)
    )
    return EddOutcome(
        required=required,
        by_area=bool(risk and risk.required),
        reasons=tuple(reasons),
        red_flags=tuple(flags),
        data_version=risk.version if risk else None,
        data_as_of=risk.as_of.isoformat() if risk else None,
        completed=completed,
        stated=bool(risk and risk.stated),
    )


def edd_verdict(outcome: EddOutcome, language: str) -> str:
    """Required or not, whether the enhanced questions are answered, and by which risk data:
    one whole message, lower case first, for a label to follow."""
    data = translate(
        language,
        "risk data {version}, as of {date}",
        version=outcome.data_version,
        date=outcome.data_as_of,
    )
    if not outcome.required:
        return translate(language, "not required ({data})", data=data)
    if outcome.completed:
        return translate(language, "required, enhanced questions answered ({data})", data=data)
    return translate(language, "required, enhanced questions still to answer ({data})", data=data)
