"""The page's reader: finds the speech engine once, reads one question at a time through core's
`Reader` (which never makes the window wait), and says which question is being read
(`reading_changed(question_id)`, "" once the reading ends or is stopped) and, for the status
bar, what it does (`status`). The end of a reading is noticed by a light poll that runs only
while something is being read."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from selfassess.core.forms.model import Form, Question
from selfassess.core.speech.engines import SpeechEngine, find_engine
from selfassess.core.speech.reader import Reader, SpeechUnavailable
from selfassess.core.speech.text import question_speech
from selfassess.ui.i18n import language as interface_language
from selfassess.ui.i18n import tr

POLL_MS = 250


class ReadAloud(QObject):
    """Reads questions aloud; `engine` is None when the system has no speech engine."""

    reading_changed = Signal(str)
    status = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine: SpeechEngine | None = find_engine()
        self.reader = Reader(self.engine) if self.engine is not None else None
        self.reading = ""  # the id of the question being read
        self.said = ""  # what the status bar was last told about a reading
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._check_finished)

    def available(self, language: str) -> bool:
        """Whether questions in `language` can be read aloud here."""
        return self.engine is not None and self.engine.speaks(language)

    def read(self, form: Form, question: Question, language: str, *, toggle: bool = False) -> None:
        """Read `question` (its label, options and help) in `language`, stopping any reading
        before; with `toggle`, a question being read is stopped instead. What happened, or why
        the engine could not read, goes to `status`."""
        if self.reader is None:
            return
        if toggle and self.reading == question.id:
            self.stop()
            return
        self.stop()
        try:
            self.reader.read(question_speech(form, question, language), language)
        except SpeechUnavailable as refused:
            self.status.emit(refused.localized(interface_language()))
            return
        self._set_reading(question.id)
        self.poll.start()
        self.said = tr("Reading {question} aloud (Escape stops).", question=question.id)
        self.status.emit(self.said)

    def stop(self) -> None:
        """Stop the reading, if there is one."""
        if self.reader is not None:
            self.reader.stop()
        self.poll.stop()
        self._set_reading("")

    def _check_finished(self) -> None:
        if self.reader is None or not self.reader.speaking:
            self.poll.stop()
            self._set_reading("")

    def _set_reading(self, question_id: str) -> None:
        if question_id != self.reading:
            self.reading = question_id
            self.reading_changed.emit(question_id)


def question_in_focus(widgets: Mapping[str, QWidget]) -> str | None:
    """The id of the question whose widget holds the keyboard focus, else of the first question
    shown, else None."""
    focused = QApplication.focusWidget()
    while focused is not None:
        for question_id, widget in widgets.items():
            if widget is focused:
                return question_id
        focused = focused.parentWidget()
    return next((qid for qid, widget in widgets.items() if not widget.isHidden()), None)
