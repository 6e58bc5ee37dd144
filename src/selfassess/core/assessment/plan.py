"""Gap reports and the improvement plan of an assessment.

The plan is kept in step with the gaps whenever it is looked at (`sync_plan`): each gap gets the
form's suggested actions for what failed (`gaps.actions`), in the assessment's language, due
after the action's own deadline or the severity's; actions whose gap a later answer closed are
marked so, never deleted; a gap that opens again clears the mark. People add and edit actions
too. Every change is audited.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.assessment.remediation_status import with_remediation
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.changes import Changes
from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.forms.model import Form, Severity
from selfassess.core.gaps.actions import proposals
from selfassess.core.gaps.compare import Comparison, compare
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import GapReport
from selfassess.core.remediation.register import Counts, counts, snapshot_counts
from selfassess.core.storable import NAME_LIMIT, SQLITE_INTEGER, optional_text, shown
from selfassess.core.store import actions as plan_rows
from selfassess.core.store import assessments as rows
from selfassess.core.store import remediation as register_rows
from selfassess.core.store.actions import ACTION_STATUSES, Action
from selfassess.core.store.database import now
from selfassess.core.store.records import Assessment

DEFAULT_DUE_DAYS = {Severity.CRITICAL: 30, Severity.MAJOR: 182, Severity.MINOR: 365}


class PlanService:
    """Gap analysis and the improvement plan, over the assessment service's store."""

    def __init__(self, assessments: AssessmentService) -> None:
        self.assessments = assessments
        self.store = assessments.store

    def finalize(
        self, assessment_id: str, declaration: Declaration, *, today: date | None = None
    ) -> Changes:
        """Bring the plan in step with the answers, then finalize: the finalized snapshot
        carries the plan even if nobody opened the gaps before."""
        self.sync_plan(assessment_id, self.report(assessment_id))
        return self.assessments.finalize(assessment_id, declaration, today=today)

    def view(
        self, assessment_id: str, today: date | None = None, *, language: str | None = None
    ) -> AnswerView:
        assessment = self.assessments.get(assessment_id)
        attached = Counter(a.question_id for a in self.assessments.attachments(assessment_id))
        profile = assessment.profile.expression_fields()
        return AnswerView(
            self.assessments.form_of(assessment),
            answers=self.assessments.answers(assessment_id),
            evidence=attached,
            profile=profile,
            today=today or date.today(),
            language=language or assessment.language,
            risk=self.assessments.risk_of(profile, assessment),
        )

    def report(
        self, assessment_id: str, today: date | None = None, *, language: str | None = None
    ) -> GapReport:
        """The gap report; reasons in `language` (default: the assessment's); the child-labour
        red line reads the remediation register."""
        view = self.view(assessment_id, today, language=language)
        report = analyse(view, evaluate_view(view))
        counted = self._register_counts(assessment_id, view.today)
        return with_remediation(report, counted, view.language)

    def _register_counts(self, assessment_id: str, today: date) -> Counts | None:
        """The register's counts: as signed for a finalized assessment (its snapshot, on its
        declaration's date, as its pack carries them), as they stand for a draft."""
        if self.assessments.get(assessment_id).finalized:
            revisions = self.assessments.revisions(assessment_id)
            return snapshot_counts(revisions[-1].snapshot, today) if revisions else None
        return counts(register_rows.list_cases(self.store.read(), assessment_id), today)

    def actions(self, assessment_id: str) -> list[Action]:
        return plan_rows.list_actions(self.store.read(), assessment_id)

    def sync_plan(
        self, assessment_id: str, report: GapReport, today: date | None = None
    ) -> Changes:
        """Bring the plan in step with `report` (nothing changes on a finalized assessment, nor
        in a store that cannot be written: a read-only home still shows its gaps)."""
        assessment = self.assessments.get(assessment_id)
        if assessment.finalized or not self.store.writable:
            return Changes(assessment_id)
        form = self.assessments.form_of(assessment)
        view = self.view(assessment_id, today)
        existing = {(a.criterion_id, a.suggestion): a for a in self.actions(assessment_id)}
        gaps = {r.criterion_id: r for r in report.criteria if r.severity is not None}
        start = today or date.today()
        changed = False
        with self.store.write() as conn:
            for criterion in form.criteria():
                result = gaps.get(criterion.id)
                if result is None or result.severity is None:
                    continue
                for proposal in proposals(view, criterion, result):
                    if (criterion.id, proposal.key) in existing:
                        continue
                    suggested = proposal.action
                    days = suggested.due_days
                    if days is None:
                        days = _due_days(form, result.severity)
                    text = suggested.text.in_language(assessment.language, form.default_language)
                    due = (start + timedelta(days=days)).isoformat()
                    new_id = plan_rows.insert_action(
                        conn, assessment_id, criterion.id, text, suggestion=proposal.key, due=due
                    )
                    rows.audit(
                        conn,
                        assessment_id,
                        "plan",
                        new={"action": new_id, "text": text, "due": due, "criterion": criterion.id},
                    )
                    changed = True
            changed |= _mark_closed_gaps(conn, assessment_id, existing.values(), set(gaps))
        return Changes(assessment_id, plan=changed)

    def add_action(
        self,
        assessment_id: str,
        criterion_id: str,
        text: str,
        *,
        owner: str | None = None,
        due: str | None = None,
    ) -> Action:
        """An action added by hand."""
        assessment = self._editable(assessment_id)
        form = self.assessments.form_of(assessment)
        if criterion_id not in {c.id for c in form.criteria()}:
            raise NotFound(f"{form.id} {form.version} has no criterion '{shown(criterion_id)}'")
        _check_texts({"text": text, "owner": owner})
        if not text.strip():
            raise InvalidInput("an action needs a text")
        due = _check_due(due)
        with self.store.write() as conn:
            new_id = plan_rows.insert_action(
                conn, assessment_id, criterion_id, text.strip(), owner=owner or None, due=due
            )
            rows.audit(
                conn,
                assessment_id,
                "plan",
                new={
                    "action": new_id,
                    "text": text.strip(),
                    "criterion": criterion_id,
                    "owner": owner,
                    "due": due,
                },
            )
        action = plan_rows.get_action(self.store.read(), assessment_id, new_id)
        assert action is not None
        return action

    def update_action(self, assessment_id: str, action_id: int, **changes: str | None) -> Action:
        """Change an action's text, owner, due date, status or progress note."""
        self._editable(assessment_id)
        in_range = 0 < action_id <= SQLITE_INTEGER
        old = (
            plan_rows.get_action(self.store.read(), assessment_id, action_id) if in_range else None
        )
        if old is None:
            raise NotFound(f"assessment {assessment_id} has no action {action_id}")
        wanted: dict[str, str | None] = {k: v for k, v in changes.items() if v is not None}
        if "status" in wanted and wanted["status"] not in ACTION_STATUSES:
            raise InvalidInput(f"status must be one of {', '.join(ACTION_STATUSES)}")
        _check_texts(wanted)
        if "due" in wanted:
            wanted["due"] = _check_due(wanted["due"])
        if "text" in wanted and not (wanted["text"] or "").strip():
            raise InvalidInput("an action needs a text")
        if not wanted:
            raise InvalidInput("nothing to change: give --text, --owner, --due, --status or --note")
        with self.store.write() as conn:
            plan_rows.update_action(conn, action_id, dict(wanted))
            before = {key: getattr(old, key) for key in wanted}
            rows.audit(
                conn,
                assessment_id,
                "plan",
                old={"action": action_id, **before},
                new={"action": action_id, **wanted},
            )
        updated = plan_rows.get_action(self.store.read(), assessment_id, action_id)
        assert updated is not None
        return updated

    def compare(self, baseline_id: str, followup_id: str) -> tuple[Comparison, list[Action]]:
        """What changed, and the baseline's unfinished actions that are done or closed since."""
        before, after = self.report(baseline_id), self.report(followup_id)
        comparison = compare(before, after)
        later = {(a.criterion_id, a.suggestion or a.text): a for a in self.actions(followup_id)}
        still_gaps = {r.criterion_id for r in after.gaps()}
        closed = []
        for action in self.actions(baseline_id):
            if action.status == "done":
                continue
            match = later.get((action.criterion_id, action.suggestion or action.text))
            if (
                match is not None and match.status == "done"
            ) or action.criterion_id not in still_gaps:
                closed.append(action)
        return comparison, closed

    def _editable(self, assessment_id: str) -> Assessment:
        assessment = self.assessments.get(assessment_id)
        if assessment.finalized:
            raise Refused.of(
                "assessment {id} is finalized and read-only; reopen it to change its plan",
                id=assessment_id,
            )
        return assessment


def _due_days(form: Form, severity: Severity) -> int:
    return form.settings.action_due_days.get(severity, DEFAULT_DUE_DAYS[severity])


def _check_texts(fields: dict[str, str | None]) -> None:
    """Refuse an action's text, owner or note that the store cannot keep."""
    for field in ("text", "note"):
        optional_text(fields.get(field), field)
    optional_text(fields.get("owner"), "owner", limit=NAME_LIMIT, one_line=True)


def _check_due(due: str | None) -> str | None:
    if not due:
        return None
    try:
        return date.fromisoformat(due).isoformat()
    except ValueError:
        raise InvalidInput(f"a due date is written YYYY-MM-DD, not '{due}'") from None


def _mark_closed_gaps(
    conn: sqlite3.Connection, assessment_id: str, actions: Iterable[Action], gaps: set[str]
) -> bool:
    """Mark the actions whose gap closed (or clear the mark when it opened again)."""
    changed = False
    for action in actions:
        closed = action.criterion_id not in gaps
        if action.status == "done" or closed == (action.gap_closed_at is not None):
            continue
        mark = now() if closed else None
        plan_rows.update_action(conn, action.id, {"gap_closed_at": mark})
        rows.audit(
            conn,
            assessment_id,
            "plan",
            old={"action": action.id, "gap_closed_at": action.gap_closed_at},
            new={"action": action.id, "gap_closed_at": mark},
            reason="a later answer closed the gap" if closed else "the gap opened again",
        )
        changed = True
    return changed
