"""A supplier's page: its packs over time with what improved, the buyer's values and notes saved
from the page (a refusal at its field), and the follow-up of its plan recorded in the inbox."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tests.ui.inbox_portfolio.conftest import KALIMBI, KOLWEZI

from selfassess.core.inbox.service import Inbox
from selfassess.ui.inbox.portfolio import requests_export, supplier_page
from selfassess.ui.inbox.portfolio.pack_history import IMPROVED, REVISION
from selfassess.ui.inbox.portfolio.supplier_page import SupplierPage


def _shown(qtbot: QtBot, inbox: Inbox, key: str) -> SupplierPage:
    page = SupplierPage(inbox)
    qtbot.addWidget(page)
    page.resize(1024, 560)
    page.show()
    page.show_supplier(key)
    return page


def test_the_packs_over_time_say_what_improved(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio, KALIMBI)
    history = page.history
    assert history.topLevelItemCount() == 2
    latest, first = history.topLevelItem(0), history.topLevelItem(1)
    assert "replaced by a later revision" in first.text(REVISION)
    improved = portfolio.page(KALIMBI).packs[-1].improved
    assert improved
    assert latest.text(IMPROVED).startswith("▲ 1 criterion improved")
    assert latest.isExpanded()
    moved = [latest.child(i).text(IMPROVED) for i in range(latest.childCount())]
    assert any(improved[0].criterion in text for text in moved)
    assert "Kalimbi" in page.title.text()


def test_a_follow_up_recorded_in_the_page_is_in_the_inbox(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio, KALIMBI)
    page.tabs.setCurrentIndex(2)
    panel = page.follow_ups
    number = portfolio.page(KALIMBI).actions[0].action["id"]
    panel.choose_action(number)
    qtbot.mouseClick(panel.buttons["challenged"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.note_error.isVisible()  # a challenge says what is asked instead
    assert portfolio.page(KALIMBI).actions[0].follow_up is None
    qtbot.keyClicks(panel.note, "Train the committee before March")
    panel.due.line.setText("2027-02-28")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    follow = portfolio.page(KALIMBI).actions[0].follow_up
    assert follow is not None
    assert (follow.state, follow.note, follow.due) == (
        "challenged",
        "Train the committee before March",
        "2027-02-28",
    )
    assert not panel.note_error.isVisible()
    assert "Train the committee" in panel.table.item(0, 5).text()


def test_an_overdue_action_says_so_in_words(qtbot: QtBot, portfolio: Inbox) -> None:
    number = portfolio.page(KALIMBI).actions[0].action["id"]
    portfolio.follow_up(KALIMBI, number, "accepted", None, "2020-01-31")
    page = _shown(qtbot, portfolio, KALIMBI)
    assert "Overdue" in page.follow_ups.table.item(0, 4).text()
    assert "1 overdue" in page.tabs.tabText(2)


def test_a_risk_set_by_hand_needs_its_reason(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio, KALIMBI)
    fields = page.fields
    fields.risk.setCurrentIndex(fields.risk.findData("low"))
    fields.risk.activated.emit(fields.risk.currentIndex())
    assert fields.errors["risk"].text() == "Say why you set the risk by hand."
    assert "risk" not in portfolio.supplier(KALIMBI).own
    qtbot.keyClicks(fields.reason, "Site visit in May")
    fields.reason.editingFinished.emit()
    supplier = portfolio.supplier(KALIMBI)
    assert (supplier.risk, supplier.own["risk_reason"]) == ("low", "Site visit in May")
    assert fields.errors["risk"].isHidden()


def test_values_and_notes_are_saved_as_they_are_chosen(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio, KOLWEZI)
    fields = page.fields
    fields.role.setCurrentIndex(fields.role.findData("mine"))
    fields.role.activated.emit(fields.role.currentIndex())
    copper = fields.minerals.boxes["copper"]
    qtbot.mouseClick(copper, Qt.MouseButton.LeftButton, pos=QPoint(6, copper.height() // 2))
    fields.enrolled.line.setText("2026-02-01")
    fields.enrolled.commit()
    qtbot.keyClicks(fields.note, "Visit planned")
    qtbot.mouseClick(fields.add_button, Qt.MouseButton.LeftButton)
    supplier = portfolio.supplier(KOLWEZI)
    assert (supplier.role, supplier.minerals) == ("mine", ["copper"])
    assert supplier.enrolled_since == "2026-02-01"
    assert [text for _day, _who, text in supplier.notes] == ["Visit planned"]
    assert fields.note.text() == ""
    qtbot.mouseClick(fields.add_button, Qt.MouseButton.LeftButton)  # an empty note
    assert not fields.errors["note"].isHidden()


def test_the_chooser_finds_a_supplier_by_part_of_its_name(qtbot: QtBot, portfolio: Inbox) -> None:
    page = _shown(qtbot, portfolio, KALIMBI)
    with qtbot.waitSignal(page.chooser.chosen) as chosen:
        page.chooser.setCurrentIndex(page.chooser.findText("kolwezi", Qt.MatchFlag.MatchContains))
    assert chosen.args == [KOLWEZI]
    assert page.key == KOLWEZI
    assert page.history.topLevelItem(0).text(0) == "No pack yet"


def test_the_export_of_requests_is_offered_when_core_has_it(
    qtbot: QtBot, portfolio: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, ...]] = []
    written = tmp_path / "requests.xlsx"

    def export(inbox: Inbox, key: str, output: Path, language: str) -> Any:
        calls.append((key, output, language))
        return SimpleNamespace(spreadsheet=output, email_draft=output.with_suffix(".eml"))

    monkeypatch.setattr(supplier_page, "requests_exporter", lambda: None)
    assert not _shown(qtbot, portfolio, KALIMBI).export_button.isVisibleTo(None)
    monkeypatch.setattr(supplier_page, "requests_exporter", lambda: export)
    monkeypatch.setattr(requests_export, "requests_exporter", lambda: export)
    monkeypatch.setattr(requests_export, "save_file", lambda *_args: str(written))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.informativeText()))
    page = _shown(qtbot, portfolio, KALIMBI)
    assert page.export_button.isVisibleTo(None)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert calls == [(KALIMBI, written, "en")]
    assert told == [f"{written}\n{written.with_suffix('.eml')}"]
