"""The hard limits a PDF from outside is read within, so that a crafted file fails fast, plainly
and in bounded memory instead of hanging or exhausting the computer.

The defaults leave room for the largest genuine pack (a report of a few hundred pages and
evidence up to the file limit) while a hostile file is stopped early:

- `max_file_bytes`: 100 MB (`verify_limit_mb` in settings.json): the file, by its size on disk,
  before a byte is read;
- `max_depth`: 64: name-tree levels, and the nesting of the arrays and dictionaries inspected;
- `max_stream_bytes`: 256 MB, and at least the file limit: what one stream may decode to;
- `max_decoded_bytes`: 1 GB, and at least four times the file limit: what all the streams of
  the document may decode to together;
- `max_objects`: 100,000: the objects and name-tree nodes visited;
- `max_embedded_files`: 10,000: the entries of the embedded-files name tree;
- `time_budget_s`: 30 s: the wall-clock time from opening the file to the last check.

Decoded bytes are counted as they are produced (a deflate bomb is stopped at the limit, not
after it has expanded), by our own decoder for embedded files and by pyHanko's decode limits
(`decode_limits`) for everything pyHanko decodes itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.preferences import read_preferences

if TYPE_CHECKING:
    from pyhanko.pdf_utils.decode_limits import DecodeLimits

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What reading one PDF may cost; see the module's table for the defaults."""

    max_file_bytes: int = 100 * MB
    max_depth: int = 64
    max_stream_bytes: int = 256 * MB
    max_decoded_bytes: int = 1024 * MB
    max_objects: int = 100_000
    max_embedded_files: int = 10_000
    time_budget_s: float = 30.0

    @classmethod
    def from_preferences(cls, home: Path) -> Limits:
        """The defaults, with the file limit `verify_limit_mb` of `<home>/settings.json`; a larger
        file limit raises the decoding limits with it (a stored file decodes to its own size)."""
        return cls.for_file_limit(read_preferences(home).verify_limit_bytes)

    @classmethod
    def for_file_limit(cls, max_file_bytes: int) -> Limits:
        defaults = cls()
        return cls(
            max_file_bytes=max_file_bytes,
            max_stream_bytes=max(defaults.max_stream_bytes, max_file_bytes),
            max_decoded_bytes=max(defaults.max_decoded_bytes, 4 * max_file_bytes),
        )

    def decode_limits(self) -> DecodeLimits:
        """pyHanko's decoding limits for the streams it decodes itself (object and xref
        streams, certificates): at most our per-stream limit, and our total for the document."""
        from pyhanko.pdf_utils.decode_limits import (
            DecodeLimits,
            DocumentDecodeBudget,
            StreamDecodeLimits,
        )

        return DecodeLimits(
            per_stream=StreamDecodeLimits(max_output_size=self.max_stream_bytes),
            document_budget=DocumentDecodeBudget(
                base_allowance=self.max_decoded_bytes, max_ratio=0
            ),
        )
