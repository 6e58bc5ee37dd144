"""Rolling backups of the database (SQLite's online backup API), and `doctor`, which checks the
store and restores a damaged database from the newest good backup.

At most one backup a day, taken when the store is opened; the newest seven are kept. Nothing is
deleted silently: a damaged database is moved aside, never removed.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import StoreError
from selfassess.core.store.database import DATABASE_NAME, connect

if TYPE_CHECKING:
    from selfassess.core.store.store import Store

KEEP = 7
PREFIX = "selfassess-"


def backup_folder(home: Path) -> Path:
    return home / "backups"


def backups(home: Path) -> list[Path]:
    """The backups, newest first."""
    folder = backup_folder(home)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.db"), reverse=True)


def backup_if_due(store: Store, today: str | None = None) -> Path | None:
    """Take today's backup unless there is one; returns it when one was taken."""
    day = today or datetime.now(UTC).strftime("%Y-%m-%d")
    target = backup_folder(store.home) / f"{PREFIX}{day}.db"
    if target.exists():
        return None
    return take_backup(store.connection, target)


def take_backup(connection: sqlite3.Connection, target: Path) -> Path:
    """Copy the live database to `target` consistently, then keep only the newest backups."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(destination)
        finally:
            destination.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"could not write the backup {target}: {exc}") from None
    for old in backups(target.parent.parent)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def integrity_problem(path: Path) -> str | None:
    """None when the database at `path` passes SQLite's integrity check, else what it said."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc)
    result = "; ".join(str(row[0]) for row in rows)
    return None if result == "ok" else result


@dataclass
class DoctorReport:
    """What `doctor` found and did."""

    database_ok: bool
    problem: str | None = None
    moved_aside: list[Path] = field(default_factory=list)
    restored_from: Path | None = None
    evidence_problems: dict[str, str] = field(default_factory=dict)


def doctor(home: Path) -> DoctorReport:
    """Check the database; if damaged, move it aside and restore the newest good backup."""
    database = home / DATABASE_NAME
    if not database.exists():
        return DoctorReport(database_ok=True)
    problem = integrity_problem(database)
    if problem is None:
        return DoctorReport(database_ok=True)
    report = DoctorReport(database_ok=False, problem=problem)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("", "-wal", "-shm"):
        damaged = home / f"{DATABASE_NAME}{suffix}"
        if damaged.exists():
            aside = home / f"{DATABASE_NAME}{suffix}.damaged-{stamp}"
            os.replace(damaged, aside)
            report.moved_aside.append(aside)
    for candidate in backups(home):
        if integrity_problem(candidate) is None:
            source = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
            try:
                restored = connect(database)
                source.backup(restored)
                restored.close()
            finally:
                source.close()
            report.restored_from = candidate
            break
    return report
