"""The levels of a rating question side by side where the column is wide enough for each to show
its name whole and its description on a few lines, else one under the other: a narrow column
(a netbook, the help shown, a language with longer words) never needs a sideways scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QRadioButton, QWidget

# The narrowest a level's description may be side by side before it reads as a word a line.
NARROWEST_DESCRIPTION = 130
# How far a description stands in under its level when they are one under the other.
INDENT = 26


class StackWhenNarrow(QObject):
    """Lays the (button, description) pairs out in `body`, and again whenever `body` is resized
    across the width they need side by side."""

    def __init__(self, body: QWidget, levels: list[tuple[QRadioButton, QLabel]]) -> None:
        super().__init__(body)
        self.body, self.levels = body, levels
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.side_by_side: bool | None = None
        self.arrange(side_by_side=False)  # until the width is known: the narrowest
        body.installEventFilter(self)

    def width_side_by_side(self) -> int:
        """The least width at which every column shows its level's name whole."""
        widest = max(
            max(button.sizeHint().width(), NARROWEST_DESCRIPTION) for button, _text in self.levels
        )
        spacing = max(self.grid.horizontalSpacing(), 0)
        return widest * len(self.levels) + spacing * (len(self.levels) - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body and event.type() == QEvent.Type.Resize:
            self.arrange(side_by_side=self.body.width() >= self.width_side_by_side())
        return False

    def arrange(self, *, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        for button, text in self.levels:
            self.grid.removeWidget(button)
            self.grid.removeWidget(text)
        top = Qt.AlignmentFlag.AlignTop
        for level, (button, text) in enumerate(self.levels):
            if side_by_side:
                self.grid.addWidget(button, 0, level)
                self.grid.addWidget(text, 1, level, top)
                text.setContentsMargins(0, 0, 0, 0)
            else:
                self.grid.addWidget(button, 2 * level, 0)
                self.grid.addWidget(text, 2 * level + 1, 0, top)
                text.setContentsMargins(INDENT, 0, 0, 4)
        for column in range(len(self.levels)):
            self.grid.setColumnStretch(column, 1 if side_by_side or column == 0 else 0)
