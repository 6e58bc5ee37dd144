"""What a case may hold, checked the same way when a person types it (app, command line) and
when an archive brings it (core/archive/checks.py calls these same functions): values from the
closed lists, days written YYYY-MM-DD and not in the future, follow-ups dated by their schedule,
short one-line texts without invisible characters. Every refusal is a `CaseRefused` naming the
field it is about, so that the app shows it under that field, in the interface language.

A follow-up is dated no earlier than its due day less `EARLY_DAYS` (30 days for the 3-month
one, 45 for the 6- and 12-month ones), and in the order of the months: the 6-month one not
before the 3-month one, nor the 3-month one after the 6-month one (docs/remediation.md says why).

There is no field for a name or a photo, and the texts are short: the partner is an
organisation, and a note says what happened, never who (docs/remediation.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TypeVar, cast

from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import N_
from selfassess.core.remediation.register import add_months
from selfassess.core.remediation.vocabulary import (
    AGE_BANDS,
    FOLLOW_UP_MONTHS,
    HAZARDOUS_WORK,
    SEXES,
    SITUATIONS,
    SUPPORT,
    WORK,
)
from selfassess.core.storable import optional_text, shown

T = TypeVar("T")
PARTNER_LIMIT = 120  # an organisation's name
NOTE_LIMIT = 200  # a line: what happened, never who
EARLIEST = date(2000, 1, 1)
EARLY_DAYS = {3: 30, 6: 45, 12: 45}  # how long before its due day a follow-up may be dated


class CaseRefused(InvalidInput):
    """A value of a case refused; `field` names it (age_band, sex, work, worst_form,
    identified, partner, support, note, month, date, situation, follow_up_note). When several
    fields were refused at once, the first carries them all (`problems`)."""

    field: str = ""
    others: tuple[CaseRefused, ...] = ()

    def problems(self) -> tuple[CaseRefused, ...]:
        return (self, *self.others)

    def about(self, field: str) -> CaseRefused:
        """The refusal, naming `field`: `raise CaseRefused.of(message, ...).about("sex")`."""
        self.field = field
        return self


class Collect:
    """Runs checks one after another, keeping every refusal, so that a person sees all that is
    wrong at once; `done()` raises the first, carrying the others."""

    def __init__(self) -> None:
        self.found: list[CaseRefused] = []

    def __call__(self, check: Callable[[], T]) -> T:
        try:
            return check()
        except CaseRefused as problem:
            self.found.append(problem)
            return cast(T, None)

    def done(self) -> None:
        if self.found:
            first = self.found[0]
            first.others = tuple(self.found[1:])
            raise first


def one_of(field: str, value: object, allowed: Mapping[str, str]) -> str:
    """`value` if it is a key of `allowed`; a refusal that says what to choose otherwise."""
    if value is None or value == "":
        raise CaseRefused.of(_CHOOSE[field]).about(field)
    if not isinstance(value, str) or value not in allowed:
        raise CaseRefused.of(
            "'{value}' is not one of {allowed}", value=shown(value), allowed=", ".join(allowed)
        ).about(field)
    return value


def some_of(
    field: str, values: Iterable[object], allowed: Mapping[str, str], *, at_least_one: bool
) -> tuple[str, ...]:
    """The values, each a key of `allowed`, once each, in the list's order."""
    listed = list(values)
    chosen: list[str] = []
    for value in listed:
        if not isinstance(value, str) or value not in allowed:
            raise CaseRefused.of(
                "'{value}' is not one of {allowed}", value=shown(value), allowed=", ".join(allowed)
            ).about(field)
        if value in chosen:
            raise CaseRefused.of("'{value}' is given twice", value=value).about(field)
        chosen.append(value)
    if at_least_one and not chosen:
        raise CaseRefused.of(_CHOOSE[field]).about(field)
    return tuple(key for key in allowed if key in chosen)


def worst_form_stated(work: tuple[str, ...], stated: bool | None) -> bool | None:
    """What the register keeps of the person's word: nothing when the work decides (hazardous
    work at a mine site is a worst form for anyone under 18), their yes or no otherwise."""
    if HAZARDOUS_WORK.intersection(work):
        if stated is False:
            raise CaseRefused.of(
                "work at a mine site is hazardous: for anyone under 18 it is a worst form of "
                "child labour (ILO C182, Article 3(d))"
            ).about("worst_form")
        return None
    if stated is None:
        raise CaseRefused.of(
            "say whether this work is a worst form of child labour (hazardous work, ILO C182, "
            "Article 3(d)): selling food or other work may or may not be"
        ).about("worst_form")
    return stated


def day(field: str, value: object, *, today: date, not_before: date = EARLIEST) -> date:
    """A day written YYYY-MM-DD (or a date), from `not_before` to `today`."""
    if value is None or value == "":
        raise CaseRefused.of(_GIVE_DAY[field]).about(field)
    if isinstance(value, date):
        found = value
    else:
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            found = date.fromisoformat(value.strip())
            if found.isoformat() != value.strip():
                raise ValueError(value)
        except ValueError:
            raise CaseRefused.of(
                "'{value}' is not a date written YYYY-MM-DD", value=shown(value)
            ).about(field) from None
    if found > today:
        raise CaseRefused.of(
            "the date cannot be after today ({today})", today=today.isoformat()
        ).about(field)
    if found < not_before:
        if field == "date":
            raise CaseRefused.of(
                "a follow-up cannot be before the day the child was identified ({day})",
                day=not_before.isoformat(),
            ).about(field)
        raise CaseRefused.of("the date cannot be before {day}", day=not_before.isoformat()).about(
            field
        )
    return found


def identified_day(value: object, *, today: date) -> date:
    """The day the child was identified: given, a day, not in the future."""
    return day("identified", value, today=today)


def follow_up_day(
    month: int, value: object, *, identified: date, others: Mapping[int, date], today: date
) -> date:
    """The day of the follow-up at `month` months of a child identified on `identified`: not
    in the future, not before its due day less `EARLY_DAYS`, and in the order of the months
    among the case's `others` follow-ups (by month; the same month is the one corrected)."""
    found = day("date", value, today=today, not_before=identified)
    due = add_months(identified, month)
    earliest = due - timedelta(days=EARLY_DAYS[month])
    if found < earliest:
        raise CaseRefused.of(
            "the follow-up at {month} months is due on {due}: it can be dated from {earliest} "
            "({days} days before), not {day}",
            month=month,
            due=due.isoformat(),
            earliest=earliest.isoformat(),
            days=EARLY_DAYS[month],
            day=found.isoformat(),
        ).about("date")
    for other, on in sorted(others.items()):
        if other < month and found < on:
            raise CaseRefused.of(
                "the follow-up at {month} months cannot be before the one at {other} months "
                "({day})",
                month=month,
                other=other,
                day=on.isoformat(),
            ).about("date")
        if other > month and found > on:
            raise CaseRefused.of(
                "the follow-up at {month} months cannot be after the one at {other} months ({day})",
                month=month,
                other=other,
                day=on.isoformat(),
            ).about("date")
    return found


def partner(value: str | None) -> str | None:
    """The child-protection organisation's name, on one line; None when empty."""
    try:
        text = optional_text(value, "the partner", limit=PARTNER_LIMIT, one_line=True, plain=True)
    except InvalidInput as reason:
        raise _at("partner", reason) from None
    return (text.strip() or None) if text is not None else None


def note(field: str, value: str | None) -> str | None:
    """A short note on one line; None when empty."""
    try:
        text = optional_text(value, "the note", limit=NOTE_LIMIT, one_line=True, plain=True)
    except InvalidInput as reason:
        raise _at(field, reason) from None
    return (text.strip() or None) if text is not None else None


def month(value: object) -> int:
    if isinstance(value, bool) or value not in FOLLOW_UP_MONTHS:
        if value is None:
            raise CaseRefused.of("choose the follow-up: 3, 6 or 12 months").about("month")
        raise CaseRefused.of(
            "a follow-up is at 3, 6 or 12 months, not {value}", value=shown(value)
        ).about("month")
    assert isinstance(value, int)
    return value


def _at(field: str, reason: InvalidInput) -> CaseRefused:
    error = CaseRefused(str(reason))
    error.message_id, error.params, error.field = reason.message_id, reason.params, field
    return error


_GIVE_DAY = {
    "identified": N_("give the day the child was identified (YYYY-MM-DD)"),
    "date": N_("give the day of the follow-up (YYYY-MM-DD)"),
}
_CHOOSE = {
    "age_band": N_("choose the age band"),
    "sex": N_("choose the sex, or 'not said'"),
    "work": N_("choose at least one kind of work"),
    "situation": N_("choose the child's situation"),
}

__all__ = [
    "AGE_BANDS",
    "EARLY_DAYS",
    "NOTE_LIMIT",
    "PARTNER_LIMIT",
    "SEXES",
    "SITUATIONS",
    "SUPPORT",
    "WORK",
    "CaseRefused",
    "Collect",
    "day",
    "follow_up_day",
    "identified_day",
    "month",
    "note",
    "one_of",
    "partner",
    "some_of",
    "worst_form_stated",
]
