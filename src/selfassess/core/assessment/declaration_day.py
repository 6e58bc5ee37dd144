"""The day a declaration may carry: what a signed pack says was true on that day, so it is a
day the assessment could have been declared. Not after today; not before the assessment was
created (the day on this computer's calendar); not before the previous revision's declaration
(a revision follows the one before it); not before the last child in the remediation register
was identified (the counts it signs are as of that day, and a child found later could not be
in them). The app and the command line show the same refusal (`finalize`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from selfassess.core.errors import InvalidInput
from selfassess.core.store.records import Assessment, Revision
from selfassess.core.store.remediation import CaseRecord


def check_declaration_day(
    on: date,
    assessment: Assessment,
    revisions: Iterable[Revision],
    cases: Iterable[CaseRecord],
    today: date,
) -> None:
    """Refuse `on` unless the assessment could have been declared that day."""
    if on > today:
        raise InvalidInput.of(
            "the declaration cannot be dated after today ({today})", today=today.isoformat()
        )
    created = created_on(assessment)
    if on < created:
        raise InvalidInput.of(
            "the declaration cannot be dated before the assessment was created ({day})",
            day=created.isoformat(),
        )
    previous = max((_declared(revision) for revision in revisions), default=None)
    if previous is not None and on < previous:
        raise InvalidInput.of(
            "the declaration cannot be dated before the previous revision's declaration ({day})",
            day=previous.isoformat(),
        )
    latest = max((date.fromisoformat(case.identified_on) for case in cases), default=None)
    if latest is not None and on < latest:
        raise InvalidInput.of(
            "the declaration cannot be dated before the last child in the remediation register "
            "was identified ({day})",
            day=latest.isoformat(),
        )


def created_on(assessment: Assessment) -> date:
    """The day the assessment was created, on this computer's calendar (the store keeps UTC)."""
    return datetime.fromisoformat(assessment.created_at).astimezone().date()


def _declared(revision: Revision) -> date:
    return date.fromisoformat(revision.declaration["date"])
