"""Nothing typed is lost: comments and text answers are saved after a short pause without the
focus leaving them, and at once on every move (another criterion, another tab, closing the
window); comments take several lines; a limit is counted before it is reached and nothing is
cut silently (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from tests.ui.test_flows import start

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.storable import TEXT_LIMIT
from selfassess.core.store.store import Store
from selfassess.ui.main_window import MainWindow
from selfassess.ui.widgets.counted_text import AMBER, RED


def comment_of(window: MainWindow, assessment_id: str, question_id: str) -> str | None:
    answer = window.service.answers(assessment_id).get(question_id)
    return answer.comment if answer else None


def comment_editor(window: MainWindow, question_id: str) -> QPlainTextEdit:
    editor = window.fill.widgets[question_id].comment.editor
    assert isinstance(editor, QPlainTextEdit)
    editor.setFocus()
    return editor


def test_a_comment_is_saved_after_a_pause_with_the_focus_still_in_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    assessment_id = start(window)
    editor = comment_editor(window, "A1.1")
    qtbot.keyClicks(editor, "Signed by the president")
    assert editor.hasFocus() or window.focusWidget() is editor
    qtbot.waitUntil(lambda: comment_of(window, assessment_id, "A1.1") == "Signed by the president")
    assert window.statusBar().currentMessage().startswith("Saved at ")


def test_a_comment_takes_several_lines(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id = start(window)
    editor = comment_editor(window, "A1.1")
    qtbot.keyClicks(editor, "first line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second line")
    window.fill.step(1)
    assert comment_of(window, assessment_id, "A1.1") == "first line\nsecond line"


def test_a_comment_is_saved_at_once_on_moving_to_another_criterion(
    window: MainWindow, qtbot: QtBot
) -> None:
    assessment_id = start(window)
    qtbot.keyClicks(comment_editor(window, "A1.1"), "typed, then next")
    window.fill.step(1)  # no pause waited for
    assert comment_of(window, assessment_id, "A1.1") == "typed, then next"


def test_a_comment_is_saved_at_once_on_moving_to_another_tab(
    window: MainWindow, qtbot: QtBot
) -> None:
    assessment_id = start(window)
    qtbot.keyClicks(comment_editor(window, "A1.1"), "typed, then the review")
    window.tabs.setCurrentWidget(window.review)
    assert comment_of(window, assessment_id, "A1.1") == "typed, then the review"


def test_a_comment_is_saved_when_the_window_closes(
    window: MainWindow, qtbot: QtBot, isolated_home: Path
) -> None:
    assessment_id = start(window)
    qtbot.keyClicks(comment_editor(window, "A1.1"), "typed, then closed")
    window.close()
    with Store.open(isolated_home) as store:
        answer = AssessmentService(store).answers(assessment_id)["A1.1"]
    assert answer.comment == "typed, then closed"


def test_showing_an_answer_saves_nothing(window: MainWindow) -> None:
    assessment_id = start(window)
    window.service.set_answer(assessment_id, "A1.1", 2, comment="as it was")
    window.fill.show_criterion("A1")
    widget = window.fill.widgets["A1.1"]
    assert widget.comment.text() == "as it was"
    assert not widget.pause.isActive()


def text_answer(window: MainWindow) -> tuple[str, QPlainTextEdit]:
    """The self-assessment's A8.3: several lines, at most 2,000 characters."""
    assessment_id = start(window, "self-assessment")
    window.fill.show_criterion("A8")
    editor = window.fill.widgets["A8.3"].editor.editor  # type: ignore[attr-defined]
    assert isinstance(editor, QPlainTextEdit)
    editor.setFocus()
    return assessment_id, editor


def test_a_text_answers_limit_is_counted_before_it_is_reached(
    window: MainWindow, qtbot: QtBot
) -> None:
    _assessment_id, editor = text_answer(window)
    counter = window.fill.widgets["A8.3"].editor.counter  # type: ignore[attr-defined]
    assert counter.isVisibleTo(window)
    assert counter.text() == "0 / 2,000"
    qtbot.keyClicks(editor, "Monthly")
    assert counter.text() == "7 / 2,000"
    editor.insertPlainText("x" * 1_800)
    assert counter.text() == "1,807 / 2,000"
    assert AMBER in counter.styleSheet()


def test_nothing_is_taken_beyond_the_limit_and_it_says_so(window: MainWindow, qtbot: QtBot) -> None:
    assessment_id, editor = text_answer(window)
    counter = window.fill.widgets["A8.3"].editor.counter  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "end")
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    editor.insertPlainText("y" * 2_100)  # a paste longer than the room left
    assert len(editor.toPlainText()) == 2_000
    assert editor.toPlainText() == "y" * 1_997 + "end"  # what was there is kept
    assert counter.text() == "2,000 / 2,000: the limit is reached"
    assert RED in counter.styleSheet()
    qtbot.keyClicks(editor, "z")
    assert len(editor.toPlainText()) == 2_000
    window.fill.step(1)
    answer = window.service.answers(assessment_id)["A8.3"]
    assert answer.value == "y" * 1_997 + "end"


def test_a_comments_large_limit_shows_only_near_it(window: MainWindow, qtbot: QtBot) -> None:
    start(window)
    comment = window.fill.widgets["A1.1"].comment
    editor = comment_editor(window, "A1.1")
    qtbot.keyClicks(editor, "short")
    assert comment.counter.isHidden()
    editor.insertPlainText("c" * (TEXT_LIMIT - 100))
    assert comment.counter.isVisibleTo(window)
    assert comment.counter.text() == f"{TEXT_LIMIT - 95:,} / {TEXT_LIMIT:,}"
