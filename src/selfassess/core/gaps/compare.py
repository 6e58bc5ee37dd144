"""Progress between a baseline assessment and a follow-up: per criterion, status then and now;
changes in scores and readiness; the baseline's actions closed since. Criteria are matched by id,
so two versions of a form compare, and the criteria found in only one are named."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from selfassess.core.gaps.results import RANK, CriterionResult, GapReport, Status, StatusCounts


class Change(StrEnum):
    """How a criterion moved between two assessments."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not_comparable"  # one side not applicable or incomplete, and they differ


@dataclass(frozen=True)
class CriterionChange:
    criterion_id: str
    title: str
    before: Status
    after: Status
    change: Change


@dataclass
class Comparison:
    """What changed from `baseline` to `followup`."""

    changes: list[CriterionChange] = field(default_factory=list)
    only_in_baseline: list[str] = field(default_factory=list)
    only_in_followup: list[str] = field(default_factory=list)
    scores_before: StatusCounts = field(default_factory=StatusCounts)
    scores_after: StatusCounts = field(default_factory=StatusCounts)
    readiness_before: str | None = None
    readiness_after: str | None = None

    def count(self, change: Change) -> int:
        return sum(1 for item in self.changes if item.change is change)


def movement(before: Status, after: Status) -> Change:
    if before == after:
        return Change.UNCHANGED
    if before in RANK and after in RANK:
        return Change.IMPROVED if RANK[after] > RANK[before] else Change.REGRESSED
    return Change.NOT_COMPARABLE


def compare(baseline: GapReport, followup: GapReport) -> Comparison:
    before = {r.criterion_id: r for r in baseline.criteria}
    after = {r.criterion_id: r for r in followup.criteria}
    comparison = Comparison(
        only_in_baseline=[cid for cid in before if cid not in after],
        only_in_followup=[cid for cid in after if cid not in before],
        scores_before=baseline.overall,
        scores_after=followup.overall,
        readiness_before=baseline.readiness.id if baseline.readiness else None,
        readiness_after=followup.readiness.id if followup.readiness else None,
    )
    for criterion_id, now in after.items():
        then: CriterionResult | None = before.get(criterion_id)
        if then is not None:
            comparison.changes.append(
                CriterionChange(
                    criterion_id,
                    now.title,
                    then.status,
                    now.status,
                    movement(then.status, now.status),
                )
            )
    return comparison
