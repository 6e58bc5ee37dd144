"""The store of one data home: its database, evidence locker and backups, opened together.

with Store.open(home) as store:
    with store.write() as conn:   # one durable transaction
        ...
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from selfassess.core.preferences import read_preferences
from selfassess.core.store.database import BUSY_TIMEOUT_S, DATABASE_NAME, connect, transaction
from selfassess.core.store.evidence import EvidenceLocker

SETTINGS_NAME = "settings.json"


class Store:
    """An open data home. Not shared between threads: open one per thread that needs it."""

    def __init__(self, home: Path, connection: sqlite3.Connection, limit_bytes: int) -> None:
        self.home = home
        self.connection = connection
        self.evidence = EvidenceLocker(home / "evidence", limit_bytes)

    @classmethod
    def open(cls, home: Path, *, backup: bool = True, timeout: float = BUSY_TIMEOUT_S) -> Store:
        """Open (creating if needed) the store in `home`; takes the day's backup if due.

        `timeout` is how long a write waits for another process holding the store.
        """
        connection = connect(home / DATABASE_NAME, timeout)
        store = cls(home, connection, evidence_limit(home))
        if backup:
            from selfassess.core.store.backup import backup_if_due

            backup_if_due(store)
        return store

    @property
    def database_path(self) -> Path:
        return self.home / DATABASE_NAME

    def close(self) -> None:
        self.connection.close()

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
        """One write transaction, committed durably when the block ends without an error."""
        with transaction(self.connection, self.database_path) as conn:
            yield conn

    def read(self) -> sqlite3.Connection:
        return self.connection


def evidence_limit(home: Path) -> int:
    """The evidence size limit in bytes: `evidence_limit_mb` in settings.json, else 25 MB."""
    return read_preferences(home).evidence_limit_bytes
