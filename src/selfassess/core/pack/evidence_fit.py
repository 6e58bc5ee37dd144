"""Which evidence goes into a pack, and in what form, so that the e-mail fits.

Many mail servers refuse messages above 10 MB, and an e-mail carries the pack in base64 (a
third larger). Before signing, the supplier chooses:

- `all`: every evidence file as it is;
- `smaller`: photos as smaller copies (longest side 1600 pixels, re-encoded); other files as
  they are;
- `fit`: smaller photos, and then the largest files left out until the e-mail fits;
- `none`: no evidence file; the index still lists each one with its SHA-256.

Originals never change: the locker keeps them, the pack's evidence index and `response.json`
name each original's SHA-256 and say whether the pack carries it, a smaller copy or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from selfassess.core.store.evidence import EvidenceLocker

MAIL_LIMIT = 10 * 1024 * 1024
BASE64_GROWTH = 4 / 3
REPORT_ALLOWANCE = 1024 * 1024  # the report, response.json, form.json and headers, generously
LONGEST_SIDE = 1600
JPEG_QUALITY = 80
MAX_PIXELS = 200_000_000  # beyond any camera; refuse to decode a "decompression bomb"
SMALLER_PHOTO_GUESS = 400 * 1024  # what a 1600-pixel JPEG usually weighs
SHRINKABLE = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}

Carried = Literal["original", "smaller_copy", "left_out"]


class EvidenceChoice(StrEnum):
    ALL = "all"
    SMALLER = "smaller"
    FIT = "fit"
    NONE = "none"


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file, once, however many questions it backs."""

    sha256: str
    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class PackedFile:
    """What the pack carries for one file, and how: a smaller copy in memory, the original in
    the locker (copied into the pack block by block, never read whole), or nothing."""

    file: EvidenceFile
    content: bytes | Path | None
    carried: Carried

    @property
    def size(self) -> int | None:
        if isinstance(self.content, bytes):
            return len(self.content)
        return None if self.content is None else self.file.size


def unique_files(items: Iterable[EvidenceFile]) -> list[EvidenceFile]:
    found: dict[str, EvidenceFile] = {}
    for item in items:
        found.setdefault(item.sha256, item)
    return list(found.values())


@dataclass(frozen=True)
class Estimate:
    """About how large the e-mail will be, and which files would be left out."""

    email_bytes: int
    left_out: list[str]

    @property
    def too_large(self) -> bool:
        return self.email_bytes > MAIL_LIMIT


def estimate(files: list[EvidenceFile], choice: EvidenceChoice) -> Estimate:
    """The e-mail of a pack with this choice, before anything is made (the smaller copies of
    photos are guessed, not made)."""
    guesses = {f.sha256: _guess(f, choice) for f in files}
    if choice is EvidenceChoice.FIT:
        guesses = _fit(guesses, {f.sha256: f for f in files})
    carried = sum(size for size in guesses.values() if size is not None)
    left_out = [f.name for f in files if guesses[f.sha256] is None]
    return Estimate(round((carried + REPORT_ALLOWANCE) * BASE64_GROWTH), left_out)


def pack_evidence(
    locker: EvidenceLocker, files: list[EvidenceFile], choice: EvidenceChoice
) -> list[PackedFile]:
    """Each file as the pack will carry it, under this choice (one photo at a time in memory
    while its smaller copy is made)."""
    packed: list[PackedFile] = []
    for file in files:
        if choice is EvidenceChoice.NONE:
            packed.append(PackedFile(file, None, "left_out"))
            continue
        original = locker.path_of(file.sha256)
        copy = smaller_copy(original, file.media_type) if choice is not EvidenceChoice.ALL else None
        packed.append(
            PackedFile(file, copy, "smaller_copy")
            if copy
            else PackedFile(file, original, "original")
        )
    if choice is EvidenceChoice.FIT:
        sizes = {p.file.sha256: p.size for p in packed}
        kept = _fit(sizes, {f.sha256: f for f in files})
        packed = [
            p if kept[p.file.sha256] is not None else PackedFile(p.file, None, "left_out")
            for p in packed
        ]
    return packed


def smaller_copy(photo: bytes | Path, media_type: str) -> bytes | None:
    """A photo (its bytes, or its file) with its longest side at most 1600 pixels, turned
    upright, without its metadata; None when it is no photo we can read, is small already, or
    the copy would not be smaller."""
    image_format = SHRINKABLE.get(media_type)
    if image_format is None:
        return None
    from PIL import Image, ImageOps  # only when photos are made smaller

    try:
        size = len(photo) if isinstance(photo, bytes) else photo.stat().st_size
        with Image.open(io.BytesIO(photo) if isinstance(photo, bytes) else photo) as opened:
            if max(opened.size) <= LONGEST_SIDE or opened.width * opened.height > MAX_PIXELS:
                return None  # small enough already, or too large to open safely: untouched
            opened.thumbnail((LONGEST_SIDE, LONGEST_SIDE))  # JPEGs decode at a reduced scale
            image = ImageOps.exif_transpose(opened)
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, image_format, quality=JPEG_QUALITY, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # not a photo we can read: it travels as it is, or not at all
    copy = out.getvalue()
    return copy if len(copy) < size else None


def _guess(file: EvidenceFile, choice: EvidenceChoice) -> int | None:
    if choice is EvidenceChoice.NONE:
        return None
    if choice is EvidenceChoice.ALL or file.media_type not in SHRINKABLE:
        return file.size
    return min(file.size, SMALLER_PHOTO_GUESS)


def _fit(sizes: dict[str, int | None], files: dict[str, EvidenceFile]) -> dict[str, int | None]:
    """Leave out the largest files, one by one, until the e-mail fits (files of the same size
    in the order of their names)."""
    budget = MAIL_LIMIT / BASE64_GROWTH - REPORT_ALLOWANCE
    kept = dict(sizes)
    largest_first = sorted(
        (sha for sha, size in kept.items() if size is not None),
        key=lambda sha: (-(kept[sha] or 0), files[sha].name),
    )
    for sha in largest_first:
        if sum(size for size in kept.values() if size is not None) <= budget:
            break
        kept[sha] = None
    return kept
