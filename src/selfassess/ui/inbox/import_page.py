"""The Import page of the Buyer view: packs, folders and mail dropped or chosen are imported off
the interface thread, with a progress bar and a Cancel button that works, and end on a summary
of what the import came to (core's counts and reasons). When the inbox folder holds packs this
computer has not checked yet (an import stopped before the end, or another computer added them to
a shared folder), a note offers to check them here; they are counted off the interface thread, a
folder on a network drive being slow to list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfassess.core.errors import UserError
from selfassess.core.inbox.importing import ImportReport, Progress, Step
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.summary import ImportCounts, import_counts
from selfassess.ui.i18n import tr, tr_plural
from selfassess.ui.inbox.banner import Banner
from selfassess.ui.inbox.drop_zone import DropZone
from selfassess.ui.inbox.import_summary import ImportSummaryView
from selfassess.ui.inbox.portfolio.background import BackgroundRead
from selfassess.ui.inbox.progress_row import ProgressRow
from selfassess.ui.inbox.task import InboxTask, InboxWork

Stop = Callable[[], bool]
NOTE_STYLE = (
    "QFrame#unindexed-note { background: #fff4ce; border: 1px solid #c9a400; border-radius: 4px; }"
)


class ImportPage(QWidget):
    """Emits `imported` once an import (or indexing) is over, whatever it came to."""

    imported = Signal()

    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.workers: int | None = None  # worker processes: None lets core decide
        self.task: InboxTask | None = None
        self.failed_text = ""
        self.unindexed_read = BackgroundRead(self)
        self.unindexed = 0
        self.banner = Banner()
        self.note, self.note_text, self.index_button = self._build_note()
        self.drop_zone = DropZone()
        self.drop_zone.paths_given.connect(self.import_paths)
        self.progress = ProgressRow()
        self.progress.cancel_requested.connect(self.cancel)
        self.summary = ImportSummaryView()
        self.layout_ = QVBoxLayout(self)
        for widget in (self.banner, self.note, self.drop_zone, self.progress, self.summary):
            self.layout_.addWidget(widget)
        self.layout_.setStretchFactor(self.drop_zone, 1)
        self.retranslate()

    def _build_note(self) -> tuple[QFrame, QLabel, QPushButton]:
        note = QFrame()
        note.setObjectName("unindexed-note")
        note.setStyleSheet(NOTE_STYLE)
        text = QLabel()
        text.setWordWrap(True)
        button = QPushButton()
        button.clicked.connect(self.index_others)
        row = QHBoxLayout(note)
        row.addWidget(text, 1)
        row.addWidget(button)
        note.hide()
        return note, text, button

    def retranslate(self) -> None:
        self.drop_zone.retranslate()
        self.progress.retranslate()
        self.summary.retranslate()
        self.index_button.setText(tr("Check them now"))
        self.index_button.setAccessibleName(self.index_button.text())
        self._say_unindexed()  # counted again when the page is shown (`check_unindexed`)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def import_paths(self, paths: list[Path]) -> None:
        """Import the packs in `paths` (files, folders, .eml, .mbox) off the interface thread."""
        inbox, workers = self.inbox, self.workers

        def work(progress: Progress, cancelled: Stop) -> tuple[ImportReport, ImportCounts]:
            report = inbox.import_paths(
                paths, progress=progress, cancelled=cancelled, workers=workers
            )
            return report, import_counts(inbox.folder, report)

        self._run(work, tr("The import stopped"))

    def index_others(self) -> None:
        """Index the packs another computer added to the shared folder."""
        inbox, workers = self.inbox, self.workers

        def work(progress: Progress, cancelled: Stop) -> tuple[ImportReport, ImportCounts]:
            report = inbox.refresh(progress=progress, cancelled=cancelled, workers=workers)
            return report, import_counts(inbox.folder, report)

        self._run(work, tr("The packs were not indexed"))

    def _run(self, work: InboxWork, failed: str) -> None:
        if self.busy:
            return
        self.banner.clear_error()
        self.failed_text = failed
        self.task = InboxTask(work, self)
        self.task.stepped.connect(self._on_step)
        self.task.over.connect(self._on_over)
        self._set_busy(True)
        self.summary.hide()  # the last import's counts are not this one's
        self.note.hide()
        self.progress.start()
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop(self) -> None:
        """Stop the work under way and wait for it (the window is closing)."""
        if self.task is not None:
            self.task.stop_and_wait()

    def _on_step(self, step: Step) -> None:
        self.progress.show_step(step)

    def _on_over(self) -> None:
        task, self.task = self.task, None
        assert task is not None
        task.deleteLater()
        self.progress.finish()
        self._set_busy(False)
        if task.error is not None:
            self.banner.show_error(self.failed_text, task.error)
        elif task.result is not None:
            report, counts = task.result
            self.summary.show_report(report, counts)
            self.drop_zone.set_compact(True)
            self.layout_.setStretchFactor(self.drop_zone, 0)
            self.layout_.setStretchFactor(self.summary, 1)
        self.check_unindexed()
        self.imported.emit()

    def _set_busy(self, busy: bool) -> None:
        self.drop_zone.setEnabled(not busy)
        self.index_button.setEnabled(not busy)

    def check_unindexed(self) -> None:
        """Count, off the interface thread, the packs in the folder this computer has not
        checked yet; the note says so once counted."""
        if self.busy:
            return
        inbox = self.inbox

        def count() -> int | OSError:
            try:
                return inbox.unindexed()
            except OSError as error:  # a network drive that went away
                return error

        self.unindexed_read.start(count, self._on_unindexed, self._on_unindexed)

    def _on_unindexed(self, count: int | OSError | UserError) -> None:
        if self.busy:  # an import began meanwhile: it will count again once over
            return
        if isinstance(count, int):
            self.unindexed = count
        else:
            self.banner.show_error(tr("The inbox folder cannot be read"), count)
            self.unindexed = 0
        self._say_unindexed()

    def _say_unindexed(self) -> None:
        count = self.unindexed
        self.note.setVisible(count > 0 and not self.busy)
        self.note_text.setText(
            tr_plural(
                "{count} pack in the inbox folder is not checked on this computer yet: an "
                "import stopped before the end, or another computer added it to the shared "
                "folder.",
                "{count} packs in the inbox folder are not checked on this computer yet: an "
                "import stopped before the end, or another computer added them to the shared "
                "folder.",
                count,
            )
        )
