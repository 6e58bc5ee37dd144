"""What a gap analysis finds: a status and reasons for every criterion, and the scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from selfassess.core.forms.model import RedLineStatus, Severity

SEVERITY_ORDER = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)


class Status(StrEnum):
    """Where a criterion stands."""

    MEETS = "meets"
    PARTIALLY_MEETS = "partially_meets"
    DOES_NOT_MEET = "does_not_meet"
    NOT_APPLICABLE = "not_applicable"
    INCOMPLETE = "incomplete"


RANK = {Status.DOES_NOT_MEET: 0, Status.PARTIALLY_MEETS: 1, Status.MEETS: 2}
"""Order of the judged statuses, worst first; not applicable and incomplete are not ranked."""


@dataclass(frozen=True)
class MissingEvidence:
    """An evidence question of the criterion that lacks files."""

    question_id: str
    label: str


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's status, with the reasons in plain words."""

    criterion_id: str
    section_id: str
    title: str
    status: Status
    severity: Severity | None
    red_line: bool
    reasons: tuple[str, ...] = ()
    missing_evidence: tuple[MissingEvidence, ...] = ()
    red_flags: tuple[str, ...] = ()  # question ids whose answer breaches a red line
    references: tuple[tuple[str, str | None], ...] = ()  # (standard id, clause)

    @property
    def is_gap(self) -> bool:
        return self.severity is not None


@dataclass(frozen=True)
class RedLineResult:
    """Where one red line stands, and why, in the report's language."""

    red_line_id: str
    title: str
    status: RedLineStatus
    indicators: tuple[str, ...] = ()  # question ids whose answer breaches it
    unverified: tuple[str, ...] = ()  # question ids that leave it unverified
    reasons: tuple[str, ...] = ()
    references: tuple[tuple[str, str | None], ...] = ()
    response: str = ""  # what the standard expects once it is found
    remediation: str = ""  # child labour: what the remediation register says of the breach
    being_remediated: bool = False  # breached, and every child referred and supported
    # not breached by the answers, but the register holds worst-form cases of the last 12 months
    register_contradicts: bool = False


@dataclass(frozen=True)
class EddOutcome:
    """Whether enhanced due diligence applies, why, by which risk data, and whether its
    questions are all answered (docs/risk.md)."""

    required: bool
    by_area: bool  # the risk table lists the supplier's area, sources or routes
    reasons: tuple[str, ...]  # in the report's language
    red_flags: tuple[str, ...]  # question ids whose answer is an Annex II red flag
    data_version: str | None
    data_as_of: str | None
    completed: bool  # required, and every enhanced criterion that applies is judged
    stated: bool = False  # the area decision was taken as a pack stated it


@dataclass(frozen=True)
class StatusCounts:
    """How many criteria are in each status; shares are of the applicable criteria."""

    meets: int = 0
    partially_meets: int = 0
    does_not_meet: int = 0
    incomplete: int = 0
    not_applicable: int = 0

    @property
    def applicable(self) -> int:
        return self.meets + self.partially_meets + self.does_not_meet + self.incomplete

    def share(self, status: Status) -> float:
        if status is Status.NOT_APPLICABLE or self.applicable == 0:
            return 0.0
        counted: int = getattr(self, status.value)
        return counted / self.applicable

    def as_json(self) -> dict[str, object]:
        counts = {status.value: getattr(self, status.value) for status in Status}
        shares = {
            status.value: round(self.share(status), 4)
            for status in Status
            if status is not Status.NOT_APPLICABLE
        }
        return {**counts, "applicable": self.applicable, "shares": shares}


def count(results: list[CriterionResult]) -> StatusCounts:
    tally = dict.fromkeys(Status, 0)
    for result in results:
        tally[result.status] += 1
    return StatusCounts(**{status.value: tally[status] for status in Status})


@dataclass(frozen=True)
class Readiness:
    """The readiness level the form's thresholds give."""

    id: str
    label: str
    description: str


@dataclass
class GapReport:
    """The gap analysis of one assessment."""

    language: str
    criteria: list[CriterionResult] = field(default_factory=list)
    sections: dict[str, StatusCounts] = field(default_factory=dict)
    overall: StatusCounts = field(default_factory=StatusCounts)
    severities: dict[Severity, int] = field(default_factory=dict)
    readiness: Readiness | None = None
    red_lines: list[RedLineResult] = field(default_factory=list)
    edd: EddOutcome | None = None  # format-2 forms

    def red_lines_in(self, status: RedLineStatus) -> list[RedLineResult]:
        return [result for result in self.red_lines if result.status is status]

    def result(self, criterion_id: str) -> CriterionResult | None:
        return next((r for r in self.criteria if r.criterion_id == criterion_id), None)

    def gaps(self) -> list[CriterionResult]:
        """Criteria with a gap, red lines first, then by severity, in form order within each."""
        ordered = [r for r in self.criteria if r.is_gap]
        return sorted(ordered, key=lambda r: SEVERITY_ORDER.index(r.severity))


def scores_json(report: GapReport) -> dict[str, Any]:
    """The counts and shares of statuses, overall and per pillar, and the gaps by severity."""
    return {
        "overall": report.overall.as_json(),
        "sections": {sid: counts.as_json() for sid, counts in report.sections.items()},
        "severities": {s.value: n for s, n in report.severities.items()},
    }
