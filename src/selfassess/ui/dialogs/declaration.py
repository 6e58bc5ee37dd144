"""The declaration dialog that finalizes an assessment: who declares, in which position, on
which date, and the form's statement in the chosen language."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.service import Declaration
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.i18n import tr


class DeclarationDialog(QDialog):
    """Name, title, date, and the statement in the chosen language."""

    def __init__(self, statement: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Declaration"))
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        text = QLabel(statement)
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Position"), self.title)
        form.addRow(tr("Date"), self.date)
        buttons = ok_cancel(self, tr("Finalize"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def declaration(self) -> Declaration:
        chosen = self.date.date()
        return Declaration(
            self.name.text(), self.title.text(), date(chosen.year(), chosen.month(), chosen.day())
        )
