"""The portfolio pages after a language switch and from the keyboard: a day shown is written again
in the new language's order (never read back in the wrong order), the red lines head the matrix
in the interface language, the follow-up is recorded with Enter after its due day, and the KPI
page fits a netbook's screen without scrolling."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from tests.ui.inbox_portfolio.conftest import KALIMBI

from selfassess.core.inbox.service import Inbox
from selfassess.ui.i18n import set_language
from selfassess.ui.inbox.portfolio.kpi_page import KpiPage
from selfassess.ui.inbox.portfolio.matrix_model import FIXED
from selfassess.ui.inbox.portfolio.matrix_page import MatrixPage
from selfassess.ui.inbox.portfolio.supplier_page import SupplierPage

DECEMBER_7 = date(2026, 12, 7)


def _kpis(qtbot: QtBot, inbox: Inbox, width: int = 1024, height: int = 560) -> KpiPage:
    page = KpiPage(inbox)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.busy())
    return page


def test_the_day_asked_about_is_written_again_in_the_new_languages_order(
    qtbot: QtBot, portfolio: Inbox
) -> None:
    page = _kpis(qtbot, portfolio)
    page.as_of.set_value(DECEMBER_7)
    assert page.as_of.line.text() == "12/07/2026"  # English: month first
    set_language("fr")
    page.retranslate()
    assert page.as_of.line.text() == "07/12/2026"
    assert page.as_of.line.placeholderText().startswith("par exemple")
    assert page.as_of.commit()  # the field left: still the 7th of December, not the 12th of July
    assert page.as_of.value() == DECEMBER_7


def test_the_red_lines_head_the_matrix_in_the_interface_language(
    qtbot: QtBot, portfolio: Inbox
) -> None:
    set_language("fr")
    page = MatrixPage(portfolio)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    qtbot.waitUntil(lambda: page.loaded and not page.busy())
    headings = {
        column.id: page.model.headerData(place, Qt.Orientation.Horizontal)
        for place, column in enumerate(page.model.columns, start=FIXED)
        if column.kind == "red_line"
    }
    assert headings["child-labour"] == "Travail\ndes enfants"
    assert headings["forced-labour"] == "Travail\nforcé"
    header = page.view.horizontalHeader()
    place = FIXED + [column.id for column in page.model.columns].index("child-labour")
    assert header.sectionSize(place) >= header.sectionSizeHint(place)  # its words, not cut


def _tab_from(widget: QWidget, steps: int) -> list[QWidget]:
    """Where Tab goes from `widget`, `steps` times (the widgets that take the keyboard)."""
    found: list[QWidget] = []
    here = widget
    while len(found) < steps:
        here = here.nextInFocusChain()
        if here.focusPolicy() & Qt.FocusPolicy.TabFocus and here.isVisible():
            found.append(here)
    return found


def test_a_follow_up_is_recorded_with_enter_once_its_due_day_is_typed(
    qtbot: QtBot, portfolio: Inbox
) -> None:
    page = SupplierPage(portfolio)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    page.show_supplier(KALIMBI)
    page.tabs.setCurrentIndex(2)
    panel = page.follow_ups
    number = portfolio.page(KALIMBI).actions[0].action["id"]
    panel.choose_action(number)
    panel.buttons["accepted"].setChecked(True)
    assert _tab_from(panel.note, 2) == [panel.due.line, panel.record_button]  # as seen
    panel.due.line.setText("2027-03-31")
    qtbot.keyClick(panel.due.line, Qt.Key.Key_Return)
    follow = portfolio.page(KALIMBI).actions[0].follow_up
    assert follow is not None
    assert (follow.state, follow.due) == ("accepted", "2027-03-31")


def test_the_kpi_page_fits_a_netbook_without_scrolling(qtbot: QtBot, portfolio: Inbox) -> None:
    for language in ("en", "fr", "sw"):
        set_language(language)
        page = _kpis(qtbot, portfolio, width=1004, height=460)  # a netbook's room for the page
        scroll = page.findChild(QScrollArea)
        assert scroll is not None
        assert not scroll.verticalScrollBar().isVisible(), language
        page.close()
