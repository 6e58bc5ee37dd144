"""Errors reach the user as dialogs in their language, never as a traceback; unexpected ones are
also written to a crash report in the data directory."""

from __future__ import annotations

import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from selfassess.core.about import PRODUCT_NAME
from selfassess.core.errors import UserError
from selfassess.ui.i18n import language, tr


def show_error(parent: QWidget | None, error: BaseException, failed: str | None = None) -> None:
    """A dialog saying what went wrong: `failed` (what could not be done) as its headline when
    given, then the refusal as core worded it, in the interface language where translated."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(PRODUCT_NAME)
    detail = (
        error.localized(language()) if isinstance(error, UserError) else tr("Something went wrong.")
    )
    box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    if failed:
        box.setText(failed)
        box.setInformativeText(detail)
    else:
        box.setText(detail)
    box.exec()


def write_crash_report(
    home: Path, kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> Path:
    folder = home / "crash-reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"crash-{stamp}.txt"
    path.write_text("".join(traceback.format_exception(kind, value, trace)), encoding="utf-8")
    return path


def install_handler(home: Path, parent: QWidget | None = None) -> None:
    """Route uncaught exceptions to a dialog (user errors) or a crash report and a dialog."""

    def handle(
        kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(value, UserError):
            show_error(parent, value)
            return
        report = write_crash_report(home, kind, value, trace)
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(PRODUCT_NAME)
        box.setText(tr("Something went wrong. Your answers are saved."))
        box.setInformativeText(tr("A report was written to {path}.", path=str(report)))
        box.addButton(tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    sys.excepthook = handle
