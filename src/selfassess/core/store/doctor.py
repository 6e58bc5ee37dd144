"""`doctor`: checks the store and repairs a damaged database without ever making things worse.

- It holds the store's lock exclusively: with another selfassess window or command open it says
  the store is in use and touches nothing; no writer starts while it works.
- Only SQLite's verdict that the file is corrupt counts as damage. A full disk, a read-only
  folder, a missing permission or a vanished file is reported as what it is; nothing is moved.
- A repair salvages what the damaged file still yields (salvage.py), completes it from the
  newest backup that passes the integrity check (merge.py), checks the result, and only then
  swaps it in. The swap is journalled: killed at any instant, the store holds the old database
  or the new one, never an empty one, and the next `doctor` (which a store refuses to open
  without) finishes the swap. The damaged files are kept aside, never deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import StoreError, UserError
from selfassess.core.files import write_atomically
from selfassess.core.store.backup import every_backup, integrity_problem, stamp
from selfassess.core.store.conditions import Condition, error_for, os_condition, sqlite_condition
from selfassess.core.store.database import BUSY_TIMEOUT_S, DATABASE_NAME, sqlite_uri
from selfassess.core.store.lock import NotLockable, StoreLock
from selfassess.core.store.merge import MergeOutcome, build_merged
from selfassess.core.store.salvage import salvage
from selfassess.core.store.sources import evidence_record, form_record

RESTORE_JOURNAL = "doctor-restore.json"
MERGED_NAME = ".doctor-merged.db"
WORK_FOLDER = ".doctor-work"
SUFFIXES = ("", "-wal", "-shm")


@dataclass
class DoctorReport:
    """What `doctor` found and did."""

    database_ok: bool
    condition: Condition | None = None
    problem: UserError | None = None
    moved_aside: list[Path] = field(default_factory=list)
    restored_from: Path | None = None
    repaired: bool = False
    salvaged_everything: bool = False
    unreadable: dict[str, int] = field(default_factory=dict)
    """Stretches of each table that could not be read from the damaged file."""
    recovery: MergeOutcome | None = None
    finished_interrupted_repair: bool = False
    read_only: bool = False
    evidence_problems: dict[str, str] = field(default_factory=dict)
    empty_but_backed_up: tuple[Path, int] | None = None
    """The store holds no assessment, but this backup holds so many."""


def repair_interrupted(home: Path) -> bool:
    """Whether a repair was stopped halfway (the store must not be opened until it is done)."""
    return (home / RESTORE_JOURNAL).exists()


def doctor(home: Path, *, timeout: float = BUSY_TIMEOUT_S) -> DoctorReport:
    """Check the store in `home`; repair a damaged database (see the module's docstring)."""
    if not (home / DATABASE_NAME).exists() and not repair_interrupted(home):
        return DoctorReport(database_ok=True)
    try:
        lock = StoreLock.acquire(home, exclusive=True, timeout=timeout)
    except NotLockable:
        return _check_read_only(home)
    with lock:
        report = DoctorReport(database_ok=True)
        if repair_interrupted(home):
            _finish_swap(home)
            report.finished_interrupted_repair = True
        _discard_stale_work(home)
        database = home / DATABASE_NAME
        verdict = check_database(database)
        if verdict is not None:
            report.database_ok = False
            report.condition, report.problem = verdict
            if report.condition is Condition.DAMAGED:
                _repair(home, report)
        if report.database_ok or report.repaired:
            report.empty_but_backed_up = _empty_but_backed_up(home)
            report.evidence_problems = check_evidence(home)
        return report


def check_database(database: Path) -> tuple[Condition, StoreError] | None:
    """None when the database passes SQLite's integrity check, else what kind of trouble it
    is in (read-only: the damaged file is never written by the check)."""
    try:
        rows = _integrity_rows(database, immutable=False)
    except sqlite3.Error as exc:
        condition = sqlite_condition(exc, database)
        wal = database.with_name(database.name + "-wal")
        unfolded = wal.exists() and wal.stat().st_size > 0
        if condition not in (Condition.READ_ONLY, Condition.FULL) or unfolded:
            return condition, error_for(condition, database, str(exc))
        try:  # SQLite could not make its -shm file here; nobody can be writing either
            rows = _integrity_rows(database, immutable=True)
        except sqlite3.Error as again:
            condition = sqlite_condition(again, database)
            return condition, error_for(condition, database, str(again))
    result = "; ".join(str(row[0]) for row in rows)
    if result == "ok":
        return None
    return Condition.DAMAGED, error_for(Condition.DAMAGED, database, result[:300])


def _integrity_rows(database: Path, *, immutable: bool) -> list[tuple[object, ...]]:
    params = {"mode": "ro", **({"immutable": "1"} if immutable else {})}
    connection = sqlite3.connect(sqlite_uri(database, **params), uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def _check_read_only(home: Path) -> DoctorReport:
    report = DoctorReport(database_ok=True, read_only=True)
    verdict = check_database(home / DATABASE_NAME)
    if verdict is not None:
        report.database_ok = False
        report.condition, report.problem = verdict
    return report


def _repair(home: Path, report: DoctorReport) -> None:
    work = home / WORK_FOLDER
    merged = home / MERGED_NAME
    try:
        work.mkdir(exist_ok=True)
        copy = _copy_damaged(home, work)
        salvaged = salvage(copy)
        backup = newest_good_backup(home)
        report.recovery = build_merged(
            merged,
            salvaged,
            backup,
            form_of=lambda wanted: form_record(home, wanted),
            evidence_of=lambda sha256, name: evidence_record(home, sha256, name),
        )
        problem = integrity_problem(merged)
        if problem is not None:
            raise StoreError.of(
                "the repaired copy failed its own check ({problem}); nothing was changed",
                problem=problem,
            )
        _fsync(merged)
        report.moved_aside = _swap_in(home)
        report.repaired = True
        report.restored_from = backup
        report.salvaged_everything = salvaged.complete
        report.unreadable = {
            name: len(table.skipped_ranges) or 1
            for name, table in salvaged.tables.items()
            if not table.complete
        }
        if not salvaged.readable:
            report.unreadable["(the whole file)"] = 1
    except OSError as exc:
        _give_up(report, os_condition(exc, home), home, str(exc), merged)
    except sqlite3.Error as exc:
        _give_up(report, sqlite_condition(exc, merged), home, str(exc), merged)
    except StoreError as error:
        report.problem = error
        _discard(merged)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _give_up(
    report: DoctorReport, condition: Condition, home: Path, reason: str, merged: Path
) -> None:
    """The repair could not be made (a full disk, say): nothing was moved or changed."""
    report.condition = condition
    report.problem = error_for(condition, home / DATABASE_NAME, reason)
    _discard(merged)


def _copy_damaged(home: Path, work: Path) -> Path:
    """A copy of the damaged database with its WAL (which holds the newest commits)."""
    for suffix in ("", "-wal"):
        source = home / f"{DATABASE_NAME}{suffix}"
        if source.exists():
            shutil.copyfile(source, work / f"{DATABASE_NAME}{suffix}")
    return work / DATABASE_NAME


def newest_good_backup(home: Path) -> Path | None:
    """The most recent backup that passes the integrity check now."""
    for candidate in every_backup(home):
        if integrity_problem(candidate) is None:
            return candidate
    return None


def _swap_in(home: Path) -> list[Path]:
    """Keep the damaged files aside (links or copies), journal the swap, then make it."""
    when = stamp()
    aside: list[Path] = []
    for suffix in SUFFIXES:
        damaged = home / f"{DATABASE_NAME}{suffix}"
        if damaged.exists():
            kept = _free_name(home / f"{DATABASE_NAME}{suffix}.damaged-{when}")
            _link_or_copy(damaged, kept)
            aside.append(kept)
    _fsync_folder(home)
    journal = {"merged": MERGED_NAME, "kept_aside": [path.name for path in aside], "at": when}
    write_atomically(home / RESTORE_JOURNAL, json.dumps(journal).encode("utf-8"))
    _finish_swap(home)
    return aside


def _finish_swap(home: Path) -> None:
    """Put the checked new database in place: its old WAL goes first (it belongs to the damaged
    file and must never be replayed onto the new one), then the file itself, atomically."""
    merged = home / MERGED_NAME
    if merged.exists():
        for suffix in ("-wal", "-shm"):
            (home / f"{DATABASE_NAME}{suffix}").unlink(missing_ok=True)
        os.replace(merged, home / DATABASE_NAME)
        _fsync_folder(home)
    (home / RESTORE_JOURNAL).unlink(missing_ok=True)
    _fsync_folder(home)


def _discard_stale_work(home: Path) -> None:
    """What a repair killed before its journal left behind (the store was never touched)."""
    for leftover in (MERGED_NAME, MERGED_NAME + "-journal"):
        _discard(home / leftover)
    shutil.rmtree(home / WORK_FOLDER, ignore_errors=True)


def _empty_but_backed_up(home: Path) -> tuple[Path, int] | None:
    if _assessment_count(home / DATABASE_NAME, immutable=False) != 0:
        return None
    backup = newest_good_backup(home)
    if backup is None:
        return None
    count = _assessment_count(backup, immutable=True)
    return (backup, count) if count else None


def _assessment_count(path: Path, *, immutable: bool) -> int | None:
    params = {"mode": "ro", **({"immutable": "1"} if immutable else {})}
    try:
        connection = sqlite3.connect(sqlite_uri(path, **params), uri=True)
        try:
            return int(connection.execute("SELECT count(*) FROM assessments").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def check_evidence(home: Path) -> dict[str, str]:
    """Each evidence file the database lists that is missing or no longer matches its hash."""
    from selfassess.core.store.sources import evidence_problem

    try:
        connection = sqlite3.connect(sqlite_uri(home / DATABASE_NAME, mode="ro"), uri=True)
        try:
            listed = [
                str(row[0]) for row in connection.execute("SELECT sha256 FROM evidence_files")
            ]
        finally:
            connection.close()
    except sqlite3.Error:
        return {}
    problems = {sha256: evidence_problem(home, sha256) for sha256 in listed}
    return {sha256: problem for sha256, problem in problems.items() if problem}


def _free_name(wanted: Path) -> Path:
    """`wanted`, or `wanted-2`, `-3`... when a repair stopped in the same second left it."""
    candidate, number = wanted, 1
    while candidate.exists():
        number += 1
        candidate = wanted.with_name(f"{wanted.name}-{number}")
    return candidate


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
