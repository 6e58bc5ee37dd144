"""The main window's first size: 1280x720 where the screen has room for it, else the whole of
the available screen (maximised), so that on a 1024x600 netbook no button is off-screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
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
        corner = available.center() - QPoint(PREFERRED.width() // 2, PREFERRED.height() // 2)
        window.move(corner)
        return
    window.resize(room.expandedTo(QSize(320, 240)))
    window.move(available.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def within_screen(widget: QWidget, wanted: QSize) -> QSize:
    """`wanted`, made smaller where the widget's screen has not the room for it once framed."""
    return wanted.boundedTo(available_geometry(widget).size() - FRAME)
