"""The store's record of the submissions imported (table `submission_imports`, store migration
5): for each form and instanceID, the assessment made of it, a fingerprint of what it held, its
values as imported and the problems found, so that importing again skips or updates, never
duplicates. A row goes with its assessment when the assessment is deleted for good."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from selfassess.core.store.database import now
from selfassess.core.submissions.report import Problem


@dataclass(frozen=True)
class Imported:
    """A submission imported before."""

    assessment_id: str
    fingerprint: str
    submitted: dict[str, str]


def fingerprint(submitted: Mapping[str, str]) -> str:
    """The SHA-256 of a submission's values, in a stable order."""
    body = json.dumps(dict(submitted), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def find(conn: sqlite3.Connection, form_id: str, instance_id: str) -> Imported | None:
    row = conn.execute(
        "SELECT assessment_id, fingerprint, submitted FROM submission_imports "
        "WHERE form_id = ? AND instance_id = ?",
        (form_id, instance_id),
    ).fetchone()
    if row is None:
        return None
    submitted = json.loads(row[2])
    return Imported(str(row[0]), str(row[1]), submitted if isinstance(submitted, dict) else {})


def record(
    conn: sqlite3.Connection,
    form_id: str,
    instance_id: str,
    *,
    assessment_id: str,
    origin: str,
    submitted: Mapping[str, str],
    problems: Sequence[Problem],
) -> None:
    """Record (or, imported again, replace) what the submission held when it was imported."""
    when = now()
    conn.execute(
        "INSERT INTO submission_imports (form_id, instance_id, assessment_id, fingerprint, "
        "origin, submitted, problems, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (form_id, instance_id) DO UPDATE SET assessment_id = excluded.assessment_id, "
        "fingerprint = excluded.fingerprint, origin = excluded.origin, "
        "submitted = excluded.submitted, problems = excluded.problems, "
        "updated_at = excluded.updated_at",
        (
            form_id,
            instance_id,
            assessment_id,
            fingerprint(submitted),
            origin,
            json.dumps(dict(submitted), ensure_ascii=False, sort_keys=True),
            json.dumps([problem.as_json() for problem in problems], ensure_ascii=False),
            when,
            when,
        ),
    )


def instance_of_assessment(conn: sqlite3.Connection, assessment_id: str) -> str | None:
    """The instanceID of the submission an assessment was made of, if it was."""
    row = conn.execute(
        "SELECT instance_id FROM submission_imports WHERE assessment_id = ? LIMIT 1",
        (assessment_id,),
    ).fetchone()
    return None if row is None else str(row[0])
