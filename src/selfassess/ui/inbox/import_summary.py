"""What an import came to, as core counted it: packs accepted, already here, superseded, in
quarantine and refused, each a large number; then each file that needs the buyer's attention
(in quarantine, refused, or from a new signer) with why, in the core's words translated into the
interface language."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.inbox.importing import ImportReport
from selfassess.core.inbox.summary import ImportCounts
from selfassess.ui.i18n import language, tr, tr_plural

TILE_STYLE = "QFrame#count-tile { border: 1px solid #c5ced6; border-radius: 6px; }"
ALERT_COLOUR = "#b00020"


class HasLabel(Protocol):
    @property
    def label(self) -> str: ...


class CountTile(QFrame):
    """One count: a large number, what it counts, and what that means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("count-tile")
        self.setStyleSheet(TILE_STYLE)
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(0)
        column.addWidget(self.number)
        column.addWidget(self.caption)

    def show_count(self, count: int, what: str, meaning: str, alert: bool = False) -> None:
        colour = ALERT_COLOUR if alert and count else "#1b1b1b"
        self.number.setText(f"<span style='font-size: 18pt; color: {colour}'><b>{count}</b></span>")
        self.caption.setText(f"{what}<br><span style='color: #555'>{meaning}</span>")
        self.setAccessibleName(f"{count} {what}, {meaning}")


class ImportSummaryView(QWidget):
    """Shows one import's report and counts; `show_report` again after a language switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: ImportReport | None = None
        self.counts: ImportCounts | None = None
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.tiles = {name: CountTile() for name in ("accepted", "duplicates", "superseded")}
        self.tiles.update({name: CountTile() for name in ("quarantined", "refused")})
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addLayout(tiles)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        self.hide()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 220)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())  # wrapped anew
        return table

    def show_report(self, report: ImportReport, counts: ImportCounts) -> None:
        self.report, self.counts = report, counts
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        if self.report is None or self.counts is None:
            return
        report, counts = self.report, self.counts
        self.headline.setText(f"<b>{_headline(report)}</b>")
        self._show_tiles(counts)
        self.notes.setText("<br>".join(escape(note) for note in _notes(report, counts)))
        self.notes.setVisible(bool(self.notes.text()))
        self.table.setHorizontalHeaderLabels([tr("File"), tr("What happened"), tr("Why")])
        self._fill_table(report)

    def _show_tiles(self, counts: ImportCounts) -> None:
        shown = self.tiles
        shown["accepted"].show_count(
            counts.accepted,
            tr_plural("pack accepted", "packs accepted", counts.accepted),
            tr("in the portfolio"),
        )
        shown["duplicates"].show_count(
            counts.duplicates,
            tr_plural("pack already here", "packs already here", counts.duplicates),
            tr("not verified again"),
        )
        shown["superseded"].show_count(
            counts.superseded,
            tr_plural(
                "earlier revision superseded", "earlier revisions superseded", counts.superseded
            ),
            tr("in the supplier's history"),
        )
        shown["quarantined"].show_count(
            counts.quarantined,
            tr_plural("pack in quarantine", "packs in quarantine", counts.quarantined),
            tr("never counted"),
            alert=True,
        )
        shown["refused"].show_count(
            counts.refused,
            tr_plural("file refused", "files refused", counts.refused),
            tr("the inbox keeps nothing of it"),
            alert=True,
        )

    def _fill_table(self, report: ImportReport) -> None:
        lang = language()
        lines = [
            (item.label, tr("In quarantine"), "\n".join(r.text(lang) for r in item.reasons))
            for item in by_name(report.quarantined)
        ]
        lines += [
            (i.label, tr("Refused, not kept"), i.reason.text(lang)) for i in by_name(report.refused)
        ]
        first_pack = tr(
            "First pack from this organisation: confirm the fingerprint with the supplier by "
            "phone before you rely on it."
        )
        lines += [
            (item.label, tr("Accepted, new signer"), first_pack)
            for item in by_name(report.accepted)
            if item.signer_status == "new"
        ]
        self.table.setRowCount(len(lines))
        for row, (label, what, why) in enumerate(lines):
            for column, text in enumerate((Path(label).name or label, what, why)):
                item = QTableWidgetItem(text)
                item.setToolTip(label if column == 0 else text)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(lines))
        self.table.resizeRowsToContents()


Labelled = TypeVar("Labelled", bound=HasLabel)


def by_name(items: Iterable[Labelled]) -> list[Labelled]:
    """In the order of their file names (the workers finish them in any order)."""
    return sorted(items, key=lambda item: (Path(item.label).name.casefold(), item.label))


def _headline(report: ImportReport) -> str:
    if report.cancelled:
        return tr("Stopped before the end: import again to finish.")
    if report.quarantined or report.refused:
        return tr("Import finished. Some files were not counted: see why below.")
    return tr("Import finished.")


def _notes(report: ImportReport, counts: ImportCounts) -> list[str]:
    notes = [notice.text(language()) for notice in report.notices]
    if counts.new_signers:
        notes.append(
            tr_plural(
                "{count} new signer: confirm the fingerprint with the supplier by phone.",
                "{count} new signers: confirm their fingerprints with the suppliers by phone.",
                counts.new_signers,
            )
        )
    if counts.passed_over:
        notes.append(
            tr_plural(
                "{count} other file passed over (not a PDF file or mail).",
                "{count} other files passed over (not PDF files or mail).",
                counts.passed_over,
            )
        )
    if counts.removed:
        notes.append(
            tr_plural(
                "{count} pack forgotten: it is no longer in the inbox folder.",
                "{count} packs forgotten: they are no longer in the inbox folder.",
                counts.removed,
            )
        )
    return notes
