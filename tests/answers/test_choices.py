"""An option such as "None of these" goes with no other: ticking it clears the others, and
ticking another clears it; every other option is ticked and unticked freely."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from selfassess.core.answers.choices import after_ticking, is_exclusive
from selfassess.core.forms.model import Choice

OPTIONS = ["helmet", "boots", "gloves", "none"]


def test_ticking_none_clears_the_others() -> None:
    assert after_ticking(["helmet", "boots", "none"], "none", True, {"none"}) == ["none"]


def test_ticking_another_clears_none() -> None:
    assert after_ticking(["none", "boots"], "boots", True, {"none"}) == ["boots"]


def test_unticking_takes_only_that_option_away() -> None:
    assert after_ticking(["helmet", "boots"], "boots", False, {"none"}) == ["helmet"]


def test_an_option_named_none_or_marked_exclusive_goes_alone() -> None:
    assert is_exclusive(Choice(name="none", label={"en": "None"}))
    assert is_exclusive(Choice(name="no_chemicals", label={"en": "No chemicals"}, exclusive=True))
    assert not is_exclusive(Choice(name="boots", label={"en": "Boots"}))


@given(st.lists(st.sampled_from(OPTIONS), unique=True), st.sampled_from(OPTIONS), st.booleans())
def test_never_none_with_another(ticked: list[str], name: str, checked: bool) -> None:
    before = [o for o in ticked if o != "none"] or ticked[:1]  # a valid answer to start from
    after = after_ticking(before, name, checked, {"none"})
    assert "none" not in after or after == ["none"]
    assert len(after) == len(set(after))
    assert (name in after) == checked
