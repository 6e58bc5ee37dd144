"""Help, About: the product, its version and licence, and where the data lives, with buttons to
open that folder or copy its path (a desktop without a file manager still gets the path)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.about import LICENCE, PRODUCT_NAME, __version__
from selfassess.core.store.backup import backup_folder
from selfassess.ui.i18n import tr
from selfassess.ui.pack.open_fallback import open_with_desktop


class AboutDialog(QDialog):
    """What the app is, and the folder that holds the user's assessments and backups."""

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.setWindowTitle(tr("About {product}", product=PRODUCT_NAME))
        self.summary = [QLabel(f"<h2>{escape(PRODUCT_NAME)}</h2>")]
        for line in self._summary():
            label = QLabel(line)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            self.summary.append(label)
        where = QLabel(tr("Your assessments, evidence and settings are kept in this folder:"))
        where.setWordWrap(True)
        self.folder = QLineEdit(str(home))
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        self.folder.setAccessibleName(tr("Data folder"))
        backups = QLabel(tr("A backup is made every day in {folder}.", folder=backup_folder(home)))
        backups.setWordWrap(True)
        self.open_button = QPushButton(tr("Open the folder"))
        self.copy_button = QPushButton(tr("Copy the path"))
        self.said = QLabel()
        self.said.setWordWrap(True)
        close = QPushButton(tr("Close"))
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button.clicked.connect(self.copy_path)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (*self.summary, where, self.folder, backups, self.said):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)  # wrapped lines get their height for this width

    def _summary(self) -> list[str]:
        """The version, the purpose and the licence, a line each."""
        purpose = tr(
            "Offline self-assessment for responsible-minerals supply chains, with signed "
            "response packs for buyers."
        )
        return [
            tr("Version {version}", version=__version__),
            purpose,
            tr("Licence: {licence}", licence=LICENCE),
        ]

    def open_folder(self) -> None:
        if open_with_desktop(self.home):
            self.said.clear()
            return
        QGuiApplication.clipboard().setText(str(self.home))
        self.said.setText(
            tr(
                "This computer has no program to open folders. The path is copied: paste it "
                "into a file manager."
            )
        )

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.home))
        self.said.setText(tr("The path is copied: paste it where you need it."))
