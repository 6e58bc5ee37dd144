"""The cheap byte scans done before a PDF is parsed: it starts as a PDF starts, and it ends
where its last signature's byte range says the signed part ends (or, unsigned, with %%EOF).

The last `/ByteRange` of the file is found by scanning back from the end in blocks (a
signature dictionary is written with the last revision, so in a genuine pack it is within the
last few kilobytes). It must be four whole numbers `[0 a b c]` that fit the file: the hole
`a..b` is the hex string of the signature (`<` at `a`, `>` before `b`), the dictionary itself
lies in the signed bytes, and the signed part (up to `b + c`) ends with `%%EOF` and an optional
line end, as every revision does (ISO 32000-1 §7.5.5, §12.8.1).

After the signed part, only CR and LF may follow (mail and transfer tools add them): they are
left out of what the parser sees, with a note. Any other byte is something added after signing,
which the verifier calls tampering; the parser still sees exactly the signed part, so that junk
appended to a file cannot make the reading slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

from selfassess.core.pdfguard.guard import Unreadable, check_time

BLOCK = 1024 * 1024
OVERLAP = 512  # a /ByteRange cut by a block boundary is found in the block before
TOKEN = b"/ByteRange"
_SPACE = rb"[\s\x00]"
_NUMBER = rb"(\d{1,15})"
_RANGE = re.compile(
    _SPACE + rb"*\[" + _SPACE + b"*" + (_SPACE + b"+").join([_NUMBER] * 4) + _SPACE + rb"*\]"
)
_EOF = b"%%EOF"
_LINE_ENDS = b"\r\n"
_WHITESPACE = b" \t\r\n\x00\x0c"


@dataclass(frozen=True)
class FileEnd:
    """Where a PDF ends, as its bytes say before it is parsed."""

    readable_end: int  # the parser sees bytes 0 .. readable_end
    signed_end: int | None  # the end of the last signature's byte range, if there is one
    line_ends_after_signing: int  # CR/LF bytes after the signed part, left out
    appended_after_signing: bool  # any other byte after the signed part


def check_file_end(stream: BinaryIO, size: int) -> FileEnd:
    """Check the start and the end of the file in `stream` (`size` bytes) without parsing it."""
    stream.seek(0)
    if not stream.read(5) == b"%PDF-":
        raise Unreadable.of("not a readable PDF: it does not start with a PDF header (%PDF-)")
    found = _last_byte_range(stream, size)
    if found is None:
        stream.seek(max(0, size - 1024))
        if not stream.read().rstrip(_WHITESPACE).endswith(_EOF):
            raise Unreadable.of(
                "not a readable PDF: it does not end with %%EOF (cut short, or followed by "
                "other data)"
            )
        return FileEnd(size, None, 0, False)
    signed_end = _checked_range(stream, size, *found)
    line_ends, appended = _after_signing(stream, signed_end, size)
    return FileEnd(signed_end, signed_end, line_ends, appended)


def _last_byte_range(stream: BinaryIO, size: int) -> tuple[int, list[int]] | None:
    """The position and the four numbers of the last /ByteRange in the file, if any."""
    end = size
    while end > 0:
        check_time()
        start = max(0, end - BLOCK)
        stream.seek(start)
        block = stream.read(min(size, end + OVERLAP) - start)
        at = block.rfind(TOKEN, 0, end - start - 1 + len(TOKEN))
        if at >= 0:
            match = _RANGE.match(block, at + len(TOKEN))
            if match is None:
                raise Unreadable.of(
                    "not a readable PDF: the signature's byte range is not a list of four "
                    "whole numbers"
                )
            return start + at, [int(number) for number in match.groups()]
        end = start
    return None


def _checked_range(stream: BinaryIO, size: int, position: int, numbers: list[int]) -> int:
    """The end of the signed part, once the byte range is seen to fit the file."""
    zero, first, second, length = numbers
    end = second + length
    shown = "[{}]".format(" ".join(str(n) for n in numbers))
    inside_signed = position + len(TOKEN) <= first or second <= position < end
    fits = zero == 0 and 0 < first < second and end <= size and inside_signed
    if not fits or _byte_at(stream, first) != b"<" or _byte_at(stream, second - 1) != b">":
        raise Unreadable.of(
            "not a readable PDF: the signature's byte range {range} does not fit a file of "
            "{size} bytes",
            range=shown,
            size=size,
        )
    stream.seek(max(0, end - 16))
    if not stream.read(end - max(0, end - 16)).rstrip(_LINE_ENDS).endswith(_EOF):
        raise Unreadable.of(
            "not a readable PDF: the signature's byte range {range} does not end where a "
            "revision of the file ends (%%EOF)",
            range=shown,
        )
    return end


def _byte_at(stream: BinaryIO, position: int) -> bytes:
    stream.seek(position)
    return stream.read(1)


def _after_signing(stream: BinaryIO, signed_end: int, size: int) -> tuple[int, bool]:
    """How many bytes follow the signed part, and whether any is not CR or LF."""
    stream.seek(signed_end)
    position = signed_end
    while position < size:
        check_time()
        block = stream.read(min(BLOCK, size - position))
        if not block:
            break
        if block.strip(_LINE_ENDS):
            return 0, True
        position += len(block)
    return size - signed_end, False
