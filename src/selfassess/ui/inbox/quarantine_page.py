"""The Quarantine page of the Buyer view: the packs that are kept but never counted, each with
the file names it arrived as, its organisation when known, and the verdict's reasons in the
interface language; below, the chosen pack's signer and fingerprint, and for a changed signer the
way out: accept the new certificate, saying how the supplier confirmed it."""

from __future__ import annotations

from html import escape
from pathlib import PurePath

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.inbox.index import PackRow
from selfassess.core.inbox.service import Inbox
from selfassess.core.signing.identity import spoken
from selfassess.core.trust.known_signers import Acceptance
from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.accept_dialog import AcceptDialog
from selfassess.ui.inbox.banner import Banner
from selfassess.ui.inbox.task import InboxTask


class QuarantinePage(QWidget):
    """Emits `changed` when a pack left the quarantine."""

    changed = Signal()

    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.entries: list[tuple[PackRow, list[str]]] = []
        self.task: InboxTask | None = None
        self.banner = Banner()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = self._build_table()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton()
        self.accept_button.setMinimumHeight(34)
        self.accept_button.clicked.connect(self.accept_chosen)
        below = QHBoxLayout()
        below.addWidget(self.details, 1)
        below.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.outcome)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        self.retranslate()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(0, 220)
        table.setColumnWidth(1, 200)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())  # wrapped anew
        table.itemSelectionChanged.connect(self._show_chosen)
        return table

    def retranslate(self) -> None:
        self.empty.setText(tr("The quarantine is empty: every pack received was accepted."))
        self.accept_button.setText(tr("Accept the new certificate…"))
        self.accept_button.setAccessibleName(self.accept_button.text())
        self.table.setHorizontalHeaderLabels([tr("Arrived as"), tr("Organisation"), tr("Why")])
        self.outcome.clear()
        self.outcome.hide()
        self.refresh()

    def refresh(self) -> None:
        """The quarantine as the index has it now; the pack chosen stays chosen."""
        chosen = self.chosen()
        try:
            self.entries = self.inbox.quarantine()
        except (UserError, OSError) as error:  # said in the page
            self.banner.show_error(tr("The quarantine cannot be read"), error)
            self.entries = []
        self.table.setRowCount(len(self.entries))
        for number, (row, names) in enumerate(self.entries):
            self._fill_row(number, row, names)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))
        again = [n for n, (row, _names) in enumerate(self.entries) if chosen and row == chosen]
        self.table.selectRow(again[0] if again else 0)
        self._show_chosen()

    def _fill_row(self, number: int, row: PackRow, names: list[str]) -> None:
        """The file names the pack arrived as (where from, in the tooltip), its organisation,
        and why it is in quarantine."""
        arrived = "\n".join(PurePath(name).name or name for name in names)
        cells = (
            (arrived, "\n".join(names)) if names else (tr("added on another computer"), ""),
            (row.organisation or tr("not known"), ""),
            ("\n".join(reason.text(language()) for reason in row.reasons), ""),
        )
        for column, (text, tip) in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(tip or text)
            self.table.setItem(number, column, item)

    def chosen(self) -> PackRow | None:
        rows = self.table.selectionModel().selectedRows() if self.entries else []
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()][0]

    def _show_chosen(self) -> None:
        row = self.chosen()
        self.accept_button.setVisible(row is not None and row.signer_status == "changed")
        self.accept_button.setEnabled(self.task is None)
        if row is None:
            self.details.clear()
            return
        lines = []
        if row.signer:
            lines.append(_line(tr("Signed by"), escape(row.signer)))
        if row.fingerprint:
            lines.append(
                _line(tr("Certificate fingerprint"), f"<tt>{spoken(row.fingerprint)}</tt>")
            )
        lines.append(_line("SHA-256", f"<tt>{row.sha256[:16]}…</tt>"))
        notes = [f"<i>{escape(note.text(language()))}</i>" for note in row.notes]
        self.details.setText("<br>".join(lines + notes))

    def accept_chosen(self) -> None:
        """Ask how the supplier confirmed the new certificate, then accept it off the interface
        thread; core judges the pack again and says whether it leaves the quarantine."""
        row = self.chosen()
        if row is None or self.task is not None:
            return
        dialog = AcceptDialog(spoken(row.fingerprint or ""), self)
        if not dialog.exec():
            return
        inbox, acceptance = self.inbox, Acceptance(dialog.reason())
        self.banner.clear_error()
        self.task = InboxTask(lambda _progress, _stop: inbox.accept(row.sha256, acceptance), self)
        self.task.over.connect(self._on_accepted)
        self.accept_button.setEnabled(False)
        self.task.start()

    def _on_accepted(self) -> None:
        task, self.task = self.task, None
        assert task is not None
        task.deleteLater()
        if task.error is not None:
            self.banner.show_error(tr("The new certificate was not accepted"), task.error)
        elif isinstance(task.result, PackRow):
            self._say_outcome(task.result)
        self.refresh()
        self.changed.emit()

    def _say_outcome(self, row: PackRow) -> None:
        if row.accepted:
            text = tr(
                "Accepted: {organisation}, revision {revision}.",
                organisation=row.organisation or "",
                revision=row.revision or "",
            )
        else:
            reasons = "; ".join(reason.text(language()) for reason in row.reasons)
            text = tr("{label}: {value}", label=tr("It stays in quarantine"), value=reasons)
        self.outcome.setText(text)
        self.outcome.show()


def _line(label: str, value: str) -> str:
    return tr("{label}: {value}", label=f"<b>{escape(label)}</b>", value=value)
