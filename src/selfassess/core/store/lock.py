"""The store's own lock, a file beside the database: every program that opens the store holds
it shared for as long as it has the store open; `doctor` holds it exclusively, so it never
repairs a database under a running writer, and no writer starts while it repairs.

POSIX `flock` on `<home>/selfassess.lock`. Where the folder cannot hold the lock file (a
read-only disk or folder), `acquire` says so and the store is opened read-only. On Windows,
which has no shared file locks in the standard library, the lock is not taken: SQLite's own
locking still keeps writers apart there.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path
from types import TracebackType

from selfassess.core.errors import StoreBusy

LOCK_NAME = "selfassess.lock"
POLL_S = 0.05

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class NotLockable(Exception):
    """The lock file cannot be made here (read-only disk or folder, no permission)."""


class StoreLock:
    """One hold of the store lock; release it with `release()` or a `with` block."""

    def __init__(self, descriptor: int | None, exclusive: bool) -> None:
        self._descriptor = descriptor
        self.exclusive = exclusive

    @classmethod
    def acquire(cls, home: Path, *, exclusive: bool, timeout: float) -> StoreLock:
        """Hold the lock of the store in `home`, waiting up to `timeout` seconds.

        Raises `StoreBusy` when another program keeps it, `NotLockable` when the folder cannot
        hold the lock file.
        """
        if fcntl is None:
            return cls(None, exclusive)
        try:
            descriptor = os.open(home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise NotLockable(str(exc)) from None
            raise
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
                return cls(descriptor, exclusive)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    raise _busy(home, exclusive) from None
                time.sleep(POLL_S)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the descriptor releases the flock
            self._descriptor = None

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _busy(home: Path, exclusive: bool) -> StoreBusy:
    if exclusive:
        return StoreBusy.of(
            "the data store at {path} is in use by another selfassess window or command; close "
            "it, then run `selfassess doctor` again",
            path=home,
        )
    return StoreBusy.of(
        "the data store at {path} is being checked or repaired by `selfassess doctor`; try "
        "again when it has finished",
        path=home,
    )
