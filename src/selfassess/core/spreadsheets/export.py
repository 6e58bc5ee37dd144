"""The export of received packs to a spreadsheet, in one pass over the packs: each pack's rows go
to every sheet as it comes (the write-only workbook keeps each sheet in a file of its own), and
only the latest row of each supplier is kept until the end, so memory does not grow with the
number of packs or answers.

Sheets, in this order: Suppliers, Packs, Answers, Criteria, Actions, and KPIs when the caller
has them (the buyer's inbox). Tabs are named in the reader's language; .csv files by the keys
below, the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.core.errors import Refused
from selfassess.core.i18n import N_, translate
from selfassess.core.spreadsheets.cells import Column, Value
from selfassess.core.spreadsheets.pack_sheets import (
    ReceivedPack,
    answer_columns,
    answer_rows,
    criterion_columns,
    criterion_rows,
    pack_columns,
    pack_row,
    supplier_columns,
    supplier_row,
)
from selfassess.core.spreadsheets.pack_sheets_plan import (
    FollowUp,
    action_columns,
    action_rows,
    kpi_columns,
)
from selfassess.core.spreadsheets.received import Progress, SetAside, verified_packs
from selfassess.core.spreadsheets.writer import SheetOutput, book_being_written, written_files
from selfassess.core.trust.names import organisation_key

SHEET_TITLES = {
    "suppliers": N_("Suppliers"),
    "packs": N_("Packs"),
    "answers": N_("Answers"),
    "criteria": N_("Criteria"),
    "actions": N_("Actions"),
    "kpis": N_("KPIs"),
}
RowsOf = Callable[[ReceivedPack], Iterable[Sequence[Value]]]


@dataclass
class Exported:
    """What an export wrote."""

    files: list[Path]
    packs: int = 0
    suppliers: int = 0
    set_aside: list[SetAside] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # by sheet, the heading row included
    cells: dict[str, int] = field(default_factory=dict)


class CountedSheet:
    """A sheet's output that counts the rows and cells written to it (in `exported`)."""

    def __init__(self, output: SheetOutput, width: int, exported: Exported, key: str) -> None:
        self.output, self.width, self.exported, self.key = output, width, exported, key
        exported.rows[key], exported.cells[key] = 1, width

    def append(self, row: Sequence[Value]) -> None:
        self.output.append(row)
        self.exported.rows[self.key] += 1
        self.exported.cells[self.key] += self.width


def export_packs(
    packs: Iterable[ReceivedPack],
    target: Path,
    language: str,
    *,
    follow_up: FollowUp | None = None,
    kpis: Iterable[Sequence[Value]] | None = None,
) -> Exported:
    """Write the sheets of `packs` (read once, one at a time) to `target`, .xlsx or .csv files
    beside it, whole or not at all; refused when there is no pack to export."""
    keys = [key for key in SHEET_TITLES if key != "kpis" or kpis is not None]
    counted = Exported(files=[])
    with book_being_written(target) as book:

        def sheet(key: str, columns: list[Column]) -> SheetOutput:
            output = book.add_sheet(key, translate(language, SHEET_TITLES[key]), columns)
            return CountedSheet(output, len(columns), counted, key)

        suppliers = sheet("suppliers", supplier_columns(language))
        fed: list[tuple[SheetOutput, RowsOf]] = [
            (sheet("packs", pack_columns(language)), lambda p: [pack_row(p, language)]),
            (sheet("answers", answer_columns(language)), lambda p: answer_rows(p, language)),
            (sheet("criteria", criterion_columns(language)), lambda p: criterion_rows(p, language)),
            (
                sheet("actions", action_columns(language, follow_up)),
                lambda p: action_rows(p, language, follow_up),
            ),
        ]
        kpi_sheet = sheet("kpis", kpi_columns(language)) if kpis is not None else None
        exported = _feed(packs, fed, suppliers, language)
        for row in kpis or ():
            assert kpi_sheet is not None
            kpi_sheet.append(row)
        if exported.packs == 0:
            raise Refused.of("no pack to export: nothing was written")
    exported.files = written_files(target, keys)
    exported.rows, exported.cells = counted.rows, counted.cells
    return exported


def export_pack_files(
    paths: Iterable[Path],
    target: Path,
    language: str,
    *,
    home: Path | None,
    progress: Progress = lambda _done, _total: None,
) -> Exported:
    """Verify the pack files at `paths` and export those that verify (`export_packs`); the
    others are listed in the result's `set_aside`. Refused, with nothing written, when none
    verifies."""
    set_aside: list[SetAside] = []
    packs = verified_packs(paths, language, home, set_aside, progress)
    try:
        exported = export_packs(packs, target, language)
    except Refused as refusal:
        if set_aside and refusal.message_id == "no pack to export: nothing was written":
            raise Refused.of(
                "no pack verified, so nothing was written; the first refused: {file}: {reason}",
                file=set_aside[0].path,
                reason=str(set_aside[0].reason),
            ) from None
        raise
    exported.set_aside = set_aside
    return exported


def _feed(
    packs: Iterable[ReceivedPack],
    fed: list[tuple[SheetOutput, RowsOf]],
    suppliers: SheetOutput,
    language: str,
) -> Exported:
    """Each pack's rows to every sheet as it comes; then a row per supplier, by name."""
    latest: dict[str, tuple[tuple[str, int], list[Value], int]] = {}
    count = 0
    for pack in packs:
        count += 1
        for output, rows_of in fed:
            for row in rows_of(pack):
                output.append(row)
        key = organisation_key(*pack.supplier_key)
        when = (pack.response.finalized_at, pack.response.revision)
        before = latest.get(key)
        if before is None or when > before[0]:
            latest[key] = (when, supplier_row(pack, language), (before[2] if before else 0) + 1)
        else:
            latest[key] = (before[0], before[1], before[2] + 1)
    for _key, (_when, row, received) in sorted(latest.items()):
        suppliers.append([*row[:-1], received])  # the last column counts the packs
    return Exported(files=[], packs=count, suppliers=len(latest))
