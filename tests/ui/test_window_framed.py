"""The main window and its frame on a 1366x768 laptop: the title bar and borders the window
manager adds are allowed for where the window is placed, so that its status bar is never below
the bottom of the screen; a frame larger than that allowance is brought back within the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize
from pytestqt.qtbot import QtBot

from selfassess.ui.app import create_window
from selfassess.ui.screen_fit import window_size
from selfassess.ui.screen_fit.window_size import FRAME, PREFERRED, framed_within

LAPTOP = QRect(0, 0, 1366, 768)


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window_size, "available_geometry", lambda _widget: LAPTOP)


def test_the_framed_window_is_placed_in_the_middle_of_a_laptops_screen(
    laptop: None, isolated_home: Path, qtbot: QtBot
) -> None:
    window = create_window(isolated_home)
    qtbot.addWidget(window)
    window.show()
    QCoreApplication.processEvents()
    assert window.size() == PREFERRED
    top = window.frameGeometry().top()  # where the title bar begins
    assert top >= LAPTOP.top()
    assert top + FRAME.height() + PREFERRED.height() <= LAPTOP.bottom() + 1
    window.close()


def test_a_frame_taller_than_allowed_for_is_brought_back_within_the_screen() -> None:
    title, border = 66, 5  # a large title bar: 71 pixels around a 720-pixel window
    frame = QRect(42, 0, 1282, 720 + title + border)
    place, size = framed_within(frame, PREFERRED, LAPTOP)
    assert size == QSize(1280, 768 - title - border)  # made shorter, as wide
    assert place == QPoint(42, 0)
    lower = QRect(42, 23, 1282, 720 + 32 + 5)  # a 32-pixel title bar, placed for a smaller one
    place, size = framed_within(lower, PREFERRED, LAPTOP)
    assert size == PREFERRED
    assert place.y() + lower.height() == 768  # moved up until its bottom border shows
