"""The Help menu of the main window: User guide (F1) and About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from selfassess.core.about import PRODUCT_NAME
from selfassess.ui.i18n import tr


class HelpMenu:
    """Adds itself at the end of `window`'s menu bar; `home` is the data folder About shows."""

    def __init__(self, window: QMainWindow, home: Path) -> None:
        self.window, self.home = window, home
        self.menu = window.menuBar().addMenu("")
        self.guide = QAction(window)
        self.guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide.triggered.connect(self.show_guide)
        self.about = QAction(window)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.triggered.connect(self.show_about)
        self.menu.addAction(self.guide)
        self.menu.addSeparator()
        self.menu.addAction(self.about)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(tr("&Help"))
        self.guide.setText(tr("User guide"))
        self.about.setText(tr("About {product}", product=PRODUCT_NAME))

    def show_guide(self) -> None:
        from selfassess.ui.help.guide_dialog import GuideDialog

        GuideDialog(self.window).exec()

    def show_about(self) -> None:
        from selfassess.ui.help.about_dialog import AboutDialog

        AboutDialog(self.home, self.window).exec()
