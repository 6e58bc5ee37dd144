"""The bar above an assessment whose language is not the interface's: its questions are shown in
its own language, and the bar offers to switch the menus and buttons to it too (Switch) or to
keep them as they are (Keep). It never blocks: the person may answer it, or work on and ignore
it; once answered it is not offered again for that assessment (core/assessment/language_offer).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from selfassess.core.assessment.language_offer import language_to_offer, offer_answered
from selfassess.core.errors import UserError
from selfassess.core.store.records import Assessment
from selfassess.ui.i18n import LANGUAGE_NAMES, language, tr

BAR_STYLE = (
    "#language-offer { background: #e8f0fb; border-bottom: 1px solid #7a9cc6; }"
    " #language-offer QLabel { color: #102a4c; }"
)


class LanguageOfferBar(QFrame):
    """Hidden unless an assessment in another language is open and the offer is not answered;
    `switch_requested(code)` asks the window to switch the interface; `status(text)` says what
    went wrong when the answer could not be remembered."""

    switch_requested = Signal(str)
    status = Signal(str)

    def __init__(self, home: Path) -> None:
        super().__init__()
        self.home = home
        self.assessment_id: str | None = None
        self.offered = ""  # the assessment's language
        self.setObjectName("language-offer")
        self.setStyleSheet(BAR_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.switch_button = QPushButton()
        self.keep_button = QPushButton()
        self.switch_button.clicked.connect(self._switch)
        self.keep_button.clicked.connect(self._keep)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.switch_button)
        layout.addWidget(self.keep_button)
        self.hide()

    def offer_for(self, assessment: Assessment) -> None:
        """Show the offer for `assessment` when it is due (else hide the bar)."""
        offered = language_to_offer(self.home, assessment, language())
        self.assessment_id = assessment.id if offered else None
        self.offered = offered or ""
        self.retranslate()
        self.setVisible(offered is not None)

    def withdraw(self) -> None:
        """Hide the bar without answering (the assessment was closed)."""
        self.assessment_id = None
        self.hide()

    def retranslate(self) -> None:
        if self.offered == language():  # switched from the View menu: nothing left to offer
            self.offered = ""
            self.withdraw()
        if not self.offered:
            return
        theirs, ours = LANGUAGE_NAMES[self.offered], LANGUAGE_NAMES[language()]
        self.text.setText(
            tr(
                "This assessment is in {assessment_language}: its questions are shown in "
                "{assessment_language}, the menus and buttons in {interface_language}.",
                assessment_language=theirs,
                interface_language=ours,
            )
        )
        self.switch_button.setText(tr("Switch to {name}", name=theirs))
        self.keep_button.setText(tr("Keep {name}", name=ours))
        self.setAccessibleName(tr("Language of the assessment"))

    def _switch(self) -> None:
        offered = self.offered
        self._answered()
        self.switch_requested.emit(offered)

    def _keep(self) -> None:
        self._answered()

    def _answered(self) -> None:
        if self.assessment_id is not None:
            try:
                offer_answered(self.home, self.assessment_id)
            except UserError as problem:
                self.status.emit(problem.localized(language()))
        self.withdraw()
