"""The declaration dialog that finalizes an assessment: who declares, in which position, on
which date, and the form's statement in the chosen language; before it, the red lines and
critical gaps the declarer ticks as read before Finalize is enabled (dialogs/acknowledgement)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.service import Declaration
from selfassess.core.gaps.before_signing import BeforeSigning
from selfassess.ui.dialogs.acknowledgement import AcknowledgementBox
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.i18n import tr
from selfassess.ui.widgets.date_field import DateField

WIDTH = 600  # wide enough to read the red lines; a smaller screen shrinks it


class DeclarationDialog(QDialog):
    """Name, title, date, and the statement in the chosen language."""

    def __init__(
        self,
        statement: str,
        parent: QWidget | None = None,
        *,
        notice: BeforeSigning | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Declaration"))
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.date = DateField(date.today())
        self.date.setAccessibleName(tr("Date"))
        text = QLabel(statement)
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Position"), self.title)
        form.addRow(tr("Date"), self.date)
        buttons = ok_cancel(self, tr("Finalize"))
        self.acknowledgement = AcknowledgementBox(notice or BeforeSigning(), self)
        self.sign_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setEnabled(self.acknowledgement.acknowledged)
        self.acknowledgement.changed.connect(self.sign_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.acknowledgement)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(WIDTH, self.sizeHint().height())

    def accept(self) -> None:
        """Only with a day: a wrong one is shown under the date, and the dialog stays open."""
        if not self.date.commit():
            self.date.setFocus()
            return
        if self.date.value() is None:
            self.date.show_error(tr("Give the day of the declaration."))
            self.date.setFocus()
            return
        super().accept()

    def declaration(self) -> Declaration:
        return Declaration(self.name.text(), self.title.text(), self.date.value() or date.today())
