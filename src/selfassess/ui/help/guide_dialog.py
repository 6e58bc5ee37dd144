"""Help, User guide: the short illustrated guide shipped with the app, in the interface
language (English where there is none), read offline in the app itself."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from selfassess.core.about import PRODUCT_NAME, guide_path
from selfassess.ui.i18n import language, tr


class GuideDialog(QDialog):
    """The guide in a browser that follows its own links and opens nothing outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("{product} user guide", product=PRODUCT_NAME))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path(language()))))
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.resize(760, 540)
