"""The small speaker button beside a question: it reads the question aloud, and while that
question is being read it shows a stop sign and stops the reading. Hidden until the page knows
that a speech engine can read the form's language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QToolButton

from selfassess.ui.i18n import tr


def speaker_button(on_click: Callable[[], None]) -> QToolButton:
    """A speaker button, hidden, that calls `on_click` when pressed."""
    button = QToolButton()
    button.setObjectName("read-aloud")
    button.setAutoRaise(True)
    button.setIconSize(QSize(20, 20))
    button.clicked.connect(on_click)
    show_speaking(button, speaking=False)
    button.hide()
    return button


_ICONS: dict[bool, QIcon] = {}  # looked up once: the style's lookup cost 8 ms a button


def show_speaking(button: QToolButton, *, speaking: bool) -> None:
    """The speaker (read this question aloud) or, while it is read, the stop sign."""
    if speaking not in _ICONS:
        kind = (
            QStyle.StandardPixmap.SP_MediaStop if speaking else QStyle.StandardPixmap.SP_MediaVolume
        )
        _ICONS[speaking] = button.style().standardIcon(kind)
    button.setIcon(_ICONS[speaking])
    if speaking:
        button.setAccessibleName(tr("Stop reading"))
        button.setToolTip(tr("Stop reading (Escape)"))
    else:
        button.setAccessibleName(tr("Read this question aloud"))
        button.setToolTip(tr("Read this question, its answers and its help aloud (F5)"))
