"""Undo and redo of answer changes, kept in core so that the app (and tests) need no Qt for it.

editor = AnswerEditor(service)
editor.set(assessment_id, "A1.1", 2)     # saved at once, like any answer
editor.undo()                            # the previous answer is saved back, and audited
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.changes import Changes
from selfassess.core.store.records import Answer


@dataclass(frozen=True)
class AnswerChange:
    """One answer as it was before and after a change (None: no answer)."""

    assessment_id: str
    question_id: str
    before: Answer | None
    after: Answer | None


@dataclass
class AnswerEditor:
    """Saves answers through the service and remembers each change so it can be undone."""

    service: AssessmentService
    limit: int = 200
    undo_stack: list[AnswerChange] = field(default_factory=list)
    redo_stack: list[AnswerChange] = field(default_factory=list)

    def set(
        self,
        assessment_id: str,
        question_id: str,
        value: Any,
        *,
        comment: str | None = None,
        na_reason: str | None = None,
    ) -> Changes:
        before = self.service.answers(assessment_id).get(question_id)
        changes = self.service.set_answer(
            assessment_id, question_id, value, comment=comment, na_reason=na_reason
        )
        after = self.service.answers(assessment_id).get(question_id)
        if _same(before, after):
            return Changes(assessment_id)
        self.undo_stack.append(AnswerChange(assessment_id, question_id, before, after))
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()
        return changes

    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    def undo_question(self) -> str | None:
        """The question whose answer `undo` would put back, so that Undo can say so."""
        return self.undo_stack[-1].question_id if self.undo_stack else None

    def redo_question(self) -> str | None:
        """The question whose answer `redo` would give again."""
        return self.redo_stack[-1].question_id if self.redo_stack else None

    def undo(self) -> Changes | None:
        """Put back the answer as it was before the last change; None when there is nothing."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self.redo_stack.append(change)
        return self.service.restore_answer(
            change.assessment_id, change.question_id, change.before, reason="undo"
        )

    def redo(self) -> Changes | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self.undo_stack.append(change)
        return self.service.restore_answer(
            change.assessment_id, change.question_id, change.after, reason="redo"
        )

    def forget(self) -> None:
        """Drop the history (when another assessment is opened)."""
        self.undo_stack.clear()
        self.redo_stack.clear()


def _same(a: Answer | None, b: Answer | None) -> bool:
    key_a = a.as_json() if a else None
    key_b = b.as_json() if b else None
    return key_a == key_b
