"""Importing packs into the inbox: read what was given, keep every PDF in the folder under its
SHA-256, verify what this machine has not indexed yet, and index it, accepted or in quarantine.

1. Reading: each candidate is hashed; a hash already indexed as accepted is a duplicate, never
   verified again (the re-import of 500 packs reads and hashes them, nothing more). A file that
   is not a PDF or is over the size limit is refused without being kept.
2. Verifying: the new packs, and any pack another machine put in a shared folder, are examined as
   `verify` examines a pack, several at a time in worker processes.
3. Judging: their signers are judged one by one in the order they signed, against this machine's
   trusted programmes and known signers, exactly as `verify` judges them: a new signer is
   remembered, a changed signer (a known organisation with another certificate) is never
   accepted silently: its pack goes to the quarantine with that verdict, as do tampered,
   unreadable and otherwise invalid packs. Quarantined packs are kept in the folder, never
   counted, and examined again when they are given again.

Long work reports its progress (`Step`) and stops when `cancelled()` says so: what was examined by
then is indexed, and the report says the import was stopped.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.inbox import buyer_log
from selfassess.core.inbox.examine import Examined, examine_stored, finding_of
from selfassess.core.inbox.folder import InboxFolder, sha256_of
from selfassess.core.inbox.index import InboxIndex
from selfassess.core.inbox.judging import judged_row, signers_held
from selfassess.core.inbox.sources import Candidate, PassedOver, Refused, found_in, looks_like_pdf
from selfassess.core.pdfguard.limits import Limits

PARALLEL_FROM = 8  # fewer packs than this are examined in this process: workers take time to start
MAX_WORKERS = 4


@dataclass(frozen=True)
class Step:
    """Where a long inbox operation stands: `reading` (files given), `verifying` (packs)."""

    phase: str
    done: int
    total: int | None
    label: str = ""


Progress = Callable[[Step], None]


@dataclass(frozen=True)
class Outcome:
    """One pack examined: accepted or quarantined, and why."""

    label: str  # where it came from (or its place in the folder)
    sha256: str
    accepted: bool
    reasons: tuple[Finding, ...] = ()
    signer_status: str | None = None
    organisation: str | None = None
    revision: int | None = None


@dataclass
class ImportReport:
    accepted: list[Outcome] = field(default_factory=list)
    quarantined: list[Outcome] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # labels of packs already indexed
    passed_over: list[str] = field(default_factory=list)  # not packs (a folder's other files)
    removed: int = 0  # indexed packs no longer in the folder
    cancelled: bool = False
    notices: list[Finding] = field(default_factory=list)


@dataclass
class _Run:
    """One import under way: where, what it reports, and how it tells and stops."""

    folder: InboxFolder
    report: ImportReport
    tell: Progress
    stop: Callable[[], bool]
    workers: int | None


def import_paths(
    folder: InboxFolder,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import the packs in `paths` (files, folders, .eml, .mbox) into the inbox `folder`; packs
    other machines put in the folder are indexed too."""
    run = _Run(
        folder,
        ImportReport(),
        progress or (lambda step: None),
        cancelled or (lambda: False),
        workers,
    )
    with InboxIndex(folder) as index:
        if index.take_remade():
            run.report.notices.append(
                Finding.of("the inbox's index was damaged or out of date and is made again")
            )
        indexed = index.indexed()
        labels = _read(run, list(paths), indexed)
        arrivals = [(None, {"sha256": sha, "name": label}) for sha, label in labels.items()]
        buyer_log.append(index, "arrival", arrivals)
        if not run.report.cancelled:
            _index_folder(run, index, indexed, labels)
    return run.report


def refresh(
    folder: InboxFolder,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Index the packs in the folder this machine has not indexed yet (another machine's, in a
    shared inbox), and forget the packs no longer there."""
    return import_paths(folder, [], progress=progress, cancelled=cancelled, workers=workers)


def rebuild(
    folder: InboxFolder,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Make this machine's index again from the folder alone: every pack verified again."""
    with InboxIndex(folder) as index:
        index.clear()
    return refresh(folder, progress=progress, cancelled=cancelled, workers=workers)


def _read(run: _Run, paths: list[Path], indexed: dict[str, bool]) -> dict[str, str]:
    """Keep every candidate pack in the folder; the label of each one not already accepted."""
    limit = Limits.from_preferences(run.folder.home).max_file_bytes
    labels: dict[str, str] = {}
    for number, found in enumerate(found_in(paths, limit), start=1):
        if run.stop():
            run.report.cancelled = True
            break
        run.tell(Step("reading", number, None, found.label))
        if isinstance(found, Refused):
            run.report.refused.append(found)
        elif isinstance(found, PassedOver):
            run.report.passed_over.append(found.label)
        else:
            try:
                sha = _kept(run.folder, found, limit)
            except UserError as exc:
                run.report.refused.append(Refused(found.label, finding_of(exc)))
                continue
            if indexed.get(sha) or sha in labels:
                run.report.duplicates.append(found.label)
            else:
                labels[sha] = found.label
    return labels


def _kept(folder: InboxFolder, candidate: Candidate, limit: int) -> str:
    """Keep a candidate in the folder; its SHA-256. Refused when it is not a PDF."""
    from selfassess.core.errors import InvalidInput

    not_a_pdf = InvalidInput.of("not a PDF")
    if candidate.data is not None:
        if not looks_like_pdf(candidate.data[:1024]):
            raise not_a_pdf
        return folder.store_bytes(candidate.data)
    assert candidate.path is not None
    sha, _size = sha256_of(candidate.path, limit, looks_like_pdf, not_a_pdf)
    folder.store_file(candidate.path, sha)
    return sha


def _index_folder(
    run: _Run, index: InboxIndex, indexed: dict[str, bool], labels: dict[str, str]
) -> None:
    folder = run.folder
    stored = set(folder.stored())
    gone = [sha for sha in indexed if sha not in stored]
    index.remove(gone)
    run.report.removed = len(gone)
    pending = sorted(sha for sha in stored if sha not in indexed or sha in labels)
    examined = _examine_all(run, pending)
    run.report.cancelled = run.report.cancelled or len(examined) < len(pending)
    with signers_held(folder.home):  # one import at a time judges this machine's signers
        rows = [judged_row(folder.home, item) for item in _oldest_signature_first(examined)]
    index.put(rows, {item.sha256: item.data for item in examined if item.data is not None})
    for row, _details in rows:
        label = labels.get(row.sha256) or str(folder.pack_path(row.sha256).relative_to(folder.root))
        outcome = Outcome(
            label,
            row.sha256,
            row.accepted,
            row.reasons,
            row.signer_status,
            row.organisation,
            row.revision,
        )
        (run.report.accepted if row.accepted else run.report.quarantined).append(outcome)


def _examine_all(run: _Run, pending: list[str]) -> list[Examined]:
    limits = Limits.from_preferences(run.folder.home)
    jobs = [(sha, run.folder.pack_path(sha)) for sha in pending]
    count = run.workers if run.workers is not None else _default_workers(len(jobs))
    done: list[Examined] = []
    shared = _sharing_forms()
    run.tell(Step("verifying", 0, len(jobs)))
    if count <= 1:
        for sha, path in jobs:
            if run.stop():
                break
            done.append(shared(examine_stored(sha, path, run.folder.home, limits)))
            run.tell(Step("verifying", len(done), len(jobs), sha[:12]))
        return done
    return _examine_in_workers(run, jobs, limits, count, shared)


def _sharing_forms() -> Callable[[Examined], Examined]:
    """The examined pack with its form.json the one copy kept of that form: packs mostly carry
    the same form (half a megabyte), which 500 packs must not hold 500 times."""
    held: dict[str, bytes] = {}

    def shared(item: Examined) -> Examined:
        data = item.data
        if data is None:
            return item
        form = held.setdefault(data.form_sha256, data.form)
        if form is data.form:
            return item
        return dataclasses.replace(item, data=dataclasses.replace(data, form=form))

    return shared


def _examine_in_workers(
    run: _Run,
    jobs: list[tuple[str, Path]],
    limits: Limits,
    count: int,
    shared: Callable[[Examined], Examined],
) -> list[Examined]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    done: list[Examined] = []
    context = multiprocessing.get_context("spawn")
    home = run.folder.home
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        waiting = {pool.submit(examine_stored, sha, path, home, limits) for sha, path in jobs}
        try:
            while waiting:
                finished, waiting = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    done.append(shared(future.result()))
                    run.tell(Step("verifying", len(done), len(jobs), done[-1].sha256[:12]))
                if run.stop():
                    break
        finally:
            for future in waiting:
                future.cancel()
    return done


def _default_workers(jobs: int) -> int:
    """Worker processes for `jobs` packs: none for a few, or in a frozen build (an installed
    bundle would start the app again in each worker)."""
    if jobs < PARALLEL_FROM or getattr(sys, "frozen", False):
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _oldest_signature_first(examined: list[Examined]) -> list[Examined]:
    """Signers are judged in the order they signed: of two certificates of one organisation,
    the earlier is the known one and the later the change."""
    return sorted(
        examined,
        key=lambda item: (
            item.signed_at is None,
            item.signed_at.isoformat() if item.signed_at else "",
            item.sha256,
        ),
    )


def _place(folder: InboxFolder, sha: str) -> str:
    return str(folder.pack_path(sha).relative_to(folder.root))
