"""SQL for assessments, answers, the audit log and finalized revisions.

Functions take an open connection; the caller decides the transaction (`Store.write()`), so that
an answer and its audit entry are committed together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from selfassess.core.errors import NotFound
from selfassess.core.store.database import now
from selfassess.core.store.records import Answer, Assessment, AuditEntry, Profile, Revision

_ASSESSMENT_COLUMNS = (
    "id, form_hash, form_id, form_version, status, revision, language, trainer, baseline_id, "
    "organisation, site, country, province, entity_type, minerals, workforce_size, contact, "
    "certifications, mechanisation, source_countries, transit_countries, created_at, updated_at, "
    "risk_data_version"
)
_PLACEHOLDERS = ", ".join("?" for _ in _ASSESSMENT_COLUMNS.split(","))


def dumps(value: Any) -> str | None:
    """JSON for a column; None stays NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def store_form(
    conn: sqlite3.Connection, form_hash: str, form_id: str, version: str, body: str
) -> None:
    """Keep a form definition (canonical JSON) under its hash, once."""
    conn.execute(
        "INSERT OR IGNORE INTO forms (hash, form_id, version, definition, stored_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (form_hash, form_id, version, body, now()),
    )


def form_definition(conn: sqlite3.Connection, form_hash: str) -> str:
    row = conn.execute("SELECT definition FROM forms WHERE hash = ?", (form_hash,)).fetchone()
    if row is None:
        raise NotFound(f"the store has no form with hash {form_hash[:12]}")
    return str(row[0])


def insert_assessment(conn: sqlite3.Connection, assessment: Assessment) -> None:
    profile = assessment.profile
    conn.execute(
        f"INSERT INTO assessments ({_ASSESSMENT_COLUMNS}) VALUES ({_PLACEHOLDERS})",
        (
            assessment.id,
            assessment.form_hash,
            assessment.form_id,
            assessment.form_version,
            assessment.status,
            assessment.revision,
            assessment.language,
            assessment.trainer,
            assessment.baseline_id,
            profile.organisation,
            profile.site,
            profile.country,
            profile.province,
            profile.entity_type,
            dumps(list(profile.minerals)),
            profile.workforce_size,
            profile.contact,
            dumps(list(profile.certifications)),
            profile.mechanisation,
            dumps(list(profile.source_countries)),
            dumps(list(profile.transit_countries)),
            assessment.created_at,
            assessment.updated_at,
            assessment.risk_data_version,
        ),
    )


def _assessment(row: sqlite3.Row | tuple[Any, ...]) -> Assessment:
    (
        id_,
        form_hash,
        form_id,
        form_version,
        status,
        revision,
        language,
        trainer,
        baseline_id,
        organisation,
        site,
        country,
        province,
        entity_type,
        minerals,
        workforce,
        contact,
        certifications,
        mechanisation,
        source_countries,
        transit_countries,
        created_at,
        updated_at,
        risk_data_version,
    ) = row
    profile = Profile(
        organisation=organisation,
        entity_type=entity_type,
        site=site,
        country=country,
        province=province,
        minerals=tuple(loads(minerals) or ()),
        workforce_size=workforce,
        contact=contact,
        certifications=tuple(loads(certifications) or ()),
        mechanisation=mechanisation,
        source_countries=tuple(loads(source_countries) or ()),
        transit_countries=tuple(loads(transit_countries) or ()),
    )
    return Assessment(
        id=id_,
        form_hash=form_hash,
        form_id=form_id,
        form_version=form_version,
        status=status,
        revision=revision,
        language=language,
        profile=profile,
        created_at=created_at,
        updated_at=updated_at,
        trainer=trainer,
        baseline_id=baseline_id,
        risk_data_version=risk_data_version,
    )


def get_assessment(conn: sqlite3.Connection, assessment_id: str) -> Assessment:
    row = conn.execute(
        f"SELECT {_ASSESSMENT_COLUMNS} FROM assessments WHERE id = ? AND deleted_at IS NULL",
        (assessment_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no assessment '{assessment_id}'")
    return _assessment(row)


def resolve_id(conn: sqlite3.Connection, text: str) -> str:
    """The id of the one assessment whose id is `text` or starts with it (4 characters or more)."""
    exact = conn.execute(
        "SELECT id FROM assessments WHERE id = ? AND deleted_at IS NULL", (text,)
    ).fetchone()
    if exact:
        return str(exact[0])
    if len(text) >= 4:
        rows = conn.execute(
            "SELECT id FROM assessments WHERE id LIKE ? ESCAPE '\\' AND deleted_at IS NULL",
            (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            raise NotFound(f"'{text}' matches {len(rows)} assessments; give more of the id")
    raise NotFound(f"no assessment '{text}' (see `selfassess list`)")


def list_assessments(conn: sqlite3.Connection) -> list[Assessment]:
    rows = conn.execute(
        f"SELECT {_ASSESSMENT_COLUMNS} FROM assessments WHERE deleted_at IS NULL "
        "ORDER BY updated_at DESC"
    ).fetchall()
    return [_assessment(row) for row in rows]


def list_trash(conn: sqlite3.Connection) -> list[Assessment]:
    rows = conn.execute(
        f"SELECT {_ASSESSMENT_COLUMNS} FROM assessments WHERE deleted_at IS NOT NULL "
        "ORDER BY deleted_at DESC"
    ).fetchall()
    return [_assessment(row) for row in rows]


def get_answers(conn: sqlite3.Connection, assessment_id: str) -> dict[str, Answer]:
    rows = conn.execute(
        "SELECT question_id, value, comment, na_reason, changed_at FROM answers "
        "WHERE assessment_id = ?",
        (assessment_id,),
    ).fetchall()
    return {
        qid: Answer(qid, loads(value), comment, na_reason, changed_at)
        for qid, value, comment, na_reason, changed_at in rows
    }


def get_answer(conn: sqlite3.Connection, assessment_id: str, question_id: str) -> Answer | None:
    row = conn.execute(
        "SELECT value, comment, na_reason, changed_at FROM answers "
        "WHERE assessment_id = ? AND question_id = ?",
        (assessment_id, question_id),
    ).fetchone()
    if row is None:
        return None
    value, comment, na_reason, changed_at = row
    return Answer(question_id, loads(value), comment, na_reason, changed_at)


def put_answer(conn: sqlite3.Connection, assessment_id: str, answer: Answer) -> None:
    """Write (or, when it holds nothing, remove) one answer."""
    empty = answer.value is None and answer.comment is None and answer.na_reason is None
    if empty:
        conn.execute(
            "DELETE FROM answers WHERE assessment_id = ? AND question_id = ?",
            (assessment_id, answer.question_id),
        )
        return
    conn.execute(
        "INSERT INTO answers (assessment_id, question_id, value, comment, na_reason, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
        "value = excluded.value, comment = excluded.comment, na_reason = excluded.na_reason, "
        "changed_at = excluded.changed_at",
        (
            assessment_id,
            answer.question_id,
            dumps(answer.value),
            answer.comment,
            answer.na_reason,
            answer.changed_at,
        ),
    )


def touch(conn: sqlite3.Connection, assessment_id: str, when: str) -> None:
    conn.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", (when, assessment_id))


def audit(
    conn: sqlite3.Connection,
    assessment_id: str,
    action: str,
    *,
    question_id: str | None = None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
    when: str | None = None,
) -> None:
    """Record one change in the audit log."""
    conn.execute(
        "INSERT INTO audit_log (assessment_id, at, action, question_id, old_value, new_value, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (assessment_id, when or now(), action, question_id, dumps(old), dumps(new), reason),
    )


def get_audit(conn: sqlite3.Connection, assessment_id: str) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT id, at, action, question_id, old_value, new_value, reason FROM audit_log "
        "WHERE assessment_id = ? ORDER BY id",
        (assessment_id,),
    ).fetchall()
    return [
        AuditEntry(id_, at, action, qid, loads(old), loads(new), reason)
        for id_, at, action, qid, old, new, reason in rows
    ]


def set_risk_data_version(conn: sqlite3.Connection, assessment_id: str, version: str) -> None:
    conn.execute(
        "UPDATE assessments SET risk_data_version = ? WHERE id = ?", (version, assessment_id)
    )


def set_status(conn: sqlite3.Connection, assessment_id: str, status: str, revision: int) -> None:
    conn.execute(
        "UPDATE assessments SET status = ?, revision = ?, updated_at = ? WHERE id = ?",
        (status, revision, now(), assessment_id),
    )


def insert_revision(conn: sqlite3.Connection, assessment_id: str, revision: Revision) -> None:
    conn.execute(
        "INSERT INTO revisions (assessment_id, revision, finalized_at, declaration, snapshot, "
        "snapshot_sha256) VALUES (?, ?, ?, ?, ?, ?)",
        (
            assessment_id,
            revision.revision,
            revision.finalized_at,
            dumps(revision.declaration),
            dumps(revision.snapshot),
            revision.snapshot_sha256,
        ),
    )


def get_revisions(conn: sqlite3.Connection, assessment_id: str) -> list[Revision]:
    rows = conn.execute(
        "SELECT revision, finalized_at, declaration, snapshot, snapshot_sha256 FROM revisions "
        "WHERE assessment_id = ? ORDER BY revision",
        (assessment_id,),
    ).fetchall()
    return [
        Revision(number, at, loads(declaration), loads(snapshot), digest)
        for number, at, declaration, snapshot, digest in rows
    ]
