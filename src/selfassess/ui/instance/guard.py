"""Which app instance owns a data home: a lock file in the home says who edits it, and a local
socket named after the home lets a second start ask the first to come forward.

The lock (`<home>/app.lock`) is a QLockFile: a lock left by an instance that crashed or was
killed names a process that no longer runs, and the next start takes it over. The socket's name
is a hash of the home's resolved path, so two homes never answer for each other.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "app.lock"
RAISE_REQUEST = b"raise\n"
CONNECT_TIMEOUT_MS = 2000


def server_name(home: Path) -> str:
    """The local socket's name for `home`: the same for every spelling of the same folder."""
    digest = hashlib.sha256(str(home.resolve()).encode("utf-8", "surrogateescape"))
    return f"selfassess-{digest.hexdigest()[:24]}"


class InstanceGuard(QObject):
    """Held by the instance that edits a home; `raise_requested` when another start asks it to
    come forward. `first` is false when another instance already holds the home."""

    raise_requested = Signal()

    def __init__(self, home: Path) -> None:
        super().__init__()
        self.home = home
        self.name = server_name(home)
        self.lock = QLockFile(str(home / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        self.server: QLocalServer | None = None
        self.first = self._claim()
        if self.first:
            self._listen()

    def _claim(self) -> bool:
        with contextlib.suppress(OSError):  # the store says what is wrong with the home
            self.home.mkdir(parents=True, exist_ok=True)
        if self.lock.tryLock(0):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return False
        # No lock file can be made here (a read-only folder): ask the socket instead.
        return not _answers(self.name)

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # what a crashed instance left (we hold the lock)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self.server = server

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._on_request(socket))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if RAISE_REQUEST.strip() in bytes(socket.readAll().data()):
            self.raise_requested.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()


def _answers(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    answered = socket.waitForConnected(CONNECT_TIMEOUT_MS)
    socket.abort()
    return answered


def bring_forward(home: Path) -> bool:
    """Ask the instance holding `home` to show its window; false when it does not answer."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(home))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(RAISE_REQUEST)
    sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return sent
