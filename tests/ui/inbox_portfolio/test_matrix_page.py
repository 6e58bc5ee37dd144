"""The matrix: a row per supplier, red lines first, statuses as symbols with their words, the
filters from the portfolio, and a row opened with a double-click or Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.ui.inbox_portfolio.conftest import KALIMBI, KOLWEZI, LYON, RUBAYA

from selfassess.core.inbox.service import Inbox
from selfassess.ui.inbox.portfolio.matrix_model import FIXED, LATEST
from selfassess.ui.inbox.portfolio.matrix_page import MatrixPage


def _shown(qtbot: QtBot, inbox: Inbox) -> MatrixPage:
    page = MatrixPage(inbox)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.busy())
    return page


def _keys(page: MatrixPage) -> list[str]:
    return [page.model.key(row) for row in range(page.model.rowCount())]


def test_every_supplier_is_a_row_with_red_lines_first(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    assert set(_keys(page)) == {KALIMBI, RUBAYA, KOLWEZI, LYON}
    kinds = [column.kind for column in page.model.columns]
    assert kinds[0] == "red_line"
    assert kinds == sorted(kinds, key=lambda kind: kind != "red_line")
    row = _keys(page).index(KALIMBI)
    cell = page.model.index(row, FIXED)
    status = page.model.cells[row][0]
    assert status in ("not_breached", "breached", "not_verified", "not_applicable")
    assert page.model.data(cell) in ("✔", "✖", "?", "\u2013")  # a symbol, not colour alone
    assert page.model.data(cell, Qt.ItemDataRole.AccessibleTextRole)
    header = page.model.headerData(FIXED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert page.model.columns[0].title in header
    lyon = _keys(page).index(LYON)
    latest = page.model.index(lyon, LATEST)
    assert page.model.data(latest, Qt.ItemDataRole.ToolTipRole) == "No pack yet"
    assert page.model.headerData(lyon, Qt.Orientation.Vertical) == "Fonderie de Lyon (FR)"


def test_the_filters_hold_the_portfolios_values_and_filter(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    countries = [page.boxes["country"].itemData(i) for i in range(page.boxes["country"].count())]
    assert countries == [None, "CD", "FR"]
    page.choose_filter("country", "FR")
    qtbot.waitUntil(lambda: not page.busy())
    assert _keys(page) == [LYON]
    page.choose_filter("country", None)
    page.choose_filter("certification", "rmap")
    qtbot.waitUntil(lambda: not page.busy())
    assert _keys(page) == [RUBAYA]
    page.choose_filter("certification", None)
    page.choose_filter("risk", "high")
    qtbot.waitUntil(lambda: not page.busy())
    assert set(_keys(page)) == {KALIMBI, RUBAYA, KOLWEZI}
    assert "3" in page.shown.text()


def test_double_click_or_enter_opens_a_supplier(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    row = _keys(page).index(RUBAYA)
    cell = page.view.visualRect(page.model.index(row, 0)).center()
    with qtbot.waitSignal(page.supplier_chosen) as chosen:
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert chosen.args == [RUBAYA]
    page.view.setCurrentIndex(page.model.index(_keys(page).index(LYON), 0))
    with qtbot.waitSignal(page.supplier_chosen) as chosen:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert chosen.args == [LYON]
