"""The buyer's follow-up of each action in a supplier's latest plan: accepted, challenged (with a
note saying what is asked instead), or verified done; with the day it is due (the day the buyer
agreed, else the plan's) and whether it is overdue.

An action is known by the supplier, the assessment and the action's number in the supplier's
plan, which a later revision of the assessment keeps; an action a follow-up assessment carried
over from its baseline (`carried_from`) shows the follow-up recorded on the baseline's action
until one is recorded on it.

An action is **done** when the supplier's plan says so or the buyer verified it done, and
**overdue** when its due day has passed (the day asked about is after it) and it is not done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from selfassess.core.errors import InvalidInput, NotFound
from selfassess.core.i18n import N_
from selfassess.core.inbox.buyer_log import BuyerRecords, Event
from selfassess.core.inbox.values import NOTE_LIMIT, checked_day
from selfassess.core.storable import storable_text

STATES = {
    "accepted": N_("Accepted"),
    "challenged": N_("Challenged"),
    "verified_done": N_("Verified done"),
}
ActionKey = tuple[str, str, int]  # supplier key, assessment, action number


@dataclass(frozen=True)
class FollowUp:
    state: str
    note: str | None
    due: str | None  # the day the buyer agreed, if any
    by: str
    day: str


@dataclass(frozen=True)
class ActionView:
    """One action of a supplier's latest plan, with the buyer's follow-up."""

    action: dict[str, Any]  # as the pack states it: id, criterion, text, due, status, …
    follow_up: FollowUp | None
    history: tuple[FollowUp, ...] = ()

    @property
    def due(self) -> str | None:
        if self.follow_up and self.follow_up.due:
            return self.follow_up.due
        return self.action.get("due") or None

    @property
    def done(self) -> bool:
        return self.action.get("status") == "done" or (
            self.follow_up is not None and self.follow_up.state == "verified_done"
        )

    def overdue(self, as_of: date) -> bool:
        return not self.done and bool(self.due) and str(self.due) < as_of.isoformat()


@dataclass
class FollowUps:
    """Every follow-up recorded, by action, in the order recorded."""

    by_action: dict[ActionKey, list[FollowUp]] = field(default_factory=dict)

    def of(self, supplier: str, assessment: str, action: dict[str, Any]) -> list[FollowUp]:
        number = action.get("id")
        found = (
            self.by_action.get((supplier, assessment, number)) if isinstance(number, int) else None
        )
        carried = action.get("carried_from")
        if not found and isinstance(carried, int):  # recorded on the baseline's action
            for (who, _assessment, earlier), history in self.by_action.items():
                if who == supplier and earlier == carried:
                    found = history
        return found or []


def follow_ups(records: BuyerRecords, as_of: date | None = None) -> FollowUps:
    """The follow-ups recorded by the end of `as_of` (all, without)."""
    found = FollowUps()
    for event in records.of_kind("follow_up"):
        if as_of is not None and event.day > as_of.isoformat():
            continue
        item = _follow_up(event)
        if item is not None and event.supplier:
            found.by_action.setdefault((event.supplier, *item[0]), []).append(item[1])
    return found


def views(
    supplier: str, assessment: str, plan: list[dict[str, Any]], recorded: FollowUps
) -> list[ActionView]:
    """The actions of a plan with their follow-ups."""
    result = []
    for action in plan:
        history = recorded.of(supplier, assessment, action)
        result.append(ActionView(action, history[-1] if history else None, tuple(history)))
    return result


def follow_up_values(
    state: str,
    note: str | None,
    due: str | None,
    *,
    action: int,
    assessment: str,
    plan: list[dict[str, Any]],
) -> dict[str, Any]:
    """A follow-up as recorded, checked: a challenge says what is asked; the action is one of
    the latest plan's."""
    if state not in STATES:
        raise InvalidInput.of(
            "{field} '{value}' is not one of: {allowed}",
            field="state",
            value=state,
            allowed=", ".join(STATES),
        )
    if not any(row.get("id") == action for row in plan):
        raise NotFound.of(
            "the supplier's latest plan has no action {action} (selfassess inbox supplier NAME)",
            action=action,
        )
    text = storable_text(note or "", "note", limit=NOTE_LIMIT, one_line=True).strip()
    if state == "challenged" and not text:
        raise InvalidInput.of("say what is asked instead when an action is challenged (--note)")
    values: dict[str, Any] = {
        "assessment": assessment,
        "action": action,
        "state": state,
        "note": text or None,
    }
    if due:
        values["due"] = checked_day("due", due)
    return values


def _follow_up(event: Event) -> tuple[tuple[str, int], FollowUp] | None:
    values = event.values
    action, state = values.get("action"), values.get("state")
    assessment = values.get("assessment")
    if not isinstance(action, int) or isinstance(action, bool) or state not in STATES:
        return None
    if not isinstance(assessment, str):
        return None
    note = values.get("note")
    due = values.get("due")
    try:
        due = checked_day("due", due) if due is not None else None
    except InvalidInput:
        due = None
    text = note[:NOTE_LIMIT] if isinstance(note, str) else None
    return (assessment, action), FollowUp(str(state), text, due, event.by, event.day)
