"""What an import comes to, counted for the app's summary: packs accepted, already here (not
verified again), superseded, in quarantine, refused, passed over, and accepted from a new signer.

A pack is superseded when a later revision of the same assessment, from the same supplier, is
in the inbox (it stays in the supplier's history). The import's count is of the packs it made
superseded: those it brought that a later revision already here or brought with them supersedes,
and the packs already here that one of its revisions now supersedes.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.core.inbox.folder import InboxFolder
from selfassess.core.inbox.importing import ImportReport
from selfassess.core.inbox.index import InboxIndex, PackRow


@dataclass(frozen=True)
class ImportCounts:
    accepted: int
    duplicates: int
    superseded: int
    quarantined: int
    refused: int
    passed_over: int
    removed: int
    new_signers: int  # accepted packs whose signer was seen for the first time


def import_counts(folder: InboxFolder, report: ImportReport) -> ImportCounts:
    """The counts of `report`, an import into the inbox `folder` just made."""
    with InboxIndex(folder) as index:
        rows = index.rows()
    brought = {item.sha256 for item in report.accepted}
    return ImportCounts(
        accepted=len(report.accepted),
        duplicates=len(report.duplicates),
        superseded=superseded_by(rows, brought),
        quarantined=len(report.quarantined),
        refused=len(report.refused),
        passed_over=len(report.passed_over),
        removed=report.removed,
        new_signers=sum(1 for item in report.accepted if item.signer_status == "new"),
    )


def superseded_by(rows: list[PackRow], brought: set[str]) -> int:
    """How many of the accepted packs `rows` the packs `brought` (their SHA-256) made
    superseded."""
    groups: dict[tuple[str | None, str | None], list[PackRow]] = {}
    for row in rows:
        groups.setdefault((row.supplier_key, row.assessment), []).append(row)
    count = 0
    for group in groups.values():
        if not any(row.sha256 in brought for row in group):
            continue
        newest = max(_revision(row) for row in group)
        before = max((_revision(row) for row in group if row.sha256 not in brought), default=None)
        count += sum(
            1
            for row in group
            if _revision(row) < newest and (row.sha256 in brought or _revision(row) == before)
        )
    return count


def _revision(row: PackRow) -> int:
    return row.revision or 0
