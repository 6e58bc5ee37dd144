"""Starting the desktop app: the Qt application, the language, one window per data home (a second
start asks what to do), the main window, error handling."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from selfassess import __version__
from selfassess.core.i18n import LANGUAGES
from selfassess.core.paths import resources_dir
from selfassess.core.preferences import load_preferences, read_preferences
from selfassess.ui.errors import install_handler
from selfassess.ui.i18n import language, set_language, tr
from selfassess.ui.instance.guard import InstanceGuard, bring_forward
from selfassess.ui.instance.question import Choice, ask_other_window
from selfassess.ui.main_window import MainWindow
from selfassess.ui.screen_fit.qt_settings import keep_qt_settings_in


def initial_language(home: Path) -> str:
    chosen = load_preferences(home).get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def create_window(home: Path, *, load: bool = True, read_only: bool = False) -> MainWindow:
    """The main window over the store in `home` (a QApplication must exist); with `load` false,
    the caller shows it first and calls `load()` after. `read_only`: the data is open in another
    window, and this one only shows it."""
    keep_qt_settings_in(home)  # before any QSettings: what Qt remembers stays in the data home
    set_language(initial_language(home))
    window = MainWindow(home, read_only=read_only)
    install_handler(home, window)
    notices = [problem.localized(language()) for problem in read_preferences(home).problems]
    if notices:  # settings.json not used as written: the defaults are in force, and it says so
        window.statusBar().showMessage("  ".join(notices))
    if load:
        window.load()
    return window


def run(home: Path, *, close_when_shown: bool = False) -> int:
    """The app until its main window closes; with `close_when_shown`, it closes as soon as the
    window is shown and loaded, and says so (a check of an installation)."""
    keep_qt_settings_in(home)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("selfassess")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "selfassess.svg")))
    window = open_window(home, close_when_shown=close_when_shown)
    if window is None:
        return 0
    QTimer.singleShot(0, window.load)  # the window is on screen before the heavy imports
    if close_when_shown:
        QTimer.singleShot(0, lambda: _close_shown(window))
    return app.exec()


def open_window(home: Path, *, close_when_shown: bool = False) -> MainWindow | None:
    """The window shown over `home`, not yet loaded; None when the data is open in another
    window and the user brought that one forward or cancelled. The window holds the home
    (`guard`) until it closes; a window opened read-only holds nothing."""
    guard = InstanceGuard(home)
    notice = None
    if not guard.first and not close_when_shown:  # an installation check never asks
        set_language(initial_language(home))
        choice = ask_other_window()
        if choice is Choice.CANCEL:
            return None
        if choice is Choice.BRING_FORWARD:
            if bring_forward(home):
                return None
            notice = tr("The other window did not answer: this one opens read-only.")
    window = create_window(home, load=False, read_only=not guard.first)
    window.hold(guard)
    if notice:
        window.statusBar().showMessage(notice)
    window.show()
    return window


LOADED_ON_DEMAND = (
    "selfassess.core.pack.export",
    "selfassess.core.pack.verify",
    "selfassess.ui.pack.export_dialog",
    "selfassess.ui.pack.pdf_viewer",
    "selfassess.ui.pack.received_pack",
)


def _close_shown(window: MainWindow) -> None:
    """Close, and say whether the window was shown; first load what the app loads only on
    demand (the pack machinery, the PDF viewer), so that a broken installation shows here."""
    try:
        for module in LOADED_ON_DEMAND:
            importlib.import_module(module)
    except Exception as error:  # a broken installation: say what, and fail instead of hanging
        sys.stderr.write(f"main window shown, but {module} does not load: {error!r}\n")
        window.close()
        QApplication.exit(1)
        return
    shown = window.isVisible()
    window.close()
    state = "shown and closed" if shown else "NOT shown"
    sys.stdout.write(f"main window {state}: {window.windowTitle()}\n")
    if not shown:
        QApplication.exit(1)
