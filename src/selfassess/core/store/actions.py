"""SQL for the improvement plan's actions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields

from selfassess.core.store.database import now

ACTION_STATUSES = ("open", "in_progress", "done")


@dataclass(frozen=True)
class Action:
    """One improvement action of an assessment's plan.

    `suggestion` names the form's suggested action it came from ("major:0"); None when a person
    added it. `gap_closed_at` is set when a later answer closed the gap the action was for.
    """

    id: int
    criterion_id: str
    suggestion: str | None
    text: str
    owner: str | None
    due: str | None
    status: str
    note: str | None
    gap_closed_at: str | None
    carried_from: int | None
    created_at: str
    updated_at: str

    def as_json(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_COLUMNS = ", ".join(f.name for f in fields(Action))


def list_actions(conn: sqlite3.Connection, assessment_id: str) -> list[Action]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM actions WHERE assessment_id = ? ORDER BY id", (assessment_id,)
    ).fetchall()
    return [Action(*row) for row in rows]


def get_action(conn: sqlite3.Connection, assessment_id: str, action_id: int) -> Action | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM actions WHERE assessment_id = ? AND id = ?",
        (assessment_id, action_id),
    ).fetchone()
    return Action(*row) if row else None


def insert_action(
    conn: sqlite3.Connection,
    assessment_id: str,
    criterion_id: str,
    text: str,
    *,
    suggestion: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    status: str = "open",
    note: str | None = None,
    carried_from: int | None = None,
) -> int:
    when = now()
    cursor = conn.execute(
        "INSERT INTO actions (assessment_id, criterion_id, suggestion, text, owner, due, status, "
        "note, carried_from, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            assessment_id,
            criterion_id,
            suggestion,
            text,
            owner,
            due,
            status,
            note,
            carried_from,
            when,
            when,
        ),
    )
    return int(cursor.lastrowid or 0)


def update_action(conn: sqlite3.Connection, action_id: int, changes: dict[str, object]) -> None:
    allowed = {"text", "owner", "due", "status", "note", "gap_closed_at"}
    assert set(changes) <= allowed, changes
    assignments = ", ".join(f"{column} = ?" for column in changes)
    conn.execute(
        f"UPDATE actions SET {assignments}, updated_at = ? WHERE id = ?",
        (*changes.values(), now(), action_id),
    )
