"""The Children tab: the remediation register of the open assessment, as a person uses it
(offscreen): counts above the cases, follow-ups due in amber and overdue in red, the dialogs to
add a case and record a follow-up with refusals at the field, read-only once finalized, and an
archive for a buyer without the cases."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from pytestqt.qtbot import QtBot
from tests.ui.test_flows import start

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import Declaration
from selfassess.core.i18n import catalog
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.remediation import CaseRecord
from selfassess.core.store.store import Store
from selfassess.ui.app import create_window
from selfassess.ui.home.home_page import HomePage
from selfassess.ui.main_window import MainWindow
from selfassess.ui.remediation import remediation_page
from selfassess.ui.remediation.dialogs import CaseDialog, FollowUpDialog


def days_ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def register_of(window: MainWindow) -> RemediationService:
    return RemediationService(window.service.store)


def add(window: MainWindow, assessment_id: str, found: date, **given: object) -> CaseRecord:
    fields: dict[str, object] = {
        "age_band": "12_14",
        "sex": "female",
        "work": ["digging"],
        "identified": found,
        **given,
    }
    return register_of(window).add_case(assessment_id, **fields)  # type: ignore[arg-type]


def children_tab(window: MainWindow) -> remediation_page.RemediationPage:
    window.tabs.setCurrentWidget(window.remediation)
    return window.remediation


def test_the_children_tab_shows_the_counts_the_cases_and_what_is_due(window: MainWindow) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(100), partner="BICE", support=["school_fees"])  # overdue
    add(window, assessment_id, days_ago(85))  # its 3-month follow-up is due within a week
    add(window, assessment_id, days_ago(10), sex="not_said")  # nothing due yet
    assert window.tabs.tabText(window.tabs.indexOf(window.remediation)) == "Children"
    page = children_tab(window)
    assert page.privacy.isVisibleTo(page)
    assert page.privacy.text() == "No names or photos: case numbers only."
    assert "Identified: <b>3</b>" in page.counts.text()
    assert "Referred to a partner: <b>1</b>" in page.counts.text()
    assert "1 follow-up overdue" in page.due.text()
    assert "1 follow-up due within 14 days" in page.due.text()
    table = page.table
    assert [table.item(row, 0).text() for row in range(3)] == ["CL-001", "CL-002", "CL-003"]
    assert [table.item(0, column).text() for column in range(2, 9)] == [
        "12 to 14",
        "Girl",
        "Digging",
        "Yes",
        days_ago(100).isoformat(),
        "BICE",
        "School fees",
    ]
    assert "(overdue by " in table.item(0, 1).text()
    assert table.item(1, 1).text().endswith("(due soon)")
    colours = [table.item(row, 1).background().color().name() for row in range(3)]
    assert colours[0] == remediation_page.RED
    assert colours[1] == remediation_page.AMBER
    assert colours[2] not in (remediation_page.RED, remediation_page.AMBER)
    assert table.item(2, 3).text() == "Not said"


def test_a_case_is_refused_at_its_fields_in_the_interface_language(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    window.switch_language("fr")
    monkeypatch.setitem(catalog("fr"), "choose the age band", "choisissez la tranche d'âge")
    dialog = CaseDialog(register_of(window), assessment_id, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # nothing chosen
    assert dialog.result() != QDialog.DialogCode.Accepted
    shown = {
        field: error.text() for field, error in dialog.errors.items() if error.isVisibleTo(dialog)
    }
    assert shown["age_band"] == "Choisissez la tranche d'âge"
    assert set(shown) == {"age_band", "sex", "work"}
    assert dialog.age_band.hasFocus() or dialog.focusWidget() is dialog.age_band
    assert register_of(window).cases(assessment_id) == []
    dialog.age_band.setCurrentIndex(dialog.age_band.findData("15_17"))
    dialog.sex.setCurrentIndex(dialog.sex.findData("male"))
    dialog.work["selling_food"].setChecked(True)
    assert dialog.worst_form.isEnabled()  # away from the pits, the person says
    dialog.accept()
    shown = {f: e.text() for f, e in dialog.errors.items() if e.isVisibleTo(dialog)}
    assert list(shown) == ["worst_form"]
    dialog.work["crushing"].setChecked(True)
    assert not dialog.worst_form.isEnabled()  # hazardous work decides: a worst form
    assert dialog.worst_form.currentData() is True
    dialog.partner.setText("Comité local de protection de l'enfant")
    dialog.support["vocational_training"].setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (case,) = register_of(window).cases(assessment_id)
    assert (case.age_band, case.work, case.worst_form_stated) == (
        "15_17",
        ("crushing", "selling_food"),
        None,
    )
    assert case.support == ("vocational_training",)


def test_nothing_in_the_case_dialog_asks_for_a_name_or_a_photo(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = CaseDialog(register_of(window), start(window), parent=window)
    qtbot.addWidget(dialog)
    labels = [
        dialog.form.labelForField(dialog.form.itemAt(row, dialog.form.ItemRole.FieldRole).widget())
        for row in range(dialog.form.rowCount())
    ]
    assert [label.text() for label in labels if isinstance(label, QLabel)] == [
        "Age band",
        "Sex",
        "Work found doing",
        "Worst form of child labour",
        "Identified on",
        "Referred to",
        "Support given",
        "Note",
    ]
    note = dialog.findChild(QLabel, "privacy-note")
    assert note is not None
    assert note.text() == "No names or photos: case numbers only."
    assert dialog.note.placeholderText() == "A short note, without names"
    assert dialog.partner.placeholderText() == "A child-protection organisation, not a person"


def test_a_follow_up_is_recorded_from_the_tab(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(100))
    page = children_tab(window)
    page.table.selectRow(0)

    def record(dialog: FollowUpDialog) -> int:
        assert dialog.month.currentData() == 3  # the next one to do
        assert dialog.month.currentText().startswith("3 months (due ")
        dialog.situation.setCurrentIndex(dialog.situation.findData("in_school_or_training"))
        dialog.note.setText("en 5e année")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FollowUpDialog, "exec", record)
    page.buttons["follow_up"].click()
    (follow_up,) = register_of(window).case(assessment_id, "CL-001").follow_ups
    assert (follow_up.month, follow_up.situation, follow_up.done_on) == (
        3,
        "in_school_or_training",
        date.today().isoformat(),
    )
    assert "In school or training at the last follow-up: <b>1</b>" in page.counts.text()
    assert page.table.item(0, 1).text().startswith("6 months: ")
    assert page.due.text() == "No follow-up is due in the next 14 days."


def test_a_case_is_added_and_changed_from_the_tab(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    page = children_tab(window)
    assert not page.buttons["follow_up"].isEnabled()  # no case yet
    assert not page.buttons["edit"].isEnabled()

    def fill(dialog: CaseDialog) -> int:
        if dialog.case is None:
            dialog.age_band.setCurrentIndex(dialog.age_band.findData("under_12"))
            dialog.sex.setCurrentIndex(dialog.sex.findData("female"))
            dialog.work["carrying"].setChecked(True)
        else:
            assert not dialog.age_band.isEnabled()  # as it was found, kept
            dialog.partner.setText("BICE")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CaseDialog, "exec", fill)
    page.buttons["add"].click()
    assert page.table.rowCount() == 1
    assert page.selected_number() == 1
    page.buttons["edit"].click()
    assert register_of(window).case(assessment_id, "CL-001").partner == "BICE"
    assert page.table.item(0, 7).text() == "BICE"


def finalized(window: MainWindow, assessment_id: str) -> None:
    for question in window.fill.form.questions():  # type: ignore[union-attr]
        if question.type == "rating":
            window.service.set_answer(assessment_id, question.id, 2)
        elif question.type == "yes_no":
            window.service.set_answer(assessment_id, question.id, False)
    window.service.set_answer(assessment_id, "A3.1", "valid")
    window.service.set_answer(assessment_id, "B6.1", 0)
    PlanService(window.service).finalize(
        assessment_id, Declaration("Amani", "Président", date.today())
    )


def test_a_finalized_register_is_read_only(
    window: MainWindow, isolated_home: Path, qtbot: QtBot
) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(20))
    finalized(window, assessment_id)
    page = children_tab(window)
    assert page.counts.text().startswith(
        f"As of {date.today().isoformat()}, the day of the declaration: the counts the "
        "assessment was signed with.<br>"
    )
    page.table.selectRow(0)
    assert [page.buttons[name].isEnabled() for name in ("add", "edit", "follow_up")] == [
        False,
        False,
        False,
    ]
    assert page.notice.isVisibleTo(page)
    assert "finalized" in page.notice.text()
    window.service.reopen(assessment_id, "a follow-up")
    page.refresh()
    assert page.buttons["add"].isEnabled()
    assert not page.notice.isVisibleTo(page)


def test_a_read_only_window_shows_the_register_without_changing_it(
    window: MainWindow, isolated_home: Path, qtbot: QtBot
) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(20))
    second = create_window(isolated_home, read_only=True)
    qtbot.addWidget(second)
    try:
        second.open_assessment(assessment_id)
        page = children_tab(second)
        assert page.table.rowCount() == 1
        assert not page.buttons["add"].isEnabled()
        assert "read-only" in page.notice.text()
    finally:
        second.close()


def test_an_archive_for_a_buyer_leaves_the_cases_out(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(20), note="trouvée au puits 3")
    window.show_home()
    window.home.table.selectRow(0)
    asked: list[int] = []

    def ask(_page: HomePage, cases: int) -> bool:
        asked.append(cases)
        return True

    target = tmp_path / "for-buyer.zip"
    monkeypatch.setattr(HomePage, "ask_for_buyer", ask)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.home._export()
    assert asked == [1]
    with zipfile.ZipFile(target) as archive:
        data = json.loads(archive.read("assessment.json"))
    assert "remediation" not in data
    assert b"puits" not in target.read_bytes()


def test_a_buyer_s_copy_shows_the_counts_as_signed_without_the_cases(
    window: MainWindow, tmp_path: Path
) -> None:
    assessment_id = start(window)
    add(window, assessment_id, days_ago(20), partner="BICE", support=["school_fees"])
    finalized(window, assessment_id)
    target = export_archive(window.service.store, assessment_id, tmp_path / "b.zip", for_buyer=True)
    with Store.open(tmp_path / "buyer") as store:
        import_archive(store, target)
    buyer = create_window(tmp_path / "buyer")
    try:
        buyer.open_assessment(assessment_id)
        page = children_tab(buyer)
        assert page.table.rowCount() == 0
        assert "Identified: <b>1</b>" in page.counts.text()
        assert "Supported: <b>1</b>" in page.counts.text()
        assert page.notice.text().endswith(
            "This copy holds the register's counts as signed, not its cases (an archive made "
            "for a buyer)."
        )
    finally:
        buyer.close()


def test_the_tab_and_its_dialogs_fit_a_small_screen(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = start(window)
    for days in (100, 85, 40, 10):
        add(window, assessment_id, days_ago(days))
    window.resize(1024, 600)
    page = children_tab(window)
    assert page.minimumSizeHint().height() < 400  # the page scrolls rather than clips
    assert page.minimumSizeHint().width() < 1000
    dialog = CaseDialog(register_of(window), assessment_id, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height()
    assert dialog.width() <= room.width()
