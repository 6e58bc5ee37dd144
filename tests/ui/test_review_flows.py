"""A review that guides a trainer's session (offscreen): what is missing grouped by pillar and
criterion with counts, a problem that puts the cursor in its question, the red lines the declarer
acknowledges before signing, a finalized form that stays readable with a banner to reopen it,
trainer mode remembered with its badge, and the red-line marker in the criteria tree."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import Declaration
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.app import create_window
from selfassess.ui.dialogs import reopen
from selfassess.ui.dialogs.declaration import DeclarationDialog
from selfassess.ui.fill.evidence_widget import EvidenceWidget
from selfassess.ui.fill.red_line_marker import red_line_icon
from selfassess.ui.main_window import MainWindow

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


def start(window: MainWindow, form: str = "quick-scan") -> str:
    loaded = load_form(builtin_forms_dir() / f"{form}.yaml").form
    assert loaded is not None
    assessment = window.service.create(loaded, KALIMBI)
    window.open_assessment(assessment.id)
    return assessment.id


def answer_everything(window: MainWindow, assessment_id: str) -> None:
    """Every question answered as a supplier with nothing to hide would."""
    for question in window.fill.form.questions():  # type: ignore[union-attr]
        if question.type == "rating":
            window.service.set_answer(assessment_id, question.id, 2)
        elif question.type == "yes_no":
            window.service.set_answer(assessment_id, question.id, False)
    window.service.set_answer(assessment_id, "A3.1", "valid")
    window.service.set_answer(assessment_id, "B6.1", 0)
    assert not window.service.evaluate(assessment_id).problems


def finalize(window: MainWindow, assessment_id: str) -> None:
    signed = Declaration("Amani Bahati", "Président", date.today())
    PlanService(window.service).finalize(assessment_id, signed)
    window.open_assessment(assessment_id)


def test_what_is_missing_is_grouped_by_pillar_and_criterion_with_counts(
    window: MainWindow,
) -> None:
    start(window)
    window.tabs.setCurrentWidget(window.review)
    tree = window.review.problems
    pillars = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert pillars[1] == "B  Labour and human rights: 7 questions to answer"
    labour = tree.topLevelItem(1)
    assert labour.child(0).text(0) == "B1  Child labour: 3 questions to answer"
    assert labour.child(0).child(0).text(0).startswith("B1.1  Do children under 15 work")
    assert tree.problem_count() == 23
    window.switch_language("fr")
    window.tabs.setCurrentWidget(window.review)
    assert tree.topLevelItem(1).text(0).endswith(" : 7 questions sans réponse")


def test_a_wrong_answer_is_counted_apart_and_says_what_is_wrong(window: MainWindow) -> None:
    assessment_id = start(window)
    window.service.set_answer(assessment_id, "B6.1", -3)
    window.tabs.setCurrentWidget(window.review)
    tree = window.review.problems
    labour = tree.topLevelItem(1)
    assert (
        labour.text(0) == "B  Labour and human rights: 6 questions to answer, 1 answer to correct"
    )
    young = next(row for row in tree.criterion_rows if row.text(0).startswith("B6"))
    assert young.text(0) == "B6  Young workers: 1 answer to correct"
    wrong = young.child(0)
    assert wrong.text(0).startswith("B6.1  ")
    assert wrong.text(0).endswith(f"— {wrong.toolTip(0)}")  # what is wrong with the answer


@pytest.mark.parametrize(("question", "input_type"), [("B6.1", QLineEdit), ("A1.1", QRadioButton)])
def test_choosing_a_problem_puts_the_cursor_in_its_question(
    window: MainWindow, qtbot: QtBot, question: str, input_type: type
) -> None:
    start(window)
    window.tabs.setCurrentWidget(window.review)
    tree = window.review.problems
    row = next(
        row.child(i)
        for row in tree.criterion_rows
        for i in range(row.childCount())
        if row.child(i).text(0).startswith(f"{question}  ")
    )
    tree.setCurrentItem(row)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.fill
    widget = window.fill.widgets[question]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), input_type))
    focused = QApplication.focusWidget()
    assert widget.isAncestorOf(focused)
    if isinstance(focused, QLineEdit):
        qtbot.keyClicks(focused, "2")
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        assert window.service.answers(window.fill.assessment.id)[question].value == 2  # type: ignore[union-attr]


def test_the_chosen_question_is_scrolled_into_view(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1024, 600)
    start(window, "self-assessment")
    window.tabs.setCurrentWidget(window.fill)
    window.fill.show_question("A11.6")  # the last of six questions: below the fold
    widget = window.fill.widgets["A11.6"]
    viewport = window.fill.scroll_area.viewport()
    qtbot.waitUntil(lambda: widget.isAncestorOf(QApplication.focusWidget()))
    focused = QApplication.focusWidget()

    def in_view() -> bool:
        top = focused.mapTo(viewport, focused.rect().topLeft()).y()
        return top >= 0 and top + focused.height() <= viewport.height()

    qtbot.waitUntil(in_view)
    assert window.fill.scroll_area.verticalScrollBar().value() > 0  # it had to scroll


def test_red_lines_breached_must_be_acknowledged_before_signing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    answer_everything(window, assessment_id)
    window.service.set_answer(assessment_id, "B1.1", True)  # children work at the site
    window.tabs.setCurrentWidget(window.review)
    assert window.review.finalize_button.isEnabled()  # honesty is not punished
    assert "Red lines breached: 1" in window.review.attention.text()
    shown: list[DeclarationDialog] = []

    def sign(dialog: DeclarationDialog) -> int:
        shown.append(dialog)
        assert not dialog.sign_button.isEnabled()
        assert "Worst forms of child labour" in dialog.acknowledgement.list.toPlainText()
        assert "B1 Child labour" in dialog.acknowledgement.list.toPlainText()
        dialog.acknowledgement.check.click()
        assert dialog.sign_button.isEnabled()
        dialog.name.setText("Amani Bahati")
        dialog.title.setText("Président")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeclarationDialog, "exec", sign)
    window.review.finalize_button.click()
    assert shown
    assert window.service.get(assessment_id).finalized


def test_with_nothing_to_acknowledge_the_dialog_says_so_plainly(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    answer_everything(window, assessment_id)  # no red flag, nothing left unknown
    window.tabs.setCurrentWidget(window.review)
    assert window.review.attention.isHidden()
    shown: list[DeclarationDialog] = []

    def look(dialog: DeclarationDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DeclarationDialog, "exec", look)
    window.review.finalize_button.click()
    (dialog,) = shown
    assert dialog.sign_button.isEnabled()
    assert dialog.acknowledgement.check.isHidden()
    assert dialog.acknowledgement.intro.text() == (
        "No red line is breached or left unverified, and no gap is critical."
    )


def test_a_finalized_form_stays_readable_with_a_banner_to_reopen_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = start(window)
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[3].click()
    photo = tmp_path / "policy.jpg"
    photo.write_bytes(b"\xff\xd8\xff policy")
    window.service.attach(assessment_id, "A1.2", [photo])
    answer_everything(window, assessment_id)
    window.service.set_answer(assessment_id, "A1.1", 3)
    finalize(window, assessment_id)
    banner = window.fill.finalized_banner
    assert banner.isVisible()
    today = date.today()
    assert banner.text.text().startswith(
        f"Finalized on {today.month:02d}/{today.day:02d}/{today.year} by Amani Bahati"
    )
    rating = window.fill.widgets["A1.1"]
    options = rating.findChildren(QRadioButton)
    assert all(option.isEnabled() for option in options)  # normal contrast, not greyed
    qtbot.mouseClick(options[0], Qt.MouseButton.LeftButton)
    assert options[3].isChecked()
    assert window.service.answers(assessment_id)["A1.1"].value == 3
    evidence = window.fill.widgets["A1.2"]
    assert isinstance(evidence, EvidenceWidget)
    assert evidence.open_button.isVisible()
    assert evidence.open_button.isEnabled()
    assert not evidence.add_button.isVisible()
    opened: list[str] = []
    monkeypatch.setattr(window.fill, "_on_open_file", opened.append)
    evidence.open_requested.disconnect()
    evidence.open_requested.connect(window.fill._on_open_file)
    evidence.files.setCurrentRow(0)
    qtbot.mouseClick(evidence.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    monkeypatch.setattr(reopen, "ask_text", lambda *_args: "The buyer asked for a correction")
    qtbot.mouseClick(banner.reopen_button, Qt.MouseButton.LeftButton)
    assert not window.service.get(assessment_id).finalized
    assert not banner.isVisible()
    assert not window.fill.widgets["A1.1"].read_only
    assert not window.review.reopen_button.isVisibleTo(window.review)


def test_trainer_mode_shows_a_badge_and_is_remembered(
    window: MainWindow, qtbot: QtBot, isolated_home: Path
) -> None:
    start(window)
    assert not window.trainer_badge.isVisible()
    window.actions_by_name["trainer"].trigger()
    assert window.trainer_badge.isVisible()
    assert window.trainer_badge.text() == "Trainer mode"
    settings = json.loads((isolated_home / "settings.json").read_text(encoding="utf-8"))
    assert settings["trainer_mode"] is True
    window.close()
    again = create_window(isolated_home)
    qtbot.addWidget(again)
    again.show()
    assert again.actions_by_name["trainer"].isChecked()
    assert again.trainer_badge.isVisible()
    start(again)
    assert "For the trainer" in again.fill.side.toPlainText()
    again.actions_by_name["trainer"].trigger()
    assert not again.trainer_badge.isVisible()
    again.close()


def test_a_trainer_mode_setting_that_is_not_true_or_false_is_named(
    qtbot: QtBot, isolated_home: Path
) -> None:
    (isolated_home / "settings.json").write_text('{"trainer_mode": "yes"}', encoding="utf-8")
    window = create_window(isolated_home)
    qtbot.addWidget(window)
    window.show()
    assert not window.actions_by_name["trainer"].isChecked()
    assert "trainer_mode must be true or false, not yes" in window.statusBar().currentMessage()
    window.close()


def test_a_red_line_criterion_has_its_marker_in_the_tree(window: MainWindow) -> None:
    start(window)
    model = window.fill.model
    child_labour, policy = model.index_of("B1"), model.index_of("A1")
    marker = model.data(child_labour, Qt.ItemDataRole.DecorationRole)
    assert marker.cacheKey() == red_line_icon().cacheKey()
    assert "Red line" in model.data(child_labour, Qt.ItemDataRole.ToolTipRole)
    said = model.data(child_labour, Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith("B1 Child labour")
    assert "Red line" in said
    assert "Red line" not in model.data(policy, Qt.ItemDataRole.ToolTipRole)
    assert model.data(policy, Qt.ItemDataRole.DecorationRole).cacheKey() != marker.cacheKey()
