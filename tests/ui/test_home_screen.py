"""The home screen as a newcomer and a returning user meet it: ways to begin when it is empty,
buttons that act on the assessment chosen, columns that fit a small screen, and a trash that
gives back what was deleted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfassess.core.assessment import trash
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.dialogs.new_assessment import NewAssessmentWizard
from selfassess.ui.home import trash_dialog
from selfassess.ui.home.trash_dialog import TrashDialog
from selfassess.ui.main_window import MainWindow

LONG_NAME = "Coopérative des exploitants miniers artisanaux de Nyabibwe et environs"


def create(window: MainWindow, organisation: str = "Kalimbi") -> str:
    form = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    assert form is not None
    profile = Profile(organisation=organisation, entity_type="asm", minerals=("tin",))
    assessment = window.service.create(form, profile)
    window.show_home()
    return assessment.id


def test_an_empty_home_says_how_to_begin(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NewAssessmentWizard, "exec", lambda _wizard: 0)  # cancelled at once
    home = window.home
    assert home.stack.currentWidget() is home.empty_state
    assert home.empty_state.new_button.text() == "Start a new assessment"
    for name in ("open", "export", "delete"):
        assert not home.buttons[name].isEnabled(), name
    with qtbot.waitSignal(home.new_requested):
        home.empty_state.new_button.click()


def test_the_example_is_made_and_opened(window: MainWindow) -> None:
    window.home.empty_state.example_button.click()
    assert window.stack.currentWidget() is window.tabs
    assert window.fill.assessment is not None
    assert window.fill.assessment.profile.organisation == "Example: Coopérative minière de Kalimbi"
    assert window.fill.assessment.finalized  # a finished assessment, to look at
    window.show_home()
    assert window.home.stack.currentWidget() is window.home.table


def test_open_export_and_delete_wait_for_a_choice(window: MainWindow) -> None:
    create(window)
    home = window.home
    assert home.selected() is not None
    assert all(home.buttons[name].isEnabled() for name in ("open", "export", "delete"))
    home.table.clearSelection()
    assert not any(home.buttons[name].isEnabled() for name in ("open", "export", "delete"))
    home.table.selectRow(0)
    assert home.buttons["open"].isEnabled()


def test_columns_fit_a_netbook_and_a_cut_name_shows_whole(window: MainWindow, qtbot: QtBot) -> None:
    create(window, LONG_NAME)
    window.resize(1024, 560)
    table = window.home.table
    qtbot.waitUntil(lambda: table.viewport().width() < 1024)
    header = table.horizontalHeader()
    widths = sum(header.sectionSize(i) for i in range(header.count()))
    assert widths <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    supplier = window.home.model.index(0, 0)
    assert window.home.model.data(supplier, Qt.ItemDataRole.ToolTipRole) == LONG_NAME


def test_what_was_deleted_can_be_restored_from_the_trash(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, deleted = create(window, "Kalimbi"), create(window, "Nyabibwe")
    trash.delete(window.service, deleted)
    window.show_home()
    assert window.home.buttons["trash"].text() == "Trash (1)…"
    dialog = TrashDialog(window.service, window)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Nyabibwe"
    assert dialog.table.item(0, 3).text()  # when it was deleted
    dialog.restore_selected()
    assert {a.id for a in window.service.all()} == {kept, deleted}
    assert not dialog.restore_button.isEnabled()  # nothing left to restore
    assert dialog.changed


def test_the_home_reloads_after_a_restore(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    deleted = create(window)
    trash.delete(window.service, deleted)
    window.show_home()
    assert window.home.stack.currentWidget() is window.home.empty_state
    monkeypatch.setattr(TrashDialog, "exec", lambda dialog: dialog.restore_selected())
    window.home.buttons["trash"].click()
    assert window.home.model.rowCount() == 1
    assert not window.home.buttons["trash"].isEnabled()
    assert window.home.buttons["trash"].text() == "Trash…"


def test_emptying_the_trash_asks_first(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    trash.delete(window.service, create(window))
    dialog = TrashDialog(window.service, window)
    monkeypatch.setattr(trash_dialog, "confirm", lambda *_args: False)
    dialog.empty()
    assert len(trash.in_trash(window.service)) == 1
    monkeypatch.setattr(trash_dialog, "confirm", lambda *_args: True)
    dialog.empty()
    assert trash.in_trash(window.service) == []
    assert dialog.table.rowCount() == 0
