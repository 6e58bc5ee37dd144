"""A verified pack judged again in a reader's language: the gap report its answers give under
the form it carries, with the reasons, titles, readiness and actions in `language` rather than
in the language the pack was printed in.

Verification (`recompute.claims_problem`) already judges the answers again and compares every
language-neutral claim (statuses, severities, red lines, scores, readiness); this module does the
same work in the reader's language and keeps the report whose claims match, trying the export's
day and the days either side as verification does. A pack whose claims no day gives is refused:
it should not have verified. What the reader sees is therefore the judgement the supplier
signed, said in other words by this version of selfassess (docs/received.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.errors import Refused
from selfassess.core.forms.model import Form
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import GapReport
from selfassess.core.pack.recompute import (
    _carried_form,
    _compare,
    _Differs,
    _export_days,
    _Inputs,
    _inputs,
)
from selfassess.core.pack.response import Response
from selfassess.core.storable import shown


@dataclass(frozen=True)
class Judged:
    """A pack's response (its plan made fit to read), form and gap report in one language."""

    response: Response
    form: Form
    report: GapReport


def judged_again(
    response: Response, form_json: bytes, language: str, home: Path | None = None
) -> Judged:
    """The carried form and the gap report of `response` in `language`; a Refused naming the
    first difference when its claims are not what its answers give."""
    try:
        form = _carried_form(response, form_json)
        inputs = _inputs(response, form, home)
        first: _Differs | None = None
        for day in _export_days(response.generated_at):
            report = _report(form, inputs, day, language)
            try:
                _compare(response, form, report)
            except _Differs as difference:
                first = first or difference
                continue
            return Judged(with_readable_plan(response), form, report)
        assert first is not None
        raise first
    except _Differs as difference:
        raise Refused.of(
            "the pack's claims are not what its answers give: {reason}",
            reason=str(difference.finding),
        ) from None


def _report(form: Form, inputs: _Inputs, day: date, language: str) -> GapReport:
    view = AnswerView(
        form,
        answers=inputs.answers,
        evidence=inputs.evidence,
        profile=inputs.profile,
        today=day,
        language=language,
        risk=inputs.risk,
    )
    return analyse(view, evaluate_view(view))


_PLAN_TEXTS = ("criterion_id", "text", "status")
_PLAN_OPTIONAL_TEXTS = (
    "suggestion", "owner", "due", "note", "gap_closed_at", "created_at", "updated_at"
)  # fmt: skip


def with_readable_plan(response: Response) -> Response:
    """`response` with each plan row's fields of the kinds an action has: the schema leaves the
    plan free (people edit it), so a value of another kind is shown as its text, never trusted
    to be a date or a number."""
    rows = []
    for number, row in enumerate(response.plan, start=1):
        fit: dict[str, Any] = dict(row)
        fit["id"] = row["id"] if type(row.get("id")) is int else number
        fit["carried_from"] = (
            row.get("carried_from") if type(row.get("carried_from")) is int else None
        )
        for name in _PLAN_TEXTS:
            fit[name] = _text_of(row.get(name)) or ""
        for name in _PLAN_OPTIONAL_TEXTS:
            fit[name] = _text_of(row.get(name))
        fit["addresses"] = [_text_of(item) for item in _listed(row.get("addresses"))]
        rows.append(fit)
    return response.model_copy(update={"plan": rows})


def _text_of(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return shown(value)


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else []
