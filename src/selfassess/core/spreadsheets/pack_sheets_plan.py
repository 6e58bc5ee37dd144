"""The Actions and KPIs sheets of an export of received packs.

- Actions: a row per action of a pack's improvement plan, in the plan's reading order (red lines
  first, then by severity and due date: `assessment.plan_view`), the text in the reader's
  language, then the buyer's follow-up columns. These are left empty here; the buyer's inbox,
  which keeps the follow-up, passes its own `FollowUp` (columns and values per action).
- KPIs: a row per indicator, as the inbox computes them (`kpi_columns`); an export without the
  inbox has no KPI sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from selfassess.core.assessment.plan_view import PlannedAction, planned_rows
from selfassess.core.i18n import N_, translate
from selfassess.core.pack.report_text import ACTION_WORDS, SEVERITY_WORDS
from selfassess.core.spreadsheets.cells import Column, Value
from selfassess.core.spreadsheets.pack_sheets import ReceivedPack, identity, identity_columns

FollowUpValues = Callable[[ReceivedPack, PlannedAction], Sequence[Value]]
FOLLOW_UP_TITLES = (
    (N_("Buyer's follow-up"), 18),  # accepted, challenged, verified done
    (N_("Buyer's note"), 30),
    (N_("Follow-up due"), 12),
    (N_("Overdue"), 9),
)
KPI_TITLES = (
    (N_("Indicator"), 34),  # its id, as `inbox kpis --json` gives it
    (N_("What it counts"), 50),
    (N_("Value"), 10),
    (N_("Unit"), 6),  # "%" for a percentage
    (N_("Numerator"), 10),  # a percentage's: the suppliers counted
    (N_("Denominator"), 10),  # and those it is a share of
    (N_("As of"), 12),
    (N_("Suppliers behind it"), 60),
)


@dataclass(frozen=True)
class FollowUp:
    """The buyer's columns after each action's: their headings and, for one action, their
    values (fewer values than columns leave the rest empty)."""

    columns: Sequence[Column]
    values: FollowUpValues


def blank_follow_up(language: str) -> FollowUp:
    """The follow-up columns, empty: for the buyer to fill in, or the inbox to replace."""
    columns = [Column(translate(language, title), width) for title, width in FOLLOW_UP_TITLES]
    return FollowUp(columns, lambda _pack, _action: ())


def action_columns(language: str, follow_up: FollowUp | None = None) -> list[Column]:
    def t(message: str) -> str:
        return translate(language, message)

    own = [
        Column(t("Criterion"), 9),
        Column(t("Red line"), 9),
        Column(t("Severity"), 10),
        Column(t("Action"), 60),
        Column(t("Addresses"), 14),
        Column(t("Owner"), 16),
        Column(t("Due"), 12),
        Column(t("Status"), 12),
        Column(t("Note"), 30),
    ]
    follow_up = follow_up or blank_follow_up(language)
    return [*identity_columns(language), *own, *follow_up.columns]


def action_rows(
    pack: ReceivedPack,
    language: str,
    follow_up: FollowUp | None = None,
    only: Callable[[PlannedAction], bool] = lambda _planned: True,
) -> Iterator[list[Value]]:
    """A row per action of the pack's plan (those `only` keeps), in reading order, with the
    follow-up's values."""
    from selfassess.core.spreadsheets.pack_sheets import day_cell

    follow_up = follow_up or blank_follow_up(language)
    width, who = len(follow_up.columns), identity(pack)
    plan = planned_rows(pack.form, pack.response.plan, pack.report, language)
    for planned in filter(only, plan):
        action = planned.action
        buyer = list(follow_up.values(pack, planned))[:width]
        yield [
            *who,
            action.criterion_id,
            translate(language, "Yes") if planned.red_line else None,
            translate(language, SEVERITY_WORDS[planned.severity.value])
            if planned.severity
            else None,
            planned.text,
            ", ".join(planned.addresses) or None,
            action.owner,
            day_cell(action.due),
            translate(language, ACTION_WORDS[action.status])
            if action.status in ACTION_WORDS
            else action.status,
            action.note,
            *buyer,
            *([None] * (width - len(buyer))),
        ]


def kpi_columns(language: str) -> list[Column]:
    return [Column(translate(language, title), width) for title, width in KPI_TITLES]
