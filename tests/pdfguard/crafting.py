"""Crafted PDFs for the hostile-file tests, written byte by byte: each object's body is given as
PDF syntax, and the cross-reference table is computed, so a test can build what no writer
would (loops, absurd nesting, bombs) in a few lines."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def pdf(objects: dict[int, bytes], root: bytes = b"1 0 R") -> bytes:
    """A one-revision PDF of `objects` (number: body), objects 2 and 3 the page tree unless
    given, with `root` as the trailer's /Root."""
    objects = {2: PAGES, 3: PAGE, **objects}
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    start, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A stream object's body holding `data` as it is (already encoded)."""
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def deflated_zeros(size: int) -> bytes:
    """`size` zero bytes deflated, made without ever holding them."""
    packer = zlib.compressobj(9)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.compress(bytes(size % len(block))))
    parts.append(packer.flush())
    return b"".join(parts)


def with_embedded(files: dict[str, bytes], catalog_extra: bytes = b"") -> dict[int, bytes]:
    """Objects of a document whose name tree carries `files` (name: stream body)."""
    objects: dict[int, bytes] = {}
    pairs = []
    for index, (name, body) in enumerate(files.items()):
        spec, content = 10 + 2 * index, 11 + 2 * index
        objects[spec] = b"<< /Type /Filespec /F (%s) /UF (%s) /EF << /F %d 0 R >> >>" % (
            name.encode(),
            name.encode(),
            content,
        )
        objects[content] = body
        pairs.append(b"(%s) %d 0 R" % (name.encode(), spec))
    objects[4] = b"<< /Names [%s] >>" % b" ".join(pairs)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> %s >>" % (
        catalog_extra
    )
    return objects


def chain_of_fields(count: int) -> Iterator[tuple[int, bytes]]:
    """`count` form fields, each the only kid of the one before (objects 10, 11, ...)."""
    for index in range(count):
        number = 10 + index
        kids = b"/Kids [%d 0 R]" % (number + 1) if index < count - 1 else b"/FT /Sig"
        yield number, b"<< /T (f%d) %s >>" % (index, kids)
