"""The evidence question: the files attached, which take drag and drop, and can be opened,
added or removed. The page does the work through the core; this widget only asks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.store.evidence import describe_size
from selfassess.core.store.records import Attachment
from selfassess.ui.file_dialogs import open_file, open_files
from selfassess.ui.fill.question_widgets import QuestionWidget
from selfassess.ui.fill.read_only import hold_still
from selfassess.ui.i18n import language, tr


class FileList(QListWidget):
    """A list that accepts files dropped on it."""

    files_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setMaximumHeight(120)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            event.acceptProposedAction()


class EvidenceWidget(QuestionWidget):
    attach_requested = Signal(str, list)
    detach_requested = Signal(str, str)
    open_requested = Signal(str)

    def build(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.files = FileList()
        self.files.setAccessibleName(tr("Attached files"))
        self.files.files_dropped.connect(
            lambda paths: self.attach_requested.emit(self.question.id, paths)
        )
        self.files.itemDoubleClicked.connect(self._open)
        layout.addWidget(self.files)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("Add files…"))
        self.open_button = QPushButton(tr("Open"))
        self.remove_button = QPushButton(tr("Remove"))
        self.replace_button = QPushButton(tr("Replace…"))
        self.replace_button.clicked.connect(self._replace)
        self.add_button.clicked.connect(self._add)
        self.open_button.clicked.connect(lambda: self._open(self.files.currentItem()))
        self.remove_button.clicked.connect(self._remove)
        for button in (self.add_button, self.open_button, self.replace_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.files.setToolTip(tr("Drop files here, or use Add files."))

    def set_read_only(self, read_only: bool) -> None:
        """The files can still be opened; adding, replacing and removing are hidden."""
        super().set_read_only(read_only)
        hold_still(self.files, False)
        hold_still(self.open_button, False)
        for button in (self.add_button, self.replace_button, self.remove_button):
            button.setVisible(not read_only)
        self.files.setAcceptDrops(not read_only)
        if read_only:
            self.files.setToolTip(tr("Open a file to read it."))
        else:
            self.files.setToolTip(tr("Drop files here, or use Add files."))

    def load_files(self, attachments: list[Attachment]) -> None:
        self.files.clear()
        for item in attachments:
            size = describe_size(item.size, language())
            entry = QListWidgetItem(f"{item.original_name}  ({size})")
            entry.setData(Qt.ItemDataRole.UserRole, item.sha256)
            self.files.addItem(entry)

    def _add(self) -> None:
        paths = open_files(self, "evidence", tr("Add files"))
        if paths:
            self.attach_requested.emit(self.question.id, paths)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _replace(self) -> None:
        item = self.files.currentItem()
        if item is None:
            return
        path = open_file(self, "evidence", tr("Replace the file"))
        if path:
            self.attach_requested.emit(self.question.id, [path])
            self.detach_requested.emit(self.question.id, item.data(Qt.ItemDataRole.UserRole))

    def _remove(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            self.detach_requested.emit(self.question.id, item.data(Qt.ItemDataRole.UserRole))
