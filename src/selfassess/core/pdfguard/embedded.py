"""The files a PDF carries (its EmbeddedFiles name tree), read lazily: each is decoded only when
asked, under the per-stream limit and the document's decoding budget, and let go afterwards, so
that a verifier can hash every file once and keep only the small ones in memory.

    files = embedded_files(opened.reader, limits)
    digest = files["evidence/photo.jpg"].sha256()   # decoded block by block
    data = files["response.json"].read(32 * 1024 * 1024)

A name that comes twice in the tree is kept once here (the first); `forbidden_content` reports
the duplicate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from selfassess.core.pdfguard.decoding import DecodeBudget, StreamTooLarge, decoded_blocks
from selfassess.core.pdfguard.guard import Unreadable, guarded
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.pdfguard.objects import NameEntry, entry, name_tree, object_key, resolve
from selfassess.core.store.evidence import describe_size


@dataclass
class EmbeddedFile:
    """One carried file: its name, its size as declared (else as stored), and its content on
    demand."""

    name: str
    size: int
    _stream_ref: Any = field(repr=False)  # the reference to (or the object of) its stream
    _limits: Limits = field(repr=False)
    _budget: DecodeBudget = field(repr=False)

    def read(self, limit: int | None = None) -> bytes:
        """The file's content, refused (Unreadable) when it decodes to more than `limit` bytes
        or the per-stream limit."""
        most = min(self._limits.max_stream_bytes, limit or self._limits.max_stream_bytes)
        with guarded(self._limits):
            return b"".join(self._blocks(most))

    def sha256(self) -> str:
        """The SHA-256 of the file's content, decoded block by block (never held whole)."""
        digest = hashlib.sha256()
        with guarded(self._limits):
            for block in self._blocks(self._limits.max_stream_bytes):
                digest.update(block)
        return digest.hexdigest()

    def _blocks(self, most: int) -> Any:
        from pyhanko.pdf_utils import generic

        stream = resolve(self._stream_ref)
        if not isinstance(stream, generic.StreamObject):
            raise Unreadable.of(
                "not a readable PDF: the embedded file {name} has no content", name=self.name
            )
        too_large = StreamTooLarge.of(
            "not a readable PDF: the embedded file {name} expands to more than {limit}",
            name=self.name,
            limit=describe_size(most),
        )
        try:
            yield from decoded_blocks(stream, most, self._budget, too_large)
        finally:
            _let_go(self._stream_ref)


def embedded_files(reader: Any, limits: Limits) -> dict[str, EmbeddedFile]:
    """Every file of the document's EmbeddedFiles name tree, by name (the first of a name that
    comes twice)."""
    budget = DecodeBudget(limits)
    found: dict[str, EmbeddedFile] = {}
    with guarded(limits):
        for item in name_tree(reader, limits):
            if item.name not in found:
                found[item.name] = _embedded(item, limits, budget)
    return found


def content_ref(spec: Any) -> Any:
    """The stream a file specification embeds (/EF /F, else /EF /UF), as it is referenced."""
    from pyhanko.pdf_utils import generic

    carried = entry(spec, "/EF")
    if not isinstance(carried, generic.DictionaryObject):
        return None
    for key in ("/F", "/UF"):
        if key in carried:
            return carried.raw_get(key)
    return None


def _embedded(item: NameEntry, limits: Limits, budget: DecodeBudget) -> EmbeddedFile:
    from pyhanko.pdf_utils import generic

    stream_ref = content_ref(resolve(item.spec))
    stream = resolve(stream_ref) if stream_ref is not None else None
    size = 0
    if isinstance(stream, generic.StreamObject):
        declared = entry(entry(stream, "/Params"), "/Size")
        stored = entry(stream, "/Length")
        size = next(
            (int(n) for n in (declared, stored) if isinstance(n, int) and n >= 0),
            len(stream.encoded_data),
        )
        _let_go(stream_ref)
    return EmbeddedFile(item.name, size, stream_ref, limits, budget)


def _let_go(stream_ref: Any) -> None:
    """Drop a stream from the reader's cache of objects, so that its bytes are not kept once
    read; it is read again from the file if asked again."""
    key = object_key(stream_ref)
    handler = stream_ref.get_pdf_handler() if key is not None else None
    cache = getattr(handler, "resolved_objects", None)
    if key is not None and isinstance(cache, dict):
        cache.pop((key[1], key[0]), None)
