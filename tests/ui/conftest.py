"""The app under pytest-qt, offscreen, over a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfassess.ui.app import create_window
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody planned for fails the test with its text, instead of waiting
    offscreen for a click that never comes. Tests that expect one patch `exec` themselves."""

    def unexpected(box: QMessageBox) -> int:
        pytest.fail(f"unexpected dialog: {box.text()} {box.informativeText()}")

    monkeypatch.setattr(QMessageBox, "exec", unexpected)


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> Iterator[MainWindow]:
    main = create_window(isolated_home)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()  # closes its store, as the app does
    set_language("en")
