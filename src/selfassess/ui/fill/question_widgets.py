"""One widget per question type. Each shows a question, its help and problems, and emits
`answer_changed(question_id, value, na_reason, comment)` with the whole answer whenever the person
changes any part of it, so that the page can save it at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.answers.choices import after_ticking, is_exclusive
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
from selfassess.core.i18n import translate
from selfassess.core.storable import TEXT_LIMIT
from selfassess.core.store.records import Answer
from selfassess.ui.fill.rating_layout import StackWhenNarrow
from selfassess.ui.fill.read_only import hold_still
from selfassess.ui.i18n import language, tr
from selfassess.ui.speech.buttons import speaker_button
from selfassess.ui.widgets.counted_text import CountedText
from selfassess.ui.widgets.date_field import DateField

TYPING_PAUSE_MS = 700  # what is typed is saved this long after the last key, or on leaving


class QuestionWidget(QFrame):
    """The common frame: label, help, input, N/A, comment and problems."""

    answer_changed = Signal(str, object, object, object)
    read_only = False  # finalized, or a store that cannot be written: shown, never changed
    read_requested = Signal(str)  # the speaker button: read this question aloud

    def __init__(self, form: Form, question: Question, *, text_language: str | None = None) -> None:
        """`text_language`: the language of the form's text (the assessment's); the interface
        language when not given."""
        super().__init__()
        self.form, self.question = form, question
        self.text_language = text_language or language()
        self.setObjectName("question")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._loading = False
        layout = QVBoxLayout(self)
        self._add_heading(layout)
        self.pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.emit_answer)
        self.body = QWidget()
        layout.addWidget(self.body)
        self.build(self.body)
        self.na_box = QCheckBox(tr("Not applicable"))
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(tr("Say why it does not apply"))
        self.na_reason.setAccessibleName(tr("Reason for not applicable"))
        self.comment = CountedText(TEXT_LIMIT)
        self.comment.setPlaceholderText(tr("Comment (optional)"))
        self.comment.setAccessibleName(tr("Comment"))
        answerable = not isinstance(question, InfoQuestion)
        if not isinstance(question, InfoQuestion) and question.allow_na:
            row = QHBoxLayout()
            row.addWidget(self.na_box)
            row.addWidget(self.na_reason, 1)
            layout.addLayout(row)
            self.na_box.toggled.connect(self._on_na_toggled)
            self.na_reason.textEdited.connect(lambda _text: self.typed())
            self.na_reason.editingFinished.connect(self.flush)
        self.na_reason.setVisible(False)
        if answerable:
            layout.addWidget(self.comment)
            self.comment.edited.connect(self.typed)
            self.comment.left.connect(self.flush)
        else:
            self.comment.hide()
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setWordWrap(True)
        self.problems.hide()
        layout.addWidget(self.problems)

    def _add_heading(self, layout: QVBoxLayout) -> None:
        """The question's label with the speaker button that reads it aloud (hidden until the
        page knows it can), then its help."""
        question, lang, fallback = self.question, self.text_language, self.form.default_language
        self.title = QLabel(f"<b>{question.id}</b>  {question.label.in_language(lang, fallback)}")
        self.title.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        self.read_button = speaker_button(lambda: self.read_requested.emit(question.id))
        row.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        if question.help:
            help_label = QLabel(question.help.in_language(lang, fallback))
            help_label.setWordWrap(True)
            help_label.setObjectName("help")
            layout.addWidget(help_label)

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
            self.comment.set_text(answer.comment or "" if answer else "")
        finally:
            self._loading = False

    def show_problems(self, messages: list[str]) -> None:
        self.problems.setText("\n".join(messages))
        self.problems.setVisible(bool(messages))

    def set_read_only(self, read_only: bool) -> None:
        """Readable in normal colours, but nothing can be changed (ui/fill/read_only)."""
        self.read_only = read_only
        for widget in (self.body, self.na_box, self.na_reason, self.comment):
            hold_still(widget, read_only)

    def typed(self) -> None:
        """Something was typed: saved after a short pause, or sooner on leaving (flush)."""
        if not self._loading:
            self.pause.start()

    def flush(self) -> None:
        """Save now what was typed and not saved yet (leaving the field or the page)."""
        if self.pause.isActive():
            self.pause.stop()
            self.emit_answer()

    def emit_answer(self) -> None:
        self.pause.stop()
        if self._loading or self.read_only:
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
    alone: frozenset[Any] = frozenset()  # options that go with no other ("None of these")

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
        self.group.buttonToggled.connect(self._on_toggled)

    def _on_toggled(self, button: QAbstractButton, checked: bool) -> None:
        """Save the answer; ticking an option that goes alone clears the others, and ticking
        another clears it (core/answers/choices)."""
        if self.alone and not self._loading:
            name = self.values[self.group.id(button)]
            self._loading = True  # one answer saved, not one per box changed
            try:
                self.set_value(after_ticking(self.value() or [], name, checked, set(self.alone)))
            finally:
                self._loading = False
        self.emit_answer()

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
    """The four levels, each with its description, readable at a glance: side by side, or
    one under the other when the column is narrow (rating_layout)."""

    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, RatingQuestion)
        lang, fallback = self.text_language, self.form.default_language
        levels: list[tuple[QRadioButton, QLabel]] = []
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
            levels.append((button, text))
        self.arrangement = StackWhenNarrow(body, levels)
        self.group.buttonToggled.connect(lambda _button, _checked: self.emit_answer())


class YesNoWidget(_ChoiceButtons):
    def options(self) -> list[tuple[Any, str]]:
        lang = self.text_language  # the answers are part of the question
        options: list[tuple[Any, str]] = [
            (True, translate(lang, "Yes")),
            (False, translate(lang, "No")),
        ]
        if isinstance(self.question, YesNoQuestion) and self.question.allow_unknown:
            options.append((UNKNOWN, translate(lang, "Don't know")))
        return options


class ChoiceWidget(_ChoiceButtons):
    def __init__(self, form: Form, question: Question, *, text_language: str | None = None) -> None:
        self.exclusive = isinstance(question, SingleChoiceQuestion)
        if isinstance(question, MultiChoiceQuestion):
            alone = (c.name for c in form.choices_of(question) if is_exclusive(c))
            self.alone = frozenset(alone)
        super().__init__(form, question, text_language=text_language)

    def options(self) -> list[tuple[Any, str]]:
        assert isinstance(self.question, SingleChoiceQuestion | MultiChoiceQuestion)
        lang, fallback = self.text_language, self.form.default_language
        return [
            (c.name, c.label.in_language(lang, fallback))
            for c in self.form.choices_of(self.question)
        ]


class TextWidget(QuestionWidget):
    """Words, on one line or several, with the question's limit counted as they are typed."""

    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, TextQuestion)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        multiline = self.question.multiline
        self.editor = CountedText(
            self.question.max_length or TEXT_LIMIT, multiline=multiline, lines=3, most_lines=8
        )
        self.editor.edited.connect(self.typed)
        self.editor.left.connect(self.flush)
        self.editor.setAccessibleName(self.title.text())
        layout.addWidget(self.editor)

    def value(self) -> Any:
        return self.editor.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.editor.set_text(value or "")


class NumberWidget(QuestionWidget):
    def build(self, body: QWidget) -> None:
        assert isinstance(self.question, NumberQuestion)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit()
        self.editor.setMaximumWidth(160)
        self.editor.textEdited.connect(lambda _text: self.typed())
        self.editor.editingFinished.connect(self.flush)
        row.addWidget(self.editor)
        if self.question.unit:
            row.addWidget(
                QLabel(
                    self.question.unit.in_language(self.text_language, self.form.default_language)
                )
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
    """The app's date editor: empty until a day is typed or picked; saved once it is a day."""

    def build(self, body: QWidget) -> None:
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        self.editor = DateField()
        self.editor.setAccessibleName(self.title.text())
        self.editor.date_changed.connect(self.emit_answer)
        row.addWidget(self.editor, 1)  # its refusal has the width of the question

    def value(self) -> Any:
        chosen = self.editor.value()
        return None if chosen is None else chosen.isoformat()

    def set_value(self, value: Any) -> None:
        try:
            self.editor.set_value(date.fromisoformat(value) if value else None)
        except (TypeError, ValueError):  # core stores ISO days only; shown empty otherwise
            self.editor.set_value(None)

    def flush(self) -> None:
        self.editor.commit()  # a day typed and not yet entered is saved; a wrong one is shown
        super().flush()


class InfoWidget(QuestionWidget):
    """Text to read; it takes no answer."""


def widget_for(
    form: Form, question: Question, *, text_language: str | None = None
) -> QuestionWidget:
    """The widget a question's type calls for (evidence has its own, in evidence_widget)."""
    if isinstance(question, RatingQuestion):
        return RatingWidget(form, question, text_language=text_language)
    if isinstance(question, YesNoQuestion):
        return YesNoWidget(form, question, text_language=text_language)
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        return ChoiceWidget(form, question, text_language=text_language)
    if isinstance(question, TextQuestion):
        return TextWidget(form, question, text_language=text_language)
    if isinstance(question, NumberQuestion):
        return NumberWidget(form, question, text_language=text_language)
    if isinstance(question, DateQuestion):
        return DateWidget(form, question, text_language=text_language)
    return InfoWidget(form, question, text_language=text_language)
