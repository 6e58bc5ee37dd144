"""The rows that the inbox's accepted packs give the Packs, Answers, Criteria and Actions sheets,
read from the data the index keeps of each pack (`index.PackData`: no PDF is read again) and
judged again in the reader's language (`pack.rejudge`), with the columns of `pack export-sheets`
(`spreadsheets.pack_sheets`).

Every accepted pack gives a Packs row (marked when a later revision supersedes it); a supplier's
latest pack also gives its answers, criteria and actions, each action followed by the buyer's
follow-up. Reading and judging cost as much as writing, so with many packs they are done in a
worker process while this one writes (`pack_rows`), a few packs at a time and never far ahead:
memory stays bounded however many packs there are.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import UserError
from selfassess.core.findings import Finding
from selfassess.core.i18n import N_, translate
from selfassess.core.inbox.folder import InboxFolder
from selfassess.core.inbox.index import InboxIndex, StoredData
from selfassess.core.spreadsheets.cells import Column, Value
from selfassess.core.spreadsheets.pack_sheets import (
    ReceivedPack,
    answer_rows,
    criterion_rows,
    pack_row,
)
from selfassess.core.spreadsheets.pack_sheets_plan import FOLLOW_UP_TITLES, FollowUp, action_rows

CHUNK = 20  # packs a worker reads and judges at a time
AHEAD = 2  # chunks asked of the worker before their rows are written
PARALLEL_FROM = 40  # fewer packs are read in this process: a worker takes a second to start


@dataclass(frozen=True)
class PackJob:
    """One accepted pack to put in the sheets, with what the index and the buyer's records say
    of it."""

    sha256: str
    file_name: str  # the names it arrived as
    signer_status: str | None
    signed_at: str | None
    superseded: bool
    latest: bool  # the supplier's latest pack: its answers, criteria and actions go in too
    follow_up: dict[int, list[Value]] = field(default_factory=dict)  # by action number


@dataclass(frozen=True)
class PackSheetRows:
    """The rows one pack gives each sheet (by the sheet's key), or why it gave none."""

    sha256: str
    rows: dict[str, list[list[Value]]] = field(default_factory=dict)
    left_out: Finding | None = None


def follow_up_columns(language: str) -> list[Column]:
    """The buyer's columns after each action's: its number (as `inbox supplier … follow-up`
    takes it), then the follow-up, the note, the due day and whether it is overdue."""
    titles = ((N_("Action number"), 8), *FOLLOW_UP_TITLES)
    return [Column(translate(language, title), width) for title, width in titles]


def pack_rows(
    folder: InboxFolder,
    jobs: Sequence[PackJob],
    language: str,
    *,
    workers: int | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> Iterator[PackSheetRows]:
    """The rows of each pack of `jobs`, in order; with many packs, read and judged in a worker
    process a few chunks ahead of the caller. Stops asking for more once `stopped()`."""
    chunks = [list(jobs[start : start + CHUNK]) for start in range(0, len(jobs), CHUNK)]
    count = workers if workers is not None else _default_workers(len(jobs))
    if count < 1 or not chunks:
        for chunk in chunks:
            if stopped():
                return
            yield from rows_of_chunk(folder, chunk, language)
        return
    yield from _in_worker(folder, chunks, language, stopped)


def _in_worker(
    folder: InboxFolder, chunks: list[list[PackJob]], language: str, stopped: Callable[[], bool]
) -> Iterator[PackSheetRows]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        waiting: deque[Future[list[PackSheetRows]]] = deque()
        pending = iter(chunks)
        try:
            for chunk in pending:
                waiting.append(pool.submit(rows_of_chunk, folder, chunk, language))
                if len(waiting) > AHEAD:
                    yield from waiting.popleft().result()
                    if stopped():
                        return
            while waiting:
                yield from waiting.popleft().result()
                if stopped():
                    return
        finally:
            for future in waiting:
                future.cancel()


def _default_workers(packs: int) -> int:
    """One worker for many packs (this process writes meanwhile); none for a few, or in a
    frozen build (an installed bundle would start the app again in a worker)."""
    if packs < PARALLEL_FROM or getattr(sys, "frozen", False):
        return 0
    return 1


def rows_of_chunk(folder: InboxFolder, jobs: list[PackJob], language: str) -> list[PackSheetRows]:
    """The rows of each pack of `jobs` (in a worker process, or in this one)."""
    with InboxIndex(folder) as index:
        return [_rows_of(index, job, language) for job in jobs]


def _rows_of(index: InboxIndex, job: PackJob, language: str) -> PackSheetRows:
    try:
        data = index.data(job.sha256)
        if data is None:
            return PackSheetRows(job.sha256, left_out=_NO_DATA)
        pack = received_pack(data, job, language, index.folder.home)
    except UserError as error:
        return PackSheetRows(job.sha256, left_out=_finding_of(error))
    except Exception as error:  # data the index kept that no longer reads: left out, said
        reason = Finding.of("its data cannot be read: {reason}", reason=type(error).__name__)
        return PackSheetRows(job.sha256, left_out=reason)
    superseded = translate(language, "Yes") if job.superseded else translate(language, "No")
    rows: dict[str, list[list[Value]]] = {"packs": [[*pack_row(pack, language), superseded]]}
    if job.latest:
        rows["answers"] = list(answer_rows(pack, language))
        rows["criteria"] = list(criterion_rows(pack, language))
        rows["actions"] = list(action_rows(pack, language, buyer_follow_up(job, language)))
    return PackSheetRows(job.sha256, rows)


def received_pack(data: StoredData, job: PackJob, language: str, home: Path) -> ReceivedPack:
    """An accepted pack, as the sheets read it in `language`, from the data the index kept."""
    from cryptography import x509

    from selfassess.core.pack.rejudge import judged_again
    from selfassess.core.pack.response import Response
    from selfassess.core.trust.decision import SignerStatus
    from selfassess.core.trust.signer import signer_of

    response = Response.model_validate_json(data.response_json)
    judged = judged_again(response, data.form_json, language, home)
    signer = signer_of(x509.load_der_x509_certificate(data.certificate))
    status = SignerStatus(job.signer_status) if job.signer_status else None
    return ReceivedPack(
        response=judged.response,
        form=judged.form,
        report=judged.report,
        file_name=job.file_name,
        sha256=job.sha256,
        signer=signer,
        signed_at=job.signed_at,
        signer_status=status,
    )


def buyer_follow_up(job: PackJob | None, language: str) -> FollowUp:
    """The buyer's columns after each action's, with the job's values (its number alone for an
    action without them)."""
    recorded = job.follow_up if job is not None else {}
    return FollowUp(
        follow_up_columns(language),
        lambda _pack, planned: recorded.get(planned.action.id, [planned.action.id]),
    )


_NO_DATA = Finding.of(
    "the inbox's index keeps no data of this pack: run `selfassess inbox rebuild`"
)


def _finding_of(error: UserError) -> Finding:
    from selfassess.core.inbox.examine import finding_of

    return finding_of(error)
