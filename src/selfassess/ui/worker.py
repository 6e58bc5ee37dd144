"""Long work (an archive with large evidence) on a worker thread, behind a progress dialog that
can be cancelled, so that the window never freezes.

The work is a core function taking `progress(done, total)` and `stop()`; it must not touch
widgets. Errors are shown in a dialog; the result (or None) is returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from selfassess.core.errors import Cancelled
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


def run_with_progress(parent: QWidget | None, label: str, work: Work) -> Any:
    """Run `work` on a thread while a progress dialog shows; None if it failed or was cancelled."""
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
        if not isinstance(errors[0], Cancelled):
            show_error(parent, errors[0])
        return None
    return worker.result
