"""Going through the export dialog as a person does: the form filled in, Export clicked, the pack
saved under the name the dialog proposes in `folder`; the dialog is left on its last page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from selfassess.ui.main_window import MainWindow
from selfassess.ui.pack import export_dialog
from selfassess.ui.pack.export_dialog import ExportDialog

Fill = Callable[[ExportDialog], None]


def export_through_dialog(
    window: MainWindow,
    assessment_id: str,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    fill: Fill = lambda _dialog: None,
) -> ExportDialog:
    """The dialog after `fill` and a click on Export (which a test may click again)."""
    dialogs: list[ExportDialog] = []

    def run(dialog: ExportDialog) -> int:
        dialog.show()
        fill(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        dialogs.append(dialog)
        return 0

    def save_as(_parent: object, _purpose: str, _title: str, name: str, _filters: str) -> str:
        return str(folder / name)

    monkeypatch.setattr(ExportDialog, "exec", run)
    monkeypatch.setattr(export_dialog, "save_file", save_as)
    window.open_assessment(assessment_id)
    window.tabs.setCurrentWidget(window.review)
    assert window.review.export_button.isVisibleTo(window.review)
    window.review.export_button.click()
    return dialogs[0]
