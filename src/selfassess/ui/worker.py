"""Long work (an archive with large evidence) on a worker thread, behind a progress dialog that
can be cancelled, so that the window never freezes.

The work is a core function taking `progress(done, total)` and `stop()`; it must not touch
widgets. Errors are shown in a dialog; the result (or None) is returned."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from selfassess.core.errors import Cancelled, UserError
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QThread):
    progressed = Signal(int, int)
    failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.stop_requested = False
        self.result: Any = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progressed.emit, lambda: self.stop_requested)
        except Exception as exc:
            self.failed.emit(exc)


def run_with_progress(
    parent: QWidget | None, label: str, work: Work, failed: str | None = None
) -> Any:
    """Run `work` on a thread while a progress dialog shows; None if it failed or was cancelled.
    A refusal is shown under the headline `failed`; anything else is a bug, handed to the
    app's exception hook (crash report and dialog)."""
    dialog = QProgressDialog(label, tr("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    worker = _Worker(work)
    errors: list[BaseException] = []

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    worker.progressed.connect(show_progress)
    worker.failed.connect(errors.append)
    dialog.canceled.connect(lambda: setattr(worker, "stop_requested", True))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.reset()
    dialog.deleteLater()
    if errors:
        error = errors[0]
        if isinstance(error, UserError) and not isinstance(error, Cancelled):
            show_error(parent, error, failed)
        elif not isinstance(error, UserError):
            sys.excepthook(type(error), error, error.__traceback__)
        return None
    return worker.result
