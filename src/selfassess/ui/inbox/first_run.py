"""The choice offered on the very first start, before any assessment: "I fill in assessments"
(a supplier: the home screen) or "I receive packs" (a buyer: the Buyer view). Two large buttons
with an icon and a line saying what each means; the choice is remembered in `<home>/qt/start.ini`
and not asked again (File > Inbox and Home stay there to change one's mind)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.about import PRODUCT_NAME
from selfassess.core.paths import qt_settings_dir
from selfassess.ui.i18n import tr

START_FILE = "start.ini"
CHOICE_KEY = "start/choice"
FILL, RECEIVE = "fill", "receive"


def _settings(home: Path) -> QSettings:
    return QSettings(str(qt_settings_dir(home) / START_FILE), QSettings.Format.IniFormat)


def remembered_choice(home: Path) -> str | None:
    """FILL or RECEIVE as chosen on the first start, None when not chosen yet."""
    value = _settings(home).value(CHOICE_KEY)
    return value if value in (FILL, RECEIVE) else None


def remember_choice(home: Path, choice: str) -> None:
    """Kept when the home can be written; else asked again next time, never an error."""
    settings = _settings(home)
    settings.setValue(CHOICE_KEY, choice)
    settings.sync()


class ChoiceButton(QPushButton):
    """A large button: an icon, what one does in large letters, and a line saying it more
    plainly, each wrapped to the button's width (a tool button would cut them)."""

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(220, 160)
        self.setMaximumWidth(360)
        picture = QLabel()
        picture.setPixmap(icon.pixmap(48, 48))
        self.title = QLabel()
        self.detail = QLabel()
        column = QVBoxLayout(self)
        column.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        for label in (picture, self.title, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(self.title)
        column.addWidget(self.detail)

    def say(self, title: str, detail: str) -> None:
        self.title.setText(f"<b style='font-size: 14pt'>{escape(title)}</b>")
        self.detail.setText(escape(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)


class FirstRunChoice(QWidget):
    """Emits `chosen(FILL | RECEIVE)` once the choice is made and remembered."""

    chosen = Signal(str)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_home = home
        self.setObjectName("first-run-choice")
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.heading.setWordWrap(True)
        self.later = QLabel()
        self.later.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.later.setWordWrap(True)
        self.fill = self._big_button(QStyle.StandardPixmap.SP_FileDialogContentsView, FILL)
        self.receive = self._big_button(QStyle.StandardPixmap.SP_DirOpenIcon, RECEIVE)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        buttons.addWidget(self.fill, 3)
        buttons.addWidget(self.receive, 3)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.later)
        column.addStretch(2)
        self.retranslate()

    def _big_button(self, icon: QStyle.StandardPixmap, choice: str) -> ChoiceButton:
        button = ChoiceButton(self.style().standardIcon(icon))
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def retranslate(self) -> None:
        self.heading.setText(
            f"<h2>{tr('Welcome to {product}', product=PRODUCT_NAME)}</h2>"
            f"<p>{tr('What will you do with it?')}</p>"
        )
        self.fill.say(tr("I fill in assessments"), tr("for my mine, cooperative or company"))
        self.receive.say(tr("I receive packs"), tr("signed packs from my suppliers"))
        self.later.setText(
            tr("You can change your mind later: the inbox is always in the File menu.")
        )

    def choose(self, choice: str) -> None:
        remember_choice(self.data_home, choice)
        self.chosen.emit(choice)
