"""The trash: deleted assessments wait here until it is emptied, so nothing goes at one click."""

from __future__ import annotations

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.changes import Changes
from selfassess.core.store import assessments as rows
from selfassess.core.store.backup import backup_folder, take_backup
from selfassess.core.store.database import now
from selfassess.core.store.records import Assessment


def delete(service: AssessmentService, assessment_id: str) -> Changes:
    """Move an assessment to the trash (it can be restored until the trash is emptied)."""
    service.get(assessment_id)
    with service.store.write() as conn:
        conn.execute("UPDATE assessments SET deleted_at = ? WHERE id = ?", (now(), assessment_id))
        rows.audit(conn, assessment_id, "trash")
    return Changes(assessment_id, deleted=True)


def in_trash(service: AssessmentService) -> list[Assessment]:
    return rows.list_trash(service.store.read())


def deleted_on(service: AssessmentService) -> dict[str, str]:
    """When each assessment in the trash was put there (ISO time), by id."""
    found = service.store.read().execute(
        "SELECT id, deleted_at FROM assessments WHERE deleted_at IS NOT NULL"
    )
    return {str(row[0]): str(row[1]) for row in found.fetchall()}


def restore(service: AssessmentService, assessment_id: str) -> Changes:
    """Take an assessment out of the trash: it is back in the list, as it was."""
    with service.store.write() as conn:
        conn.execute("UPDATE assessments SET deleted_at = NULL WHERE id = ?", (assessment_id,))
        rows.audit(conn, assessment_id, "restore")
    return Changes(assessment_id, created=True)


def empty_trash(service: AssessmentService) -> int:
    """Delete for good what is in the trash (a backup of the database is taken first)."""
    doomed = in_trash(service)
    if doomed:
        stamp = now().replace(":", "").replace("-", "")[:15]
        target = backup_folder(service.store.home) / f"before-empty-trash-{stamp}.db"
        take_backup(service.store.connection, target)
        with service.store.write() as conn:
            conn.executemany("DELETE FROM assessments WHERE id = ?", [(a.id,) for a in doomed])
    return len(doomed)
