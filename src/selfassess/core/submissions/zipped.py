"""The zip files of an ODK Central or KoboToolbox export, opened by the rules of assessment
archives (core/archive): the end record read before the directory (no more members than an
export holds), every member checked before any is read (no path that escapes, no link, no
encryption, no unknown compression, no name twice), each member's declared size and expansion
and the whole file's, then the bytes actually decompressed counted against the same limits.

An export's members are named by ODK or Kobo, not by us: they are never made into paths. A
table (.csv, or the XML of an .xlsx) may be as large as `TABLE_BYTES`, a media file as large as
the evidence limit (settings.json's `evidence_limit_mb`), the whole as large as
`archive_limit_mb`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from selfassess.core.archive.format import ManifestEntry
from selfassess.core.archive.limits import Budget, Limits, check_directory, check_sizes
from selfassess.core.archive.members import ZIP_ERRORS, check_safe_member, chunks
from selfassess.core.errors import InvalidInput
from selfassess.core.files import check_input_file
from selfassess.core.preferences import read_preferences
from selfassess.core.storable import shown, visible

TABLE_BYTES = 256 * 1024 * 1024  # a table of a hundred thousand submissions
EXPORT_MEMBERS = 100_000  # tables and media files of one export
_TABLE_SUFFIXES = (".csv", ".xml", ".rels", ".vml")


@dataclass(frozen=True)
class ExportLimits(Limits):
    """What an export may hold: `Limits` with tables and media sized as exports need them."""

    table_bytes: int = TABLE_BYTES

    @classmethod
    def of_home(cls, home: Path, evidence_bytes: int) -> ExportLimits:
        preferences = read_preferences(home)
        return cls(preferences.archive_limit_bytes, evidence_bytes, members=EXPORT_MEMBERS)

    def member_bytes(self, name: str) -> int:
        if name.lower().endswith(_TABLE_SUFFIXES):
            return self.table_bytes
        return self.evidence_bytes


class ExportZip:
    """One zip of an export, checked as a whole when opened; read member by member."""

    def __init__(self, path: Path, limits: ExportLimits) -> None:
        self.path = check_input_file(path)
        self.limits = limits
        check_directory(path, limits)
        try:
            self.zip = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise InvalidInput.of(
                "{source} is not a zip file ({reason})", source=path, reason=shown(str(exc))
            ) from None
        try:
            self.members = self._checked_members()
        except BaseException:
            self.zip.close()
            raise
        self.budget = Budget(path, limits)

    def _checked_members(self) -> dict[str, zipfile.ZipInfo]:
        members = self.zip.infolist()
        found: dict[str, zipfile.ZipInfo] = {}
        for member in members[: self.limits.members + 1]:
            check_safe_member(member, self.path)
            if member.filename in found:
                raise InvalidInput.of(
                    "{source}: member {name} appears twice; refused",
                    source=self.path,
                    name=visible(member.filename, 160),  # its file name is at its end
                )
            found[member.filename] = member
        check_sizes(members, self.path, self.limits)
        return {name: member for name, member in found.items() if not member.is_dir()}

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> ExportZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def new_reading(self) -> None:
        """Count the bytes of a new pass over the export from zero."""
        self.budget = Budget(self.path, self.limits)

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, stopped past its declared size or the export's budget."""
        entry = ManifestEntry(sha256="0" * 64, size=self.members[name].file_size)
        return chunks(self.zip, name, entry, self.path, self.budget)

    def text(self, name: str) -> IO[str]:
        """The member as UTF-8 text (a byte-order mark skipped), for the csv module."""
        raw = io.BufferedReader(_ChunkStream(self.chunks(name)))
        return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


class _ChunkStream(io.RawIOBase):
    """A readable stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count
