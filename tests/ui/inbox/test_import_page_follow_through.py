"""The Import page as a buyer follows it: the packs left unchecked in the folder are counted off
the interface thread (a network folder can be slow to list) and the note says why they may be
there; a folder that cannot be listed is said in the page; a new import does not show the last
one's counts while it runs; the files not counted are named in the order of their names; and the
keyboard lands on "Add files…" and comes back where it was left."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.inbox.packs import Packs
from tests.pack.making import appended
from tests.ui.inbox.buyer import imported, summary_rows

from selfassess.core.inbox.service import Inbox
from selfassess.ui.inbox.view import InboxView
from selfassess.ui.main_window import MainWindow


def test_the_packs_left_unchecked_are_counted_off_the_interface_thread(
    view: InboxView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted_on: list[threading.Thread] = []

    def unindexed(_inbox: Inbox) -> int:
        counted_on.append(threading.current_thread())
        return 3

    monkeypatch.setattr(Inbox, "unindexed", unindexed)
    page = view.import_page
    page.check_unindexed()  # as when the Import tab is shown again
    qtbot.waitUntil(page.note.isVisible)
    assert counted_on
    assert threading.main_thread() not in counted_on
    assert page.note_text.text() == (
        "3 packs in the inbox folder are not checked on this computer yet: an import stopped "
        "before the end, or another computer added them to the shared folder."
    )
    assert page.index_button.text() == "Check them now"


def test_a_folder_that_cannot_be_listed_is_said_in_the_page(
    view: InboxView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(_inbox: Inbox) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Inbox, "unindexed", unreadable)
    page = view.import_page
    page.check_unindexed()
    qtbot.waitUntil(page.banner.isVisible)
    assert page.banner.text() == "The inbox folder cannot be read: Permission denied"
    assert not page.note.isVisible()


def test_a_new_import_does_not_show_the_last_ones_counts_while_it_runs(
    view: InboxView, packs: Packs, qtbot: QtBot
) -> None:
    page = view.import_page
    imported(qtbot, view, [packs.first])
    assert page.summary.isVisible()
    page.import_paths([packs.other])
    assert page.busy
    assert not page.summary.isVisible()  # "Import finished" would be untrue meanwhile
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    assert page.summary.isVisible()
    assert page.summary.tiles["accepted"].accessibleName().startswith("1 pack accepted")


def test_the_files_not_counted_are_named_in_the_order_of_their_names(
    view: InboxView, packs: Packs, qtbot: QtBot, tmp_path: Path
) -> None:
    forged = []
    for number, name in enumerate(("c-forged.pdf", "a-forged.pdf", "b-forged.pdf")):
        path = tmp_path / name
        path.write_bytes(appended(packs.other.read_bytes(), f"page {number}"))
        forged.append(path)
    imported(qtbot, view, forged)
    names = [name for name, what, _why in summary_rows(view) if what == "In quarantine"]
    assert names == ["a-forged.pdf", "b-forged.pdf", "c-forged.pdf"]


def test_the_keyboard_lands_on_add_files_and_comes_back_where_it_was_left(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.buyer.choice is not None
    window.buyer.choice.receive.click()  # "I receive packs"
    view = window.buyer.view
    assert view is not None
    assert QApplication.focusWidget() is view.import_page.drop_zone.add_files
    view.show_tab("suppliers")
    chooser = view.pages["suppliers"].chooser  # type: ignore[attr-defined]
    chooser.setFocus()
    window.show_home()
    assert not view.isAncestorOf(QApplication.focusWidget())
    window.show_inbox()  # Ctrl+I
    assert QApplication.focusWidget() is chooser


def test_the_figures_watched_during_an_import_are_read_again_when_it_ends(
    view: InboxView, packs: Packs, qtbot: QtBot
) -> None:
    view.show_tab("portfolio")
    kpis = view.pages["portfolio"]
    registered = kpis.tiles.tiles["suppliers_registered"].value  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: registered.text() == "0")
    view.import_page.import_paths([packs.first, packs.other])  # dropped while on the figures
    qtbot.waitUntil(lambda: not view.import_page.busy, timeout=60_000)
    assert view.showing() == "portfolio"
    qtbot.waitUntil(lambda: registered.text() == "2")
