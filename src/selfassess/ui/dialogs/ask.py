"""Small questions put to the user, with buttons that name what they do ("Move to the trash",
"Cancel") in the interface language, whether or not Qt has a catalog for it (Qt has none in
Swahili)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QMessageBox, QWidget

from selfassess.ui.i18n import tr


def ok_cancel(dialog: QDialog, action: str) -> QDialogButtonBox:
    """The buttons of a dialog: `action` accepts it, Cancel rejects it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def confirm(parent: QWidget | None, title: str, question: str, action: str) -> bool:
    """True when the user clicks `action`; Cancel (the default) or Esc gives False."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is chosen


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """A line of text, or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(tr("OK"))
    dialog.setCancelButtonText(tr("Cancel"))
    return dialog.textValue() if dialog.exec() else None
