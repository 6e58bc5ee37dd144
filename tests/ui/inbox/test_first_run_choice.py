"""The first start offers "I fill in assessments" or "I receive packs"; the choice is remembered,
a buyer opens on the Buyer view from then on, and File > Inbox is always there."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from selfassess.ui.app import create_window
from selfassess.ui.inbox.first_run import FILL, RECEIVE, remembered_choice
from selfassess.ui.main_window import MainWindow


def reopened(qtbot: QtBot, window: MainWindow, home: Path) -> MainWindow:
    """The app closed and started again on the same data."""
    window.close()
    again = create_window(home)
    qtbot.addWidget(again)
    again.show()
    return again


def test_receiving_packs_opens_the_buyer_view_and_is_remembered(
    window: MainWindow, qtbot: QtBot, isolated_home: Path
) -> None:
    choice = window.buyer.choice
    assert choice is not None
    assert window.stack.currentWidget() is choice
    assert choice.receive.isVisible()
    assert choice.fill.isVisible()
    choice.receive.click()
    assert window.buyer.showing_view()
    assert window.buyer.view is not None
    assert window.buyer.view.showing() == "import"
    assert remembered_choice(isolated_home) == RECEIVE
    again = reopened(qtbot, window, isolated_home)
    try:
        assert again.buyer.choice is None
        assert again.buyer.showing_view()  # a buyer starts on the inbox
        again.buyer.view.back.click()  # type: ignore[union-attr]
        assert again.stack.currentWidget() is again.home
    finally:
        again.close()


def test_filling_in_assessments_goes_home_and_is_not_asked_again(
    window: MainWindow, qtbot: QtBot, isolated_home: Path
) -> None:
    assert window.buyer.choice is not None
    window.buyer.choice.fill.click()
    assert window.stack.currentWidget() is window.home
    assert window.buyer.choice is None
    assert remembered_choice(isolated_home) == FILL
    again = reopened(qtbot, window, isolated_home)
    try:
        assert again.buyer.choice is None
        assert again.stack.currentWidget() is again.home
        again.actions_by_name["inbox"].trigger()  # File > Inbox, always there
        assert again.buyer.showing_view()
        assert again.actions_by_name["inbox"].shortcut().toString() == "Ctrl+I"
    finally:
        again.close()


def test_the_home_screen_has_a_way_back_to_the_inbox(window: MainWindow) -> None:
    """A buyer who went to "My assessments" finds the inbox on the home screen, not only in
    the File menu."""
    assert window.buyer.choice is not None
    window.buyer.choice.fill.click()
    assert window.stack.currentWidget() is window.home
    button = window.home.buttons["inbox"]
    assert button.isVisible()
    assert button.text() == "Inbox of packs received"
    button.click()
    assert window.buyer.showing_view()
