"""The evidence an import adds to the locker, placed so that a refused, failed, cancelled or
killed import leaves none of it behind.

The import works in its own folder `evidence/.import-<pid>-<token>/`: first it lists there every
hash it may place (`placing`, flushed to disk), then copies each file it does not find in the
locker to a temporary name in that folder, flushed, marked with `PLACED_MARK` as its
modification time, and renamed to its hash. When the database has recorded them, the marks are
cleared and the folder removed; when anything fails, the files no row records are removed at
once; when the process is killed, the next open of the store removes them
(`evidence.remove_leftovers`, which documents the convention).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterable

from selfassess.core.store.evidence import (
    IMPORT_PREFIX,
    PLACED_MARK,
    PLACING_LIST,
    EvidenceLocker,
    fsync_folder,
    remove_unrecorded,
    still_there,
)

Fill = Callable[[Callable[[bytes], object]], None]
"""Writes a file's bytes through the sink it is given, checking them as it goes."""


class EvidenceBatch:
    """The files one import places in the locker."""

    def __init__(self, locker: EvidenceLocker, hashes: Iterable[str]) -> None:
        self.locker = locker
        self.hashes = sorted(set(hashes))
        self.folder = locker.root / f"{IMPORT_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
        self.placed: list[str] = []

    def start(self) -> None:
        """Make the import's folder and its list, on disk before any file is placed."""
        self.folder.mkdir(parents=True)
        with (self.folder / PLACING_LIST).open("w", encoding="ascii") as out:
            out.write("".join(f"{sha256}\n" for sha256 in self.hashes))
            out.flush()
            os.fsync(out.fileno())
        fsync_folder(self.folder)
        fsync_folder(self.locker.root)

    def place(self, sha256: str, fill: Fill) -> None:
        """Copy one file into the locker unless it is there already."""
        target = self.locker.path_of(sha256)
        if still_there(target):
            return
        temporary = self.folder / f"{sha256}.part"
        with temporary.open("wb") as out:
            fill(out.write)
            out.flush()
            os.fsync(out.fileno())
        os.utime(temporary, (PLACED_MARK, PLACED_MARK))
        target.parent.mkdir(exist_ok=True)
        if still_there(target):  # another writer was quicker: its copy stays
            temporary.unlink()
            return
        os.replace(temporary, target)
        self.placed.append(sha256)
        fsync_folder(target.parent)

    def finish(self) -> None:
        """The database recorded the files: clear their marks and remove the folder."""
        for sha256 in self.placed:
            with contextlib.suppress(OSError):
                os.utime(self.locker.path_of(sha256))
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self, conn: sqlite3.Connection) -> None:
        """The import failed: remove the files it placed that no row records."""
        if remove_unrecorded(self.locker, conn, self.placed, set()):
            shutil.rmtree(self.folder, ignore_errors=True)
