"""Qt's own settings (what its file dialogs remember, in QtProject.conf) kept in the data home:
nothing the app does writes to the user's home folder, and a portable or test home holds all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from selfassess.core.paths import qt_settings_dir


def keep_qt_settings_in(home: Path) -> None:
    """Point the settings Qt writes for the user into `<home>/qt`; call it before anything
    creates a QSettings (the redirect applies to those created afterwards). On Windows Qt's
    native settings live in the registry, which this leaves alone."""
    folder = str(qt_settings_dir(home))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
