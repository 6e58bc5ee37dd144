"""Long inbox work (an import, indexing the packs another computer added, accepting a new
certificate) on a thread of its own, so that the window never freezes: the work is a core
function taking `progress(step)` and `cancelled()`, and must not touch widgets.

The task tells each step (`stepped`), and once over (`over`) holds its result or the error it
ended with; `cancel()` asks the work to stop at its next check. An error that is not a refusal
(a bug) is handed to the app's exception hook, as ui/worker does."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from selfassess.core.errors import UserError
from selfassess.core.inbox.importing import Step

InboxWork = Callable[[Callable[[Step], None], Callable[[], bool]], Any]


class InboxTask(QThread):
    """One piece of work; start it with `start()`, follow `stepped` and `over`."""

    stepped = Signal(object)  # a Step
    over = Signal()

    def __init__(self, work: InboxWork, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.stop_requested = False
        self.result: Any = None
        self.error: UserError | None = None
        self._bug: BaseException | None = None
        self.finished.connect(self._on_finished)

    def run(self) -> None:
        try:
            self.result = self.work(self.stepped.emit, lambda: self.stop_requested)
        except UserError as exc:
            self.error = exc
        except Exception as exc:
            self._bug = exc

    def cancel(self) -> None:
        self.stop_requested = True

    def stop_and_wait(self) -> None:
        """Ask the work to stop and wait until it has (the window is closing)."""
        self.cancel()
        self.wait()

    def _on_finished(self) -> None:
        """On the interface thread, once the work is over."""
        if self._bug is not None:
            bug, self._bug = self._bug, None
            sys.excepthook(type(bug), bug, bug.__traceback__)
        self.over.emit()
