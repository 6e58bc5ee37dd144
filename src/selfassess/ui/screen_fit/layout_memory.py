"""The layout the user made, remembered per available screen size in `<home>/qt/layout.ini`: the
main window's geometry, the splitters' positions and what they chose to show or hide (the help
panel). A layout made on a large monitor is not forced on a netbook: each screen size keeps its
own, and a screen size never seen starts from the window fitted to it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from selfassess.core.paths import qt_settings_dir
from selfassess.ui.screen_fit import window_size
from selfassess.ui.screen_fit.window_size import screen_key

LAYOUT_FILE = "layout.ini"


class LayoutMemory:
    """Reads and writes `layout.ini`; what cannot be read is ignored (the defaults apply), and
    what cannot be written (a read-only home) is not remembered, never an error."""

    def __init__(self, home: Path) -> None:
        path = qt_settings_dir(home) / LAYOUT_FILE
        self.settings = QSettings(str(path), QSettings.Format.IniFormat)

    def restore_window(self, window: QWidget) -> None:
        """The geometry last saved on a screen of this size, else the window fitted to it."""
        saved = self.settings.value(f"{screen_key(window)}/window")
        if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
            window_size.KeepFramed(window, window_size.available_geometry(window))
            return
        window_size.fit_window(window, window_size.available_geometry(window))

    def save_window(self, window: QWidget) -> None:
        self.settings.setValue(f"{screen_key(window)}/window", window.saveGeometry())
        self.settings.sync()

    def track_splitter(self, splitter: QSplitter, name: str, weights: Sequence[int]) -> None:
        """Give `splitter` the sizes last left on a screen of this size, else its width shared
        out by `weights`; and remember them each time the user moves a handle."""
        key = f"{screen_key(splitter.window())}/splitter-{name}"
        saved = self.settings.value(key)
        SplitterSizes(splitter, sizes_or_default(saved, weights) if saved else None, weights)

        def remember(_position: int, _index: int) -> None:
            self.settings.setValue(key, ",".join(str(size) for size in splitter.sizes()))

        splitter.splitterMoved.connect(remember)

    def flag(self, widget: QWidget, name: str, default: bool) -> bool:
        """A choice to show or hide something, as last made on a screen of this size."""
        saved = self.settings.value(f"{screen_key(widget)}/{name}")
        return default if saved not in ("true", "false", True, False) else saved in ("true", True)

    def set_flag(self, widget: QWidget, name: str, value: bool) -> None:
        self.settings.setValue(f"{screen_key(widget)}/{name}", "true" if value else "false")
        self.settings.sync()


class SplitterSizes(QObject):
    """Sizes the panes of a splitter each time it is resized (it only gets its real width once
    shown), until the user moves a handle: the sizes saved (panes that do not stretch keep
    them), else its width shared out by `weights`."""

    def __init__(
        self, splitter: QSplitter, saved: list[int] | None, weights: Sequence[int]
    ) -> None:
        super().__init__(splitter)
        self.splitter, self.saved, self.weights = splitter, saved, list(weights)
        splitter.installEventFilter(self)
        splitter.splitterMoved.connect(lambda _position, _index: self.stop())
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        if self.saved is not None:
            self.splitter.setSizes(self.saved)
            return
        room = (
            self.splitter.width()
            if self.splitter.orientation() == Qt.Orientation.Horizontal
            else self.splitter.height()
        )
        total = sum(self.weights)
        self.splitter.setSizes([room * weight // total for weight in self.weights])

    def stop(self) -> None:
        self.splitter.removeEventFilter(self)


def sizes_or_default(saved: object, weights: Sequence[int]) -> list[int]:
    """The sizes saved as "280,700,300", one per pane and none 0 (a pane hidden when they were
    saved keeps its default), else `weights`."""
    try:
        sizes = [int(part) for part in str(saved).split(",")]
    except ValueError:
        return list(weights)
    if len(sizes) != len(weights) or any(size < 0 for size in sizes) or not any(sizes):
        return list(weights)
    total = sum(sizes)
    return [
        size or max(1, total * weight // sum(weights))
        for size, weight in zip(sizes, weights, strict=True)
    ]
