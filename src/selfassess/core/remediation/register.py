"""The register's rules, on the cases as the store keeps them (`CaseRecord`): the case number
("CL-001"), whether a case is a worst form of child labour, when each follow-up is due and
whether it is overdue, and the counts a buying programme reports. Every function takes the day
it judges on (`today`), so that the same register gives the same answer in a test, a finalized
snapshot (judged on the declaration's date) and the app.

A follow-up is due 3, 6 and 12 calendar months after the day the child was identified (the
31st of a month falls on the last day of a shorter one); it is *due soon* within 14 days of
that day, *overdue* once the day has passed without a record, and no longer due once a later
follow-up is recorded (the child was seen since). A case is *lost to follow-up* when its last
follow-up found the child's situation unknown, or when a follow-up is overdue by more than 30
days.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from selfassess.core.remediation.vocabulary import FOLLOW_UP_MONTHS, HAZARDOUS_WORK
from selfassess.core.store.remediation import CaseRecord, FollowUpRecord, case_from_json

CASE_PREFIX = "CL-"
DUE_SOON_DAYS = 14
LOST_AFTER_DAYS = 30


def case_label(number: int) -> str:
    """The case number as people write it: CL-001, CL-042, CL-1234."""
    return f"{CASE_PREFIX}{number:03d}"


def case_number(text: str) -> int | None:
    """The number of "CL-001", "cl-1" or "1"; None when `text` is none of these."""
    cleaned = text.strip().upper().removeprefix(CASE_PREFIX)
    if not cleaned.isdigit() or not cleaned.isascii() or len(cleaned) > 6:
        return None
    number = int(cleaned)
    return number if number > 0 else None


def worst_form(case: CaseRecord) -> bool:
    """Hazardous work at a mine site by anyone under 18 is a worst form (ILO C182, Art. 3(d));
    for other work, what the person said."""
    return bool(HAZARDOUS_WORK.intersection(case.work)) or bool(case.worst_form_stated)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class FollowUpState(StrEnum):
    RECORDED = "recorded"
    PASSED_OVER = "passed_over"  # not recorded, but a later follow-up was
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"  # within DUE_SOON_DAYS
    OVERDUE = "overdue"


@dataclass(frozen=True)
class FollowUpDue:
    """One of a case's follow-ups: when it is due and where it stands on `today`."""

    month: int
    due: date
    state: FollowUpState
    days_late: int = 0  # past the due day, when overdue

    @property
    def pending(self) -> bool:
        return self.state in (FollowUpState.UPCOMING, FollowUpState.DUE_SOON, FollowUpState.OVERDUE)

    def as_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "due": self.due.isoformat(),
            "state": self.state.value,
            "days_late": self.days_late,
        }


def identified(case: CaseRecord) -> date:
    return date.fromisoformat(case.identified_on)


def schedule(case: CaseRecord, today: date) -> list[FollowUpDue]:
    """The case's three follow-ups, each with its state on `today`."""
    recorded = {item.month for item in case.follow_ups}
    found = []
    for month in FOLLOW_UP_MONTHS:
        due = add_months(identified(case), month)
        if month in recorded:
            state = FollowUpState.RECORDED
        elif any(later > month for later in recorded):
            state = FollowUpState.PASSED_OVER
        elif today > due:
            found.append(FollowUpDue(month, due, FollowUpState.OVERDUE, (today - due).days))
            continue
        elif (due - today).days <= DUE_SOON_DAYS:
            state = FollowUpState.DUE_SOON
        else:
            state = FollowUpState.UPCOMING
        found.append(FollowUpDue(month, due, state))
    return found


def next_follow_up(case: CaseRecord, today: date) -> FollowUpDue | None:
    """The first follow-up still to do (the most urgent), None when all are done."""
    return next((item for item in schedule(case, today) if item.pending), None)


def last_follow_up(case: CaseRecord) -> FollowUpRecord | None:
    return max(case.follow_ups, key=lambda item: item.month, default=None)


def lost_to_follow_up(case: CaseRecord, today: date) -> bool:
    last = last_follow_up(case)
    if last is not None and last.situation == "unknown":
        return True
    return any(
        item.state is FollowUpState.OVERDUE and item.days_late > LOST_AFTER_DAYS
        for item in schedule(case, today)
    )


def in_school_at_last_follow_up(case: CaseRecord) -> bool:
    last = last_follow_up(case)
    return last is not None and last.situation == "in_school_or_training"


@dataclass(frozen=True)
class Counts:
    """What a buying programme reports of the register (and all that leaves the laptop), and
    how many worst-form cases were identified in the 12 months up to the day judged (what the
    child-labour red line compares with the answers; not reported)."""

    identified: int = 0
    referred: int = 0  # a child-protection partner is named
    supported: int = 0  # at least one kind of support given
    in_school_at_last_follow_up: int = 0
    lost_to_follow_up: int = 0
    worst_form_in_last_12_months: int = 0

    def as_json(self) -> dict[str, int]:
        """The five counts the signed pack carries."""
        return {
            "identified": self.identified,
            "referred": self.referred,
            "supported": self.supported,
            "in_school_at_last_follow_up": self.in_school_at_last_follow_up,
            "lost_to_follow_up": self.lost_to_follow_up,
        }

    def as_stored(self) -> dict[str, int]:
        """All of them, as a snapshot made for a buyer keeps them instead of the cases."""
        return {**self.as_json(), "worst_form_in_last_12_months": self.worst_form_in_last_12_months}


def counts(cases: Iterable[CaseRecord], today: date) -> Counts:
    listed = list(cases)
    year_before = add_months(today, -12)
    return Counts(
        identified=len(listed),
        referred=sum(1 for case in listed if case.partner),
        supported=sum(1 for case in listed if case.support),
        in_school_at_last_follow_up=sum(1 for case in listed if in_school_at_last_follow_up(case)),
        lost_to_follow_up=sum(1 for case in listed if lost_to_follow_up(case, today)),
        worst_form_in_last_12_months=sum(
            1 for case in listed if worst_form(case) and year_before <= identified(case) <= today
        ),
    )


def follow_ups_due(
    cases: Iterable[CaseRecord], today: date
) -> list[tuple[CaseRecord, FollowUpDue]]:
    """The follow-ups overdue or due within 14 days, the most overdue first."""
    found = [
        (case, item)
        for case in cases
        for item in schedule(case, today)
        if item.state in (FollowUpState.OVERDUE, FollowUpState.DUE_SOON)
    ]
    return sorted(found, key=lambda pair: (pair[1].due, pair[0].number))


def case_json(case: CaseRecord, today: date) -> dict[str, Any]:
    """A case as the command line shows it, with what follows from it on `today`."""
    coming = next_follow_up(case, today)
    return {
        "case": case_label(case.number),
        "age_band": case.age_band,
        "sex": case.sex,
        "work": list(case.work),
        "worst_form": worst_form(case),
        "identified": case.identified_on,
        "partner": case.partner,
        "support": list(case.support),
        "note": case.note,
        "follow_ups": [
            {"month": f.month, "date": f.done_on, "situation": f.situation, "note": f.note}
            for f in case.follow_ups
        ],
        "schedule": [item.as_json() for item in schedule(case, today)],
        "next_follow_up": coming.as_json() if coming else None,
        "lost_to_follow_up": lost_to_follow_up(case, today),
    }


def snapshot_counts(snapshot: Mapping[str, Any], today: date) -> Counts | None:
    """The counts a finalized snapshot was signed with: those it keeps (`remediation_counts`,
    in an archive made for a buyer), or its register's cases judged on its declaration's date
    (what was true when it was signed), never on another day; None when it has no case.
    `today` is for a snapshot without a declaration (a preview)."""
    kept = snapshot.get("remediation_counts")
    if isinstance(kept, Mapping):
        return Counts(**{name: int(kept.get(name, 0)) for name in _COUNT_NAMES})
    listed = snapshot.get("remediation") or []
    if not listed:
        return None
    return counts((case_from_json(item) for item in listed), declaration_day(snapshot) or today)


def declaration_day(snapshot: Mapping[str, Any]) -> date | None:
    """The day a snapshot was declared, when it has a declaration."""
    declared = (snapshot.get("declaration") or {}).get("date")
    return date.fromisoformat(declared) if declared else None


_COUNT_NAMES = tuple(Counts().as_stored())
