"""What went wrong with the store, in words: a damaged file is told apart from a full disk, a
read-only folder, a missing permission, a vanished file or another process holding the store.

Only SQLite's own verdict that a file is corrupt (SQLITE_CORRUPT, SQLITE_NOTADB) or a failed
integrity check calls the data damaged; an I/O error on a disk that is full or read-only is
reported as that, so that `doctor` never moves a healthy database aside.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from selfassess.core.errors import StoreBusy, StoreError

# SQLite's primary result codes (https://sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_AUTH, SQLITE_NOTADB = 23, 26
LOW_SPACE_BYTES = 256 * 1024
"""Below this much free space a failed write is taken to be a full disk."""


class Condition(StrEnum):
    """What kind of trouble a failure is."""

    DAMAGED = "damaged"
    FULL = "disk full"
    READ_ONLY = "read-only"
    PERMISSION = "permission denied"
    BUSY = "in use"
    MISSING = "missing"
    IO = "I/O error"
    OTHER = "other"


def folder_condition(path: Path) -> Condition | None:
    """FULL, READ_ONLY or PERMISSION when the folder holding `path` (or `path`, a folder) is
    in that state; None when it looks writable."""
    folder = path if path.is_dir() else path.parent
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs on Windows: rely on the error itself
        return None
    if info.f_flag & os.ST_RDONLY:
        return Condition.READ_ONLY
    free = info.f_bfree if os.name == "posix" and os.geteuid() == 0 else info.f_bavail
    if free * info.f_frsize < LOW_SPACE_BYTES:
        return Condition.FULL
    if not os.access(folder, os.W_OK):
        return Condition.PERMISSION
    return None


def sqlite_condition(exc: sqlite3.Error, path: Path) -> Condition:
    """The kind of trouble behind an SQLite error met on the database at `path`."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return Condition.DAMAGED
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text:
        return Condition.BUSY
    if code == SQLITE_FULL or "is full" in text:
        return Condition.FULL
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN, SQLITE_IOERR):
        return folder_condition(path) or _unexplained(code, path)
    if "readonly" in text or "read-only" in text:
        return Condition.READ_ONLY
    return Condition.OTHER


def _unexplained(code: int, path: Path) -> Condition:
    if code == SQLITE_READONLY:
        return Condition.READ_ONLY
    if code == SQLITE_CANTOPEN and not path.parent.is_dir():
        return Condition.MISSING
    if code in (SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN):
        return Condition.PERMISSION if path.exists() else Condition.MISSING
    return Condition.IO


def os_condition(exc: OSError, path: Path) -> Condition:
    """The kind of trouble behind an operating-system error met at `path`."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Condition.FULL
    if exc.errno == errno.EROFS:
        return Condition.READ_ONLY
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Condition.PERMISSION
    if exc.errno == errno.ENOENT:
        return Condition.MISSING
    return folder_condition(path) or Condition.IO


def store_error(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """The message for a failure on the store at `path`: what happened and that nothing was
    changed (SQLite rolled the transaction back)."""
    kind = os_condition(exc, path) if isinstance(exc, OSError) else sqlite_condition(exc, path)
    return error_for(kind, path, str(exc))


def error_for(condition: Condition, path: Path, reason: str) -> StoreError:
    """The user's message for `condition` at the store `path`."""
    if condition is Condition.BUSY:
        return StoreBusy.of(
            "the data store at {path} is in use by another selfassess window or command; "
            "close it or try again",
            path=path,
        )
    if condition is Condition.FULL:
        return StoreError.of(
            "the disk holding {path} is full: nothing was changed; free some space and try again",
            path=path,
        )
    if condition is Condition.READ_ONLY:
        return StoreError.of(
            "the data store at {path} is read-only: nothing was changed", path=path
        )
    if condition is Condition.PERMISSION:
        return StoreError.of(
            "the data store at {path} cannot be opened: permission denied; nothing was changed",
            path=path,
        )
    if condition is Condition.MISSING:
        return StoreError.of(
            "the data store at {path} cannot be found (was the folder moved or the drive "
            "removed?); nothing was changed",
            path=path,
        )
    if condition is Condition.DAMAGED:
        return StoreError.of(
            "the data store at {path} is damaged ({reason}); run `selfassess doctor` to restore "
            "it from a backup",
            path=path,
            reason=reason,
        )
    if condition is Condition.IO:
        return StoreError.of(
            "the data store at {path} could not be read or written: the disk reported an error "
            "({reason}); nothing was changed. If it happens again the disk may be failing: copy "
            "your data elsewhere",
            path=path,
            reason=reason,
        )
    return StoreError.of(
        "the data store at {path} could not be written: {reason}", path=path, reason=reason
    )
