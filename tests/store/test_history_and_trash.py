"""Undo and redo of answers (in core, audited) and the trash that deleted assessments go to."""

from __future__ import annotations

from selfassess.core.assessment import trash
from selfassess.core.assessment.history import AnswerEditor
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.store.records import Assessment


def test_undo_and_redo_restore_answers_exactly(
    service: AssessmentService, draft: Assessment
) -> None:
    editor = AnswerEditor(service)
    editor.set(draft.id, "A1.1", 1, comment="first")
    editor.set(draft.id, "A1.1", 3)
    assert service.answers(draft.id)["A1.1"].value == 3
    assert editor.undo() is not None
    answer = service.answers(draft.id)["A1.1"]
    assert (answer.value, answer.comment) == (1, "first")
    editor.undo()
    assert "A1.1" not in service.answers(draft.id)
    assert editor.undo() is None
    editor.redo()
    editor.redo()
    assert service.answers(draft.id)["A1.1"].value == 3
    assert not editor.can_redo()
    reasons = [
        row[0]
        for row in service.store.read()
        .execute(
            "SELECT reason FROM audit_log WHERE assessment_id = ? AND question_id = 'A1.1' "
            "ORDER BY id",
            (draft.id,),
        )
        .fetchall()
    ]
    assert reasons == [None, None, "undo", "undo", "redo", "redo"]


def test_a_new_change_clears_redo_and_no_change_is_not_recorded(
    service: AssessmentService, draft: Assessment
) -> None:
    editor = AnswerEditor(service)
    editor.set(draft.id, "A1.1", 1)
    editor.undo()
    editor.set(draft.id, "B1.1", True)
    assert not editor.can_redo()
    editor.set(draft.id, "B1.1", "yes")  # the same answer again
    assert len(editor.undo_stack) == 1


def test_deleted_assessments_wait_in_the_trash(
    service: AssessmentService, draft: Assessment
) -> None:
    trash.delete(service, draft.id)
    assert service.all() == []
    assert [a.id for a in trash.in_trash(service)] == [draft.id]
    trash.restore(service, draft.id)
    assert [a.id for a in service.all()] == [draft.id]
    trash.delete(service, draft.id)
    assert trash.empty_trash(service) == 1
    assert trash.in_trash(service) == []
    assert list((service.store.home / "backups").glob("before-empty-trash-*.db"))
