"""Reading everything a damaged database still yields, table by table and row by row.

A damaged page makes SQLite fail a scan where it meets it; the scan goes on after it: rows are
read in rowid order in batches, a failing batch is retried row by row, and an unreadable stretch
is stepped over (growing steps, then a binary search back to the first readable row after it),
so that one bad page costs the rows on it and no more. The caller works on a copy of the damaged
file (with its WAL, so the newest commits are read); the original is never written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.core.store.schema import TABLES

BATCH = 500
MAX_SKIP_PROBES = 64
Row = tuple[Any, ...]


@dataclass
class TableSalvage:
    """The rows read from one table: `rows` start with the rowid, then `columns` in order."""

    name: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    complete: bool = True
    skipped_ranges: list[tuple[int | None, int | None]] = field(default_factory=list)
    problem: str | None = None


@dataclass
class Salvage:
    """What a damaged database yielded; `readable` false when not even its schema could be
    read (then nothing came from it)."""

    tables: dict[str, TableSalvage] = field(default_factory=dict)
    readable: bool = True
    problem: str | None = None
    schema_version: int | None = None

    @property
    def complete(self) -> bool:
        return self.readable and all(table.complete for table in self.tables.values())


def salvage(path: Path) -> Salvage:
    """Read what the database copy at `path` yields."""
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        return Salvage(readable=False, problem=str(exc))
    try:
        return _salvage(connection)
    finally:
        connection.close()


def _salvage(connection: sqlite3.Connection) -> Salvage:
    result = Salvage()
    try:
        result.schema_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        present = {
            str(name)
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.Error as exc:
        return Salvage(readable=False, problem=str(exc))
    for table in TABLES:
        if table not in present:
            continue
        try:
            columns = [str(row[1]) for row in connection.execute(f"PRAGMA table_info({table})")]
        except sqlite3.Error as exc:
            result.tables[table] = TableSalvage(table, [], complete=False, problem=str(exc))
            continue
        result.tables[table] = scan_table(connection, table, columns)
    return result


def scan_table(connection: sqlite3.Connection, table: str, columns: list[str]) -> TableSalvage:
    """Every readable row of `table`, stepping over what cannot be read."""
    found = TableSalvage(table, columns)
    query = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid > ? ORDER BY rowid"
    last: int = -(2**63)
    while True:
        batch, error = _read(connection, query + f" LIMIT {BATCH}", last)
        if error is not None:
            batch, error = _read_one_by_one(connection, query, last)
        found.rows.extend(batch)
        if batch:
            last = int(batch[-1][0])
        if error is None and not batch:
            return found
        if error is not None:
            found.complete = False
            found.problem = found.problem or error
            resume = _next_readable(connection, query, last)
            found.skipped_ranges.append((last, resume))
            if resume is None:
                return found
            last = resume - 1


def _read(connection: sqlite3.Connection, query: str, after: int) -> tuple[list[Row], str | None]:
    try:
        return connection.execute(query, (after,)).fetchall(), None
    except sqlite3.Error as exc:
        return [], str(exc)


def _read_one_by_one(
    connection: sqlite3.Connection, query: str, after: int
) -> tuple[list[Row], str | None]:
    rows: list[Row] = []
    for _ in range(BATCH):
        batch, error = _read(connection, query + " LIMIT 1", after)
        if error is not None:
            return rows, error
        if not batch:
            return rows, None
        rows.extend(batch)
        after = int(batch[0][0])
    return rows, None


def _readable_from(connection: sqlite3.Connection, query: str, start: int) -> bool | None:
    """True when a row after `start` can be read, None when there is none, False on error."""
    batch, error = _read(connection, query + " LIMIT 1", start)
    if error is not None:
        return False
    return True if batch else None


def _next_readable(connection: sqlite3.Connection, query: str, failed_after: int) -> int | None:
    """The smallest rowid past the unreadable stretch after `failed_after` from which reading
    works again, or None when nothing further can be read."""
    bad, step = failed_after, 1
    good: int | None = None
    for _ in range(MAX_SKIP_PROBES):
        probe = failed_after + step
        if probe >= 2**63 - 1:
            break
        state = _readable_from(connection, query, probe)
        if state is None:  # nothing past here: the stretch ran to the end
            return None
        if state:
            good = probe
            break
        bad, step = probe, step * 2
    if good is None:
        return None
    while good - bad > 1:  # reading works from `good`, not from `bad`: find the boundary
        middle = (bad + good) // 2
        if _readable_from(connection, query, middle) is False:
            bad = middle
        else:
            good = middle
    return good + 1
