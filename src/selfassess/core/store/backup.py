"""Backups of the database worth restoring: SQLite's online backup API copies the live database,
the copy must pass `integrity_check` before it is kept, and again before `doctor` uses it.

Routine backups, `backups/selfassess-YYYY-MM-DD.db`, one a day at most: taken when the store is
first opened that day and refreshed after work (when a program that wrote closes the store, at
most every `REFRESH_AFTER_S`; always when the app closes), so that the day's backup holds the
day's work. The newest `KEEP` days are kept. Occasional backups, taken before a migration, an
import that replaces an assessment, emptying the trash or a repair, are named by kind and time
(`before-migration-20261202T101500Z.db`); the newest `KEEP` of each kind are kept. A damaged
copy is never kept and never pushes out a good backup.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import StoreError, write_failure
from selfassess.core.store.database import sqlite_uri

if TYPE_CHECKING:
    from selfassess.core.store.store import Store

KEEP = 7
PREFIX = "selfassess-"
REFRESH_AFTER_S = 10 * 60
_ROUTINE = re.compile(r"^selfassess-\d{4}-\d{2}-\d{2}\.db$")
_OCCASIONAL = re.compile(r"^(before-[a-z0-9-]+?)-\d{8}T\d{6}Z?\.db$")


def backup_folder(home: Path) -> Path:
    return home / "backups"


def backups(home: Path) -> list[Path]:
    """The routine backups, newest first."""
    folder = backup_folder(home)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _ROUTINE.match(p.name)), reverse=True)


def every_backup(home: Path) -> list[Path]:
    """Every backup, routine and occasional, the most recently written first."""
    folder = backup_folder(home)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _ROUTINE.match(p.name) or _OCCASIONAL.match(p.name)]
    return sorted(found, key=_written_at, reverse=True)


def _written_at(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def stamp() -> str:
    """The current UTC time as it appears in the names of occasional backups."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def occasional_backup(connection: sqlite3.Connection, home: Path, kind: str) -> Path:
    """A backup before something out of the ordinary (`kind`: migration, import, ...)."""
    return take_backup(connection, backup_folder(home) / f"before-{kind}-{stamp()}.db")


def backup_if_due(store: Store, today: str | None = None) -> Path | None:
    """Take today's backup unless there is one; returns it when one was taken."""
    target = _routine_target(store.home, today)
    if target.exists():
        return None
    return take_backup(store.connection, target)


def backup_after_work(store: Store, *, force: bool = False) -> Path | None:
    """Refresh today's backup with the work done since it was taken: when `force`d, or when it
    is older than `REFRESH_AFTER_S`. Returns the backup when one was written."""
    target = _routine_target(store.home, None)
    if not force and target.exists() and time.time() - _written_at(target) < REFRESH_AFTER_S:
        return None
    return take_backup(store.connection, target)


def _routine_target(home: Path, today: str | None) -> Path:
    day = today or datetime.now(UTC).strftime("%Y-%m-%d")
    return backup_folder(home) / f"{PREFIX}{day}.db"


def take_backup(connection: sqlite3.Connection, target: Path) -> Path:
    """Copy the live database to `target` consistently; keep it only if it passes the integrity
    check (a damaged copy never replaces a good backup); then prune the oldest of its kind."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failure(target, exc) from None
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(destination)
        finally:
            destination.close()
        problem = integrity_problem(partial)
        if problem is not None:
            raise StoreError.of(
                "no backup was kept: the copy of the data store failed its check ({problem}); "
                "run `selfassess doctor`",
                problem=problem,
            )
        _fsync(partial)
        os.replace(partial, target)
    except OSError as exc:
        _discard(partial)
        raise write_failure(target, exc) from None
    except sqlite3.Error as exc:
        _discard(partial)
        raise StoreError.of(
            "could not write the backup {target}: {reason}", target=target, reason=exc
        ) from None
    except BaseException:
        _discard(partial)
        raise
    prune(target.parent, target.name)
    return target


def prune(folder: Path, name: str) -> None:
    """Keep the newest `KEEP` backups of the kind `name` belongs to."""
    occasional = _OCCASIONAL.match(name)
    if occasional:
        kind = occasional.group(1)
        same = [p for p in folder.iterdir() if (m := _OCCASIONAL.match(p.name)) and m[1] == kind]
        doomed = sorted(same, key=lambda p: p.name, reverse=True)[KEEP:]
    else:
        doomed = backups(folder.parent)[KEEP:]
    for old in doomed:
        _discard(old)


def integrity_problem(path: Path) -> str | None:
    """None when the database file at `path`, which nobody is writing, passes SQLite's
    integrity check; else what the check (or SQLite, opening it) said."""
    try:
        connection = sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc)
    result = "; ".join(str(row[0]) for row in rows)
    return None if result == "ok" else result


def _fsync(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
