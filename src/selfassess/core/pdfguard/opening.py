"""Opening a PDF that may be hostile: its size by stat before a byte is read, its start and its
end (the last signature's byte range) by cheap byte scans, then pyHanko's reader on the file
itself (a stream, never the bytes held twice) under the decoding limits, with its time budget.

    with open_pdf(path, limits) as opened:
        with guarded(limits):
            signatures = opened.reader.embedded_signatures

The reader sees exactly the signed part of a signed file: line ends a mail tool added after it
are left out with a note (`notes`), anything else after it sets `appended_after_signing`, which
the verifier reports as tampering.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO

from selfassess.core.findings import Finding
from selfassess.core.pdfguard.file_end import check_file_end
from selfassess.core.pdfguard.guard import (
    Unreadable,
    guarded,
    out_of_time,
    start_deadline,
    stop_deadline,
)
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.store.evidence import describe_size

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader

__all__ = ["OpenedPdf", "Unreadable", "guarded", "open_pdf"]

BUFFER = 64 * 1024


@dataclass
class OpenedPdf:
    """A PDF open for reading; close it (or use it in a `with` block) when done."""

    reader: PdfFileReader
    size: int  # the file's size on disk
    notes: list[Finding] = field(default_factory=list)
    appended_after_signing: bool = False
    signed_end: int | None = None  # where the last signature's byte range ends
    _closing: list[object] = field(default_factory=list, repr=False)

    def close(self) -> None:
        while self._closing:
            item = self._closing.pop()
            if isinstance(item, io.IOBase):
                item.close()
            else:
                stop_deadline(item)

    def __enter__(self) -> OpenedPdf:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def open_pdf(path: Path, limits: Limits) -> OpenedPdf:
    """Open the PDF at `path` within `limits`, or raise Unreadable saying why not."""
    size = _checked_size(path, limits)
    token = start_deadline(limits)
    try:
        stream = _open(path)
    except BaseException:
        stop_deadline(token)
        raise
    try:
        return _opened(stream, size, limits, token)
    except BaseException:
        stream.close()
        stop_deadline(token)
        raise


def _opened(stream: BinaryIO, size: int, limits: Limits, token: object) -> OpenedPdf:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if os.fstat(stream.fileno()).st_size != size:
        raise Unreadable.of("not a readable PDF: the file changed while it was being read")
    with guarded(limits):
        end = check_file_end(stream, size)
    window = io.BufferedReader(
        _Window(stream, end.readable_end, time.monotonic() + limits.time_budget_s, limits),
        BUFFER,
    )
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # its warnings are ours to word
    with guarded(limits):
        reader = PdfFileReader(window, strict=False, decode_limits=limits.decode_limits())
        if reader.encrypted:
            raise Unreadable.of("not a readable PDF: it is encrypted, which packs never are")
    opened = OpenedPdf(reader, size, appended_after_signing=end.appended_after_signing)
    opened.signed_end = end.signed_end
    opened._closing.extend([token, stream, window])
    if end.line_ends_after_signing:
        opened.notes.append(
            Finding.of(
                "{count} line-end bytes (CR, LF) after the signed part were left out: a mail "
                "or transfer tool added them",
                count=end.line_ends_after_signing,
            )
        )
    return opened


def _checked_size(path: Path, limits: Limits) -> int:
    """The file's size, by stat, refusing what is not a regular file or is too large."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise Unreadable.of("not a readable PDF: there is no such file") from None
    except PermissionError:
        raise Unreadable.of("not a readable PDF: permission denied") from None
    except (OSError, ValueError) as exc:
        raise _cannot_read(exc) from None
    if not stat.S_ISREG(status.st_mode):
        raise Unreadable.of(
            "not a readable PDF: it is not a regular file (a folder, a device or a pipe)"
        )
    if status.st_size == 0:
        raise Unreadable.of("not a readable PDF: the file is empty")
    if status.st_size > limits.max_file_bytes:
        raise Unreadable.of(
            "not a readable PDF: it is {size}, more than the {limit} that verify reads "
            "(verify_limit_mb in settings.json)",
            size=describe_size(status.st_size),
            limit=describe_size(limits.max_file_bytes),
        )
    return status.st_size


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb", buffering=0)  # closed by OpenedPdf.close
    except PermissionError:
        raise Unreadable.of("not a readable PDF: permission denied") from None
    except OSError as exc:
        raise _cannot_read(exc) from None


def _cannot_read(exc: Exception) -> Unreadable:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return Unreadable.of("not a readable PDF: the file cannot be read ({reason})", reason=reason)


class _Window(io.RawIOBase):
    """The first `length` bytes of a file, read with the time budget checked at every read,
    so that no loop of the parser outlasts it."""

    def __init__(self, stream: BinaryIO, length: int, deadline: float, limits: Limits) -> None:
        super().__init__()
        self._stream, self._length, self._position = stream, length, 0
        self._deadline, self._budget = deadline, limits.time_budget_s

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._length}[whence]
        if base + offset < 0:
            raise OSError("seek before the start of the file")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if time.monotonic() > self._deadline:
            raise out_of_time(self._budget)
        count = max(0, min(len(buffer), self._length - self._position))
        if count == 0:
            return 0
        self._stream.seek(self._position)
        read = self._stream.readinto(memoryview(buffer)[:count])  # type: ignore[attr-defined]
        self._position += read or 0
        return read or 0
