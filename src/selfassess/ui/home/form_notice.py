"""The notice on the home screen that lists the user's questionnaires that cannot be used (which
file, what is wrong): shown once per start when there are any, in the interface language, and
never a dialog: the app goes on with the other forms."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from selfassess.core.forms.catalog import CatalogEntry
from selfassess.core.forms.diagnostics import Diagnostic
from selfassess.ui.i18n import tr, tr_plural

SHOWN_FILES = 5


class FormNotice(QFrame):
    """A banner naming each broken user form and its first located error; Hide closes it."""

    def __init__(self, broken: list[CatalogEntry]) -> None:
        super().__init__()
        self.broken = broken
        self.setObjectName("form_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#form_notice { background: #fff4d6; border: 1px solid #d9a400; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.hide_button)
        self.setVisible(bool(broken))
        self.retranslate()

    def retranslate(self) -> None:
        self.hide_button.setText(tr("Hide"))
        self.hide_button.setAccessibleName(tr("Hide"))
        if not self.broken:
            return
        lines = [
            tr(
                "These questionnaires in your forms folder cannot be used and were skipped; "
                "the others are ready:"
            )
        ]
        lines += [_line(entry) for entry in self.broken[:SHOWN_FILES]]
        if len(self.broken) > SHOWN_FILES:
            more = len(self.broken) - SHOWN_FILES
            lines.append(tr_plural("…and one more.", "…and {count} more.", more))
        lines.append(tr("Run `selfassess forms check` on a file to see every problem."))
        self.text.setText("\n".join(lines))


def _line(entry: CatalogEntry) -> str:
    errors = entry.result.errors
    if not errors:
        return f"• {entry.path.name}"
    return "• " + _located(entry.path.name, errors[0])


def _located(file: str, error: Diagnostic) -> str:
    reason = f"{error.where}: {error.message}" if error.where else error.message
    if error.location is None:
        return tr("{file}: {reason}", file=file, reason=reason)
    return tr(
        "{file}, line {line}, column {column}: {reason}",
        file=file,
        line=error.location.line,
        column=error.location.column,
        reason=reason,
    )
