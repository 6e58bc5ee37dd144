"""Inputs that can be read but not changed (a finalized assessment, or a store that cannot be
written): they keep their normal colours, unlike disabled ones, and keyboard focus still reaches
them (Tab), so that a trainer or a screen reader can go through the answers.

Text fields are made read-only (their text can still be selected and copied) and lose the
placeholder that invites typing ("Comment (optional)"); buttons, check boxes and other inputs with
no read-only mode swallow the mouse and every key but Tab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

SWALLOWED = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Shortcut,
}
MOVES_FOCUS = {Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
GUARDED = "selfassess_read_only"  # the dynamic property that marks an input held still
PLACEHOLDER = "selfassess_placeholder"  # where a read-only field keeps its placeholder


class _Guard(QObject):
    """Swallows what would change an input; lets Tab move on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in SWALLOWED:
            return False
        return not (isinstance(event, QKeyEvent) and event.key() in MOVES_FOCUS)


def _guard() -> _Guard:
    app = QApplication.instance()
    found = app.findChild(_Guard) if app is not None else None
    return found if isinstance(found, _Guard) else _Guard(app)


def hold_still(root: QWidget, read_only: bool, *, keep: tuple[QWidget, ...] = ()) -> None:
    """Make `root` and every input inside it read-only (or editable again), except `keep` and
    what is inside them."""
    guard = _guard()
    for widget in [root, *root.findChildren(QWidget)]:
        if any(widget is kept or kept.isAncestorOf(widget) for kept in keep):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            widget.setReadOnly(read_only)
            _keep_placeholder(widget, read_only)
        elif isinstance(widget, QAbstractSpinBox):
            widget.setReadOnly(read_only)
        elif isinstance(widget, QAbstractButton | QComboBox | QAbstractSlider):
            _hold(widget, guard, read_only)


def _keep_placeholder(widget: QLineEdit | QPlainTextEdit | QTextEdit, read_only: bool) -> None:
    kept = widget.property(PLACEHOLDER)
    if read_only and kept is None:
        widget.setProperty(PLACEHOLDER, widget.placeholderText())
        widget.setPlaceholderText("")
    elif not read_only and kept is not None:
        widget.setPlaceholderText(str(kept))
        widget.setProperty(PLACEHOLDER, None)


def _hold(widget: QWidget, guard: _Guard, read_only: bool) -> None:
    held = bool(widget.property(GUARDED))
    if read_only and not held:
        widget.installEventFilter(guard)
    elif not read_only and held:
        widget.removeEventFilter(guard)
    widget.setProperty(GUARDED, read_only)
