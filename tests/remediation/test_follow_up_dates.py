"""A follow-up is dated by its schedule (docs/remediation.md): no earlier than its due day less
30 days (3 months) or 45 days (6 and 12 months), not in the future, in the order of the months;
a late one is always recorded. The counts cannot be made by dating a follow-up early."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.remediation import checks
from selfassess.core.remediation.checks import EARLY_DAYS, CaseRefused
from selfassess.core.remediation.register import add_months
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.records import Assessment

TODAY = date(2027, 6, 1)
FOUND = date(2026, 3, 1)


def found_on_1_march(register: RemediationService, draft: Assessment) -> str:
    case = register.add_case(
        draft.id, age_band="12_14", sex="female", work=["digging"], identified=FOUND,
        partner="BICE", support=["school_fees"], today=TODAY,
    )  # fmt: skip
    return f"CL-{case.number:03d}"


def visit(register: RemediationService, draft: Assessment, month: int, on: Any) -> None:
    register.record_follow_up(
        draft.id, "CL-001", month, on=on, situation="in_school_or_training", today=TODAY
    )


def refusal(register: RemediationService, draft: Assessment, month: int, on: Any) -> str:
    with pytest.raises(CaseRefused) as refused:
        visit(register, draft, month, on)
    assert refused.value.field == "date"
    return str(refused.value)


def test_a_12_month_follow_up_a_month_after_is_refused_and_counts_nothing(
    register: RemediationService, draft: Assessment
) -> None:
    found_on_1_march(register, draft)
    assert refusal(register, draft, 12, "2026-04-01") == (
        "the follow-up at 12 months is due on 2027-03-01: it can be dated from 2027-01-15 "
        "(45 days before), not 2026-04-01"
    )
    counted = register.register(draft.id, TODAY).counts
    assert counted.in_school_at_last_follow_up == 0
    assert register.case(draft.id, "CL-001").follow_ups == ()


def test_a_3_month_follow_up_on_the_day_the_child_was_found_is_refused(
    register: RemediationService, draft: Assessment
) -> None:
    found_on_1_march(register, draft)
    said = refusal(register, draft, 3, "2026-03-01")
    assert said.startswith("the follow-up at 3 months is due on 2026-06-01: it can be dated from")


@pytest.mark.parametrize("month", [3, 6, 12])
def test_each_follow_up_may_be_early_by_its_margin_and_not_a_day_more(
    register: RemediationService, draft: Assessment, month: int
) -> None:
    found_on_1_march(register, draft)
    earliest = add_months(FOUND, month) - timedelta(days=EARLY_DAYS[month])
    assert "not " + (earliest - timedelta(days=1)).isoformat() in refusal(
        register, draft, month, earliest - timedelta(days=1)
    )
    visit(register, draft, month, earliest)
    (recorded,) = register.case(draft.id, "CL-001").follow_ups
    assert recorded.done_on == earliest.isoformat()


def test_a_late_follow_up_is_recorded(register: RemediationService, draft: Assessment) -> None:
    found_on_1_march(register, draft)
    visit(register, draft, 3, "2026-11-30")  # six months late: it happened, and it says so
    assert register.case(draft.id, "CL-001").follow_ups[0].done_on == "2026-11-30"


def test_follow_ups_are_dated_in_the_order_of_their_months(
    register: RemediationService, draft: Assessment
) -> None:
    found_on_1_march(register, draft)
    visit(register, draft, 3, "2026-08-20")  # late
    assert refusal(register, draft, 6, "2026-08-19") == (
        "the follow-up at 6 months cannot be before the one at 3 months (2026-08-20)"
    )
    visit(register, draft, 6, "2026-09-01")
    assert refusal(register, draft, 3, "2026-09-02") == (
        "the follow-up at 3 months cannot be after the one at 6 months (2026-09-01)"
    )
    visit(register, draft, 3, "2026-06-01")  # the same month, corrected: compared with the others
    days = [(f.month, f.done_on) for f in register.case(draft.id, "CL-001").follow_ups]
    assert days == [(3, "2026-06-01"), (6, "2026-09-01")]


@pytest.mark.parametrize(
    ("on", "said"),
    [
        (None, "give the day of the follow-up (YYYY-MM-DD)"),
        ("", "give the day of the follow-up (YYYY-MM-DD)"),
        ("2027-06-02", "the date cannot be after today (2027-06-01)"),
        ("2026-02-28", "a follow-up cannot be before the day the child was identified"),
        ("1 June", "'1 June' is not a date written YYYY-MM-DD"),
    ],
)
def test_a_follow_up_day_that_is_missing_or_impossible_is_named(
    register: RemediationService, draft: Assessment, on: Any, said: str
) -> None:
    found_on_1_march(register, draft)
    assert said in refusal(register, draft, 3, on)


@settings(max_examples=200, deadline=None)
@given(
    found=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1)),
    month=st.sampled_from([3, 6, 12]),
    offset=st.integers(min_value=-30, max_value=500),
)
def test_a_day_is_accepted_exactly_from_its_margin_up_to_today(
    found: date, month: int, offset: int
) -> None:
    """The rule as one statement: from the due day less its margin, up to today."""
    on = found + timedelta(days=offset)
    due = add_months(found, month)
    allowed = found <= on <= TODAY and on >= due - timedelta(days=EARLY_DAYS[month])
    if allowed:
        assert checks.follow_up_day(month, on, identified=found, others={}, today=TODAY) == on
        return
    with pytest.raises(CaseRefused) as refused:
        checks.follow_up_day(month, on, identified=found, others={}, today=TODAY)
    assert refused.value.field == "date"
