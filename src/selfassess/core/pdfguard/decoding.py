"""Decoding a stream in bounded memory: its decoded bytes come in blocks, counted against the
per-stream limit and a budget shared by all the streams of one document as they are produced,
so that a deflate bomb is stopped at the limit, never expanded first.

Stored streams (no filter) and deflated ones (/FlateDecode without a predictor), which is all
that selfassess writes, are decoded here block by block; any other filter chain is left to
pyHanko under its decoding limits (`Limits.decode_limits`) and then measured.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from selfassess.core.pdfguard.guard import Unreadable, check_time, too_much_decoded
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.pdfguard.objects import entry

BLOCK = 1024 * 1024  # decoded bytes produced at a time
INPUT_BLOCK = 64 * 1024  # compressed bytes fed at a time (zlib copies what it leaves)


class DecodeBudget:
    """The decoded bytes all the streams of one document may still produce."""

    def __init__(self, limits: Limits) -> None:
        self.limits, self.left = limits, limits.max_decoded_bytes

    def charge(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise too_much_decoded(self.limits)


class StreamTooLarge(Unreadable):
    """One stream decodes to more than it may."""


def decoded_blocks(
    stream: Any, most: int, budget: DecodeBudget, too_large: StreamTooLarge
) -> Iterator[bytes]:
    """The decoded bytes of `stream` in blocks; `too_large` is raised as soon as they pass
    `most` bytes."""
    filters = _filters(stream)
    if filters is None:
        yield from _measured(_pyhanko_decoded(stream), most, budget, too_large)
    elif not filters:
        yield from _measured(_stored(stream.encoded_data), most, None, too_large)
    else:
        yield from _measured(_inflated(stream.encoded_data), most, budget, too_large)


def _filters(stream: Any) -> list[str] | None:
    """[] when stored, ["/FlateDecode"] when plainly deflated, None for anything else."""
    from pyhanko.pdf_utils import generic

    named = entry(stream, "/Filter")
    if named is None:
        return []
    chain = [named] if isinstance(named, generic.NameObject) else named
    if not isinstance(chain, generic.ArrayObject | list) or entry(stream, "/DecodeParms"):
        return None
    names = [str(item) for item in chain]
    return names if names == ["/FlateDecode"] or not names else None


def _measured(
    blocks: Iterator[bytes], most: int, budget: DecodeBudget | None, too_large: StreamTooLarge
) -> Iterator[bytes]:
    produced = 0
    for block in blocks:
        check_time()
        produced += len(block)
        if produced > most:
            raise too_large
        if budget is not None:
            budget.charge(len(block))
        yield block


def _stored(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), BLOCK):
        yield bytes(view[start : start + BLOCK])


def _inflated(data: bytes) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    view = memoryview(data)
    for start in range(0, len(view), INPUT_BLOCK):
        pending = bytes(view[start : start + INPUT_BLOCK])
        while pending and not inflater.eof:
            block = inflater.decompress(pending, BLOCK)
            pending = inflater.unconsumed_tail
            if block:
                yield block
        if inflater.eof:
            break
    rest = inflater.flush()
    if rest:
        yield rest
    if not inflater.eof:
        raise zlib.error("incomplete or truncated stream")


def _pyhanko_decoded(stream: Any) -> Iterator[bytes]:
    data: bytes = stream.data  # bounded by pyHanko's decoding limits
    yield from _stored(data)
