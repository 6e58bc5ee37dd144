"""Dates as people type them: in the interface language's day, month and year order
(15/06/2027 in French and Swahili, 06/15/2027 in English, as Qt's locales write them) or in ISO
(2027-06-15), and shown back in that order. A refusal quotes what was typed and shows how to
write a date, in the language asked for; nothing is guessed."""

from __future__ import annotations

import re
from datetime import date

from selfassess.core.errors import InvalidInput
from selfassess.core.i18n import N_
from selfassess.core.storable import shown

DATE_ORDERS = {"en": "mdy", "fr": "dmy", "sw": "dmy"}
"""The order of day, month and year in each interface language (Qt's short date format)."""

_YEAR_FIRST = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})", re.ASCII)
_YEAR_LAST = re.compile(r"([0-9]{1,2})([-/. ])([0-9]{1,2})\2([0-9]{4})", re.ASCII)


class DateRefused(InvalidInput):
    """Typed text that is not a date."""


def date_order(language: str) -> str:
    """ "dmy" or "mdy": how `language` writes a date; day first where the language is unknown."""
    return DATE_ORDERS.get(language, "dmy")


def format_typed(day: date, language: str) -> str:
    """`day` as the person would type it: 15/06/2027 (fr, sw) or 06/15/2027 (en)."""
    first, second = (day.day, day.month) if date_order(language) == "dmy" else (day.month, day.day)
    return f"{first:02d}/{second:02d}/{day.year:04d}"


def example(language: str, year: int | None = None) -> str:
    """The 31st of March written the language's way: the day cannot be taken for a month."""
    return format_typed(date(year or date.today().year, 3, 31), language)


def parse_typed(text: str, language: str) -> date | None:
    """The day `text` names, None when it is empty; a DateRefused when it names none.

    Accepted: ISO (2027-06-15, also with / or . between), and the language's order with
    / . - or a space between (15/06/2027 in French, 6/15/2027 in English)."""
    typed = text.strip()
    if not typed:
        return None
    year_first = _YEAR_FIRST.fullmatch(typed)
    year_last = _YEAR_LAST.fullmatch(typed)
    if year_first is not None:
        year, month, day = (int(year_first.group(n)) for n in (1, 3, 4))
    elif year_last is not None:
        first, second, year = (int(year_last.group(n)) for n in (1, 3, 4))
        day, month = (first, second) if date_order(language) == "dmy" else (second, first)
    else:
        raise _refusal(
            N_("“{text}” is not a date. Write it like {example} or {iso}."), typed, language
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise _refusal(
            N_("There is no day “{text}” in the calendar. Write it like {example} or {iso}."),
            typed,
            language,
        ) from None


def _refusal(message_id: str, typed: str, language: str) -> DateRefused:
    this_year = date.today().year
    return DateRefused.of(
        message_id,
        text=shown(typed),
        example=example(language, this_year),
        iso=date(this_year, 3, 31).isoformat(),
    )
