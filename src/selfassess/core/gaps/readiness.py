"""The readiness level: the first of the form's levels whose expression over the scores is true."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfassess.core.expr import ExpressionError, MappingContext, evaluate
from selfassess.core.expr.evaluator import is_true
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.model import Form, RedLineStatus, Severity
from selfassess.core.gaps.results import Readiness, Status

if TYPE_CHECKING:
    from selfassess.core.gaps.results import GapReport

ANNEX_II = "OECD-ANNEX-II"  # the standard id whose criteria are Annex II risks


def score_values(report: GapReport) -> dict[str, int | float]:
    """The score variables readiness expressions see (settings.SCORE_NAMES)."""
    overall = report.overall
    return {
        "critical": report.severities.get(Severity.CRITICAL, 0),
        "major": report.severities.get(Severity.MAJOR, 0),
        "minor": report.severities.get(Severity.MINOR, 0),
        "meets": overall.meets,
        "partially_meets": overall.partially_meets,
        "does_not_meet": overall.does_not_meet,
        "incomplete": overall.incomplete,
        "applicable": overall.applicable,
        "meets_share": overall.share(Status.MEETS),
        "does_not_meet_share": overall.share(Status.DOES_NOT_MEET),
        "red_lines_breached": len(report.red_lines_in(RedLineStatus.BREACHED)),
        "red_lines_not_verified": len(report.red_lines_in(RedLineStatus.NOT_VERIFIED)),
        "annex_ii_major": sum(
            1
            for result in report.criteria
            if result.severity in (Severity.MAJOR, Severity.CRITICAL)
            and any(standard == ANNEX_II for standard, _clause in result.references)
        ),
    }


def readiness_of(form: Form, report: GapReport) -> Readiness | None:
    levels = form.settings.readiness_levels(form.format)
    if not levels:
        return None
    context = MappingContext(answers=score_values(report))
    chosen = levels[-1]
    for level in levels:
        try:
            if is_true(evaluate(compiled(level.when), context)):
                chosen = level
                break
        except ExpressionError:
            continue
    language, fallback = report.language, form.default_language
    description = chosen.description.in_language(language, fallback) if chosen.description else ""
    return Readiness(chosen.id, chosen.label.in_language(language, fallback), description)
