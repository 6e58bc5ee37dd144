"""Find a question (Ctrl+F): the search box over the criteria. It searches as the person types,
in every language of the form (core/forms/search), goes to the first question found from the
criterion shown, says how many were found and which one is shown; Enter goes to the next,
Shift+Enter to the previous, Escape clears the search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from selfassess.core.forms.model import Form
from selfassess.core.forms.search import Found, SearchIndex
from selfassess.ui.i18n import tr, tr_plural


class _SearchBox(QLineEdit):
    """A line that also reports Shift+Enter and Escape."""

    previous_requested = Signal()
    cleared = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.cleared.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Emits `found(question_id)` for the question to show, and `cleared()` when the search is
    emptied. The page tells it the form (`set_form`) and the criterion shown (`start_at`)."""

    found = Signal(str)
    cleared = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.box = _SearchBox()
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.search)
        self.box.returnPressed.connect(lambda: self.step(1))
        self.box.previous_requested.connect(lambda: self.step(-1))
        self.box.cleared.connect(self.cleared.emit)
        self.count = QLabel()
        self.count.setObjectName("find-count")
        self.count.setTextFormat(Qt.TextFormat.PlainText)  # the words typed, shown as typed
        self.count.setWordWrap(True)
        self.count.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        self.index: SearchIndex | None = None
        self.results: list[Found] = []
        self.position = -1
        self.criterion_order: dict[str, int] = {}
        self.current_criterion: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setPlaceholderText(tr("Find a question (Ctrl+F)"))
        self.box.setAccessibleName(tr("Find a question"))
        self._say()

    def set_form(self, form: Form) -> None:
        """Search this form from now on (an assessment was opened); the search starts again."""
        self.index = SearchIndex(form)
        self.criterion_order = {c.id: i for i, c in enumerate(form.criteria())}
        self.box.clear()

    def start_at(self, criterion_id: str) -> None:
        """The criterion shown: a new search starts from it."""
        self.current_criterion = criterion_id

    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def words(self) -> str:
        return self.box.text().strip()

    def search(self) -> None:
        """Find the questions holding the words typed, and show the first from here on."""
        self.results = self.index.find(self.words()) if self.index is not None else []
        self.position = self._first_from_here() if self.results else -1
        self._say()
        if self.position >= 0:
            self.found.emit(self.results[self.position].question_id)
        elif not self.words():
            self.cleared.emit()

    def step(self, delta: int) -> None:
        """Show the next (1) or previous (-1) question found, round the form."""
        if not self.results:
            return
        self.position = (self.position + delta) % len(self.results)
        self._say()
        self.found.emit(self.results[self.position].question_id)

    def _first_from_here(self) -> int:
        here = self.criterion_order.get(self.current_criterion or "", 0)
        for position, found in enumerate(self.results):
            if self.criterion_order.get(found.criterion_id, 0) >= here:
                return position
        return 0

    def _say(self) -> None:
        """How many questions were found and which one is shown, or that none was."""
        words = self.words()
        if not words:
            self.count.hide()
            return
        if not self.results:
            self.count.setText(tr("No question contains “{words}”.", words=words))
        else:
            self.count.setText(
                tr_plural(
                    "{index} of {count} question found. Enter: next.",
                    "{index} of {count} questions found. Enter: next.",
                    len(self.results),
                    index=self.position + 1,
                )
            )
        self.count.show()
