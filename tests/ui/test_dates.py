"""One date editor everywhere (answers, the plan's due dates, the declaration, the register):
empty until chosen, typed in the interface language's order or ISO, a calendar that opens on
today and names the months in the interface language, and refusals at the field, in that
language, with nothing saved (offscreen)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QStackedWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from tests.ui.test_flows import answers, start

from selfassess.core.dates.typed import date_order
from selfassess.core.i18n import LANGUAGES
from selfassess.core.remediation.service import RemediationService
from selfassess.ui.dialogs.declaration import DeclarationDialog
from selfassess.ui.fill.question_widgets import DateWidget
from selfassess.ui.main_window import MainWindow
from selfassess.ui.remediation.dialogs import CaseDialog, FollowUpDialog
from selfassess.ui.widgets.date_field import DateField, DateLineEdit


@pytest.mark.parametrize("language", LANGUAGES)
def test_cores_order_of_day_month_and_year_is_qts(language: str) -> None:
    short = QLocale(language).dateFormat(QLocale.FormatType.ShortFormat).lower()
    order = "".join(dict.fromkeys(c for c in short if c in "dmy"))
    assert date_order(language) == order


def permit_expiry(window: MainWindow, language: str) -> tuple[str, DateWidget]:
    """The self-assessment's "When does the permit expire?", shown, in `language`."""
    window.switch_language(language)
    assessment_id = start(window, "self-assessment")
    window.service.set_answer(assessment_id, "A3.1", "valid")
    window.fill.show_criterion("A3")
    widget = window.fill.widgets["A3.3"]
    assert isinstance(widget, DateWidget)
    assert widget.isVisibleTo(window)
    return assessment_id, widget


def type_date(qtbot: QtBot, line: DateLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("language", "typed"),
    [("fr", "15/06/2027"), ("en", "06/15/2027"), ("sw", "15/06/2027")]
    + [(language, "2027-06-15") for language in ("en", "fr", "sw")],
)
def test_a_date_typed_the_readers_way_or_in_iso_is_saved(
    window: MainWindow, qtbot: QtBot, language: str, typed: str
) -> None:
    assessment_id, widget = permit_expiry(window, language)
    assert widget.editor.line.text() == ""  # empty until chosen
    type_date(qtbot, widget.editor.line, typed)
    assert answers(window, assessment_id)["A3.3"] == "2027-06-15"
    expected = "06/15/2027" if language == "en" else "15/06/2027"
    assert widget.editor.line.text() == expected
    assert widget.editor.error.isHidden()


def test_a_date_that_is_none_is_refused_at_the_field_in_french(
    window: MainWindow, qtbot: QtBot
) -> None:
    assessment_id, widget = permit_expiry(window, "fr")
    type_date(qtbot, widget.editor.line, "31/02/2027")
    assert widget.editor.error.isVisibleTo(window)
    said = widget.editor.error.text()
    assert "31/02/2027" in said
    assert f"31/03/{date.today().year}" in said  # how to write it, the French way
    assert said.startswith("Il n'y a pas de jour")
    assert widget.editor.line.text() == "31/02/2027"  # kept as typed
    assert "A3.3" not in answers(window, assessment_id)  # nothing saved
    type_date(qtbot, widget.editor.line, "demain")
    assert "« demain » n'est pas une date" in widget.editor.error.text()
    type_date(qtbot, widget.editor.line, "28/02/2027")
    assert widget.editor.error.isHidden()
    assert answers(window, assessment_id)["A3.3"] == "2027-02-28"


def test_arrow_keys_choose_nothing(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id, widget = permit_expiry(window, "en")
    widget.editor.line.setFocus()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp):
        qtbot.keyClick(widget.editor.line, key)
    window.fill.step(1)  # leaving the field and the criterion
    assert "A3.3" not in answers(window, assessment_id)


def test_the_calendar_opens_on_today_and_names_the_months_in_french(
    window: MainWindow, qtbot: QtBot
) -> None:
    assessment_id, widget = permit_expiry(window, "fr")
    line = widget.editor.line
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = line.popup
    assert popup is not None
    assert popup.isVisible()
    today = date.today()
    assert (popup.yearShown(), popup.monthShown()) == (today.year, today.month)
    month_button = popup.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == QLocale("fr").standaloneMonthName(today.month)
    assert QLocale("fr").standaloneMonthName(6) == "juin"
    popup.setCurrentPage(2027, 6)
    assert month_button.text() == "juin"
    popup.clicked.emit(QDate(2027, 6, 15))
    assert answers(window, assessment_id)["A3.3"] == "2027-06-15"
    assert line.text() == "15/06/2027"


def test_the_calendar_names_the_months_in_swahili(window: MainWindow, qtbot: QtBot) -> None:
    _assessment_id, widget = permit_expiry(window, "sw")
    widget.editor.line.open_calendar()
    popup = widget.editor.line.popup
    assert popup is not None
    popup.setCurrentPage(2027, 6)
    assert popup.findChild(QToolButton, "qt_calendar_monthbutton").text() == "Juni"


def plan_with_an_action(window: MainWindow, language: str) -> tuple[str, int]:
    window.switch_language(language)
    assessment_id = start(window)
    action = window.gaps.plans.add_action(assessment_id, "A1", "Write the policy")
    window.tabs.setCurrentWidget(window.gaps)
    bring_to_front(window.gaps.plan)
    return assessment_id, action.id


def bring_to_front(widget: QWidget) -> None:
    """Show the tab (at any depth) that holds `widget`."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def due_cell(window: MainWindow, action_id: int) -> tuple[int, int]:
    table = window.gaps.plan
    column = window.gaps.due_dates.column
    rows = [
        r
        for r in range(table.rowCount())
        if table.item(r, 1).data(Qt.ItemDataRole.UserRole) == action_id
    ]
    return rows[0], column


def edit_due(window: MainWindow, qtbot: QtBot, action_id: int, typed: str) -> None:
    table = window.gaps.plan
    row, column = due_cell(window, action_id)
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(editor, DateLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view enters it when the events are next run
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def due_of(window: MainWindow, assessment_id: str, action_id: int) -> str | None:
    return next(a.due for a in window.gaps.plans.actions(assessment_id) if a.id == action_id)


def test_the_plans_due_date_edited_in_the_table_is_saved(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id, action_id = plan_with_an_action(window, "fr")
    edit_due(window, qtbot, action_id, "31/03/2027")
    assert due_of(window, assessment_id, action_id) == "2027-03-31"
    row, column = due_cell(window, action_id)
    assert window.gaps.plan.item(row, column).text() == "31/03/2027"
    edit_due(window, qtbot, action_id, "2027-04-30")
    assert due_of(window, assessment_id, action_id) == "2027-04-30"


def test_a_due_date_that_is_none_is_refused_at_its_cell(window: MainWindow, qtbot: QtBot) -> None:
    """No message box (the fixture fails the test on one): the refusal is under the cell."""
    assessment_id, action_id = plan_with_an_action(window, "fr")
    edit_due(window, qtbot, action_id, "2027-04-30")
    edit_due(window, qtbot, action_id, "31/13/2027")
    assert due_of(window, assessment_id, action_id) == "2027-04-30"  # nothing saved
    row, column = due_cell(window, action_id)
    cell = window.gaps.plan.item(row, column)
    assert cell.text() == "31/13/2027"  # kept as typed, in red
    message = window.gaps.plan.viewport().findChild(QLabel, "due-date-error")
    assert message.isVisibleTo(window)
    assert message.text().startswith("Il n'y a pas de jour « 31/13/2027 »")
    cell_rect = window.gaps.plan.visualItemRect(cell)
    assert abs(message.geometry().top() - cell_rect.bottom()) <= 2  # just under the cell
    qtbot.waitUntil(lambda: not window.gaps.due_dates.just_refused)
    window.gaps.plan.setCurrentCell(row, column + 2)  # another cell: out of its way
    assert message.isHidden()
    assert cell.toolTip() == message.text()
    window.gaps.plan.setCurrentCell(row, column)  # back: said again
    assert message.isVisibleTo(window)
    edit_due(window, qtbot, action_id, "30/04/2027")
    assert message.isHidden()
    assert due_of(window, assessment_id, action_id) == "2027-04-30"


def test_the_declaration_takes_its_day_with_the_same_editor(qtbot: QtBot) -> None:
    dialog = DeclarationDialog("I declare.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert isinstance(dialog.date, DateField)
    assert dialog.date.value() == date.today()
    type_date(qtbot, dialog.date.line, "someday")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.date.error.isVisibleTo(dialog)
    type_date(qtbot, dialog.date.line, "2026-06-01")
    dialog.accept()
    assert dialog.declaration().on == date(2026, 6, 1)


def test_the_register_takes_its_days_with_the_same_editor(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = start(window)
    register = RemediationService(window.service.store)
    case_dialog = CaseDialog(register, assessment_id, parent=window)
    qtbot.addWidget(case_dialog)
    assert isinstance(case_dialog.identified, DateField)
    case_dialog.age_band.setCurrentIndex(case_dialog.age_band.findData("12_14"))
    case_dialog.sex.setCurrentIndex(case_dialog.sex.findData("female"))
    case_dialog.work["digging"].setChecked(True)
    found = date(date.today().year - 1, 3, 31)
    type_date(qtbot, case_dialog.identified.line, f"{found.month}/{found.day}/{found.year}")
    case_dialog.accept()
    assert case_dialog.result() == QDialog.DialogCode.Accepted
    (case,) = register.cases(assessment_id)
    assert case.identified_on == found.isoformat()
    follow_up = FollowUpDialog(register, assessment_id, [case], parent=window)
    qtbot.addWidget(follow_up)
    assert isinstance(follow_up.on, DateField)
    assert follow_up.on.value() == date.today()
    type_date(qtbot, follow_up.on.line, "no date")
    follow_up.accept()
    assert follow_up.result() != QDialog.DialogCode.Accepted
    assert follow_up.on.error.isVisibleTo(follow_up)
    assert not register.cases(assessment_id)[0].follow_ups
