"""What the home screen shows before there is any assessment: what the app is for, in a few
words, and the ways to begin: start one's own assessment, look at an example first, or import an
archive from another computer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfassess.ui.i18n import tr


class EmptyState(QWidget):
    """Emits `new_requested`, `example_requested` or `import_requested`."""

    new_requested = Signal()
    example_requested = Signal()
    import_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("empty-state")
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.new_button = QPushButton()
        self.new_button.setDefault(True)
        self.new_button.setMinimumHeight(40)
        self.example_button = QPushButton()
        self.example_button.setMinimumHeight(40)
        self.import_button = QPushButton()
        self.import_button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.new_requested.emit)
        self.example_button.clicked.connect(self.example_requested.emit)
        self.import_button.clicked.connect(self.import_requested.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.example_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addStretch(2)
        centred = QHBoxLayout(self)
        centred.addStretch(1)
        centred.addLayout(column, 6)
        centred.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(f"<h2>{tr('No assessment yet')}</h2>")
        self.text.setText(
            tr(
                "Welcome. Start a new assessment, answer the questions at your own pace, and see "
                "your gaps and improvement plan. Every answer is saved on this computer the moment "
                "you give it; nothing leaves it unless you export it."
            )
        )
        self.new_button.setText(tr("Start a new assessment"))
        self.example_button.setText(tr("Look at an example first"))
        self.import_button.setText(tr("Import archive…"))
        for button in (self.new_button, self.example_button, self.import_button):
            button.setAccessibleName(button.text())

    def set_writable(self, writable: bool) -> None:
        for button in (self.new_button, self.example_button, self.import_button):
            button.setEnabled(writable)
