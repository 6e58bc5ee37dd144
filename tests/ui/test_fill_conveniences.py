"""What a person filling in the questions expects of a desktop app: Find searches as they type
and says how many it found, "None" cannot be ticked with other choices, Ctrl+Y redoes, and Undo
says what it will undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QRadioButton
from pytestqt.qtbot import QtBot

from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.ui.main_window import MainWindow

KALIMBI = Profile(organisation="Kalimbi", entity_type="asm", minerals=("tin",))


def start(window: MainWindow, language: str = "en") -> str:
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    assessment = window.service.create(form, KALIMBI, language=language)
    window.open_assessment(assessment.id)
    return assessment.id


def test_find_searches_as_one_types_and_says_how_many(window: MainWindow, qtbot: QtBot) -> None:
    start(window)
    find = window.fill.find_bar
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(find.box, "child")  # no Enter pressed
    assert window.fill.criterion is not None
    found = find.results[find.position].question_id
    assert window.fill.marked is window.fill.widgets[found]
    assert find.count.text().startswith(f"1 of {len(find.results)} questions found")
    assert "background-color" in window.fill.widgets[found].title.text()  # the word marked
    qtbot.keyClick(find.box, Qt.Key.Key_Return)
    assert find.count.text().startswith(f"2 of {len(find.results)}")
    qtbot.keyClick(find.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert find.count.text().startswith("1 of")
    assert find.box.hasFocus()  # the typing stays in the search box


def test_find_searches_every_language_of_the_form(window: MainWindow, qtbot: QtBot) -> None:
    """An assessment in French, searched with a Swahili word, finds the French question."""
    start(window, language="fr")
    qtbot.keyClicks(window.fill.find_bar.box, "watoto")
    assert window.fill.marked is not None
    assert "enfant" in window.fill.marked.title.text()


def test_find_says_when_nothing_is_found_and_escape_clears(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window)
    find = window.fill.find_bar
    qtbot.keyClicks(find.box, "child")
    marked = window.fill.marked
    assert marked is not None
    qtbot.keyClicks(find.box, "zzz")
    assert find.count.text() == "No question contains “childzzz”."
    qtbot.keyClick(find.box, Qt.Key.Key_Escape)
    assert find.box.text() == ""
    assert find.count.isHidden()
    assert window.fill.marked is None
    assert "background-color" not in marked.title.text()  # marks taken away


def check_boxes(window: MainWindow, question_id: str) -> dict[str, QCheckBox]:
    widget = window.fill.widgets[question_id]
    return {widget.values[widget.group.id(box)]: box for box in widget.findChildren(QCheckBox)}


def test_none_cannot_be_ticked_with_other_choices(window: MainWindow) -> None:
    assessment_id = start(window)
    window.fill.show_criterion("C2")
    boxes = check_boxes(window, "C2.2")
    boxes["helmet"].click()
    boxes["boots"].click()
    boxes["none"].click()
    assert [name for name, box in boxes.items() if box.isChecked()] == ["none"]
    assert window.service.answers(assessment_id)["C2.2"].value == ["none"]
    boxes["gloves"].click()
    assert [name for name, box in boxes.items() if box.isChecked()] == ["gloves"]
    assert window.service.answers(assessment_id)["C2.2"].value == ["gloves"]
    window.actions_by_name["undo"].trigger()  # one change, one undo
    assert window.service.answers(assessment_id)["C2.2"].value == ["none"]


def test_undo_says_what_it_undoes_and_ctrl_y_redoes(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = start(window)
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    assert undo.text() == "Undo"
    window.fill.widgets["A1.1"].findChildren(QRadioButton)[2].click()
    assert undo.text() == "Undo the answer to A1.1"
    assert QKeySequence("Ctrl+Y") in redo.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    undo.trigger()
    assert redo.text() == "Redo the answer to A1.1"
    assert undo.text() == "Undo"
    window.fill.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.service.answers(assessment_id)["A1.1"].value == 2
