"""The question put before a changed signer's pack leaves the quarantine: how the supplier
confirmed the new certificate's fingerprint (recorded with the buyer's name and the day)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.i18n import tr


class AcceptDialog(QDialog):
    """`reason()` once accepted; the accept button waits for a reason."""

    def __init__(self, fingerprint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Accept the new certificate"))
        question = QLabel(
            tr(
                "How did the supplier confirm the new fingerprint? (for instance: by phone "
                "with the manager, who read out the fingerprint). This is recorded with your "
                "name and the date."
            )
        )
        question.setWordWrap(True)
        shown = QLabel(
            tr(
                "{label}: {value}",
                label=f"<b>{escape(tr('Certificate fingerprint'))}</b>",
                value=f"<tt>{escape(fingerprint)}</tt>",
            )
        )
        shown.setWordWrap(True)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer = QLineEdit()
        self.answer.setAccessibleName(tr("Accept the new certificate"))
        buttons = ok_cancel(self, tr("Accept the new certificate"))
        self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.answer.textChanged.connect(
            lambda text: self.accept_button.setEnabled(bool(text.strip()))
        )
        self.accept_button.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (shown, question, self.answer, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(min(520, parent.width() - 40) if parent else 520)

    def reason(self) -> str:
        return self.answer.text().strip()
