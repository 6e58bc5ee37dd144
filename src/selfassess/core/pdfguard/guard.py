"""One guard around every step that parses a PDF from outside: whatever a crafted file makes the
parser raise (a recursion too deep, a decode limit, a broken structure, memory) becomes
`Unreadable` with a plain reason, and the time budget is enforced.

The deadline belongs to the reading in progress: `open_pdf` starts it for as long as the file
is open (a context variable, so each thread has its own), `guarded` alone starts one for its
block; our own loops call `check_time`, and the file stream checks it on every read, so that
pyHanko's loops are bounded too.
"""

from __future__ import annotations

import contextlib
import struct
import time
import zlib
from collections.abc import Iterator
from contextvars import ContextVar

from selfassess.core.errors import UserError
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.storable import visible
from selfassess.core.store.evidence import describe_size

DETAIL_LIMIT = 160  # characters of the parser's own words quoted in a reason
_deadline: ContextVar[tuple[float, float] | None] = ContextVar("pdfguard_deadline", default=None)


class Unreadable(UserError):
    """Not a PDF we can read within the limits (exit code 2 on the command line); the message
    says why in plain words."""


class OutOfTime(Unreadable):
    """The time budget ran out while reading."""


def out_of_time(budget_s: float) -> OutOfTime:
    return OutOfTime.of(
        "not a readable PDF: reading it took longer than {seconds} seconds", seconds=budget_s
    )


def start_deadline(limits: Limits) -> object:
    """Start the time budget of one reading; returns the token `stop_deadline` needs."""
    return _deadline.set((time.monotonic() + limits.time_budget_s, limits.time_budget_s))


def stop_deadline(token: object) -> None:
    try:
        _deadline.reset(token)  # type: ignore[arg-type]
    except ValueError:  # closed from another thread or context: that reading is over anyway
        _deadline.set(None)


def check_time() -> None:
    """Raise OutOfTime if the reading in progress has used up its time budget."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise out_of_time(current[1])


def _past_deadline() -> bool:
    current = _deadline.get()
    return current is not None and time.monotonic() > current[0]


@contextlib.contextmanager
def guarded(limits: Limits) -> Iterator[None]:
    """Run a parsing step: its failures become `Unreadable`, and the time budget holds (the
    reading's own when a file is open, else one that starts with this block)."""
    token = start_deadline(limits) if _deadline.get() is None else None
    try:
        yield
        check_time()
    except UserError:
        raise
    except RecursionError:
        raise Unreadable.of(
            "not a readable PDF: its objects are nested too deeply or refer to themselves"
        ) from None
    except MemoryError:
        raise Unreadable.of(
            "not a readable PDF: reading it needs more memory than is available"
        ) from None
    except Exception as exc:
        reason = unreadable_from(exc, limits)
        if reason is None:
            raise  # not the file's doing: a bug of ours
        raise reason from None
    finally:
        if token is not None:
            stop_deadline(token)


def unreadable_from(exc: Exception, limits: Limits) -> Unreadable | None:
    """The plain reason for what a parser raised on a crafted file, or None for anything
    else (a bug of ours)."""
    from pyhanko.pdf_utils.misc import PdfDecodeLimitError, PdfError

    if _past_deadline() or _out_of_time_inside(exc):  # maybe caught and raised as another
        return out_of_time(limits.time_budget_s)
    if isinstance(exc, PdfDecodeLimitError):
        return too_much_decoded(limits)
    if isinstance(exc, (PdfError, OSError, *_MALFORMED)):
        detail = visible(f"{type(exc).__name__}: {exc}", limit=DETAIL_LIMIT)
        return Unreadable.of(
            "not a readable PDF: its structure is damaged ({detail})", detail=detail
        )
    return None


def too_much_decoded(limits: Limits) -> Unreadable:
    return Unreadable.of(
        "not a readable PDF: its compressed data expands beyond the limits ({limit} per "
        "stream, {total} in all)",
        limit=describe_size(limits.max_stream_bytes),
        total=describe_size(limits.max_decoded_bytes),
    )


def _out_of_time_inside(exc: BaseException) -> bool:
    """Whether our deadline, raised from the file stream, is the cause of `exc`."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 16:
        if isinstance(current, OutOfTime):
            return True
        current, seen = current.__cause__ or current.__context__, seen + 1
    return False


# What pyHanko, asn1crypto and the standard library raise on malformed input.
_MALFORMED = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    OverflowError,
    AttributeError,
    AssertionError,
    NotImplementedError,
    EOFError,
    zlib.error,
    struct.error,
)
