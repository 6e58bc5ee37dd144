"""A new database made of what a damaged one still yields and, where it yields less than all, of
the newest verified backup; with an account, per assessment, of where each part came from.

Rules, in order:
1. Every row read from the damaged file is kept: it is the newest state there is.
2. A table that could not be read whole is completed from the backup with the rows it lacks
   (a row the damaged file yields always wins over the backup's older copy).
3. Answers are rebuilt from the audit log, which records every answer with its value, where the
   log knows a newer answer than the one recovered (or one that was lost).
4. Rows whose assessment could not be recovered at all are left out and counted as lost; the
   damaged file, kept aside, still holds whatever they were.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.store.database import now, sqlite_uri
from selfassess.core.store.salvage import Salvage
from selfassess.core.store.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

FormLookup = Callable[[str], tuple[str, str, str] | None]
"""(form id, version, definition) of the form with this hash, from the forms on this computer."""
EvidenceLookup = Callable[[str, str], tuple[int, str] | None]
"""(size, media type) of the locker's file with this hash (and original name), if it is there."""


@dataclass
class AssessmentRecovery:
    """Where one assessment's parts came from."""

    assessment_id: str
    organisation: str = ""
    record_from: str = "damaged file"  # or "backup"
    answers_from_damaged: int = 0
    answers_from_backup: list[str] = field(default_factory=list)
    answers_from_history: list[str] = field(default_factory=list)
    rows_from_backup: Counter[str] = field(default_factory=Counter)
    lost_rows: Counter[str] = field(default_factory=Counter)


@dataclass
class MergeOutcome:
    """What went into the new database."""

    assessments: dict[str, AssessmentRecovery] = field(default_factory=dict)
    unrecoverable: dict[str, Counter[str]] = field(default_factory=dict)
    """Rows left out, by the id of the assessment they belonged to (its record was lost)."""
    rejected_rows: Counter[str] = field(default_factory=Counter)
    """Rows read from the damaged file that did not hold together (garbage on a bad page)."""

    def recovery(self, assessment_id: str) -> AssessmentRecovery:
        if assessment_id not in self.assessments:
            self.assessments[assessment_id] = AssessmentRecovery(assessment_id)
        return self.assessments[assessment_id]


def build_merged(
    target: Path,
    salvaged: Salvage,
    backup: Path | None,
    *,
    form_of: FormLookup,
    evidence_of: EvidenceLookup,
) -> MergeOutcome:
    """Write the merged database to `target` (a new file) and say what came from where.

    A form or evidence record that neither source holds is rebuilt from the forms and the
    evidence locker on this computer when they have it (`form_of`, `evidence_of`)."""
    outcome = MergeOutcome()
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        _create_schema(connection)
        if backup is not None:
            connection.execute("ATTACH DATABASE ? AS backup", (sqlite_uri(backup, mode="ro"),))
        connection.execute("BEGIN")
        for table in TABLES:
            _fill_table(connection, table, salvaged, backup is not None, outcome)
        if "answers" not in salvaged.tables or not salvaged.tables["answers"].complete:
            _answers_from_history(connection, outcome)
        _rebuild_references(connection, form_of, evidence_of)
        _drop_orphans(connection, outcome)
        _name_assessments(connection, outcome)
        connection.execute("COMMIT")
        if backup is not None:
            connection.execute("DETACH DATABASE backup")
    finally:
        connection.close()
    return outcome


def _create_schema(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA foreign_keys=OFF")
    for script in MIGRATIONS:
        for statement in (part.strip() for part in script.split(";")):
            if statement:
                connection.execute(statement)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _columns(connection: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [str(row[1]) for row in connection.execute(f"PRAGMA {schema}.table_info({table})")]


def _fill_table(
    connection: sqlite3.Connection,
    table: str,
    salvaged: Salvage,
    have_backup: bool,
    outcome: MergeOutcome,
) -> None:
    target_columns = _columns(connection, table)
    found = salvaged.tables.get(table)
    if found is not None:
        shared = [c for c in found.columns if c in target_columns]
        positions = [found.columns.index(c) + 1 for c in shared]  # + 1: the rowid comes first
        insert = _insert(table, shared)
        for row in found.rows:
            values = [row[p] for p in positions]
            before = connection.total_changes
            connection.execute(insert, values)
            if connection.total_changes == before:
                outcome.rejected_rows[table] += 1
            elif table == "answers":
                outcome.recovery(
                    str(values[shared.index("assessment_id")])
                ).answers_from_damaged += 1
    whole = found is not None and found.complete and salvaged.readable
    if have_backup and not whole and table in _columns_of_backup(connection):
        _complete_from_backup(connection, table, target_columns, outcome)


def _columns_of_backup(connection: sqlite3.Connection) -> set[str]:
    return {
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM backup.sqlite_master WHERE type='table'"
        )
    }


def _insert(table: str, columns: list[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT OR IGNORE INTO main.{table} ({', '.join(columns)}) VALUES ({marks})"


def _complete_from_backup(
    connection: sqlite3.Connection, table: str, target_columns: list[str], outcome: MergeOutcome
) -> None:
    shared = [c for c in _columns(connection, table, "backup") if c in target_columns]
    insert = _insert(table, shared)
    rows = connection.execute(f"SELECT {', '.join(shared)} FROM backup.{table}").fetchall()
    for row in rows:
        before = connection.total_changes
        connection.execute(insert, row)
        if connection.total_changes == before:
            continue  # the damaged file had this row: its copy is newer
        record = dict(zip(shared, row, strict=True))
        owner = str(record.get("assessment_id") or record.get("id") or "")
        if table == "assessments":
            outcome.recovery(owner).record_from = "backup"
        elif table == "answers":
            outcome.recovery(owner).answers_from_backup.append(str(record["question_id"]))
        elif "assessment_id" in record:
            outcome.recovery(owner).rows_from_backup[table] += 1


def _answers_from_history(connection: sqlite3.Connection, outcome: MergeOutcome) -> None:
    """Answers the audit log knows to be newer than the recovered ones (or lost ones)."""
    latest = connection.execute(
        "SELECT l.assessment_id, l.question_id, l.new_value, l.at FROM audit_log l "
        "JOIN (SELECT assessment_id, question_id, max(id) AS id FROM audit_log "
        "      WHERE action IN ('answer', 'default') AND question_id IS NOT NULL "
        "      GROUP BY assessment_id, question_id) newest ON newest.id = l.id"
    ).fetchall()
    for assessment_id, question_id, new_value, at in latest:
        current = connection.execute(
            "SELECT changed_at FROM answers WHERE assessment_id = ? AND question_id = ?",
            (assessment_id, question_id),
        ).fetchone()
        if current is not None and str(current[0]) >= str(at):
            continue
        answer = _answer_of(new_value)
        if answer is None:
            continue
        connection.execute(
            "INSERT INTO answers (assessment_id, question_id, value, comment, na_reason, "
            "changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) "
            "DO UPDATE SET value = excluded.value, comment = excluded.comment, "
            "na_reason = excluded.na_reason, changed_at = excluded.changed_at",
            (assessment_id, question_id, *answer, at),
        )
        recovery = outcome.recovery(str(assessment_id))
        if question_id in recovery.answers_from_backup:
            recovery.answers_from_backup.remove(question_id)
        recovery.answers_from_history.append(str(question_id))


def _answer_of(new_value: Any) -> tuple[str | None, str | None, str | None] | None:
    try:
        recorded = json.loads(new_value) if isinstance(new_value, str) else None
    except ValueError:
        return None
    if not isinstance(recorded, dict):
        return None
    value = recorded.get("value")
    text = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
    comment, reason = recorded.get("comment"), recorded.get("na_reason")
    return (
        text,
        comment if isinstance(comment, str) else None,
        reason if isinstance(reason, str) else None,
    )


def _rebuild_references(
    connection: sqlite3.Connection, form_of: FormLookup, evidence_of: EvidenceLookup
) -> None:
    """Forms and evidence records lost with a damaged page, rebuilt where this computer has
    the form (by its hash) or the evidence file."""
    for (wanted,) in connection.execute(
        "SELECT DISTINCT form_hash FROM assessments WHERE form_hash NOT IN (SELECT hash FROM forms)"
    ).fetchall():
        form = form_of(str(wanted))
        if form is not None:
            connection.execute(
                "INSERT OR IGNORE INTO forms (hash, form_id, version, definition, stored_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (wanted, *form, now()),
            )
    for sha256, name in connection.execute(
        "SELECT sha256, min(original_name) FROM attachments "
        "WHERE sha256 NOT IN (SELECT sha256 FROM evidence_files) GROUP BY sha256"
    ).fetchall():
        found = evidence_of(str(sha256), str(name))
        if found is not None:
            connection.execute(
                "INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, added_at) "
                "VALUES (?, ?, ?, ?)",
                (sha256, *found, now()),
            )


def _drop_orphans(connection: sqlite3.Connection, outcome: MergeOutcome) -> None:
    """Rows whose parent row could not be recovered (foreign keys) are left out; leaving one out
    may orphan others (an assessment without its form, then its answers), hence the loop."""
    for _ in range(len(TABLES) + 1):
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
        if not orphans:
            return
        for table, rowid, parent, _key in orphans:
            if table == "assessments" and parent == "assessments":  # a lost baseline: unlink
                connection.execute(
                    "UPDATE assessments SET baseline_id = NULL WHERE rowid = ?", (rowid,)
                )
                continue
            owner_column = "id" if table == "assessments" else "assessment_id"
            owner = None
            if owner_column in _columns(connection, table):
                owner = connection.execute(
                    f"SELECT {owner_column} FROM {table} WHERE rowid = ?", (rowid,)
                ).fetchone()
            if owner is None:
                outcome.rejected_rows[table] += 1
            else:
                outcome.unrecoverable.setdefault(str(owner[0]), Counter())[table] += 1
            connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))


def _name_assessments(connection: sqlite3.Connection, outcome: MergeOutcome) -> None:
    for assessment_id, organisation in connection.execute(
        "SELECT id, organisation FROM assessments"
    ):
        outcome.recovery(str(assessment_id)).organisation = str(organisation)
    known = {str(row[0]) for row in connection.execute("SELECT id FROM assessments")}
    for assessment_id in list(outcome.assessments):
        if assessment_id not in known:
            del outcome.assessments[assessment_id]
