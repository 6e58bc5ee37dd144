"""The KPI tiles show the portfolio's figures; a tile lists the suppliers behind it, and choosing
one asks for its page; the chart has the chosen KPI month by month."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.ui.inbox_portfolio.conftest import KALIMBI, KOLWEZI, LYON, RUBAYA

from selfassess.core.inbox.service import Inbox
from selfassess.ui.i18n import set_language
from selfassess.ui.inbox.portfolio.kpi_page import KpiPage


def _shown(qtbot: QtBot, inbox: Inbox) -> KpiPage:
    page = KpiPage(inbox)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.busy() and bool(page.chart.points))
    return page


def test_the_tiles_show_the_portfolios_figures(qtbot: QtBot, portfolio: Inbox) -> None:
    tiles = _shown(qtbot, portfolio).tiles.tiles
    assert tiles["suppliers_registered"].value.text() == "4"
    assert tiles["high_risk_suppliers"].value.text() == "3"
    edd = tiles["high_risk_assessed_in_edd_pct"]
    assert (edd.value.text(), edd.detail.text()) == ("66.7%", "2 of 3")
    copper = tiles["copper_mark_or_equivalent_pct"]
    assert (copper.value.text(), copper.detail.text()) == ("25%", "1 of 4")
    assert tiles["children_supported"].value.text() == "2"
    assert tiles["red_line_breaches"].value.text() == "0"


def test_a_percentage_with_nobody_to_count_says_why(qtbot: QtBot, inbox: Inbox) -> None:
    edd = _shown(qtbot, inbox).tiles.tiles["high_risk_assessed_in_edd_pct"]
    assert edd.value.text() == "—"
    assert edd.detail.text() == "No supplier is at high risk: there is no one to count."


def test_a_tile_lists_the_suppliers_behind_it_and_opens_one(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    qtbot.mouseClick(page.tiles.tiles["high_risk_assessed_in_edd_pct"], Qt.MouseButton.LeftButton)
    assert page.drill.keys() == [RUBAYA, KALIMBI, KOLWEZI]  # counted, then not counted
    qtbot.mouseClick(page.tiles.tiles["copper_mark_or_equivalent_pct"], Qt.MouseButton.LeftButton)
    assert page.drill.keys()[0] == RUBAYA
    assert set(page.drill.keys()[1:]) == {KALIMBI, KOLWEZI, LYON}
    tree = page.drill.suppliers
    kolwezi = next(
        tree.topLevelItem(1).child(i)
        for i in range(tree.topLevelItem(1).childCount())
        if tree.topLevelItem(1).child(i).data(0, Qt.ItemDataRole.UserRole) == KOLWEZI
    )
    tree.setCurrentItem(kolwezi)
    with qtbot.waitSignal(page.supplier_chosen) as chosen:
        qtbot.mouseClick(page.drill.open_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [KOLWEZI]


def test_the_chart_shows_the_chosen_kpi_month_by_month(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    assert len(page.chart.points) == 12
    assert page.chart.points[-1].value == 4  # suppliers registered, today
    page.choose("high_risk_assessed_in_edd_pct")
    assert page.chart.percent
    assert page.chart.points[-1].value == 66.7
    assert "High-risk suppliers assessed" in page.chart_title.text()


def test_a_shorter_window_is_read_again(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio)
    page.months.setValue(1)
    qtbot.waitUntil(lambda: not page.busy())
    assert page.tiles.tiles["suppliers_assessed"].value.text() == "2"  # packs made today


def test_figures_are_written_as_the_language_writes_numbers(qtbot: QtBot, portfolio: Inbox) -> None:
    set_language("fr")
    edd = _shown(qtbot, portfolio).tiles.tiles["high_risk_assessed_in_edd_pct"]
    assert edd.value.text().startswith("66,7")
