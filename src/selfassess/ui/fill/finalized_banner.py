"""The banner above a finalized assessment's questions: when and by whom it was finalized, that
the answers are read-only, and a Reopen button (which asks why, as the review page does, and
emits `reopened()` once done)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.dates.typed import format_typed
from selfassess.core.store.records import Assessment, Revision
from selfassess.ui.dialogs.reopen import reopen_with_reason
from selfassess.ui.i18n import language, tr

BANNER_STYLE = (
    "QFrame#finalized-banner { background: #e3eefc; border: 1px solid #7a9cc6;"
    " border-radius: 4px; } QLabel { color: #10243e; }"
)


def finalized_text(assessment: Assessment, revisions: list[Revision]) -> str:
    """ "Finalized on 15/06/2027 by Amani Bahati: ..." from the last declaration, the date as
    the interface language writes it."""
    signed = revisions[-1].declaration if revisions else {}
    if signed.get("date") and signed.get("name"):
        return tr(
            "Finalized on {date} by {name}: the answers are read-only. Reopen it to change them.",
            date=format_typed(date.fromisoformat(signed["date"]), language()),
            name=signed["name"],
        )
    return tr("This assessment is finalized and read-only (revision {n}).", n=assessment.revision)


class FinalizedBanner(QFrame):
    """Hidden while the assessment is a draft. Emits `reopened()`."""

    reopened = Signal()

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.assessment_id: str | None = None
        self.setObjectName("finalized-banner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.reopen_button = QPushButton(tr("Reopen…"))
        self.reopen_button.clicked.connect(self._reopen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reopen_button)
        self.hide()

    def show_for(self, assessment: Assessment) -> None:
        """Shown for a finalized assessment; Reopen only where the store can be written."""
        self.assessment_id = assessment.id
        self.setVisible(assessment.finalized)
        if not assessment.finalized:
            return
        revisions = self.service.revisions(assessment.id)
        self.text.setText(finalized_text(assessment, revisions))
        self.reopen_button.setText(tr("Reopen…"))
        self.reopen_button.setEnabled(self.service.store.writable)

    def _reopen(self) -> None:
        if self.assessment_id is not None and reopen_with_reason(
            self.service, self.assessment_id, self
        ):
            self.reopened.emit()
