"""Files written whole or not at all, and files read within bounds.

`write_atomically` writes a temporary file in the same folder, flushed to disk, then renames it
over the target, so that a crash or a full disk never leaves half a file; it makes the folder of
the app's own files when missing. `write_output` does the same for a file the user named, in a
folder that must exist already (it is never created) and under a name that is not a folder or a
device; `output_being_written` is its stream form, for outputs too large to hold in memory.
`read_input` reads a file the user named, refusing folders, pipes and devices (so that
`/dev/zero` cannot hang the app or fill its memory) and anything larger than the caller expects.
A bug's traceback goes to a crash report in the data home (`write_crash_report`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from selfassess.core.errors import InvalidInput, UserError, write_failure

PACK_LIMIT = 512 * 1024 * 1024  # the largest pack read whole: many photos, carried as they are


def write_atomically(target: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace `target` with `data`; a StoreError that names the file if it cannot be done."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failure(target, exc) from None
    _replace(target, data, mode)


def write_output(target: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write `data` to the file the user chose, whole or not at all; the folder must exist."""
    _replace(check_output_file(target), data, mode)


@contextlib.contextmanager
def output_being_written(target: Path, *, mode: int = 0o644) -> Iterator[PartialOutput]:
    """A file the user chose, written through a stream (readable and seekable too) and put in
    place, flushed to disk, only when the block ends without an error; otherwise nothing is left
    behind. For outputs too large to hold in memory (a pack carrying large evidence)."""
    check_output_file(target)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        descriptor = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "w+b") as stream:
            yield PartialOutput(stream, partial)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except OSError as exc:
        _discard(partial)
        raise write_failure(target, exc) from None
    except BaseException:
        _discard(partial)
        raise


@dataclass(frozen=True)
class PartialOutput:
    """The stream of an output being written, and the file it is written to until it is whole."""

    stream: BinaryIO
    path: Path


def check_output_file(target: Path) -> Path:
    """`target` if a file can be written under that name, else a refusal that says why."""
    folder = target.parent
    try:
        folder_state = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InvalidInput.of(
            "the folder {folder} does not exist; create it first or choose another folder",
            folder=folder,
        ) from None
    except OSError as exc:
        raise write_failure(target, exc) from None
    if not stat.S_ISDIR(folder_state.st_mode):
        raise InvalidInput.of("{folder} is not a folder", folder=folder)
    try:
        state = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise write_failure(target, exc) from None
    if stat.S_ISDIR(state.st_mode):
        raise InvalidInput.of(
            "{target} is a folder; give the name of a file to write in it", target=target
        )
    if not stat.S_ISREG(state.st_mode):
        raise InvalidInput.of(
            "{target} is not an ordinary file (a device or a pipe); choose a file name",
            target=target,
        )
    return target


def check_input_file(source: Path) -> Path:
    """`source` if it is an ordinary file (not a folder, a pipe or a device), else a refusal."""
    try:
        kind = source.stat().st_mode
    except OSError as exc:
        raise read_failure(source, exc) from None
    if stat.S_ISDIR(kind):
        raise InvalidInput.of("{source} is a folder, not a file", source=source)
    if not stat.S_ISREG(kind):
        raise InvalidInput.of(
            "{source} is not an ordinary file (a device or a pipe)", source=source
        )
    return source


def read_input(source: Path, limit: int) -> bytes:
    """The bytes of the ordinary file `source`, refused when larger than `limit` bytes."""
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise read_failure(source, exc) from None
    try:
        kind = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(kind):
            raise InvalidInput.of("{source} is a folder, not a file", source=source)
        if not stat.S_ISREG(kind):
            raise InvalidInput.of(
                "{source} is not an ordinary file (a device or a pipe)", source=source
            )
        data = _read_at_most(descriptor, limit + 1)
    except OSError as exc:
        raise read_failure(source, exc) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        size = f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise InvalidInput.of(
            "{source} is larger than {size}: not a file selfassess reads", source=source, size=size
        )
    return data


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(descriptor, min(size, 1024 * 1024))):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_failure(source: Path, exc: OSError) -> InvalidInput:
    """A file the user named that cannot be opened, saying why in plain words."""
    if isinstance(exc, FileNotFoundError):
        return InvalidInput.of("{source}: no such file", source=source)
    if isinstance(exc, IsADirectoryError):
        return InvalidInput.of("{source} is a folder, not a file", source=source)
    if isinstance(exc, PermissionError):
        return InvalidInput.of("{source}: permission denied", source=source)
    return InvalidInput.of(
        "{source} cannot be read: {reason}", source=source, reason=exc.strerror or exc
    )


def write_crash_report(home: Path, error: BaseException) -> Path | None:
    """The traceback of a bug, kept in `<home>/crash-reports/` to be sent to the developers;
    None when even that cannot be written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = home / "crash-reports" / f"crash-{stamp}-{secrets.token_hex(2)}.txt"
    text = "".join(traceback.format_exception(error))
    try:
        write_atomically(target, text.encode("utf-8", "backslashreplace"))
    except UserError:
        return None
    return target


def _replace(target: Path, data: bytes, mode: int) -> None:
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except OSError as exc:
        _discard(partial)
        raise write_failure(target, exc) from None
    except BaseException:
        _discard(partial)
        raise


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
