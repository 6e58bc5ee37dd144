"""Text typed against a limit that is shown before it is reached: "1,234 / 2,000" under the
editor, amber near the limit, red at it, and nothing taken beyond it (typed or pasted), so that
nothing is cut silently. Multi-line text grows with what is written, up to a few lines, and Tab
moves on to the next field as it does everywhere else.

`edited` is emitted for what the person types (never for `set_text`), `left` when the editor
loses the focus or (one line) Enter is pressed: the question saves on both."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from selfassess.ui.i18n import tr
from selfassess.ui.widgets.date_field import interface_locale

ALWAYS_COUNTED = 10_000  # a limit this small is shown from the first character
SHOWN_FROM = 0.8  # a larger one from this share of it
AMBER_FROM = 0.9
LINE_EDIT_MOST = 32_767  # what Qt's one-line editor holds at most
AMBER = "#b26a00"
RED = "#b3261e"


def utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units, Python in characters."""
    return len(text.encode("utf-16-le")) // 2


class CountedText(QWidget):
    """One line (QLineEdit) or several (QPlainTextEdit) of at most `limit` characters."""

    edited = Signal()
    left = Signal()

    def __init__(
        self, limit: int, *, multiline: bool = True, lines: int = 2, most_lines: int = 6
    ) -> None:
        super().__init__()
        self.limit = limit if multiline else min(limit, LINE_EDIT_MOST)
        self.lines, self.most_lines = lines, most_lines
        self._setting = False
        self._last = ""
        if multiline:
            self.editor: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.editor.setTabChangesFocus(True)
            self.editor.textChanged.connect(self._on_text_changed)
            self.editor.installEventFilter(self)
        else:
            self.editor = QLineEdit()
            self.editor.setMaxLength(self.limit)
            self.editor.textEdited.connect(lambda _text: self._on_text_changed())
            self.editor.editingFinished.connect(self.left.emit)
        self.counter = QLabel()
        self.counter.setObjectName("counter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.editor)
        layout.addWidget(self.counter)
        self.setFocusProxy(self.editor)
        self._fit_height()

    def text(self) -> str:
        editor = self.editor
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def set_text(self, text: str) -> None:
        """Show `text` without emitting `edited`."""
        self._setting = True
        try:
            if isinstance(self.editor, QPlainTextEdit):
                self.editor.setPlainText(text)
            else:
                self.editor.setText(text)
        finally:
            self._setting = False
        self._last = self.text()
        self._show_count()
        self._fit_height()

    def setPlaceholderText(self, text: str) -> None:
        self.editor.setPlaceholderText(text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.editor.setAccessibleName(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return super().eventFilter(watched, event)

    def _on_text_changed(self) -> None:
        if self._setting:
            return
        if len(self.text()) > self.limit:
            self._refuse_the_excess()
        self._last = self.text()
        self._show_count()
        self._fit_height()
        self.edited.emit()

    def _refuse_the_excess(self) -> None:
        """Keep what was there and as much of what was just typed or pasted as fits."""
        assert isinstance(self.editor, QPlainTextEdit)
        old, new = self._last, self.text()
        same_start = 0
        while same_start < min(len(old), len(new)) and old[same_start] == new[same_start]:
            same_start += 1
        same_end = 0
        while (
            same_end < min(len(old), len(new)) - same_start
            and old[len(old) - 1 - same_end] == new[len(new) - 1 - same_end]
        ):
            same_end += 1
        inserted = new[same_start : len(new) - same_end]
        room = max(self.limit - (len(new) - len(inserted)), 0)
        kept = new[:same_start] + inserted[:room]
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(utf16_length(kept))
        cursor.setPosition(
            utf16_length(new[:same_start] + inserted), QTextCursor.MoveMode.KeepAnchor
        )
        self._setting = True
        try:
            cursor.removeSelectedText()
        finally:
            self._setting = False
        self.editor.setTextCursor(cursor)

    def _show_count(self) -> None:
        count = len(self.text())
        shown = self.limit <= ALWAYS_COUNTED or count >= self.limit * SHOWN_FROM
        self.counter.setVisible(shown)
        if not shown:
            return
        numbers = interface_locale()
        said = {"count": numbers.toString(count), "limit": numbers.toString(self.limit)}
        if count >= self.limit:
            self.counter.setText(tr("{count} / {limit}: the limit is reached", **said))
            self.counter.setStyleSheet(f"color: {RED}; font-weight: bold;")
        else:
            self.counter.setText(tr("{count} / {limit}", **said))
            near = count >= self.limit * AMBER_FROM
            self.counter.setStyleSheet(f"color: {AMBER}; font-weight: bold;" if near else "")

    def _fit_height(self) -> None:
        """Multi-line text: as tall as what is written, from `lines` to `most_lines`."""
        editor = self.editor
        if not isinstance(editor, QPlainTextEdit):
            return
        written = int(editor.document().size().height())
        shown = max(self.lines, min(written, self.most_lines))
        margins = editor.contentsMargins()
        frame = 2 * editor.frameWidth() + margins.top() + margins.bottom()
        height = editor.fontMetrics().lineSpacing() * shown + frame + 8
        editor.setFixedHeight(height)
