"""Reads off the interface thread: only the latest read's result reaches the page."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from selfassess.ui.inbox.portfolio.background import BackgroundRead


def test_a_newer_read_replaces_an_older_one(qtbot: QtBot) -> None:
    read = BackgroundRead()
    release = threading.Event()
    got: list[str] = []
    read.start(lambda: release.wait(5) and "older", got.append, lambda _e: None)
    read.start(lambda: "newer", got.append, lambda _e: None)
    qtbot.waitUntil(lambda: got == ["newer"])
    release.set()
    qtbot.waitUntil(lambda: not read.busy())
    assert got == ["newer"]
