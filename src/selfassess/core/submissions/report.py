"""What an import of submissions did, submission by submission and in all: which became new
assessments, which updated the assessment made of them before, which were unchanged, kept as
they were, or not imported; and every problem, named by its submission (where it is, and its
instanceID) and its column, in English or the reader's language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.i18n import plural, translate


class Status(StrEnum):
    """What became of one submission."""

    CREATED = "created"  # a new draft assessment
    UPDATED = "updated"  # changed since it was imported: its assessment took the changes
    UNCHANGED = "unchanged"  # imported before, and the same: skipped
    KEPT = "kept"  # changed, but its assessment cannot take changes (finalized, in the trash)
    NOT_IMPORTED = "not imported"  # no assessment can be made of it (no organisation...)


def status_count(language: str, status: Status, count: int) -> str:
    """ "3 new assessments", "1 unchanged (skipped)", in the reader's language."""
    if status is Status.CREATED:
        return plural(language, "{count} new assessment", "{count} new assessments", count)
    if status is Status.UPDATED:
        return plural(language, "{count} update", "{count} updates", count)
    if status is Status.UNCHANGED:
        return plural(
            language,
            "{count} unchanged submission, skipped",
            "{count} unchanged submissions, skipped",
            count,
        )
    if status is Status.KEPT:
        return plural(
            language,
            "{count} changed submission, its assessment kept as it is",
            "{count} changed submissions, their assessments kept as they are",
            count,
        )
    return plural(
        language, "{count} submission not imported", "{count} submissions not imported", count
    )


@dataclass(frozen=True)
class Problem:
    """One problem of a submission: where (its row, or the server), its instanceID, the column
    (empty for the submission as a whole) and the reason."""

    where: str
    instance_id: str
    column: str
    reason: UserError | Finding

    def text(self, language: str = "en") -> str:
        reason = (
            self.reason.localized(language)
            if isinstance(self.reason, UserError)
            else self.reason.text(language)
        )
        if self.column:
            return translate(
                language,
                "{where} ({instance}), column {column}: {reason}",
                where=self.where,
                instance=self.instance_id,
                column=self.column,
                reason=reason,
            )
        return translate(
            language,
            "{where} ({instance}): {reason}",
            where=self.where,
            instance=self.instance_id,
            reason=reason,
        )

    def as_json(self) -> dict[str, str]:
        return {"column": self.column, "problem": str(self.reason)}

    def __str__(self) -> str:
        return self.text(language="en")


@dataclass(frozen=True)
class Outcome:
    """What became of one submission, and of which assessment."""

    instance_id: str
    where: str
    status: Status
    assessment_id: str | None = None
    problems: tuple[Problem, ...] = ()
    changed: int = 0  # answers and files written


@dataclass
class SubmissionsReport:
    """The whole import: counts by status, every problem, notes on what was left out, and
    whether it was cancelled part way (each submission imported before stays imported)."""

    counts: Counter[Status] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    cancelled: bool = False

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.problems.extend(outcome.problems)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self, language: str = "en") -> str:
        """One line: "12 submissions: 10 new assessments, 2 unchanged (skipped)"."""
        parts = [
            status_count(language, status, self.counts[status])
            for status in Status
            if self.counts[status]
        ]
        return plural(
            language,
            "{count} submission: {parts}",
            "{count} submissions: {parts}",
            self.total,
            parts=", ".join(parts) or "-",
        )
