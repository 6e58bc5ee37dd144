"""Reading `answer --jsonl`: one JSON object a line, from a file, a pipe or standard input.

Lines are read as bytes and handed on as soon as each is complete (a writer waiting for `ok`
is answered at once), with bounded memory: a line longer than `MAX_LINE_BYTES` is refused and
skipped to its end, so that one hostile line never stops the lines after it. Each line that
cannot be used becomes a `Refusal` naming what is wrong; the caller reports it and goes on.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from selfassess.core.errors import InvalidInput
from selfassess.core.files import read_failure

MAX_LINE_BYTES = 4 * 1024 * 1024  # a long text answer and its comment, escaped, fit easily
GIVE_UP_BYTES = 512 * 1024 * 1024  # a "line" longer than this never ends: stop reading
CHUNK = 64 * 1024
FIELDS = ("question", "value", "comment", "na_reason")
EXAMPLE = '{"question": "A1.1", "value": 2}'


class Refusal(Exception):
    """A line that cannot be used, and why (in words for the person who wrote it)."""


class _NotANumber(ValueError):
    """A JSON number an answer cannot take: NaN, Infinity, beyond the range of floats."""


@dataclass(frozen=True)
class Record:
    """One answer a line asks for."""

    question: str
    value: Any
    comment: Any
    na_reason: Any


def open_lines(source: str) -> IO[bytes]:
    """Standard input for '-', else the file or pipe named (not a folder, not a device)."""
    if source == "-":
        return sys.stdin.buffer
    path = Path(source)
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise InvalidInput.of("{source} is a folder, not a file", source=source)
        if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind)):
            raise InvalidInput.of(
                "{source} is not a file or a pipe; give a file of JSON lines, or - for standard "
                "input",
                source=source,
            )
        stream = path.open("rb")
    except OSError as exc:
        raise read_failure(path, exc) from None
    if stat.S_IFMT(os.fstat(stream.fileno()).st_mode) != stat.S_IFMT(kind):
        stream.close()  # replaced between the look and the opening
        raise InvalidInput.of("{source} changed while it was opened", source=source)
    return stream


def lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line break) for each line; None for a line too long."""
    number, pending, too_long, skipped = 1, bytearray(), False, 0
    while chunk := _read_some(stream):
        start = 0
        while start <= len(chunk):
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not too_long and len(pending) + len(piece) > MAX_LINE_BYTES:
                too_long, skipped = True, len(pending)
                pending.clear()
            if too_long:
                skipped += len(piece)
                if skipped > GIVE_UP_BYTES:
                    raise InvalidInput.of(
                        "line {number} has no end after {megabytes} MB: this is not a file of "
                        "JSON lines; the rest was not read",
                        number=number,
                        megabytes=GIVE_UP_BYTES // 1024 // 1024,
                    )
            else:
                pending += piece
            if end < 0:
                break
            yield number, None if too_long else bytes(pending)
            number, pending, too_long, skipped = number + 1, bytearray(), False, 0
            start = end + 1
    if pending or too_long:
        yield number, None if too_long else bytes(pending)


def record_of(number: int, raw: bytes | None) -> Record | None:
    """The answer one line asks for; None for a blank line; a Refusal saying what is wrong."""
    if raw is None:
        raise Refusal(f"longer than {MAX_LINE_BYTES // 1024 // 1024} MB; it was not read")
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # the byte-order mark some editors put first
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refusal(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02X} at position {exc.start + 1})"
        ) from None
    if not text.strip():
        return None
    data = _parsed(text)
    if not isinstance(data, dict) or "question" not in data:
        raise Refusal(f"each line must be an object such as {EXAMPLE}")
    question = data["question"]
    if not isinstance(question, str) or not question.strip():
        raise Refusal(f'"question" must be a question id as text, as in {EXAMPLE}')
    return Record(question, data.get("value"), data.get("comment"), data.get("na_reason"))


def _parsed(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise Refusal(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise Refusal("not valid JSON for an answer: nested too deeply") from None
    except _NotANumber as exc:
        raise Refusal(f"not valid JSON for an answer: {exc}") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise Refusal("not valid JSON for an answer: a number of thousands of digits") from None


def _no_constant(name: str) -> None:
    raise _NotANumber(f"{name} is not a number an answer can take")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _NotANumber(f"{text[:40]} is too large a number")
    return number


def _read_some(stream: IO[bytes]) -> bytes:
    """What the stream has now (up to CHUNK), waiting only when it has nothing yet."""
    read1 = getattr(stream, "read1", None)
    return bytes(read1(CHUNK) if read1 is not None else stream.read(CHUNK))
