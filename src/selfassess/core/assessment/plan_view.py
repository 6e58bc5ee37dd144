"""The improvement plan as people read it: red-line actions first, then by severity and due date
(finished actions, and those whose gap closed, last); each with the answers it addresses, and the
form's own suggested text in the reader's language (an action a person wrote or edited keeps
their words). Shared by `plan`, `gaps`, the app and the pack, so that all list it alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from selfassess.core.forms.model import Form, Severity
from selfassess.core.gaps.actions import addresses_of, suggested_action
from selfassess.core.gaps.results import SEVERITY_ORDER, GapReport
from selfassess.core.store.actions import Action


@dataclass(frozen=True)
class PlannedAction:
    """One action of the plan, as it reads in one language."""

    action: Action
    text: str
    addresses: tuple[str, ...]
    red_line: bool
    severity: Severity | None

    @property
    def finished(self) -> bool:
        return self.action.status == "done" or self.action.gap_closed_at is not None

    def as_json(self) -> dict[str, Any]:
        return {
            **self.action.as_json(),
            "text": self.text,
            "addresses": list(self.addresses),
            "red_line": self.red_line,
            "severity": self.severity.value if self.severity else None,
        }


def planned_actions(
    form: Form, actions: Iterable[Action], report: GapReport, language: str
) -> list[PlannedAction]:
    """The plan's actions in reading order (module docstring), texts in `language`."""
    results = {result.criterion_id: result for result in report.criteria}
    planned = []
    for action in actions:
        result = results.get(action.criterion_id)
        suggested = (
            suggested_action(form, action.criterion_id, action.suggestion)
            if action.suggestion
            else None
        )
        addresses = addresses_of(suggested) if suggested is not None else ()
        flagged = bool(result and set(addresses) & set(result.red_flags))
        red_line = bool(result and result.red_line and result.severity is Severity.CRITICAL)
        text = action.text
        if suggested is not None and action.text in suggested.text.values():
            text = suggested.text.in_language(language, form.default_language)
        severity = result.severity if result else None
        planned.append(PlannedAction(action, text, addresses, red_line or flagged, severity))
    return sorted(planned, key=_reading_order)


def planned_rows(
    form: Form, rows: Iterable[Mapping[str, Any]], report: GapReport, language: str
) -> list[PlannedAction]:
    """`planned_actions` of a snapshot's plan (the rows a finalized revision keeps)."""
    fields = Action.__dataclass_fields__
    actions = [Action(**{name: row.get(name) for name in fields}) for row in rows]  # type: ignore[arg-type]
    return planned_actions(form, actions, report, language)


def _reading_order(planned: PlannedAction) -> tuple[int, int, int, str, int]:
    severity = SEVERITY_ORDER.index(planned.severity) if planned.severity else len(SEVERITY_ORDER)
    return (
        int(planned.finished),
        int(not planned.red_line),
        severity,
        planned.action.due or "9999-12-31",
        planned.action.id,
    )
