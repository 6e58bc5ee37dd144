"""Assessment archives: one zip file that carries an assessment between computers, with its
history, evidence, pinned form and a manifest of SHA-256 hashes.

Import reads nothing into the store until the whole archive has been checked: member names
(no paths that escape, no links, only the names an archive has), sizes, compression ratios,
every hash against the manifest, the payload's fields and the form's hash. Member names never
become paths: evidence is written under the hash we computed ourselves.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from selfassess import __version__
from selfassess.core.archive.format import ArchivePayload, Manifest, ManifestEntry
from selfassess.core.archive.payload_io import read_payload, write_payload
from selfassess.core.errors import Cancelled, InvalidInput, Refused, StoreError, write_failure
from selfassess.core.forms.identity import form_hash
from selfassess.core.forms.model import Form
from selfassess.core.store import assessments as rows
from selfassess.core.store import evidence as files
from selfassess.core.store.backup import backup_folder, take_backup
from selfassess.core.store.database import now
from selfassess.core.store.store import Store

MAX_MEMBERS = 20_000
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
_MEMBER = re.compile(r"^(manifest\.json|assessment\.json|form\.json|evidence/[0-9a-f]{64})$")
Conflict = Literal["refuse", "keep-both", "replace"]
Progress = Callable[[int, int], None]
"""Told (done, total) as members are written or checked."""
Stop = Callable[[], bool]
"""Asked between members: True stops the work (Cancelled), leaving nothing behind."""


def _never() -> bool:
    return False


def _ignore(done: int, total: int) -> None:
    del done, total


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    assessment_id: str
    replaced: bool = False
    copied: bool = False


def export_archive(
    store: Store,
    assessment_id: str,
    target: Path,
    *,
    progress: Progress = _ignore,
    stop: Stop = _never,
) -> Path:
    """Write the assessment to `target` (a temporary file renamed into place when complete)."""
    conn = store.read()
    payload = read_payload(conn, assessment_id)
    form_body = rows.form_definition(conn, payload.assessment.form_hash).encode("utf-8")
    members: dict[str, bytes | Path] = {
        "assessment.json": payload.model_dump_json(indent=1).encode("utf-8"),
        "form.json": form_body,
    }
    for item in payload.evidence:
        members[f"evidence/{item.sha256}"] = store.evidence.path_of(item.sha256)
    target = target.resolve()
    descriptor, partial = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=target.parent)
    os.close(descriptor)
    try:
        entries = _write_zip(Path(partial), members, progress, stop)
        manifest = Manifest(
            format="selfassess-archive",
            format_version=1,
            app_version=__version__,
            created_at=now(),
            assessment=assessment_id,
            files=entries,
        )
        with zipfile.ZipFile(partial, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", manifest.model_dump_json(indent=1))
        os.replace(partial, target)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        raise write_failure(target, exc) from None
    except Cancelled:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def _write_zip(
    path: Path, members: dict[str, bytes | Path], progress: Progress, stop: Stop
) -> dict[str, ManifestEntry]:
    entries: dict[str, ManifestEntry] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for done, (name, content) in enumerate(members.items()):
            if stop():
                raise Cancelled.of("the export was cancelled; no file was written")
            progress(done, len(members))
            if isinstance(content, bytes):
                archive.writestr(name, content)
                digest, size = hashlib.sha256(content).hexdigest(), len(content)
            else:
                if not content.is_file():
                    raise StoreError(
                        f"evidence file {content.name} is missing; run `selfassess doctor`"
                    )
                archive.write(content, name, compress_type=zipfile.ZIP_STORED)
                digest, size = _hash_file(content)
            entries[name] = ManifestEntry(sha256=digest, size=size)
    return entries


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(files.CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def import_archive(
    store: Store,
    source: Path,
    on_conflict: Conflict = "refuse",
    *,
    progress: Progress = _ignore,
    stop: Stop = _never,
) -> ImportResult:
    """Check the archive completely, then add its assessment to the store in one transaction."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput.of(
            "{source} is not a selfassess archive ({reason})", source=source, reason=exc
        ) from None
    with archive:
        manifest = _check_members(archive, source, store.evidence.limit_bytes)
        payload, form = _read_checked(archive, manifest, source, progress, stop)
        conn = store.read()
        exists = conn.execute(
            "SELECT 1 FROM assessments WHERE id = ?", (payload.assessment.id,)
        ).fetchone()
        if exists and on_conflict == "refuse":
            raise Refused(
                f"assessment {payload.assessment.id} is already here; import it again with "
                "--keep-both (as a copy) or --replace"
            )
        for item in payload.evidence:
            if stop():
                raise Cancelled.of("the import was cancelled; nothing was added")
            with archive.open(f"evidence/{item.sha256}") as stream:
                stored, _size = store.evidence.add_stream(stream, item.sha256)
            if stored != item.sha256:
                raise InvalidInput(f"{source}: evidence/{item.sha256[:12]} changed while reading")
    replace = bool(exists) and on_conflict == "replace"
    if replace:
        stamp = now().replace(":", "").replace("-", "")[:15]
        take_backup(store.connection, backup_folder(store.home) / f"before-import-{stamp}.db")
    new_id = secrets.token_hex(6) if exists and on_conflict == "keep-both" else None
    with store.write() as conn:
        write_payload(conn, payload, form, new_id=new_id, replace=replace)
    return ImportResult(
        new_id or payload.assessment.id, replaced=replace, copied=new_id is not None
    )


def archive_assessment_id(source: Path) -> str | None:
    """The id of the assessment an archive holds, read from its manifest; None if unreadable
    (the import then says what is wrong)."""
    try:
        with zipfile.ZipFile(source) as archive:
            if archive.getinfo("manifest.json").file_size > MAX_JSON_BYTES:
                return None
            return Manifest.model_validate_json(archive.read("manifest.json")).assessment
    except (zipfile.BadZipFile, OSError, KeyError, ValidationError):
        return None


def _check_members(archive: zipfile.ZipFile, source: Path, evidence_limit: int) -> Manifest:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InvalidInput(f"{source}: {len(members)} members is more than an archive holds")
    seen: set[str] = set()
    for member in members:
        _check_member(member, source, evidence_limit)
        if member.filename in seen:
            raise InvalidInput(f"{source}: member {member.filename} appears twice")
        seen.add(member.filename)
    if "manifest.json" not in seen:
        raise InvalidInput.of(
            "{source} is not a selfassess archive ({reason})",
            source=source,
            reason="no manifest.json",
        )
    try:
        manifest = Manifest.model_validate_json(_read_member(archive, "manifest.json", source))
    except ValidationError as exc:
        raise InvalidInput(f"{source}: manifest.json is not valid: {_first_error(exc)}") from None
    listed = set(manifest.files)
    if listed != seen - {"manifest.json"}:
        missing = sorted(listed - seen) or sorted(seen - listed - {"manifest.json"})
        raise InvalidInput(
            f"{source}: the manifest does not match the archive (member {missing[0]})"
        )
    return manifest


def _check_member(member: zipfile.ZipInfo, source: Path, evidence_limit: int) -> None:
    name = member.filename
    if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or ":" in name:
        raise InvalidInput(f"{source}: member '{name}' points outside the archive; refused")
    if stat.S_ISLNK(member.external_attr >> 16):
        raise InvalidInput(f"{source}: member '{name}' is a link; refused")
    if not _MEMBER.match(name):
        raise InvalidInput(f"{source}: unexpected member '{name}'; refused")
    limit = evidence_limit if name.startswith("evidence/") else MAX_JSON_BYTES
    if member.file_size > limit:
        raise InvalidInput(
            f"{source}: member '{name}' is {files.describe_size(member.file_size)}, above the "
            f"limit of {files.describe_size(limit)}; refused"
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
        raise InvalidInput(
            f"{source}: member '{name}' expands {ratio:.0f} times (a zip bomb?); refused"
        )


def _read_member(
    archive: zipfile.ZipFile, name: str, source: Path, limit: int = MAX_JSON_BYTES
) -> bytes:
    with archive.open(name) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"{source}: member '{name}' is larger than it says; refused")
    return data


def _read_checked(
    archive: zipfile.ZipFile, manifest: Manifest, source: Path, progress: Progress, stop: Stop
) -> tuple[ArchivePayload, Form]:
    for done, (name, entry) in enumerate(manifest.files.items()):
        if stop():
            raise Cancelled.of("the import was cancelled; nothing was added")
        progress(done, len(manifest.files))
        digest, size = _stream_hash(archive, name, entry.size, source)
        if digest != entry.sha256 or size != entry.size:
            raise InvalidInput(
                f"{source}: '{name}' does not match its hash in the manifest; refused"
            )
        if name.startswith("evidence/") and name.removeprefix("evidence/") != digest:
            raise InvalidInput(f"{source}: '{name}' is not named by its content's hash; refused")
    try:
        payload = ArchivePayload.model_validate_json(
            _read_member(archive, "assessment.json", source)
        )
        form = Form.model_validate_json(_read_member(archive, "form.json", source))
    except ValidationError as exc:
        raise InvalidInput(
            f"{source}: the assessment data is not valid: {_first_error(exc)}"
        ) from None
    if form_hash(form) != payload.assessment.form_hash:
        raise InvalidInput(f"{source}: form.json is not the form the assessment was filled against")
    listed = {f"evidence/{item.sha256}" for item in payload.evidence}
    if listed != {name for name in manifest.files if name.startswith("evidence/")}:
        raise InvalidInput(f"{source}: the evidence files do not match the assessment's list")
    if manifest.assessment != payload.assessment.id:
        raise InvalidInput(f"{source}: the manifest names another assessment")
    return payload, form


def _stream_hash(
    archive: zipfile.ZipFile, name: str, expected: int, source: Path
) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(files.CHUNK):
                size += len(chunk)
                if size > expected:
                    raise InvalidInput(
                        f"{source}: '{name}' is larger than the manifest says; refused"
                    )
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InvalidInput(f"{source}: '{name}' cannot be read: {exc}") from None
    return digest.hexdigest(), size


def _first_error(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(step) for step in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]
