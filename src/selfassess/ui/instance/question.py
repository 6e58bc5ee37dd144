"""The one question a second start asks: the data is open in another window; bring it forward,
open read-only, or cancel."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from selfassess.core.about import PRODUCT_NAME
from selfassess.ui.i18n import tr


class Choice(Enum):
    BRING_FORWARD = "bring-forward"
    READ_ONLY = "read-only"
    CANCEL = "cancel"


def other_window_box(parent: QWidget | None = None) -> QMessageBox:
    """The question, its buttons named by what they do (object names: the choices' values)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(PRODUCT_NAME)
    box.setText(tr("This data is already open in another Selfassess window."))
    box.setInformativeText(
        tr(
            "Only one window can change it at a time, so that no answer overwrites another. "
            "Bring that window forward, or look at the data here without changing it."
        )
    )
    buttons = {
        Choice.BRING_FORWARD: (tr("Bring it forward"), QMessageBox.ButtonRole.AcceptRole),
        Choice.READ_ONLY: (tr("Open read-only"), QMessageBox.ButtonRole.ActionRole),
        Choice.CANCEL: (tr("Cancel"), QMessageBox.ButtonRole.RejectRole),
    }
    for choice, (label, role) in buttons.items():
        button = box.addButton(label, role)
        button.setObjectName(choice.value)
        if choice is Choice.BRING_FORWARD:
            box.setDefaultButton(button)
        if choice is Choice.CANCEL:
            box.setEscapeButton(button)
    return box


def ask_other_window(parent: QWidget | None = None) -> Choice:
    box = other_window_box(parent)
    box.exec()
    clicked = box.clickedButton()
    for choice in Choice:
        if clicked is not None and clicked.objectName() == choice.value:
            return choice
    return Choice.CANCEL
