"""The partner and the notes are plain text on one line: no line break of any kind (U+2028 and
U+2029 start a new line in the app and the PDF too) and no invisible format character (a
right-to-left override reverses what follows; a zero-width space hides a word)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.core.errors import InvalidInput
from selfassess.core.remediation import checks
from selfassess.core.remediation.checks import CaseRefused
from selfassess.core.storable import storable_text

FIELDS: dict[str, Callable[[str], str | None]] = {
    "partner": checks.partner,
    "note": lambda text: checks.note("note", text),
    "follow_up_note": lambda text: checks.note("follow_up_note", text),
}
HIDDEN = st.characters(categories=["Zl", "Zp", "Cf"])
PLAIN = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\x85"),
    max_size=40,
)


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize(
    ("character", "said"),
    [
        ("\u2028", "must be one line, without line breaks"),
        ("\u2029", "must be one line, without line breaks"),
        ("\x85", "must be one line, without line breaks"),
        ("\u202e", "holds an invisible formatting character (U+202E)"),
        ("\u200b", "holds an invisible formatting character (U+200B)"),
        ("\ufeff", "holds an invisible formatting character (U+FEFF)"),
    ],
)
def test_a_hidden_line_break_or_format_character_is_refused_at_its_field(
    field: str, character: str, said: str
) -> None:
    with pytest.raises(CaseRefused) as refused:
        FIELDS[field](f"rentré à l'école{character}Amani")
    assert refused.value.field == field
    assert said in str(refused.value)


@settings(max_examples=150, deadline=None)
@given(before=PLAIN, hidden=HIDDEN, after=PLAIN, field=st.sampled_from(sorted(FIELDS)))
def test_any_text_with_a_separator_or_format_character_is_refused(
    before: str, hidden: str, after: str, field: str
) -> None:
    with pytest.raises(CaseRefused) as refused:
        FIELDS[field]((before + hidden + after)[:120])
    assert refused.value.field == field


@settings(max_examples=150, deadline=None)
@given(text=PLAIN, field=st.sampled_from(sorted(FIELDS)))
def test_plain_text_in_any_script_is_kept(text: str, field: str) -> None:
    kept = FIELDS[field](text)
    assert kept == (text.strip() or None)


@settings(max_examples=100, deadline=None)
@given(before=PLAIN, after=PLAIN)
def test_every_one_line_text_refuses_the_unicode_line_separators(before: str, after: str) -> None:
    """Names, titles and places on one line too: a line separator is a line break."""
    for separator in ("\u2028", "\u2029", "\x85"):
        with pytest.raises(InvalidInput, match="must be one line"):
            storable_text(before + separator + after, "the name", one_line=True)
        assert (
            storable_text(before + separator + after, "the comment") == before + separator + after
        )


def test_the_categories_tested_are_those_refused() -> None:
    assert {unicodedata.category(c) for c in "\u2028\u2029\u202e\u200b\ufeff"} == {
        "Zl",
        "Zp",
        "Cf",
    }
