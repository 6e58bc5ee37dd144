"""One widget per question type. Each shows a question, its help and problems, and emits
`answer_changed(question_id, value, na_reason, comment)` with the whole answer whenever the person
changes any part of it, so that the page can save it at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.answers.values import UNKNOWN
from selfassess.core.forms.model import (
    DateQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from selfassess.core.store.records import Answer
from selfassess.ui.i18n import language, tr

NO_DATE = QDate(1900, 1, 1)


class QuestionWidget(QFrame):
    """The common frame: label, help, input, N/A, comment and problems."""

    answer_changed = Signal(str, object, object, object)

    def __init__(self, form: Form, question: Question) -> None:
        super().__init__()
        self.form, self.question = form, question
        self.setObjectName("question")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._loading = False
        lang, fallback = language(), form.default_language
        layout = QVBoxLayout(self)
        self.title = QLabel(f"<b>{question.id}</b>  {question.label.in_language(lang, fallback)}")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        if question.help:
            help_label = QLabel(question.help.in_language(lang, fallback))
            help_label.setWordWrap(True)
            help_label.setObjectName("help")
            layout.addWidget(help_label)
        self.body = QWidget()
        layout.addWidget(self.body)
        self.build(self.body)
        self.na_box = QCheckBox(tr("Not applicable"))
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(tr("Say why it does not apply"))
        self.na_reason.setAccessibleName(tr("Reason for not applicable"))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Comment (optional)"))
        self.comment.setAccessibleName(tr("Comment"))
        answerable = not isinstance(question, InfoQuestion)
        if not isinstance(question, InfoQuestion) and question.allow_na:
            row = QHBoxLayout()
            row.addWidget(self.na_box)
            row.addWidget(self.na_reason, 1)
            layout.addLayout(row)
            self.na_box.toggled.connect(self._on_na_toggled)
            self.na_reason.editingFinished.connect(self.emit_answer)
        self.na_reason.setVisible(False)
        if answerable:
            layout.addWidget(self.comment)
            self.comment.editingFinished.connect(self.emit_answer)
        else:
            self.comment.hide()
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setWordWrap(True)
        self.problems.hide()
        layout.addWidget(self.problems)

    # to be provided by each type -------------------------------------------------------------
    def build(self, body: QWidget) -> None:
        QVBoxLayout(body).setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        del value

    # shared ---------------------------------------------------------------------------------
    def load(self, answer: Answer | None) -> None:
        """Show a stored answer without emitting a change."""
        self._loading = True
        try:
            self.set_value(answer.value if answer else None)
            na = answer is not None and answer.is_na
            self.na_box.setChecked(na)
            self.na_reason.setText(answer.na_reason or "" if answer else "")
            self.na_reason.setVisible(na)
            self.body.setEnabled(not na)
            self.comment.setText(answer.comment or "" if answer else "")
        finally:
            self._loading = False

    def show_problems(self, messages: list[str]) -> None:
        self.problems.setText("\n".join(messages))
        self.problems.setVisible(bool(messages))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.body, self.na_box, self.na_reason, self.comment):
            widget.setEnabled(not read_only)

    def emit_answer(self) -> None:
        if self._loading:
            return
        na = self.na_box.isChecked()
        reason = self.na_reason.text().strip() if na else None
        self.answer_changed.emit(
            self.question.id,
            None if na else self.value(),
            reason,
            self.comment.text().strip() or None,
        )

    def _on_na_toggled(self, checked: bool) -> None:
        self.na_reason.setVisible(checked)
        self.body.setEnabled(not checked)
        if checked:
            self.na_reason.setFocus()
        self.emit_answer()


class _ChoiceButtons(QuestionWidget):
    """Radio buttons (or check boxes) for a fixed list of (value, label) options."""

    exclusive = True

    def options(self) -> list[tuple[Any, str]]:
        return []

    def build(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        self.values: list[Any] = []
        for index, (value, label) in enumerate(self.options()):
            button = QRadioButton(label) if self.exclusive else QCheckBox(label)
            button.setAccessibleName(label)
            self.group.addButton(button, index)
            self.values.append(value)
            layout.addWidget(button)
        self.group.buttonToggled.connect(lambda _button, _checked: self.emit_answer())

    def value(self) -> Any:
        checked = [self.values[self.group.id(b)] for b in self.group.buttons() if b.isChecked()]
        if self.exclusive:
            return checked[0] if checked else None
        return checked or None

    def set_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else [value]
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(self.values[self.group.id(button)] in chosen)
        self.group.setExclusive(self.exclusive)


class RatingWidget(_ChoiceButtons):
    """The four levels, each with its description, readable at a glance."""

    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, RatingQuestion)
        lang, fallback = language(), self.form.default_language
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.values = [0, 1, 2, 3]
        for level, scale in enumerate(self.form.settings.rating_scale):
            button = QRadioButton(f"{level}  {scale.label.in_language(lang, fallback)}")
            button.setAccessibleName(scale.label.in_language(lang, fallback))
            self.group.addButton(button, level)
            described = self.question.levels[level] if self.question.levels else scale.description
            text = QLabel(described.in_language(lang, fallback) if described else "")
            text.setWordWrap(True)
            text.setObjectName("level")
            text.setStyleSheet("color: #555;")
            grid.addWidget(button, 0, level)
            grid.addWidget(text, 1, level, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(level, 1)
        self.group.buttonToggled.connect(lambda _button, _checked: self.emit_answer())


class YesNoWidget(_ChoiceButtons):
    def options(self) -> list[tuple[Any, str]]:
        options: list[tuple[Any, str]] = [(True, tr("Yes")), (False, tr("No"))]
        if isinstance(self.question, YesNoQuestion) and self.question.allow_unknown:
            options.append((UNKNOWN, tr("Don't know")))
        return options


class ChoiceWidget(_ChoiceButtons):
    def __init__(self, form: Form, question: Question) -> None:
        self.exclusive = isinstance(question, SingleChoiceQuestion)
        super().__init__(form, question)

    def options(self) -> list[tuple[Any, str]]:
        assert isinstance(self.question, SingleChoiceQuestion | MultiChoiceQuestion)
        lang, fallback = language(), self.form.default_language
        return [
            (c.name, c.label.in_language(lang, fallback))
            for c in self.form.choices_of(self.question)
        ]


class TextWidget(QuestionWidget):
    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, TextQuestion)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.question.multiline:
            self.editor: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.editor.setMaximumHeight(110)
            self.pause = QTimer(self, singleShot=True, interval=700)
            self.pause.timeout.connect(self.emit_answer)
            self.editor.textChanged.connect(self.pause.start)
        else:
            self.editor = QLineEdit()
            self.editor.editingFinished.connect(self.emit_answer)
        self.editor.setAccessibleName(self.title.text())
        layout.addWidget(self.editor)

    def value(self) -> Any:
        editor = self.editor
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        return text.strip() or None

    def set_value(self, value: Any) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(value or "")
        else:
            self.editor.setText(value or "")


class NumberWidget(QuestionWidget):
    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, NumberQuestion)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        self.editor.setMaximumWidth(160)
        self.editor.editingFinished.connect(self.emit_answer)
        row.addWidget(self.editor)
        if self.question.unit:
            row.addWidget(
                QLabel(self.question.unit.in_language(language(), self.form.default_language))
            )
        row.addStretch(1)

    def value(self) -> Any:
        return (
            self.editor.text().strip() or None
        )  # core parses it, and says when it is not a number

    def set_value(self, value: Any) -> None:
        self.editor.setText(
            "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        )


class DateWidget(QuestionWidget):
    def build(self, body: QWidget) -> None:
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor = QDateEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd")
        self.editor.setMinimumDate(NO_DATE)
        self.editor.setSpecialValueText(tr("(no date)"))
        self.editor.setDate(NO_DATE)
        self.editor.dateChanged.connect(lambda _date: self.emit_answer())
        row.addWidget(self.editor)
        row.addStretch(1)

    def value(self) -> Any:
        chosen = self.editor.date()
        return None if chosen == NO_DATE else chosen.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        self.editor.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)


class InfoWidget(QuestionWidget):
    """Text to read; it takes no answer."""


def widget_for(form: Form, question: Question) -> QuestionWidget:
    """The widget a question's type calls for (evidence has its own, in evidence_widget)."""
    if isinstance(question, RatingQuestion):
        return RatingWidget(form, question)
    if isinstance(question, YesNoQuestion):
        return YesNoWidget(form, question)
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        return ChoiceWidget(form, question)
    if isinstance(question, TextQuestion):
        return TextWidget(form, question)
    if isinstance(question, NumberQuestion):
        return NumberWidget(form, question)
    if isinstance(question, DateQuestion):
        return DateWidget(form, question)
    return InfoWidget(form, question)
