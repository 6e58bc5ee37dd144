"""The main window's first size: 1280x720 where the screen has room for it, else the whole of
the available screen (maximised), so that on a 1024x600 netbook no button is off-screen.

The window manager adds a title bar and borders around the window: the window is placed so that
its frame (FRAME allowed for) is in the middle of the screen, not its inside, and once the
window manager has framed it a frame larger than FRAME is brought back within the screen (a tall
title bar would otherwise push the status bar off the bottom of a 1366x768 screen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 720)
# What a window manager adds around the window: borders, and the title bar above.
FRAME = QSize(16, 48)


def available_geometry(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without task bars and panels)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def screen_key(widget: QWidget) -> str:
    """The available screen size, such as "1024x600": what a remembered layout is kept by."""
    size = available_geometry(widget).size()
    return f"{size.width()}x{size.height()}"


def fit_window(window: QWidget, available: QRect) -> None:
    """Size `window` for the first time: PREFERRED in the middle of the screen where it has
    room, else maximised, its normal size then what the screen leaves once framed."""
    room = available.size() - FRAME
    if room.width() >= PREFERRED.width() and room.height() >= PREFERRED.height():
        window.resize(PREFERRED)
        framed_top = (available.height() - PREFERRED.height() - FRAME.height()) // 2
        corner = QPoint(available.center().x() - PREFERRED.width() // 2, framed_top)
        window.move(corner + QPoint(0, available.top()))
        KeepFramed(window, available)
        return
    window.resize(room.expandedTo(QSize(320, 240)))
    window.move(available.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def within_screen(widget: QWidget, wanted: QSize) -> QSize:
    """`wanted`, made smaller where the widget's screen has not the room for it once framed."""
    return wanted.boundedTo(available_geometry(widget).size() - FRAME)


def framed_within(frame: QRect, inside: QSize, available: QRect) -> tuple[QPoint, QSize]:
    """Where a window framed as `frame` (its inside `inside`) goes so that all of its frame is
    on `available`, and the inside size that leaves: smaller only when the frame is too big."""
    border = frame.size() - inside
    size = inside.boundedTo(available.size() - border)
    right = available.right() - (size.width() + border.width()) + 1
    bottom = available.bottom() - (size.height() + border.height()) + 1
    x = max(available.left(), min(frame.left(), right))
    y = max(available.top(), min(frame.top(), bottom))
    return QPoint(x, y), size


class KeepFramed(QObject):
    """Waits until the window manager has framed `window` (its frame is then larger than the
    window), and brings the frame back within `available` once when it is not."""

    def __init__(self, window: QWidget, available: QRect) -> None:
        super().__init__(window)
        self.framed, self.available = window, available
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show)
        if watched is self.framed and event.type() in kinds and self._has_frame():
            self.framed.removeEventFilter(self)
            QTimer.singleShot(0, self.framed, self._bring_within)
        return False

    def _has_frame(self) -> bool:
        return self.framed.frameGeometry().size() != self.framed.size()

    def _bring_within(self) -> None:
        window = self.framed
        if window.windowState() & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        ):
            return
        frame = window.frameGeometry()
        place, size = framed_within(frame, window.size(), self.available)
        if size != window.size():
            window.resize(size)
        if place != frame.topLeft():
            window.move(place)
