"""The store of one data home: its database, evidence locker and backups, opened together.

with Store.open(home) as store:
    with store.write() as conn:   # one durable transaction
        ...
    with store.batch():           # several writes (service calls) as one transaction
        ...
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from selfassess.core.errors import StoreError, write_failure
from selfassess.core.preferences import read_preferences
from selfassess.core.store.conditions import Condition, error_for, folder_condition
from selfassess.core.store.database import BUSY_TIMEOUT_S, DATABASE_NAME, connect, transaction
from selfassess.core.store.evidence import EvidenceLocker, remove_leftovers
from selfassess.core.store.lock import NotLockable, StoreLock

SETTINGS_NAME = "settings.json"


class Store:
    """An open data home. Not shared between threads: open one per thread that needs it.

    While open, it holds the store's lock shared (lock.py), so `doctor` never repairs under it.
    `read_only` stores (a read-only disk or folder, or asked for) read everything and refuse
    every write with a message saying so; so does a store whose database is damaged.
    """

    def __init__(
        self,
        home: Path,
        connection: sqlite3.Connection,
        limit_bytes: int,
        *,
        read_only: bool = False,
        lock: StoreLock | None = None,
    ) -> None:
        self.home = home
        self.connection = connection
        self.evidence = EvidenceLocker(home / "evidence", limit_bytes)
        self.read_only = read_only
        self.damage: StoreError | None = None
        self.refusal: StoreError | None = None  # why a read-only store refuses to write
        self.wrote = False
        self._lock = lock
        self._batch: sqlite3.Connection | None = None  # the transaction `batch` holds open

    @classmethod
    def open(
        cls,
        home: Path,
        *,
        backup: bool = True,
        timeout: float = BUSY_TIMEOUT_S,
        read_only: bool = False,
    ) -> Store:
        """Open (creating if needed) the store in `home`; takes the day's backup if due.

        `timeout` is how long a write waits for another process holding the store. A home
        that cannot be written is opened read-only.
        """
        from selfassess.core.store.doctor import repair_interrupted

        if repair_interrupted(home):
            raise StoreError.of(
                "a repair of the data store at {path} was interrupted; run `selfassess doctor` "
                "to finish it (your data is safe)",
                path=home,
            )
        lock = None if read_only else _lock_or_none(home, timeout)
        refusal = _read_only_refusal(home) if read_only or lock is None else None
        try:
            connection, refusal = _connect(home, timeout, refusal)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(
            home, connection, evidence_limit(home), read_only=refusal is not None, lock=lock
        )
        store.refusal = refusal
        store.damage = _damage(connection, store.database_path)
        if store.writable:
            remove_leftovers(store.evidence, connection)  # what killed imports and attaches left
            if backup:
                from selfassess.core.store.backup import backup_if_due

                backup_if_due(store)
        return store

    @property
    def database_path(self) -> Path:
        return self.home / DATABASE_NAME

    @property
    def writable(self) -> bool:
        return not self.read_only and self.damage is None

    def close(self, *, end_of_work: bool = False) -> None:
        """Close the store. A program that wrote refreshes the day's backup on its way out (at
        most every few minutes); `end_of_work` (the app closing) always refreshes it."""
        try:
            if self.writable and (self.wrote or end_of_work):
                from selfassess.core.store.backup import backup_after_work

                with contextlib.suppress(StoreError):  # the work is saved; a backup may wait
                    backup_after_work(self, force=end_of_work)
        finally:
            self.connection.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed durably when the block ends without an error.
        Inside `batch`, a savepoint of the batch's transaction: undone alone when it fails,
        committed only with the whole batch."""
        if self._batch is not None:
            with _savepoint(self._batch):
                yield self._batch
            return
        if self.damage is not None:
            raise self.damage
        if self.read_only:
            raise self.refusal or _read_only_refusal(self.home)
        with transaction(self.connection, self.database_path) as conn:
            yield conn
        self.wrote = True

    @contextmanager
    def batch(self) -> Iterator[sqlite3.Connection]:
        """Every `write` made in the block (by any service) as one durable transaction: all of
        them are committed when the block ends without an error, none when it raises. For an
        import that must never leave half of what it writes (core/submissions)."""
        if self._batch is not None:
            raise RuntimeError("batches do not nest")
        with self.write() as conn:
            self._batch = conn
            try:
                yield conn
            finally:
                self._batch = None

    def read(self) -> sqlite3.Connection:
        return self.connection


@contextmanager
def _savepoint(connection: sqlite3.Connection) -> Iterator[None]:
    """A nested write inside a batch: released on success, rolled back alone on an error."""
    connection.execute("SAVEPOINT batch_write")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error, StoreError):
            connection.execute("ROLLBACK TO batch_write")
            connection.execute("RELEASE batch_write")
        raise
    connection.execute("RELEASE batch_write")


def _lock_or_none(home: Path, timeout: float) -> StoreLock | None:
    """The store's lock held shared, or None when the home cannot be written (read-only)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if not home.is_dir():
            raise write_failure(home, exc) from None
    try:
        return StoreLock.acquire(home, exclusive=False, timeout=timeout)
    except NotLockable:
        return None
    except OSError as exc:
        raise write_failure(home, exc) from None


def _connect(
    home: Path, timeout: float, refusal: StoreError | None
) -> tuple[sqlite3.Connection, StoreError | None]:
    """The connection, and why it refuses writes if it does: a store on a full disk (where
    SQLite cannot even make its shared-memory file) is still opened to be read."""
    path = home / DATABASE_NAME

    def prepare(conn: sqlite3.Connection, version: int) -> None:
        _before_migration(home, conn, version)

    try:
        connection = connect(path, timeout, read_only=refusal is not None, before_migration=prepare)
    except StoreError as error:
        existing = path.is_file() and path.stat().st_size > 0
        if refusal is not None or not existing or folder_condition(path) is not Condition.FULL:
            raise
        return connect(path, timeout, read_only=True), error
    return connection, refusal


def _read_only_refusal(home: Path) -> StoreError:
    return StoreError.of("the data store at {path} is read-only: nothing was changed", path=home)


def _before_migration(home: Path, connection: sqlite3.Connection, version: int) -> None:
    from selfassess.core.store.backup import occasional_backup

    occasional_backup(connection, home, f"migration-from-v{version}")


def _damage(connection: sqlite3.Connection, path: Path) -> StoreError | None:
    """SQLite's quick check of the database: a damaged one is read, never written into."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except StoreError as error:
        return error
    result = "; ".join(str(row[0]) for row in rows)
    if result == "ok":
        return None
    return error_for(Condition.DAMAGED, path, result[:300])


def evidence_limit(home: Path) -> int:
    """The evidence size limit in bytes: `evidence_limit_mb` in settings.json, else 25 MB."""
    return read_preferences(home).evidence_limit_bytes
