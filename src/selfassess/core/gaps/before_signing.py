"""What the person who signs must have read before finalizing: the red lines breached, those left
unverified, and the critical gaps, from the gap report.

None of it blocks finalizing: an honest pack with a breach is worth more to a buyer than no pack,
and the pack shows it as it is. The declarer only acknowledges having read it."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.forms.model import RedLineStatus, Severity
from selfassess.core.gaps.results import CriterionResult, GapReport, RedLineResult


@dataclass(frozen=True)
class BeforeSigning:
    """The red lines and critical gaps a declaration acknowledges, in form order."""

    breached: tuple[RedLineResult, ...] = ()
    not_verified: tuple[RedLineResult, ...] = ()
    critical: tuple[CriterionResult, ...] = ()

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.breached or self.not_verified or self.critical)


def before_signing(report: GapReport) -> BeforeSigning:
    """The breached and unverified red lines and the critical gaps of `report`."""
    return BeforeSigning(
        breached=tuple(report.red_lines_in(RedLineStatus.BREACHED)),
        not_verified=tuple(report.red_lines_in(RedLineStatus.NOT_VERIFIED)),
        critical=tuple(r for r in report.criteria if r.severity is Severity.CRITICAL),
    )
