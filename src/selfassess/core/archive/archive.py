"""Assessment archives: one zip file that carries an assessment between computers, with its
history, evidence, pinned form and a manifest of SHA-256 hashes.

Import writes nothing until the whole archive has been checked: its members (`members`), its
size and expansion (`limits`), every hash, the assessment against its pinned form (`checks`),
a conflict with an assessment already here, and the free disk space. Then the evidence is
placed so that nothing of a failed or killed import stays (`staging`) and the rows are written
in one transaction. Export hashes each evidence file as it packs it and writes nothing when a
locker copy no longer matches the hash it was attached under.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from selfassess import __version__
from selfassess.core.archive.checks import MEMBER, check_payload
from selfassess.core.archive.format import ArchivePayload, Manifest, ManifestEntry
from selfassess.core.archive.limits import MAX_MANIFEST_BYTES, Budget, Limits, check_free_space
from selfassess.core.archive.members import (
    ZIP_ERRORS,
    check_members,
    open_archive,
    plain_json,
    read_verified,
    verified,
)
from selfassess.core.archive.payload_io import read_payload, write_payload
from selfassess.core.archive.refusals import member_refusal, refusal, validation_refusal
from selfassess.core.archive.staging import EvidenceBatch
from selfassess.core.errors import (
    Cancelled,
    InvalidInput,
    Refused,
    StoreError,
    UserError,
    write_failure,
)
from selfassess.core.forms.identity import form_hash
from selfassess.core.forms.loader import load_form_json
from selfassess.core.forms.model import Form
from selfassess.core.store import assessments as rows
from selfassess.core.store import evidence as files
from selfassess.core.store.backup import occasional_backup
from selfassess.core.store.database import now
from selfassess.core.store.store import Store

Conflict = Literal["refuse", "keep-both", "replace"]
Progress = Callable[[int, int], None]
"""Told (done, total) as members are checked and written."""
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


# export -------------------------------------------------------------------------------------
def export_archive(
    store: Store,
    assessment_id: str,
    target: Path,
    *,
    progress: Progress = _ignore,
    stop: Stop = _never,
    for_buyer: bool = False,
) -> Path:
    """Write the assessment to `target` (a temporary file renamed into place when complete);
    `for_buyer`, without the remediation register's cases (`payload_io`)."""
    conn = store.read()
    payload = read_payload(conn, assessment_id, for_buyer=for_buyer)
    form_body = rows.form_definition(conn, payload.assessment.form_hash).encode("utf-8")
    target = target.resolve()
    try:
        descriptor, partial = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=target.parent)
        os.close(descriptor)
    except OSError as exc:
        raise write_failure(target, exc) from None
    try:
        entries = _write_zip(Path(partial), store, payload, form_body, progress=progress, stop=stop)
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
        with open(partial, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        raise write_failure(target, exc) from None
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def _write_zip(
    path: Path,
    store: Store,
    payload: ArchivePayload,
    form_body: bytes,
    *,
    progress: Progress,
    stop: Stop,
) -> dict[str, ManifestEntry]:
    """The JSON members and every evidence file, each hashed as it is written; refuses when a
    locker copy is missing or no longer matches its hash."""
    documents = {
        "assessment.json": _payload_json(payload),
        "form.json": form_body,
    }
    total = len(documents) + len(payload.evidence)
    entries: dict[str, ManifestEntry] = {}
    damaged: list[str] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for done, (name, body) in enumerate(documents.items()):
            if stop():
                raise Cancelled.of("the export was cancelled; no file was written")
            archive.writestr(name, body)
            entries[name] = ManifestEntry(sha256=hashlib.sha256(body).hexdigest(), size=len(body))
            progress(done, total)
        for done, item in enumerate(payload.evidence, start=len(documents)):
            if stop():
                raise Cancelled.of("the export was cancelled; no file was written")
            progress(done, total)
            name = f"evidence/{item.sha256}"
            packed = _pack(archive, name, store.evidence.path_of(item.sha256))
            if packed != (item.sha256, item.size):
                damaged.append(item.sha256)
            entries[name] = ManifestEntry(sha256=item.sha256, size=item.size)
    if damaged:
        raise _damaged(payload, damaged)
    return entries


def _payload_json(payload: ArchivePayload) -> bytes:
    """assessment.json; without `remediation` when there is no case, as archives were before
    the register existed (an older selfassess reads them)."""
    absent = None if payload.remediation else {"remediation"}
    return payload.model_dump_json(indent=1, exclude=absent).encode("utf-8")


def _pack(archive: zipfile.ZipFile, name: str, path: Path) -> tuple[str, int] | None:
    """Store the file as `name`, returning the SHA-256 and size of what was written (None when
    there is no such file)."""
    try:
        source = path.open("rb")
    except FileNotFoundError:
        return None
    with source:
        size = os.fstat(source.fileno()).st_size
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        digest = hashlib.sha256()
        written = 0
        with archive.open(info, "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as out:
            while chunk := source.read(files.CHUNK):
                digest.update(chunk)
                written += len(chunk)
                out.write(chunk)
    return digest.hexdigest(), written


def _damaged(payload: ArchivePayload, damaged: list[str]) -> StoreError:
    names = {a.sha256: f"{a.original_name} ({a.question_id}" for a in payload.attachments}
    listed = "; ".join(f"{names.get(sha256, '?')}, {sha256[:12]})" for sha256 in damaged)
    if len(damaged) == 1:
        return StoreError.of(
            "the archive was not written: an evidence file in the locker is missing or no longer "
            "matches what was attached: {files}. Run `selfassess doctor`, then attach that file "
            "again",
            files=listed,
        )
    return StoreError.of(
        "the archive was not written: {count} evidence files in the locker are missing or no "
        "longer match what was attached: {files}. Run `selfassess doctor`, then attach those "
        "files again",
        count=len(damaged),
        files=listed,
    )


# import -------------------------------------------------------------------------------------
def import_archive(
    store: Store,
    source: Path,
    on_conflict: Conflict = "refuse",
    *,
    progress: Progress = _ignore,
    stop: Stop = _never,
) -> ImportResult:
    """Check the archive completely, then add its assessment to the store in one transaction."""
    limits = Limits.of_store(store)
    with open_archive(source, limits) as archive:
        manifest = check_members(archive, source, limits)
        budget = Budget(source, limits)
        payload, form = _read_payload(archive, manifest, source, budget)
        evidence = {name: entry for name, entry in manifest.files.items() if "/" in name}
        steps = _Steps(progress, stop, 2 * len(evidence) + 1)
        for name, entry in evidence.items():
            steps.next()
            verified(archive, name, entry, source, budget)
        exists = _already_here(store, payload.assessment.id, on_conflict)
        replace = exists and on_conflict == "replace"
        check_free_space(store.home, _space_needed(store, manifest, replace), source)
        new_id = _new_id(store) if exists and on_conflict == "keep-both" else None
        if replace:
            occasional_backup(store.connection, store.home, "import")
        batch = EvidenceBatch(store.evidence, [entry.sha256 for entry in evidence.values()])
        try:
            batch.start()
            _place(batch, archive, evidence, Budget(source, limits), steps)
            with store.write() as conn:
                write_payload(conn, payload, form, new_id=new_id, replace=replace)
        except BaseException as failure:
            batch.discard(store.read())
            raise _as_refusal(failure, store, source) from None
        batch.finish()
    return ImportResult(
        new_id or payload.assessment.id, replaced=replace, copied=new_id is not None
    )


def _place(
    batch: EvidenceBatch,
    archive: zipfile.ZipFile,
    evidence: dict[str, ManifestEntry],
    budget: Budget,
    steps: _Steps,
) -> None:
    """Copy the evidence into the locker, checking each file against its hash again (the
    archive may have changed since it was checked)."""
    source = budget.source
    for name, entry in evidence.items():
        steps.next()

        def fill(
            sink: Callable[[bytes], object], name: str = name, entry: ManifestEntry = entry
        ) -> None:
            verified(archive, name, entry, source, budget, sink=sink)

        batch.place(entry.sha256, fill)
    steps.done()


class _Steps:
    """Progress and cancellation between the steps of an import."""

    def __init__(self, progress: Progress, stop: Stop, total: int) -> None:
        self.progress, self.stop, self.total, self.count = progress, stop, total, 0

    def next(self) -> None:
        if self.stop():
            raise Cancelled.of("the import was cancelled; nothing was added")
        self.progress(self.count, self.total)
        self.count += 1

    def done(self) -> None:
        self.progress(self.count, self.total)


def _read_payload(
    archive: zipfile.ZipFile, manifest: Manifest, source: Path, budget: Budget
) -> tuple[ArchivePayload, Form]:
    """The assessment and its form, each checked against its hash, then against each other."""
    form = _read_form(
        read_verified(archive, "form.json", manifest.files["form.json"], source, budget), source
    )
    body = read_verified(archive, MEMBER, manifest.files[MEMBER], source, budget)
    try:
        payload = ArchivePayload.model_validate(plain_json(body, source, MEMBER))
    except ValidationError as exc:
        raise validation_refusal(source, MEMBER, exc) from None
    if form_hash(form) != payload.assessment.form_hash:
        raise InvalidInput.of(
            "{source}: form.json is not the form the assessment was filled against", source=source
        )
    if manifest.assessment != payload.assessment.id:
        raise InvalidInput.of("{source}: the manifest names another assessment", source=source)
    sizes = {
        name.removeprefix("evidence/"): entry.size
        for name, entry in manifest.files.items()
        if name.startswith("evidence/")
    }
    if {item.sha256 for item in payload.evidence} != set(sizes):
        raise InvalidInput.of(
            "{source}: the evidence files do not match the assessment's list", source=source
        )
    check_payload(payload, form, source, sizes)
    return payload, form


def _read_form(body: bytes, source: Path) -> Form:
    result = load_form_json(body, "form.json")
    if result.form is None or result.errors:
        problem = result.errors[0].format() if result.errors else "no form"
        raise member_refusal(
            source,
            "form.json",
            InvalidInput.of("it is not a valid form: {problem}", problem=problem),
        )
    return result.form


def _already_here(store: Store, assessment_id: str, on_conflict: Conflict) -> bool:
    found = (
        store.read().execute("SELECT 1 FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
    )
    if found and on_conflict == "refuse":
        raise Refused.of(
            "assessment {id} is already here; import it again with --keep-both (as a copy) or "
            "--replace",
            id=assessment_id,
        )
    return found is not None


def _new_id(store: Store) -> str:
    while True:
        candidate = secrets.token_hex(6)
        taken = store.read().execute("SELECT 1 FROM assessments WHERE id = ?", (candidate,))
        if taken.fetchone() is None:
            return candidate


def _space_needed(store: Store, manifest: Manifest, replace: bool) -> int:
    """The bytes an import writes: the evidence the locker lacks, the rows (counted thrice, for
    the write-ahead log and the indexes) and, when replacing, the backup taken first."""
    needed = 0
    for name, entry in manifest.files.items():
        if not name.startswith("evidence/"):
            needed += 3 * entry.size
        elif not store.evidence.path_of(entry.sha256).exists():
            needed += entry.size
    if replace:
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                needed += os.stat(f"{store.database_path}{suffix}").st_size
    return needed


def _as_refusal(failure: BaseException, store: Store, source: Path) -> BaseException:
    """A failure while writing, in our words: rows the store refused, a full disk."""
    if isinstance(failure, sqlite3.IntegrityError):
        found = re.search(r"failed: (\w+)\.", str(failure))
        table = found.group(1) if found else "assessment"
        reason = InvalidInput.of(
            "these rows conflict with each other or with this store (the same key twice, or "
            "a row that refers to nothing); nothing was imported"
        )
        return refusal(source, MEMBER, table, reason)
    if isinstance(failure, OSError):
        return write_failure(store.evidence.root, failure)
    return failure


def archive_assessment_id(source: Path) -> str | None:
    """The id of the assessment an archive holds, read from its manifest; None if unreadable
    (the import then says what is wrong)."""
    try:
        with open_archive(source, Limits(2**62, 2**62)) as archive:
            if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
                return None
            data = plain_json(archive.read("manifest.json"), source, "manifest.json")
            return Manifest.model_validate(data).assessment
    except (*ZIP_ERRORS, KeyError, ValidationError, UserError):
        return None
