"""Opening the SQLite database safely, migrating it, and running each change as one durable
transaction; telling a damaged file from a full disk, a read-only folder or a busy store.

WAL journal with `synchronous=FULL`: a commit is on disk before `transaction()` returns, so a
caller may say "saved" right after. Writers take the lock up front (`BEGIN IMMEDIATE`) and wait up
to `BUSY_TIMEOUT_S` for another process; past that the user is told the store is in use.

Every connection is a `GuardedConnection`: an SQLite failure met while reading or writing (a
damaged page, a full disk, a vanished file) reaches the caller as a `StoreError` that says what
happened, never as raw SQLite text or a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from selfassess.core.errors import StoreError
from selfassess.core.store.conditions import store_error
from selfassess.core.store.schema import MIGRATIONS, SCHEMA_VERSION

DATABASE_NAME = "selfassess.db"
BUSY_TIMEOUT_S = 10.0
BeforeMigration = Callable[[sqlite3.Connection, int], None]
"""Called with the connection and its schema version before an old database is migrated."""


def now() -> str:
    """The current time as UTC ISO 8601 with a 'Z', to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for `path` that SQLite reads back as the same file whatever the path holds
    (spaces, accents, `#`, `?`, `%`), with query parameters such as mode=ro."""
    absolute = os.path.abspath(path)
    uri = "file:" + quote(os.fsencode(absolute.replace(os.sep, "/")), safe="/:")
    if params:
        uri += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return uri


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose SQLite failures become `StoreError`s naming the store."""

    store_path: Path

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        with _guard(self.store_path):
            super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> GuardedCursor:
        with _guard(self.store_path):
            super().executemany(sql, seq_of_parameters)
        return self

    def fetchone(self) -> Any:
        with _guard(self.store_path):
            return super().fetchone()

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        with _guard(self.store_path):
            return super().fetchmany(size if size is not None else self.arraysize)

    def fetchall(self) -> list[Any]:
        with _guard(self.store_path):
            return super().fetchall()

    def __next__(self) -> Any:
        with _guard(self.store_path):
            return super().__next__()


class GuardedConnection(sqlite3.Connection):
    """A connection whose cursors (and `execute`) turn SQLite failures into `StoreError`s.

    Constraint and programming errors pass through unchanged: they are our bugs or the caller's
    to turn into a refusal, not conditions of the store.
    """

    store_path: Path = Path(DATABASE_NAME)

    def cursor(self, factory: Any = None) -> GuardedCursor:  # type: ignore[override]
        cursor = super().cursor(GuardedCursor)
        cursor.store_path = self.store_path
        return cursor

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> GuardedCursor:
        return self.cursor().executemany(sql, parameters)


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


def connect(
    path: Path,
    timeout: float = BUSY_TIMEOUT_S,
    *,
    read_only: bool = False,
    before_migration: BeforeMigration | None = None,
) -> sqlite3.Connection:
    """A connection to the database at `path`, created and migrated if needed; with
    `read_only`, one that never writes (the file must exist and be current)."""
    try:
        if read_only:
            connection = _connect_read_only(path, timeout)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                path,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
                factory=GuardedConnection,
            )
    except OSError as exc:
        raise store_error(exc, path) from None
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    assert isinstance(connection, GuardedConnection)
    connection.store_path = path
    try:
        if not read_only:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        if read_only:
            _require_current(connection, path)
        else:
            migrate(connection, path, before_migration)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """Read-only, even in a folder where SQLite cannot create its `-shm` file: then the file
    is opened as immutable, which is right since nobody can write there either."""
    if not path.is_file():
        raise StoreError.of("there is no data store at {path} yet", path=path)
    try:
        connection = sqlite3.connect(
            sqlite_uri(path, mode="ro"),
            uri=True,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
            factory=GuardedConnection,
        )
        assert isinstance(connection, GuardedConnection)
        connection.store_path = path
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except (sqlite3.OperationalError, StoreError):
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise  # commits still in the WAL: reading the file alone would hide them
        return sqlite3.connect(
            sqlite_uri(path, mode="ro", immutable="1"),
            uri=True,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
            factory=GuardedConnection,
        )


def _require_current(connection: sqlite3.Connection, path: Path) -> None:
    version = _version(connection)
    if version != SCHEMA_VERSION:
        raise StoreError.of(
            "the data store at {path} needs an update (schema {version}) that cannot be written "
            "in a read-only folder; open it once where it can be written",
            path=path,
            version=version,
        )


def migrate(
    connection: sqlite3.Connection, path: Path, before_migration: BeforeMigration | None = None
) -> int:
    """Run the migrations this database has not had; returns the version it had before.

    A current database is only read, so opening it never waits for another process's write.
    An existing database is handed to `before_migration` (a backup) first.
    """
    version = _version(connection)
    if version == SCHEMA_VERSION:
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise StoreError.of(
            "the data store at {path} was written by a newer selfassess (schema {version}, this "
            "version reads up to {supported}); update selfassess to open it",
            path=path,
            version=version,
            supported=SCHEMA_VERSION,
        )
    if version > 0 and before_migration is not None:
        before_migration(connection, version)
    with _immediate(connection, path):
        version = _version(connection)
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
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None


@contextmanager
def _immediate(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise store_error(exc, path) from None
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            # SQLite may have rolled back itself (a full disk, a damaged page)
            with contextlib.suppress(sqlite3.Error, StoreError):
                connection.execute("ROLLBACK")
        raise
