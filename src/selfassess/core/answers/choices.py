"""Ticking the options of a multi-choice question: an option that goes with no other ("None of
these", an option named `none` or marked `exclusive` in the form) clears the others when
ticked, and ticking any other option clears it."""

from __future__ import annotations

from selfassess.core.forms.model import Choice


def is_exclusive(choice: Choice) -> bool:
    """True for an option that cannot be ticked with another."""
    return choice.exclusive or choice.name == "none"


def after_ticking(ticked: list[str], name: str, checked: bool, exclusive: set[str]) -> list[str]:
    """The options ticked once `name` is ticked (`checked`) or unticked, in their order."""
    if not checked:
        return [option for option in ticked if option != name]
    if name in exclusive:
        return [name]
    kept = [option for option in ticked if option not in exclusive and option != name]
    return [*kept, name]
