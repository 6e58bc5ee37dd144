"""The main flows of the desktop app, as a person would go through them (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from selfassess.core.archive.archive import export_archive
from selfassess.core.assessment import trash
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.dialogs.declaration import DeclarationDialog
from selfassess.ui.dialogs.new_assessment import NewAssessmentWizard
from selfassess.ui.fill.evidence_widget import EvidenceWidget
from selfassess.ui.home import home_page
from selfassess.ui.home.home_page import HomePage
from selfassess.ui.main_window import MainWindow

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


def start(window: MainWindow, form: str = "quick-scan") -> str:
    loaded = load_form(builtin_forms_dir() / f"{form}.yaml").form
    assert loaded is not None
    assessment = window.service.create(loaded, KALIMBI)
    window.open_assessment(assessment.id)
    return assessment.id


def answers(window: MainWindow, assessment_id: str) -> dict[str, object]:
    return {q: a.value for q, a in window.service.answers(assessment_id).items()}


def test_new_assessment_through_the_wizard(window: MainWindow, qtbot: QtBot) -> None:
    wizard = NewAssessmentWizard(window.service, window)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the name is required
    qtbot.keyClicks(wizard.profile_page.organisation, "Cooperative de Kalimbi")
    wizard.profile_page.minerals["gold"].setChecked(True)
    wizard.next()
    wizard.setup_page.form.setCurrentIndex(
        wizard.setup_page.form.findText("Responsible minerals quick scan (0.3.0)")
    )
    wizard.accept()
    assert wizard.created is not None
    (created,) = window.service.all()
    assert (created.profile.organisation, created.profile.minerals, created.form_id) == (
        "Cooperative de Kalimbi",
        ("gold",),
        "quick-scan",
    )


def test_answers_are_saved_as_given_from_the_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = start(window)
    rating = window.fill.widgets["A1.1"]
    button = rating.findChildren(QRadioButton)[2]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert answers(window, assessment_id)["A1.1"] == 2
    assert window.statusBar().currentMessage().startswith("Saved at ")
    window.fill.step(1)
    assert window.fill.criterion is not None
    assert window.fill.criterion.id == "A3"


def test_skip_logic_shows_and_hides_questions(window: MainWindow) -> None:
    start(window)
    evidence = window.fill.widgets["A1.2"]
    assert evidence.isHidden()  # asked only once the policy is at least "mostly in place"
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[3].click()
    assert not evidence.isHidden()
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[0].click()
    assert evidence.isHidden()


def test_attach_evidence(window: MainWindow, tmp_path: Path) -> None:
    assessment_id = start(window)
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[3].click()
    widget = window.fill.widgets["A1.2"]
    assert isinstance(widget, EvidenceWidget)
    photo = tmp_path / "policy.jpg"
    photo.write_bytes(b"\xff\xd8\xff policy")
    widget.attach_requested.emit("A1.2", [str(photo)])
    shown = window.fill.widgets["A1.2"]
    assert isinstance(shown, EvidenceWidget)
    assert shown.files.count() == 1
    assert shown.files.item(0).text().startswith("policy.jpg")
    assert [a.original_name for a in window.service.attachments(assessment_id)] == ["policy.jpg"]


def test_language_switch_changes_the_interface_not_the_assessments_questions(
    window: MainWindow,
) -> None:
    start(window)  # an assessment in English (tests/ui/test_languages.py: in other languages)
    window.switch_language("fr")
    assert window.tabs.tabText(0) == "Questions"
    assert window.tabs.tabText(1) == "Revue et finalisation"
    assert "Do you have a written policy" in window.fill.widgets["A1.1"].title.text()
    window.switch_language("sw")
    assert window.tabs.tabText(2) == "Mapengo na mpango"
    assert "Do you have a written policy" in window.fill.widgets["A1.1"].title.text()


def test_an_honest_answer_is_a_gap_and_an_impossible_one_a_problem(
    window: MainWindow, qtbot: QtBot
) -> None:
    """14 hours a day is an honest answer: saved without a problem at the question, judged a gap
    with the standard's reason. 25 hours a day is impossible: a problem at the question."""
    assessment_id = start(window, "self-assessment")
    window.fill.show_criterion("B3")
    hours = window.fill.widgets["B3.2"]
    editor = hours.editor  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "14")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert answers(window, assessment_id)["B3.2"] == 14
    assert hours.problems.isHidden()
    for question, value in (("B3.1", 3), ("B3.3", True), ("B3.4", True)):
        window.service.set_answer(assessment_id, question, value)
    b3 = window.gaps.plans.report(assessment_id).result("B3")
    assert b3 is not None
    assert b3.status.value == "does_not_meet"
    assert any("(ILO C1)" in reason for reason in b3.reasons)
    editor.clear()
    qtbot.keyClicks(editor, "25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not hours.problems.isHidden()
    assert "The largest allowed value is 24." in hours.problems.text()
    editor.clear()
    qtbot.keyClicks(editor, "many")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "B3.2 takes a number, not 'many'" in hours.problems.text()
    assert answers(window, assessment_id)["B3.2"] == 25  # the saved answer is kept


def test_finalize_is_blocked_then_allowed(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    window.tabs.setCurrentWidget(window.review)
    assert not window.review.finalize_button.isEnabled()
    assert window.review.problems.problem_count() == 23
    first = window.review.problems.criterion_rows[0].child(0)
    window.review.problems.itemClicked.emit(first, 0)
    assert window.tabs.currentWidget() is window.fill
    for question in window.fill.form.questions():  # type: ignore[union-attr]
        if question.type == "rating":
            window.service.set_answer(assessment_id, question.id, 2)
        elif question.type == "yes_no":
            window.service.set_answer(assessment_id, question.id, False)
    window.service.set_answer(assessment_id, "A3.1", "valid")
    window.service.set_answer(assessment_id, "B6.1", 0)  # no young workers
    window.tabs.setCurrentWidget(window.review)
    assert window.review.finalize_button.isEnabled()

    def sign(dialog: DeclarationDialog) -> int:
        dialog.name.setText("Amani Bahati")
        dialog.title.setText("Président")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeclarationDialog, "exec", sign)
    window.review.finalize_button.click()
    assert window.service.get(assessment_id).finalized
    assert window.fill.widgets["A1.1"].read_only  # read-only now


def test_gap_table_follows_an_answer(window: MainWindow) -> None:
    start(window)
    window.fill.show_criterion("B1")
    window.fill.widgets["B1.1"].findChildren(QRadioButton)[0].click()  # yes: children work there
    window.tabs.setCurrentWidget(window.gaps)
    first = window.gaps.gaps.topLevelItem(0)
    assert (first.text(0), first.text(1)) == ("Critical", "B1 Child labour")
    assert window.gaps.readiness.text().startswith("<h2")
    assert "Red line breached" in window.gaps.readiness.text()


def test_undo_and_redo(window: MainWindow) -> None:
    assessment_id = start(window)
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[1].click()
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[3].click()
    window.actions_by_name["undo"].trigger()
    assert answers(window, assessment_id)["A1.1"] == 1
    assert window.fill.widgets["A1.1"].findChildren(QRadioButton)[1].isChecked()
    window.actions_by_name["redo"].trigger()
    assert answers(window, assessment_id)["A1.1"] == 3


def test_refusals_at_a_question_are_in_the_interface_language(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, "self-assessment")
    window.switch_language("fr")
    window.fill.show_criterion("B3")
    hours = window.fill.widgets["B3.2"]
    qtbot.keyClicks(hours.editor, "beaucoup")  # type: ignore[attr-defined]
    qtbot.keyClick(hours.editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert hours.problems.text() == "B3.2 attend un nombre, pas « beaucoup »"


def test_the_gap_list_can_show_every_criterion(window: MainWindow) -> None:
    start(window)
    window.tabs.setCurrentWidget(window.gaps)
    only_gaps = window.gaps.gaps.topLevelItemCount()
    window.gaps.show_all.setChecked(True)
    every = window.gaps.gaps.topLevelItemCount()
    assert window.gaps.report is not None
    assert every == len(window.gaps.report.criteria) > only_gaps


@pytest.mark.parametrize(("choice", "expected_count"), [("keep-both", 2), ("replace", 1)])
def test_importing_an_assessment_already_here_asks_first(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
    expected_count: int,
) -> None:
    assessment_id = start(window)
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[2].click()
    archive = tmp_path / "kalimbi.selfassess"
    export_archive(window.service.store, assessment_id, archive)
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[0].click()  # changed after export
    asked: list[bool] = []

    def ask(_page: HomePage) -> str:
        asked.append(True)
        return choice

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(archive), ""))
    monkeypatch.setattr(HomePage, "ask_conflict", ask)
    window.home._import()
    assert asked == [True]
    assert len(window.service.all()) == expected_count
    imported_value = 2 if choice == "replace" else 0
    assert answers(window, assessment_id)["A1.1"] == imported_value


def test_delete_asks_first_and_cancel_keeps_the_assessment(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    window.show_home()
    window.home.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: 0)  # closed without a choice
    window.home._delete()
    assert [a.id for a in window.service.all()] == [assessment_id]
    monkeypatch.setattr(home_page, "confirm", lambda *_args: True)
    window.home._delete()
    assert window.service.all() == []
    assert [a.id for a in trash.in_trash(window.service)] == [assessment_id]


def test_qt_dialogs_follow_the_language_where_qt_has_a_catalog(window: MainWindow) -> None:
    window.switch_language("fr")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    window.switch_language("sw")  # Qt has no Swahili: our catalog gives the file chooser's words
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Ghairi"
