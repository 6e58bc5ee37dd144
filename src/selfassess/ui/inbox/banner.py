"""A line across the top of an inbox page saying what went wrong (a refusal, in the core's words),
hidden when all is well: in the page, where the buyer is looking, never a traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfassess.core.errors import UserError
from selfassess.ui.i18n import language, tr

ERROR_STYLE = (
    "background: #fde7e9; color: #5c0011; padding: 6px; border: 1px solid #d13438; "
    "border-radius: 4px"
)


class Banner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def show_error(self, failed: str, error: BaseException) -> None:
        """`failed` (what could not be done, without a full stop), then why, as core said it."""
        if isinstance(error, UserError):
            reason = error.localized(language())
        elif isinstance(error, OSError):  # a folder on a network drive that went away
            reason = error.strerror or str(error)
        else:
            reason = tr("Something went wrong.")
        self.setText(tr("{label}: {value}", label=failed, value=reason))
        self.setAccessibleName(self.text())
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()
