"""Starting the desktop app: the Qt application, the language, the main window, error handling."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from selfassess import __version__
from selfassess.core.i18n import LANGUAGES
from selfassess.core.paths import resources_dir
from selfassess.core.preferences import load_preferences
from selfassess.ui.errors import install_handler
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow


def initial_language(home: Path) -> str:
    chosen = load_preferences(home).get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def create_window(home: Path, *, load: bool = True) -> MainWindow:
    """The main window over the store in `home` (a QApplication must exist); with `load` false,
    the caller shows it first and calls `load()` after."""
    set_language(initial_language(home))
    window = MainWindow(home)
    install_handler(home, window)
    if load:
        window.load()
    return window


def run(home: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("selfassess")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "selfassess.svg")))
    window = create_window(home, load=False)
    window.show()
    QTimer.singleShot(0, window.load)  # the window is on screen before the heavy imports
    return app.exec()
