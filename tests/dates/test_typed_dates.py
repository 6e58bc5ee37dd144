"""Dates typed as people write them: the interface language's order or ISO, shown back the same
way; anything else refused with a message that shows how to write a date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.dates.typed import DateRefused, format_typed, parse_typed

LANGUAGES = ("en", "fr", "sw")
days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(day=days, language=st.sampled_from(LANGUAGES))
def test_a_date_shown_reads_back_as_the_same_day(day: date, language: str) -> None:
    assert parse_typed(format_typed(day, language), language) == day


@given(day=days, language=st.sampled_from(LANGUAGES))
def test_iso_is_understood_in_every_language(day: date, language: str) -> None:
    assert parse_typed(day.isoformat(), language) == day
    assert parse_typed(f"  {day.year}/{day.month}/{day.day} ", language) == day


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("15/06/2027", "fr"),
        ("15/06/2027", "sw"),
        ("15.6.2027", "fr"),
        ("15 06 2027", "sw"),
        ("06/15/2027", "en"),
        ("6-15-2027", "en"),
        ("2027-06-15", "en"),
        ("2027-06-15", "fr"),
        ("2027-6-15", "sw"),
    ],
)
def test_the_15th_of_june(typed: str, language: str) -> None:
    assert parse_typed(typed, language) == date(2027, 6, 15)


def test_shown_in_the_languages_order() -> None:
    assert format_typed(date(2027, 6, 5), "fr") == "05/06/2027"
    assert format_typed(date(2027, 6, 5), "sw") == "05/06/2027"
    assert format_typed(date(2027, 6, 5), "en") == "06/05/2027"


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_nothing_typed_is_no_date(blank: str) -> None:
    assert parse_typed(blank, "fr") is None


def test_the_day_first_is_not_a_month_in_english() -> None:
    with pytest.raises(DateRefused) as refused:
        parse_typed("15/06/2027", "en")
    assert str(refused.value).startswith("There is no day “15/06/2027” in the calendar.")
    assert f"Write it like 03/31/{date.today().year} or {date.today().year}-03-31." in str(
        refused.value
    )


@pytest.mark.parametrize(
    "typed",
    [
        "demain",
        "15/06",
        "15/06/27",
        "2027-06",
        "31/02/2027",
        "1/2/3/4",
        "\u0661\u0665/\u0660\u0666/\u0662\u0660\u0662\u0667",
    ],
)
def test_what_is_not_a_date_is_refused_in_the_language_asked(typed: str) -> None:
    with pytest.raises(DateRefused) as refused:
        parse_typed(typed, "fr")
    french = refused.value.localized("fr")
    assert f"31/03/{date.today().year}" in french
    assert typed in french


def outcome(text: str) -> date | str | None:
    try:
        return parse_typed(text, "fr")
    except DateRefused as refused:
        return refused.localized("sw")


@given(text=st.text(max_size=30))
def test_any_text_is_a_date_or_a_refusal(text: str) -> None:
    result = outcome(text)
    assert result is None or isinstance(result, date) or bool(result)
