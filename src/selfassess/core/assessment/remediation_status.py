"""The child-labour red line reads the remediation register: a breach whose every child is
referred to a child-protection partner and supported is a breach being remediated, and the
report says so with the register's counts; a breach with no case recorded, or with children not
yet referred or supported, says what is missing. Remediation never turns a breach into "not
breached": the red line stays breached until no child works (ILO C182, Article 7(2): prevent,
remove, rehabilitate and give access to free basic education; OECD Annex II, serious abuses).

The other way round, answers that say no child works while the register holds children found
in a worst form in the 12 months up to the assessment's day contradict it: the red line keeps
the status its answers give (a pack's verification recomputes it from them), and its reasons
say to check the answers (`register_contradicts`)."""

from __future__ import annotations

import dataclasses

from selfassess.core.forms.types import RedLineStatus
from selfassess.core.gaps.results import GapReport, RedLineResult
from selfassess.core.i18n import plural, translate
from selfassess.core.remediation.register import Counts

CHILD_LABOUR = "child-labour"


def with_remediation(report: GapReport, counts: Counts | None, language: str) -> GapReport:
    """`report` with its breached child-labour red line reading the register's `counts`."""
    lines = [_read(line, counts or Counts(), language) for line in report.red_lines]
    if lines == report.red_lines:
        return report
    return dataclasses.replace(report, red_lines=lines)


def _read(line: RedLineResult, counts: Counts, language: str) -> RedLineResult:
    if line.red_line_id != CHILD_LABOUR:
        return line
    if line.status is RedLineStatus.NOT_BREACHED and counts.worst_form_in_last_12_months:
        said = plural(
            language,
            "The remediation register holds {count} child found in a worst form of child "
            "labour in the last 12 months, but the answers say no child works here: check the "
            "answers.",
            "The remediation register holds {count} children found in a worst form of child "
            "labour in the last 12 months, but the answers say no child works here: check the "
            "answers.",
            counts.worst_form_in_last_12_months,
        )
        return dataclasses.replace(
            line, reasons=(*line.reasons, said), remediation=said, register_contradicts=True
        )
    if line.status is not RedLineStatus.BREACHED:
        return line
    remediated = counts.identified > 0 and (
        counts.referred == counts.supported == counts.identified
    )
    said = _said(counts, remediated, language)
    return dataclasses.replace(
        line, reasons=(*line.reasons, said), remediation=said, being_remediated=remediated
    )


def _said(counts: Counts, remediated: bool, language: str) -> str:
    if counts.identified == 0:
        return translate(
            language,
            "No child is in the remediation register yet: record each child found, by a case "
            "number, with the child-protection partner and the support given (ILO C182, "
            "Article 7).",
        )
    if remediated:
        return translate(
            language,
            "Being remediated (ILO C182, Article 7): identified: {identified}; referred to a "
            "child-protection partner: {referred}; supported: {supported}; in school or "
            "training at the last follow-up: {in_school}; lost to follow-up: {lost}.",
            identified=counts.identified,
            referred=counts.referred,
            supported=counts.supported,
            in_school=counts.in_school_at_last_follow_up,
            lost=counts.lost_to_follow_up,
        )
    return translate(
        language,
        "Remediation not complete (ILO C182, Article 7): identified: {identified}; referred to "
        "a child-protection partner: {referred}; supported: {supported}. Refer and support "
        "every child.",
        identified=counts.identified,
        referred=counts.referred,
        supported=counts.supported,
    )
