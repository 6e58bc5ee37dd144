"""The app under pytest-qt, offscreen, over a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfassess.ui.app import create_window
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> Iterator[MainWindow]:
    main = create_window(isolated_home)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.service.store.close()
    set_language("en")
