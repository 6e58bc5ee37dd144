"""Going to one question from elsewhere (the review's list of problems): the question scrolled
into view, framed, and keyboard focus in its input, so that the answer can be typed or chosen at
once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

from selfassess.ui.fill.question_widgets import QuestionWidget

LAYOUT_PASSES = 3
CHOSEN_STYLE = "QFrame#question { border: 2px solid #1d4f91; border-radius: 3px; }"


def answer_input(question: QuestionWidget) -> QWidget:
    """Where the answer is given: the reason when "not applicable" is ticked; else the chosen
    option of a choice, or the first input that takes keyboard focus."""
    if question.na_box.isChecked() and not question.na_reason.isHidden():
        return question.na_reason
    inputs = [
        widget
        for widget in question.body.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.isHidden()
    ]
    chosen = [w for w in inputs if isinstance(w, QAbstractButton) and w.isChecked()]
    if chosen:
        return chosen[0]
    return inputs[0] if inputs else question


def settle_layout() -> None:
    """Lay out what was just built, now rather than when the event loop next runs: the height of
    a question's wrapped text is known only once its width is, a pass or two later."""
    for _pass in range(LAYOUT_PASSES):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def focus_question(scroll: QScrollArea, question: QuestionWidget) -> QWidget:
    """Scroll the question into view (its top first) and put keyboard focus in its answer;
    returns the widget that has it."""
    target = answer_input(question)
    question.setStyleSheet(CHOSEN_STYLE)  # which question it is, at a glance
    settle_layout()  # the criterion was just built: place its questions first
    scroll.ensureWidgetVisible(question, 0, 0)
    scroll.ensureWidgetVisible(target)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    # once more when the page has settled (a page shown for the first time reflows later);
    # cancelled if the question is gone by then
    QTimer.singleShot(0, target, lambda: scroll.ensureWidgetVisible(target))
    return target
