"""Opening the SQLite database safely, migrating it, and running each change as one durable
transaction.

WAL journal with `synchronous=FULL`: a commit is on disk before `transaction()` returns, so a
caller may say "saved" right after. Writers take the lock up front (`BEGIN IMMEDIATE`) and wait up
to `BUSY_TIMEOUT_S` for another process; past that the user is told the store is in use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from selfassess.core.errors import StoreBusy, StoreError
from selfassess.core.store.schema import MIGRATIONS, SCHEMA_VERSION

DATABASE_NAME = "selfassess.db"
BUSY_TIMEOUT_S = 10.0


def now() -> str:
    """The current time as UTC ISO 8601 with a 'Z', to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def connect(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection to the database at `path`, created and migrated if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the data store at {path}: {exc}") from None
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        migrate(connection, path)
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise _store_error(exc, path) from None
    return connection


def migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Run the migrations this database has not had; returns the version it had before.

    A current database is only read, so opening it never waits for another process's write.
    """
    if _version(connection) == SCHEMA_VERSION:
        return SCHEMA_VERSION
    with _immediate(connection, path):
        version = _version(connection)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the data store at {path} was written by a newer selfassess (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION}); update selfassess to open it"
            )
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                connection.execute(statement)
        if version != SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    return version


def _version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


@contextmanager
def transaction(connection: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed durably on success, rolled back on any error."""
    try:
        with _immediate(connection, path):
            yield connection
    except sqlite3.Error as exc:
        raise _store_error(exc, path) from None


@contextmanager
def _immediate(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _store_error(exc, path) from None
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusy.of(
            "the data store at {path} is in use by another selfassess window or command; "
            "close it or try again",
            path=path,
        )
    if "full" in text:
        return StoreError.of(
            "the disk holding {path} is full: nothing was changed; free some space and try again",
            path=path,
        )
    if "readonly" in text or "read-only" in text:
        return StoreError.of(
            "the data store at {path} is read-only: nothing was changed", path=path
        )
    if "not a database" in text or "malformed" in text:
        return StoreError.of(
            "the data store at {path} is damaged ({reason}); run `selfassess doctor` to restore "
            "it from a backup",
            path=path,
            reason=text,
        )
    return StoreError.of(
        "the data store at {path} could not be written: {reason}", path=path, reason=text
    )
