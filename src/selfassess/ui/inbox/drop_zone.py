"""The large area packs are dropped on: files (packs, .eml messages, .mbox mailboxes) and
folders dragged from the file manager or the mail program, or chosen with "Add files…" and
"Add a folder…" (dialogs that open where packs were last taken from)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfassess.ui.file_dialogs import open_files, open_folder
from selfassess.ui.i18n import tr

PURPOSE = "inbox-packs"  # the folder the dialogs remember
STYLE = (
    "QFrame#drop-zone { border: 2px dashed #7a8a99; border-radius: 8px; background: #f4f7fa; }"
    "QFrame#drop-zone[hovered='true'] { border-color: #1f6fb2; background: #e3effa; }"
)


def local_paths(data: QMimeData) -> list[Path]:
    """The local files and folders a drag carries (links to web pages are not)."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class DropZone(QFrame):
    """Emits `paths_given(list[Path])` when files or folders are dropped or chosen."""

    paths_given = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop-zone")
        self.setStyleSheet(STYLE)
        self.setAcceptDrops(True)
        self.setMinimumHeight(130)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.add_files = QPushButton()
        self.add_folder = QPushButton()
        for button in (self.add_files, self.add_folder):
            button.setMinimumHeight(36)
        self.add_files.clicked.connect(self.choose_files)
        self.add_folder.clicked.connect(self.choose_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.add_folder)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        column.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(f"<b style='font-size: 13pt'>{tr('Drop packs here')}</b>")
        self.hint.setText(
            tr(
                "Signed packs (PDF), folders of packs, e-mails (.eml) or mailboxes (.mbox): each "
                "pack is checked before it is counted."
            )
        )
        self.add_files.setText(tr("Add files…"))
        self.add_folder.setText(tr("Add a folder…"))
        for button in (self.add_files, self.add_folder):
            button.setAccessibleName(button.text())
        self.setAccessibleName(tr("Drop packs here"))

    def set_compact(self, compact: bool) -> None:
        """Smaller once a summary needs the room: the heading and the buttons only."""
        self.hint.setVisible(not compact)
        self.setMinimumHeight(0 if compact else 130)

    def choose_files(self) -> None:
        chosen = open_files(
            self,
            PURPOSE,
            tr("Add packs"),
            tr("Packs and mail (*.pdf *.eml *.mbox);;All files (*)"),
        )
        if chosen:
            self.paths_given.emit([Path(path) for path in chosen])

    def choose_folder(self) -> None:
        chosen = open_folder(self, PURPOSE, tr("Add a folder of packs"))
        if chosen:
            self.paths_given.emit([Path(chosen)])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover(False)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.paths_given.emit(paths)

    def _hover(self, hovered: bool) -> None:
        self.setProperty("hovered", "true" if hovered else "false")
        self.style().unpolish(self)
        self.style().polish(self)
