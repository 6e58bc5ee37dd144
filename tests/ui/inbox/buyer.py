"""What the Buyer view's tests do and read: an import through the Import page, waited for, and
the summary as the buyer sees it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from selfassess.ui.inbox.view import InboxView


def imported(qtbot: QtBot, view: InboxView, paths: list[Path]) -> None:
    """Import `paths` through the Import page and wait until it is over."""
    page = view.import_page
    page.import_paths(paths)
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)


def tile(view: InboxView, name: str) -> str:
    """What a count of the summary says, as a screen reader reads it ("3 packs accepted, …")."""
    return view.import_page.summary.tiles[name].accessibleName()


def summary_rows(view: InboxView) -> list[tuple[str, str, str]]:
    table = view.import_page.summary.table
    return [
        (table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    ]
