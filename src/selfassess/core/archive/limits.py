"""The limits an archive is held to, as a whole and member by member, before and while it is
read: how many members (counted from the zip's end record before its directory is parsed), how
large each member and all of them together may be, how many times a member and the whole
archive may expand, and how much free disk space an import needs.

The zip's headers are only claims: `Budget` counts the bytes actually decompressed and stops the
reading as soon as they pass the limits.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from selfassess.core.archive.refusals import member_refusal
from selfassess.core.errors import InvalidInput, StoreError
from selfassess.core.preferences import read_preferences
from selfassess.core.store.evidence import describe_size
from selfassess.core.store.store import Store

MAX_MEMBERS = 10_000
DIRECTORY_BYTES_PER_MEMBER = 512  # an archive's own names take about 150
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_RATIO = 100  # how many times one member may expand
MAX_TOTAL_RATIO = 50  # how many times all members together may outgrow the archive file
SPACE_MARGIN = 64 * 1024 * 1024  # left free after an import, for the database and the system
_END = b"PK\x05\x06"
_END64 = b"PK\x06\x06"
_LOCATOR64 = b"PK\x06\x07"


@dataclass(frozen=True)
class Limits:
    """What an import accepts; `total_bytes` is `archive_limit_mb` of settings.json."""

    total_bytes: int
    evidence_bytes: int
    members: int = MAX_MEMBERS

    @classmethod
    def of_store(cls, store: Store) -> Limits:
        preferences = read_preferences(store.home)
        return cls(preferences.archive_limit_bytes, store.evidence.limit_bytes)

    def member_bytes(self, name: str) -> int:
        if name.startswith("evidence/"):
            return self.evidence_bytes
        return MAX_MANIFEST_BYTES if name == "manifest.json" else MAX_JSON_BYTES


def check_directory(source: Path, limits: Limits) -> None:
    """Refuse an archive whose end record announces more members, or a larger directory, than
    an archive has, before zipfile reads that directory into memory."""
    try:
        with source.open("rb") as stream:
            size = stream.seek(0, 2)
            start = max(0, size - (65_535 + 22))
            stream.seek(start)
            tail = stream.read()
            at = tail.rfind(_END)
            if at < 0 or len(tail) - at < 22:
                return  # not a zip: zipfile says so
            entries, directory, offset = struct.unpack("<HII", tail[at + 10 : at + 20])
            if entries == 0xFFFF or directory == 0xFFFFFFFF:
                entries, directory = _zip64_counts(stream, start + at, entries, directory)
            elif offset + directory > start + at:
                return  # no directory ends there: not a zip, as zipfile will say
    except OSError:
        return  # zipfile reports what cannot be read
    if entries > limits.members or directory > limits.members * DIRECTORY_BYTES_PER_MEMBER:
        raise _too_many(source, max(entries, directory // DIRECTORY_BYTES_PER_MEMBER), limits)


def _zip64_counts(stream: IO[bytes], end_at: int, entries: int, directory: int) -> tuple[int, int]:
    """The counts of a zip64 end record, which zipfile reads just before its locator."""
    locator_at = end_at - 20
    if locator_at < 56:
        return entries, directory
    stream.seek(locator_at)
    if stream.read(4) != _LOCATOR64:
        return entries, directory
    stream.seek(locator_at - 56)
    record = stream.read(56)
    if len(record) < 56 or record[:4] != _END64:
        return entries, directory
    total, size = struct.unpack("<QQ", record[32:48])
    return int(total), int(size)


def _too_many(source: Path, count: int, limits: Limits) -> InvalidInput:
    return InvalidInput.of(
        "{source} has {count} members, more than an archive holds (at most {most}); refused",
        source=source,
        count=count,
        most=limits.members,
    )


def check_sizes(members: list[zipfile.ZipInfo], source: Path, limits: Limits) -> None:
    """Each member's declared size and expansion, then the whole archive's."""
    if len(members) > limits.members:
        raise _too_many(source, len(members), limits)
    for member in members:
        _check_size(member, source, limits)
    declared = sum(member.file_size for member in members)
    if declared > limits.total_bytes:
        raise _too_large(source, limits)
    archive_size = _size_of(source)
    if declared > MAX_TOTAL_RATIO * max(archive_size, 1):
        raise _expands(source, declared / max(archive_size, 1))


def _check_size(member: zipfile.ZipInfo, source: Path, limits: Limits) -> None:
    name = member.filename
    limit = limits.member_bytes(name)
    if member.file_size > limit:
        raise InvalidInput.of(
            "{source}: member '{name}' is {size}, above the limit of {limit}; refused",
            source=source,
            name=name,
            size=describe_size(member.file_size),
            limit=describe_size(limit),
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if ratio > MAX_RATIO:
        raise InvalidInput.of(
            "{source}: member '{name}' expands {ratio} times (a zip bomb?); refused",
            source=source,
            name=name,
            ratio=f"{ratio:.0f}",
        )


def _too_large(source: Path, limits: Limits) -> InvalidInput:
    return InvalidInput.of(
        "{source} expands to more than {limit} (the limit archive_limit_mb in settings.json); "
        "refused",
        source=source,
        limit=describe_size(limits.total_bytes),
    )


def _expands(source: Path, ratio: float) -> InvalidInput:
    return InvalidInput.of(
        "{source} expands {ratio} times its own size (a zip bomb?); refused",
        source=source,
        ratio=f"{ratio:.0f}",
    )


def _size_of(source: Path) -> int:
    try:
        return source.stat().st_size
    except OSError:
        return 0


@dataclass
class Budget:
    """The bytes actually decompressed in one reading of the archive, stopped at the limits."""

    source: Path
    limits: Limits
    used: int = 0
    allowance: int = field(init=False)

    def __post_init__(self) -> None:
        ratio_cap = MAX_TOTAL_RATIO * max(_size_of(self.source), 1)
        self.allowance = min(self.limits.total_bytes, ratio_cap)

    def take(self, name: str, count: int) -> None:
        self.used += count
        if self.used <= self.allowance:
            return
        if self.used > self.limits.total_bytes:
            raise _too_large(self.source, self.limits)
        raise member_refusal(
            self.source,
            name,
            InvalidInput.of(
                "it expands beyond {ratio} times the archive's size (a zip bomb?); refused",
                ratio=MAX_TOTAL_RATIO,
            ),
        )


def check_free_space(home: Path, needed: int, source: Path) -> None:
    """Refuse an import that would leave less than `SPACE_MARGIN` free on the home's disk."""
    try:
        free = shutil.disk_usage(home).free
    except OSError:
        return  # unknown: a full disk is still reported when writing, and nothing is left
    if free < needed + SPACE_MARGIN:
        raise StoreError.of(
            "not enough free space to import {source}: it needs {needed} on the disk of {home}, "
            "which has {free} free; free some space and try again (nothing was imported)",
            source=source,
            needed=describe_size(needed + SPACE_MARGIN),
            home=home,
            free=describe_size(free),
        )
