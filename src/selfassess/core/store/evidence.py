"""The evidence locker: files copied into `<home>/evidence/ab/<sha256>`, named by their content.

A file is hashed while it is copied to a temporary name in the same folder, flushed to disk, and
only then renamed to its hash, so a crash never leaves a partial file under a real name. The same
content added twice is stored once; any number of questions may point at it.

What a killed writer leaves behind is removed at the next open of the store
(`remove_leftovers`): staging files `.incoming-<pid>-*` of a process that is gone (or untouched
for an hour), and the files an import placed but never recorded. An import (core/archive)
works in a folder `.import-<pid>-<token>/` whose file `placing` lists, before any is placed, the
hashes it may place; each file it places is renamed into the locker with the modification time
`PLACED_MARK`. A file is removed only when a gone import listed it, it still carries the mark,
no row records it and no live import lists it: a writer that finds a file already there touches
it (`add_stream`), so a file about to be committed by someone else is never taken away.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import mimetypes
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.store.database import now
from selfassess.core.store.records import Attachment

DEFAULT_LIMIT_BYTES = 25 * 1024 * 1024
CHUNK = 1024 * 1024
STAGING_PREFIX = ".incoming-"
IMPORT_PREFIX = ".import-"
PLACING_LIST = "placing"
PLACED_MARK = 946_684_800  # 2000-01-01T00:00:00Z: the mtime of a file an import has not recorded
STALE_S = 3600  # a staging file untouched this long has no live writer


# Per language: the words for bytes, kilobytes and megabytes, and the decimal mark.
SIZE_UNITS = {
    "en": ("bytes", "KB", "MB", "."),
    "fr": ("octets", "Ko", "Mo", ","),
    "sw": ("baiti", "KB", "MB", "."),
}


def describe_size(size: int, language: str = "en") -> str:
    """A size as people say it: 812 bytes, 3.4 MB (in French: 812 octets, 3,4 Mo)."""
    in_bytes, kilo, mega, point = SIZE_UNITS.get(language, SIZE_UNITS["en"])
    if size < 1024:
        return f"{size} {in_bytes}"
    amount, unit = (size / 1024, kilo) if size < 1024 * 1024 else (size / (1024 * 1024), mega)
    return f"{amount:.1f}".replace(".", point) + f" {unit}"


def media_type_of(name: str) -> str:
    """The media type a file name suggests, or application/octet-stream."""
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


class EvidenceLocker:
    """The content-addressed folder of evidence files."""

    def __init__(self, root: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.root = root
        self.limit_bytes = limit_bytes

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def add_file(self, source: Path) -> tuple[str, int]:
        """Copy `source` into the locker; returns its SHA-256 and size."""
        try:
            size = source.stat().st_size
            if not source.is_file():
                raise InvalidInput.of("{source} is not a file", source=source)
            self._check_size(source.name, size)
            with source.open("rb") as stream:
                return self.add_stream(stream, source.name)
        except FileNotFoundError:
            raise InvalidInput.of("{source}: no such file", source=source) from None
        except PermissionError:
            raise InvalidInput.of("{source}: permission denied", source=source) from None

    def add_stream(self, stream: IO[bytes], name: str) -> tuple[str, int]:
        """Copy a readable stream into the locker, refusing it past the size limit."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        prefix = f"{STAGING_PREFIX}{os.getpid()}-"
        descriptor, temporary = tempfile.mkstemp(prefix=prefix, dir=self.root)
        try:
            with os.fdopen(descriptor, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self._check_size(name, size)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if still_there(target):
                os.unlink(temporary)
            else:
                target.parent.mkdir(exist_ok=True)
                os.replace(temporary, target)
                fsync_folder(target.parent)
        except OSError as exc:
            _discard(temporary)
            raise _store_failure(name, exc) from None
        except BaseException:
            _discard(temporary)
            raise
        return sha256, size

    def _check_size(self, name: str, size: int) -> None:
        if size > self.limit_bytes:
            raise InvalidInput.of(
                "{name} is larger than the limit of {limit} a file; send a smaller copy "
                "(a photo at lower resolution, a PDF of the key pages)",
                name=name,
                limit=describe_size(self.limit_bytes),
            )

    def verify(self, sha256: str) -> str | None:
        """None when the stored file is intact, else what is wrong with it."""
        path = self.path_of(sha256)
        if not path.is_file():
            return "missing"
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
        return None if digest.hexdigest() == sha256 else "content does not match its hash"


def _discard(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on this platform (Windows): the rename is still atomic
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def record_file(conn: sqlite3.Connection, sha256: str, size: int, media_type: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, added_at) "
        "VALUES (?, ?, ?, ?)",
        (sha256, size, media_type, now()),
    )


def link(
    conn: sqlite3.Connection, assessment_id: str, question_id: str, sha256: str, name: str
) -> bool:
    """Attach a stored file to a question; False when it was attached already."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO attachments (assessment_id, question_id, sha256, original_name, "
        "added_at) VALUES (?, ?, ?, ?, ?)",
        (assessment_id, question_id, sha256, name, now()),
    )
    return cursor.rowcount == 1


def unlink(conn: sqlite3.Connection, assessment_id: str, question_id: str, sha256: str) -> bool:
    cursor = conn.execute(
        "DELETE FROM attachments WHERE assessment_id = ? AND question_id = ? AND sha256 = ?",
        (assessment_id, question_id, sha256),
    )
    return cursor.rowcount == 1


def attachments(conn: sqlite3.Connection, assessment_id: str) -> list[Attachment]:
    rows = conn.execute(
        "SELECT a.question_id, a.sha256, a.original_name, f.media_type, f.size, a.added_at "
        "FROM attachments a JOIN evidence_files f ON f.sha256 = a.sha256 "
        "WHERE a.assessment_id = ? ORDER BY a.added_at, a.question_id",
        (assessment_id,),
    ).fetchall()
    return [Attachment(*row) for row in rows]


def all_files(conn: sqlite3.Connection) -> Iterable[tuple[str, int]]:
    return conn.execute("SELECT sha256, size FROM evidence_files ORDER BY sha256").fetchall()


def _store_failure(name: str, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StoreError.of(
            "could not store {name} in the evidence folder: the disk is full; free some space "
            "and try again",
            name=name,
        )
    return StoreError.of(
        "could not store {name} in the evidence folder: {reason}",
        name=name,
        reason=exc.strerror or str(exc),
    )


def still_there(target: Path) -> bool:
    """Whether `target` exists, touching it so that no cleanup takes it as an import's leftover
    (see the module's docstring)."""
    try:
        os.utime(target)
    except FileNotFoundError:
        return False
    return True


def remove_leftovers(locker: EvidenceLocker, conn: sqlite3.Connection) -> None:
    """Remove what killed writers left in the locker: staging files and the unrecorded files of
    imports that are gone. Never raises: a folder that cannot be cleaned is left as it is."""
    try:
        entries = list(os.scandir(locker.root))
    except OSError:
        return  # no locker yet, or one we cannot read
    gone: list[Path] = []
    live: set[str] = set()
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.name.startswith(STAGING_PREFIX) and _abandoned(entry):
                os.unlink(entry.path)
            elif entry.name.startswith(IMPORT_PREFIX) and entry.is_dir(follow_symlinks=False):
                if _abandoned(entry):
                    gone.append(Path(entry.path))
                else:
                    live.update(placing(Path(entry.path)))
    for folder in gone:
        if remove_unrecorded(locker, conn, placing(folder), live):
            shutil.rmtree(folder, ignore_errors=True)


def placing(folder: Path) -> list[str]:
    """The hashes an import's folder lists as those it may place (none if it cannot be read)."""
    try:
        text = (folder / PLACING_LIST).read_text(encoding="ascii")
    except (OSError, ValueError):
        return []
    return [line for line in text.split() if len(line) == 64 and line.isalnum()]


def remove_unrecorded(
    locker: EvidenceLocker, conn: sqlite3.Connection, hashes: Iterable[str], live: set[str]
) -> bool:
    """Remove the files among `hashes` that an import placed and no row records, unless a live
    import lists them or a writer touched them since; False if some could not be checked."""
    settled = True
    for sha256 in hashes:
        path = locker.path_of(sha256)
        try:
            if sha256 in live or abs(path.stat().st_mtime - PLACED_MARK) > 86_400:
                continue  # a day either way: FAT keeps local time, to two seconds
            recorded = conn.execute(
                "SELECT 1 FROM evidence_files WHERE sha256 = ?", (sha256,)
            ).fetchone()
            if recorded is None:
                os.unlink(path)
        except FileNotFoundError:
            continue
        except (OSError, sqlite3.Error, StoreError):
            settled = False
    return settled


def _abandoned(entry: os.DirEntry[str]) -> bool:
    """Whether the writer of a staging file or import folder is gone: the process named by the
    id in its name has ended, or it has not been touched for `STALE_S` (a day when that process
    still runs: the id may have been given to another program since)."""
    pid = entry.name.split("-", 2)[1] if entry.name.count("-") >= 2 else ""
    running = _running(int(pid)) if pid.isdigit() and len(pid) < 10 else None
    if running is False:
        return True
    limit = STALE_S * 24 if running else STALE_S
    return time.time() - entry.stat(follow_symlinks=False).st_mtime > limit


def _running(pid: int) -> bool | None:
    """Whether process `pid` runs; None where we cannot tell."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return None  # os.kill(pid, 0) would end the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's
    return True
