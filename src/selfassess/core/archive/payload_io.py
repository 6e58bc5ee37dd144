"""Moving one assessment's rows between the database and an archive payload.

An archive made for a buyer (`for_buyer`) leaves the remediation register's cases out: no case
rows, no audit entry of the register (they hold its values), and each finalized snapshot with
the counts it was signed with (`remediation_counts`, as its pack carries them) instead of its
cases, its SHA-256 computed again for what it now holds (docs/remediation.md)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from typing import Any

from selfassess.core.archive.format import (
    ActionRow,
    AnswerRow,
    ArchivePayload,
    AssessmentRow,
    AttachmentRow,
    AuditRow,
    CaseRow,
    EvidenceRow,
    RevisionRow,
)
from selfassess.core.forms.identity import canonical_json
from selfassess.core.forms.model import Form
from selfassess.core.remediation.register import snapshot_counts
from selfassess.core.remediation.service import AUDIT_ACTION as REGISTER_AUDIT
from selfassess.core.store import assessments as rows
from selfassess.core.store import remediation as register_rows
from selfassess.core.store.actions import list_actions
from selfassess.core.store.database import now
from selfassess.core.store.records import Revision

_COLUMNS = list(AssessmentRow.model_fields)
_LISTS = ("minerals", "certifications", "source_countries", "transit_countries")  # JSON text


def read_payload(
    conn: sqlite3.Connection, assessment_id: str, *, for_buyer: bool = False
) -> ArchivePayload:
    """Every row that concerns the assessment; `for_buyer`, without the remediation register's
    cases (module doc)."""
    rows.get_assessment(conn, assessment_id)  # raises NotFound
    record = conn.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM assessments WHERE id = ?", (assessment_id,)
    ).fetchone()
    assessment = dict(zip(_COLUMNS, record, strict=True))
    for name in _LISTS:
        assessment[name] = rows.loads(assessment[name]) or []
    answers = [
        AnswerRow(
            question_id=a.question_id,
            value=a.value,
            comment=a.comment,
            na_reason=a.na_reason,
            changed_at=a.changed_at,
        )
        for a in rows.get_answers(conn, assessment_id).values()
    ]
    attachments = conn.execute(
        "SELECT question_id, sha256, original_name, added_at FROM attachments "
        "WHERE assessment_id = ? ORDER BY added_at",
        (assessment_id,),
    ).fetchall()
    evidence = conn.execute(
        "SELECT DISTINCT f.sha256, f.size, f.media_type FROM evidence_files f "
        "JOIN attachments a ON a.sha256 = f.sha256 WHERE a.assessment_id = ? ORDER BY f.sha256",
        (assessment_id,),
    ).fetchall()
    return ArchivePayload(
        assessment=AssessmentRow.model_validate(assessment),
        answers=answers,
        evidence=[EvidenceRow(sha256=s, size=n, media_type=m) for s, n, m in evidence],
        attachments=[
            AttachmentRow(question_id=q, sha256=s, original_name=n, added_at=t)
            for q, s, n, t in attachments
        ],
        audit=[
            AuditRow(
                at=e.at,
                action=e.action,
                question_id=e.question_id,
                old_value=e.old_value,
                new_value=e.new_value,
                reason=e.reason,
            )
            for e in rows.get_audit(conn, assessment_id)
            if not (for_buyer and e.action == REGISTER_AUDIT)  # they hold the cases' values
        ],
        revisions=[_revision(r, for_buyer) for r in rows.get_revisions(conn, assessment_id)],
        actions=[ActionRow(**a.as_json()) for a in list_actions(conn, assessment_id)],  # type: ignore[arg-type]
        remediation=[]
        if for_buyer
        else [
            CaseRow.model_validate(case.as_json())
            for case in register_rows.list_cases(conn, assessment_id)
        ],
    )


def _revision(revision: Revision, for_buyer: bool) -> RevisionRow:
    snapshot: dict[str, Any] = revision.snapshot
    digest = revision.snapshot_sha256
    signed = snapshot_counts(snapshot, date.today()) if for_buyer else None
    if signed is not None:
        snapshot = {key: value for key, value in snapshot.items() if key != "remediation"}
        snapshot["remediation_counts"] = signed.as_stored()
        digest = hashlib.sha256((rows.dumps(snapshot) or "").encode("utf-8")).hexdigest()
    return RevisionRow(
        revision=revision.revision,
        finalized_at=revision.finalized_at,
        declaration=revision.declaration,
        snapshot=snapshot,
        snapshot_sha256=digest,
    )


def write_payload(
    conn: sqlite3.Connection,
    payload: ArchivePayload,
    form: Form,
    *,
    new_id: str | None,
    replace: bool,
) -> None:
    """Insert the payload's rows (inside the caller's transaction), as `new_id` if given."""
    source = payload.assessment
    target_id = new_id or source.id
    if replace:
        conn.execute("DELETE FROM assessments WHERE id = ?", (target_id,))
    rows.store_form(conn, source.form_hash, form.id, form.version, canonical_json(form))
    values = {**source.model_dump(), "id": target_id}
    for name in _LISTS:
        values[name] = rows.dumps(getattr(source, name))
    known = conn.execute("SELECT 1 FROM assessments WHERE id = ?", (source.baseline_id,))
    if source.baseline_id and known.fetchone() is None:
        values["baseline_id"] = None  # the baseline did not travel with this archive
    placeholders = ", ".join("?" for _ in _COLUMNS)
    conn.execute(
        f"INSERT INTO assessments ({', '.join(_COLUMNS)}) VALUES ({placeholders})",
        [values[column] for column in _COLUMNS],
    )
    conn.executemany(
        "INSERT INTO answers (assessment_id, question_id, value, comment, na_reason, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (target_id, a.question_id, rows.dumps(a.value), a.comment, a.na_reason, a.changed_at)
            for a in payload.answers
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, added_at) "
        "VALUES (?, ?, ?, ?)",
        [(e.sha256, e.size, e.media_type, now()) for e in payload.evidence],
    )
    conn.executemany(
        "INSERT INTO attachments (assessment_id, question_id, sha256, original_name, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (target_id, a.question_id, a.sha256, a.original_name, a.added_at)
            for a in payload.attachments
        ],
    )
    conn.executemany(
        "INSERT INTO audit_log (assessment_id, at, action, question_id, old_value, new_value, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                target_id,
                e.at,
                e.action,
                e.question_id,
                rows.dumps(e.old_value),
                rows.dumps(e.new_value),
                e.reason,
            )
            for e in payload.audit
        ],
    )
    conn.executemany(
        "INSERT INTO revisions (assessment_id, revision, finalized_at, declaration, snapshot, "
        "snapshot_sha256) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                target_id,
                r.revision,
                r.finalized_at,
                rows.dumps(r.declaration),
                rows.dumps(r.snapshot),
                r.snapshot_sha256,
            )
            for r in payload.revisions
        ],
    )
    _write_actions(conn, target_id, payload)
    for case in payload.remediation:
        register_rows.insert_case(conn, target_id, register_rows.case_from_json(case.model_dump()))
    note = {"from": source.id, "replaced": replace} if new_id is None else {"copy_of": source.id}
    rows.audit(conn, target_id, "import", new=note)


def _write_actions(conn: sqlite3.Connection, target_id: str, payload: ArchivePayload) -> None:
    """The plan's actions, under new ids (a carried-over link to another store's action is
    dropped: comparison matches actions by criterion and suggestion, not by id)."""
    for action in payload.actions:
        conn.execute(
            "INSERT INTO actions (assessment_id, criterion_id, suggestion, text, owner, due, "
            "status, note, gap_closed_at, carried_from, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            (
                target_id,
                action.criterion_id,
                action.suggestion,
                action.text,
                action.owner,
                action.due,
                action.status,
                action.note,
                action.gap_closed_at,
                action.created_at,
                action.updated_at,
            ),
        )
