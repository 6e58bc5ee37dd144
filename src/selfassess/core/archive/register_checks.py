"""An archive's remediation register checked by the rules the remediation service keeps when a
person types it (`core.remediation.checks`, one set of rules): numbers once each, values from
its lists, short plain texts, the day a child was identified not in the future, each follow-up
dated by its schedule and in the order of the months; days and times written as the store
writes them. A snapshot made for a buyer carries the counts as signed instead of the cases
(`remediation_counts`): counts that a register could have. Every refusal names the field."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from selfassess.core.archive.fields import day, timestamp
from selfassess.core.archive.format import CaseRow, RegisterCounts, Snapshot
from selfassess.core.errors import InvalidInput
from selfassess.core.remediation import checks as register_checks
from selfassess.core.remediation.service import MAX_CASES
from selfassess.core.remediation.vocabulary import (
    AGE_BANDS,
    FOLLOW_UP_MONTHS,
    SEXES,
    SITUATIONS,
    SUPPORT,
    WORK,
)

At = Callable[[str], AbstractContextManager[None]]
"""Refusals raised inside `at(field)` name that field of assessment.json."""


def check_cases(at: At, cases: list[CaseRow], prefix: str, today: date) -> None:
    """The register's cases as the remediation service writes them."""
    numbers: set[int] = set()
    for index, case in enumerate(cases):
        field = f"{prefix}[{index}]"
        with at(f"{field}.number"):
            if not 1 <= case.number <= MAX_CASES or case.number in numbers:
                raise InvalidInput.of(
                    "case {number} is not numbered from 1 to {most}, or appears twice",
                    number=case.number,
                    most=MAX_CASES,
                )
        numbers.add(case.number)
        _case_fields(at, field, case, today)
        _follow_ups(at, field, case, today)


def check_counts(at: At, snapshot: Snapshot, prefix: str) -> None:
    """A snapshot's counts as signed (an archive for a buyer): instead of the cases, never
    beside them, each no more than the children identified."""
    counts = snapshot.remediation_counts
    if counts is None:
        return
    with at(f"{prefix}.remediation_counts"):
        if snapshot.remediation:
            raise InvalidInput.of("a snapshot carries the register's cases or its counts, not both")
        _counts_fit(counts)


def _counts_fit(counts: RegisterCounts) -> None:
    if not 1 <= counts.identified <= MAX_CASES:
        raise InvalidInput.of(
            "the children identified are counted from 1 to {most}, not {count}",
            most=MAX_CASES,
            count=counts.identified,
        )
    for name, value in counts.model_dump().items():
        if value > counts.identified:
            raise InvalidInput.of(
                "{name} counts {count} children, more than the {identified} identified",
                name=name,
                count=value,
                identified=counts.identified,
            )


def _case_fields(at: At, field: str, case: CaseRow, today: date) -> None:
    with at(f"{field}.age_band"):
        register_checks.one_of("age_band", case.age_band, AGE_BANDS)
    with at(f"{field}.sex"):
        register_checks.one_of("sex", case.sex, SEXES)
    with at(f"{field}.work"):
        work = register_checks.some_of("work", case.work, WORK, at_least_one=True)
    with at(f"{field}.worst_form_stated"):
        kept = register_checks.worst_form_stated(work, case.worst_form_stated)
        if kept != case.worst_form_stated:
            raise InvalidInput.of(
                "the person's word on a worst form is kept only for work other than at a mine site"
            )
    with at(f"{field}.identified_on"):
        day(case.identified_on)  # written as the store writes it
        register_checks.identified_day(case.identified_on, today=today)
    with at(f"{field}.partner"):
        register_checks.partner(case.partner)
    with at(f"{field}.support"):
        register_checks.some_of("support", case.support, SUPPORT, at_least_one=False)
    with at(f"{field}.note"):
        register_checks.note("note", case.note)
    for name in ("created_at", "updated_at"):
        with at(f"{field}.{name}"):
            timestamp(getattr(case, name))


def _follow_ups(at: At, field: str, case: CaseRow, today: date) -> None:
    """Each follow-up as the service records it: its month, its day (by the schedule, in the
    order of the months), its situation and note."""
    months: set[int] = set()
    identified = date.fromisoformat(case.identified_on)  # checked by _case_fields
    others = _follow_up_days(case)
    for index, follow_up in enumerate(case.follow_ups):
        where = f"{field}.follow_ups[{index}]"
        with at(f"{where}.month"):
            register_checks.month(follow_up.month)
            if follow_up.month in months:
                raise InvalidInput.of(
                    "the follow-up at {month} months appears twice", month=follow_up.month
                )
        months.add(follow_up.month)
        with at(f"{where}.done_on"):
            day(follow_up.done_on)  # written as the store writes it
            register_checks.follow_up_day(
                follow_up.month,
                follow_up.done_on,
                identified=identified,
                others=others,
                today=today,
            )
        with at(f"{where}.situation"):
            register_checks.one_of("situation", follow_up.situation, SITUATIONS)
        with at(f"{where}.note"):
            register_checks.note("follow_up_note", follow_up.note)
        with at(f"{where}.recorded_at"):
            timestamp(follow_up.recorded_at)


def _follow_up_days(case: CaseRow) -> dict[int, date]:
    """The days of a case's follow-ups by month, of those whose month and day are right (the
    others are refused at their own field)."""
    found: dict[int, date] = {}
    for follow_up in case.follow_ups:
        if follow_up.month not in FOLLOW_UP_MONTHS:
            continue
        try:
            found[follow_up.month] = date.fromisoformat(follow_up.done_on)
        except ValueError:
            continue
    return found
