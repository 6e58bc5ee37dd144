"""Opening a file or folder with the desktop's own programs, and what to do when the desktop has
none (a netbook without a file manager or a mail program, a session under Xvfb): said on the
page, never only on standard error, with the path to copy and, for an e-mail, the message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from selfassess.ui.i18n import tr

NOTICE_STYLE = "QFrame#fallback { background: #fff4e5; border: 1px solid #e0a040; }"


def open_with_desktop(path: Path) -> bool:
    """Open `path` in the program the desktop has for it; False when it has none."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class OpenFallback(QFrame):
    """A notice saying what could not be opened, the path (selectable) with a button to copy it,
    and a button to copy a text (an e-mail's message) where one goes with it. Emits `shown`
    when it appears, so that the window around it can grow to show it whole."""

    shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fallback")
        self.setStyleSheet(NOTICE_STYLE)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setAccessibleName(tr("Path"))
        self.copy_path = QPushButton(tr("Copy the path"))
        self.copy_path.clicked.connect(self._copy_path)
        self.copy_text = QPushButton(tr("Copy the message"))
        self.copy_text.clicked.connect(self._copy_text)
        self.copied = QLabel()
        self.text = ""
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_path)
        buttons.addWidget(self.copy_text)
        buttons.addWidget(self.copied, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        self.hide()

    def explain(self, message: str, path: Path, text: str | None = None) -> None:
        """Show `message` and `path`; a button to copy `text` when given."""
        self.message.setText(message)
        self.path.setText(str(path))
        self.path.setCursorPosition(0)
        self.text = text or ""
        self.copy_text.setVisible(bool(text))
        self.copied.clear()
        self.show()
        self.shown.emit()
        self._bring_into_view()

    def _bring_into_view(self) -> None:
        """Scroll the page down to the notice once laid out: on a netbook it is below the fold."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if isinstance(area, QScrollArea):
            scroll = area
            QTimer.singleShot(0, scroll, lambda: scroll.ensureWidgetVisible(self))

    def _copy_path(self) -> None:
        QGuiApplication.clipboard().setText(self.path.text())
        self.copied.setText(tr("The path is copied: paste it where you need it."))

    def _copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.copied.setText(tr("The message is copied: paste it into your e-mail."))
