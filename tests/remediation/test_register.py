"""The register's rules on fixed dates: when each follow-up is due, due soon, overdue or passed
over; who is lost to follow-up or in school; the counts a programme reports; worst forms."""

from __future__ import annotations

from datetime import date

import pytest

from selfassess.core.remediation.register import (
    add_months,
    case_label,
    case_number,
    counts,
    follow_ups_due,
    next_follow_up,
    schedule,
    snapshot_counts,
    worst_form,
)
from selfassess.core.store.remediation import CaseRecord, FollowUpRecord

FOUND = "2026-01-31"  # 3 months on is 30 April, 6 months 31 July, 12 months 31 January 2027


def case(
    *follow_ups: tuple[int, str, str],
    number: int = 1,
    work: tuple[str, ...] = ("digging",),
    stated: bool | None = None,
    partner: str | None = None,
    support: tuple[str, ...] = (),
    identified: str = FOUND,
) -> CaseRecord:
    return CaseRecord(
        number=number,
        age_band="12_14",
        sex="female",
        work=work,
        worst_form_stated=stated,
        identified_on=identified,
        partner=partner,
        support=support,
        note=None,
        created_at="2026-01-31T08:00:00Z",
        updated_at="2026-01-31T08:00:00Z",
        follow_ups=tuple(
            FollowUpRecord(month, on, situation, None, "2026-01-31T08:00:00Z")
            for month, on, situation in follow_ups
        ),
    )


IN_SCHOOL, AT_A_SITE, UNKNOWN = "in_school_or_training", "back_at_a_site", "unknown"

# name: (follow-ups recorded, today, states at 3, 6, 12 months, in school, lost)
SCHEDULES = {
    "well before": ((), "2026-03-01", ("upcoming", "upcoming", "upcoming"), False, False),
    "15 days before": ((), "2026-04-15", ("upcoming", "upcoming", "upcoming"), False, False),
    "14 days before": ((), "2026-04-16", ("due_soon", "upcoming", "upcoming"), False, False),
    "on the day": ((), "2026-04-30", ("due_soon", "upcoming", "upcoming"), False, False),
    "a day late": ((), "2026-05-01", ("overdue", "upcoming", "upcoming"), False, False),
    "30 days late": ((), "2026-05-30", ("overdue", "upcoming", "upcoming"), False, False),
    "31 days late": ((), "2026-05-31", ("overdue", "upcoming", "upcoming"), False, True),
    "3 months done, 6 soon": (
        ((3, "2026-05-02", IN_SCHOOL),),
        "2026-07-20",
        ("recorded", "due_soon", "upcoming"),
        True,
        False,
    ),
    "3 passed over by 6": (
        ((6, "2026-08-01", AT_A_SITE),),
        "2026-08-10",
        ("passed_over", "recorded", "upcoming"),
        False,
        False,
    ),
    "last seen: unknown": (
        ((3, "2026-05-02", UNKNOWN),),
        "2026-05-10",
        ("recorded", "upcoming", "upcoming"),
        False,
        True,
    ),
    "unknown, then found in school": (
        ((3, "2026-05-02", UNKNOWN), (6, "2026-07-30", IN_SCHOOL)),
        "2026-08-01",
        ("recorded", "recorded", "upcoming"),
        True,
        False,
    ),
    "6 months 40 days late": (
        ((3, "2026-05-02", IN_SCHOOL),),
        "2026-09-09",
        ("recorded", "overdue", "upcoming"),
        True,
        True,
    ),
    "all done": (
        ((3, "2026-05-02", IN_SCHOOL), (6, "2026-08-01", IN_SCHOOL), (12, "2027-02-01", AT_A_SITE)),
        "2027-06-01",
        ("recorded", "recorded", "recorded"),
        False,
        False,
    ),
}


@pytest.mark.parametrize(
    ("recorded", "today", "states", "in_school", "lost"),
    list(SCHEDULES.values()),
    ids=list(SCHEDULES),
)
def test_follow_ups_are_due_three_six_and_twelve_calendar_months_on(
    recorded: tuple[tuple[int, str, str], ...],
    today: str,
    states: tuple[str, str, str],
    in_school: bool,
    lost: bool,
) -> None:
    judged = case(*recorded)
    on = date.fromisoformat(today)
    planned = schedule(judged, on)
    assert [item.due.isoformat() for item in planned] == ["2026-04-30", "2026-07-31", "2027-01-31"]
    assert tuple(item.state.value for item in planned) == states
    counted = counts([judged], on)
    assert (counted.in_school_at_last_follow_up, counted.lost_to_follow_up) == (
        int(in_school),
        int(lost),
    )
    pending = [item for item in planned if item.state.value in ("upcoming", "due_soon", "overdue")]
    coming = next_follow_up(judged, on)
    assert coming == (pending[0] if pending else None)


def test_days_late_are_counted_from_the_due_day() -> None:
    (late,) = [item for item in schedule(case(), date(2026, 5, 31)) if item.days_late]
    assert (late.month, late.days_late) == (3, 31)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2026-11-30", 3, "2027-02-28"),
        ("2026-10-31", 6, "2027-04-30"),
        ("2026-08-15", 12, "2027-08-15"),
        ("2026-12-01", 3, "2027-03-01"),
    ],
)
def test_calendar_months(start: str, months: int, due: str) -> None:
    assert add_months(date.fromisoformat(start), months).isoformat() == due


def test_the_counts_a_programme_reports() -> None:
    register = [
        case(number=1, partner="BICE", support=("school_fees",)),
        case((3, "2026-05-02", IN_SCHOOL), number=2, partner="Comité local"),
        case((3, "2026-05-02", UNKNOWN), number=3, support=("health_care", "other")),
        case(number=4, identified="2026-05-20"),  # found later: nothing due yet
    ]
    counted = counts(register, date(2026, 6, 5))  # case 1's first follow-up 36 days late
    assert counted.as_json() == {
        "identified": 4,
        "referred": 2,
        "supported": 2,
        "in_school_at_last_follow_up": 1,
        "lost_to_follow_up": 2,
    }
    due = follow_ups_due(register, date(2026, 6, 5))
    assert [(case_label(c.number), item.month, item.state.value) for c, item in due] == [
        ("CL-001", 3, "overdue"),
    ]


def test_an_empty_register_counts_nothing() -> None:
    assert counts([], date(2026, 6, 5)).as_json() == dict.fromkeys(
        ("identified", "referred", "supported", "in_school_at_last_follow_up", "lost_to_follow_up"),
        0,
    )


@pytest.mark.parametrize(
    ("work", "stated", "worst"),
    [
        (("digging",), None, True),
        (("washing_sorting", "selling_food"), None, True),
        (("mercury",), None, True),
        (("selling_food",), True, True),
        (("selling_food",), False, False),
        (("other",), False, False),
    ],
)
def test_hazardous_work_at_a_mine_site_is_a_worst_form_for_anyone_under_18(
    work: tuple[str, ...], stated: bool | None, worst: bool
) -> None:
    assert worst_form(case(work=work, stated=stated)) is worst


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("CL-001", 1),
        ("cl-12", 12),
        (" 7 ", 7),
        ("CL-1234", 1234),
        ("CL-0", None),
        ("CL-", None),
        ("x", None),
        ("CL-1234567", None),
        ("CL-\u0661", None),  # an Arabic-Indic digit one
    ],
)
def test_case_numbers_as_people_write_them(text: str, number: int | None) -> None:
    assert case_number(text) == number
    if number is not None:
        assert case_number(case_label(number)) == number


def test_a_snapshot_is_counted_on_the_day_it_was_declared() -> None:
    snapshot = {
        "declaration": {"name": "Amani", "title": "Président", "date": "2026-05-20"},
        "remediation": [case().as_json()],
    }
    on_the_day = snapshot_counts(snapshot, date(2027, 1, 1))
    assert on_the_day is not None
    assert on_the_day.lost_to_follow_up == 0  # 20 days late when declared, not 31
    assert snapshot_counts({"declaration": {}}, date(2027, 1, 1)) is None
