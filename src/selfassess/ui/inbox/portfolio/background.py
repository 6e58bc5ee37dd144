"""Reading the inbox off the interface thread, so that a page over 500 suppliers never freezes the
window: `BackgroundRead.start(work, done, failed)` runs a core call on a thread of its own and
hands its result to `done` on the interface thread.

Only the latest read of one `BackgroundRead` is delivered: a page asked again (another day, another
filter) before the first answer came drops that answer when it comes. A refusal goes to `failed`;
anything else is a bug, handed to the app's exception hook (crash report and dialog). Threads are
kept until they end, even when the page that asked is gone, and the app waits for them as it
quits."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot

from selfassess.core.errors import UserError

Done = Callable[[Any], None]
Failed = Callable[[UserError], None]


class _ReadThread(QThread):
    def __init__(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        super().__init__()
        self.work = work
        self.done = done
        self.failed = failed
        self.result: Any = None
        self.error: UserError | None = None
        self.bug: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except UserError as exc:
            self.error = exc
        except Exception as exc:
            self.bug = exc


_running: set[_ReadThread] = set()


def wait_for_reads() -> None:
    """Wait until every read has ended (the app is quitting; a test is over)."""
    for thread in list(_running):
        thread.wait()


class BackgroundRead(QObject):
    """One kind of read for one page (its tiles, its chart, its matrix)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: _ReadThread | None = None
        _wait_when_quitting()

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run `work` on a thread; `done(result)` or `failed(refusal)` once it is over, unless
        another read was started meanwhile."""
        thread = _ReadThread(work, done, failed)
        self._latest = thread
        _running.add(thread)
        thread.finished.connect(self._collect)
        thread.start()

    def busy(self) -> bool:
        return self._latest is not None

    @Slot()
    def _collect(self) -> None:
        """On the interface thread, once a read is over."""
        thread = self.sender()
        if not isinstance(thread, _ReadThread):
            return
        thread.wait()
        _running.discard(thread)
        thread.deleteLater()
        if thread is not self._latest:
            return  # a newer read replaced it
        self._latest = None
        if thread.bug is not None:
            bug = thread.bug
            sys.excepthook(type(bug), bug, bug.__traceback__)
        elif thread.error is not None:
            thread.failed(thread.error)
        else:
            thread.done(thread.result)


_watched: list[QCoreApplication] = []


def _wait_when_quitting() -> None:
    """The app waits for the reads still running as it quits (once per application)."""
    app = QCoreApplication.instance()
    if app is not None and app not in _watched:
        app.aboutToQuit.connect(wait_for_reads)
        _watched.append(app)
