"""Fixtures of the Buyer view's tests: genuine signed packs (made once per test process, as the
inbox's own tests make them) and the Buyer view over the test's data home, importing in this
process (no worker processes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.inbox.packs import Packs, made_packs

from selfassess.ui.i18n import set_language
from selfassess.ui.inbox.view import InboxView


@pytest.fixture(scope="session")
def packs() -> Packs:
    return made_packs()


@pytest.fixture
def view(qtbot: QtBot, isolated_home: Path) -> Iterator[InboxView]:
    shown = InboxView(isolated_home)
    qtbot.addWidget(shown)
    shown.resize(1000, 560)
    shown.show()
    shown.import_page.workers = 1
    yield shown
    shown.close_down()
    set_language("en")
