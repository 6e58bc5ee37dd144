"""Reading an archive's members safely: only the names an archive has (no path that escapes, no
link, no encryption, no unknown compression), a manifest that lists exactly the other members,
every member read within its size and the archive's budget and checked against its hash, and
JSON read as plain data (finite numbers, Unicode text, bounded nesting, no duplicate keys).

Member names never become paths: evidence is written under the hash we computed ourselves.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfassess.core.archive.format import ARCHIVE_FORMAT, ARCHIVE_VERSION, Manifest, ManifestEntry
from selfassess.core.archive.limits import Budget, Limits, check_directory, check_sizes
from selfassess.core.archive.refusals import member_refusal, validation_refusal
from selfassess.core.errors import InvalidInput
from selfassess.core.storable import is_storable_text, shown
from selfassess.core.store.evidence import CHUNK

MAX_NESTING = 64
_MEMBER = re.compile(r"^(manifest\.json|assessment\.json|form\.json|evidence/[0-9a-f]{64})$")
_REQUIRED = ("assessment.json", "form.json")
# What zipfile and zlib raise on a damaged or hostile archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    struct.error,
)


def open_archive(source: Path, limits: Limits) -> zipfile.ZipFile:
    """The zip file at `source`, once its end record announces no more than an archive holds."""
    check_directory(source, limits)
    try:
        return zipfile.ZipFile(source)
    except ZIP_ERRORS as exc:
        raise not_an_archive(source, shown(str(exc))) from None


def not_an_archive(source: Path, reason: str) -> InvalidInput:
    return InvalidInput.of(
        "{source} is not a selfassess archive ({reason})", source=source, reason=reason
    )


def check_members(archive: zipfile.ZipFile, source: Path, limits: Limits) -> Manifest:
    """Every member's name, kind and size, then the manifest, which must list the others."""
    members = archive.infolist()
    seen: dict[str, zipfile.ZipInfo] = {}
    for member in members[: limits.members + 1]:
        _check_name(member, source)
        if member.filename in seen:
            raise InvalidInput.of(
                "{source}: member {name} appears twice; refused",
                source=source,
                name=member.filename,
            )
        seen[member.filename] = member
    check_sizes(members, source, limits)
    if "manifest.json" not in seen:
        raise not_an_archive(source, "no manifest.json")
    manifest = _read_manifest(archive, source, limits)
    listed = set(manifest.files)
    others = set(seen) - {"manifest.json"}
    if listed != others:
        odd = sorted(listed - others) or sorted(others - listed)
        raise InvalidInput.of(
            "{source}: the manifest does not match the archive (member {name})",
            source=source,
            name=_named(odd[0]),
        )
    for name in _REQUIRED:
        if name not in seen:
            raise not_an_archive(source, f"no {name}")
    for name, entry in manifest.files.items():
        _check_entry(name, entry, source)
    return manifest


def _check_name(member: zipfile.ZipInfo, source: Path) -> None:
    check_safe_member(member, source)
    if not _MEMBER.match(member.filename):
        raise InvalidInput.of(
            "{source}: unexpected member '{name}'; refused",
            source=source,
            name=_named(member.filename),
        )


def check_safe_member(member: zipfile.ZipInfo, source: Path) -> None:
    """What any zip we read must not hold, whatever its members are named: a path that
    escapes (absolute, `..`, a drive or a backslash), a link, encryption, or a compression
    other than stored or deflated (also used for ODK and Kobo exports: core/submissions)."""
    name = member.filename
    if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or ":" in name:
        raise InvalidInput.of(
            "{source}: member '{name}' points outside the archive; refused",
            source=source,
            name=_named(name),
        )
    if stat.S_ISLNK(member.external_attr >> 16):
        raise InvalidInput.of(
            "{source}: member '{name}' is a link; refused", source=source, name=_named(name)
        )
    if member.flag_bits & 0x1:
        raise InvalidInput.of(
            "{source}: member '{name}' is encrypted; refused", source=source, name=name
        )
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InvalidInput.of(
            "{source}: member '{name}' is compressed in a way selfassess does not write; refused",
            source=source,
            name=name,
        )


def _named(name: str) -> str:
    """A member name as a message quotes it: whole when it is a short printable name."""
    return name if len(name) <= 100 and name.isprintable() else shown(name)


def _check_entry(name: str, entry: ManifestEntry, source: Path) -> None:
    if name.startswith("evidence/") and name.removeprefix("evidence/") != entry.sha256:
        raise InvalidInput.of(
            "{source}: '{name}' is not named by its content's hash; refused",
            source=source,
            name=name,
        )


def _read_manifest(archive: zipfile.ZipFile, source: Path, limits: Limits) -> Manifest:
    size = archive.getinfo("manifest.json").file_size
    entry = ManifestEntry(sha256="0" * 64, size=size)
    budget = Budget(source, limits)
    body = b"".join(chunks(archive, "manifest.json", entry, source, budget))
    data = plain_json(body, source, "manifest.json")
    if isinstance(data, dict) and data.get("format") == ARCHIVE_FORMAT:
        version = data.get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > ARCHIVE_VERSION:
            raise InvalidInput.of(
                "{source} was made by a newer selfassess (archive format {version}); update "
                "selfassess to import it",
                source=source,
                version=version,
            )
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise validation_refusal(source, "manifest.json", exc) from None
    if manifest.format_version != ARCHIVE_VERSION:
        raise member_refusal(
            source, "manifest.json", InvalidInput.of("format_version must be 1; refused")
        )
    return manifest


def chunks(
    archive: zipfile.ZipFile, name: str, entry: ManifestEntry, source: Path, budget: Budget
) -> Iterator[bytes]:
    """The member's bytes as they are decompressed, stopped as soon as they pass its size in
    the manifest or the archive's budget."""
    size = 0
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > entry.size:
                    raise _not_as_listed(source, name)
                budget.take(name, len(chunk))
                yield chunk
    except ZIP_ERRORS as exc:
        reason = InvalidInput.of("it cannot be read ({reason}); refused", reason=shown(str(exc)))
        raise member_refusal(source, name, reason) from None
    if size != entry.size:
        raise _not_as_listed(source, name)


def verified(
    archive: zipfile.ZipFile,
    name: str,
    entry: ManifestEntry,
    source: Path,
    budget: Budget,
    *,
    sink: Callable[[bytes], object] = len,
) -> None:
    """Read the member through `sink`, then refuse it unless it matches its hash."""
    digest = hashlib.sha256()
    for chunk in chunks(archive, name, entry, source, budget):
        digest.update(chunk)
        sink(chunk)
    if digest.hexdigest() != entry.sha256:
        raise _not_as_listed(source, name)


def _not_as_listed(source: Path, name: str) -> InvalidInput:
    return InvalidInput.of(
        "{source}: '{name}' does not match its hash in the manifest; refused",
        source=source,
        name=name,
    )


def read_verified(
    archive: zipfile.ZipFile, name: str, entry: ManifestEntry, source: Path, budget: Budget
) -> bytes:
    """The whole member, checked against its hash (for the JSON members)."""
    parts: list[bytes] = []
    verified(archive, name, entry, source, budget, sink=parts.append)
    return b"".join(parts)


def plain_json(body: bytes, source: Path, member: str) -> Any:
    """The member's JSON as plain data; a located refusal for anything else."""
    try:
        data = json.loads(
            body.decode("utf-8"),
            object_pairs_hook=_object,
            parse_constant=_no_constant,
            parse_float=_finite,
        )
    except UnicodeDecodeError:
        raise member_refusal(source, member, InvalidInput.of("it is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        reason = InvalidInput.of(
            "it is not valid JSON (line {line}, column {column}: {detail})",
            line=exc.lineno,
            column=exc.colno,
            detail=exc.msg,
        )
        raise member_refusal(source, member, reason) from None
    except RecursionError:
        reason = InvalidInput.of("it is nested more than {most} levels deep", most=MAX_NESTING)
        raise member_refusal(source, member, reason) from None
    except ValueError as exc:  # from the hooks, or an integer of thousands of digits
        reason = InvalidInput.of("it is not plain JSON ({detail})", detail=shown(str(exc)))
        raise member_refusal(source, member, reason) from None
    _check_plain(data, source, member)
    return data


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"the key '{shown(key)}' appears twice")
        found[key] = value
    return found


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{shown(text)} is not a finite number")
    return number


def _check_plain(data: Any, source: Path, member: str) -> None:
    """No text the store cannot keep (a lone surrogate), no nesting beyond `MAX_NESTING`."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            texts = [node]
        elif isinstance(node, dict):
            texts = list(node)
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            texts = []
            stack.extend((value, depth + 1) for value in node)
        else:
            continue
        if depth > MAX_NESTING:
            reason = InvalidInput.of("it is nested more than {most} levels deep", most=MAX_NESTING)
            raise member_refusal(source, member, reason)
        if not all(is_storable_text(text) for text in texts):
            reason = InvalidInput.of("it holds text that is not Unicode (a lone surrogate)")
            raise member_refusal(source, member, reason)
