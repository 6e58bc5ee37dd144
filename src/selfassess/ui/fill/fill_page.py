"""The filling-in page: the criteria tree, the current criterion's questions, and its help.

Every change is saved through the core at once (`AnswerEditor`), then the page refreshes what
the returned change record names: the questions' visibility and problems, and the tree's markers.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.answers.validation import Evaluation
from selfassess.core.assessment.history import AnswerEditor
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.changes import Changes
from selfassess.core.errors import UserError
from selfassess.core.forms.model import Criterion, EvidenceQuestion, Form
from selfassess.core.forms.search import search_words
from selfassess.core.gaps.results import GapReport
from selfassess.core.store.records import Assessment
from selfassess.ui.errors import show_error
from selfassess.ui.fill.criteria_model import CriteriaTreeModel
from selfassess.ui.fill.evidence_widget import EvidenceWidget
from selfassess.ui.fill.finalized_banner import FinalizedBanner
from selfassess.ui.fill.find_bar import FindBar
from selfassess.ui.fill.find_highlight import mark_found, unmark
from selfassess.ui.fill.focus import focus_question
from selfassess.ui.fill.question_widgets import QuestionWidget, widget_for
from selfassess.ui.fill.side_panel import side_panel_html
from selfassess.ui.i18n import language, tr
from selfassess.ui.screen_fit.layout_memory import LayoutMemory
from selfassess.ui.speech.buttons import show_speaking
from selfassess.ui.speech.read_aloud import ReadAloud, question_in_focus

# The criteria, the questions and the help, in proportion, until the user moves them.
SPLITTER_WEIGHTS = (26, 50, 24)


class FillPage(QWidget):
    """Emits `status(text)` for the status bar and `changed(Changes)` after each saved change."""

    status = Signal(str)
    changed = Signal(object)
    reopened = Signal()  # from the finalized banner's Reopen

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.editor = AnswerEditor(service)
        self.plans = PlanService(service)
        self.assessment: Assessment | None = None
        self.form: Form | None = None
        self.criterion: Criterion | None = None
        self._judged: tuple[tuple[str, ...], Evaluation, GapReport] | None = None
        self._pages: dict[str, tuple[QWidget, dict[str, QuestionWidget]]] = {}
        self.widgets: dict[str, QuestionWidget] = {}
        self.trainer_mode = False
        self.text_language = language()  # the form's text: the assessment's language once open
        self.read_aloud = ReadAloud(self)
        self.read_aloud.reading_changed.connect(self._show_reading)
        self.read_aloud.status.connect(self.status)
        self.layout_memory: LayoutMemory | None = None
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_left())
        splitter.addWidget(self._build_centre())
        self.side = QTextBrowser()
        self.side.setOpenExternalLinks(False)
        self.side.setAccessibleName(tr("Help for this criterion"))
        splitter.addWidget(self.side)
        for index, stretch in enumerate((0, 1, 0)):  # a wider window widens the questions
            splitter.setStretchFactor(index, stretch)
            splitter.setCollapsible(index, False)  # the help hides with its button instead
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def _build_left(self) -> QWidget:
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(tr("Criteria"))
        self.find_bar = FindBar()
        self.find_bar.found.connect(self._show_found)
        self.find_bar.cleared.connect(self._unmark_found)
        self.marked: QuestionWidget | None = None  # the question found, outlined
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.find_bar)
        left_layout.addWidget(self.tree, 1)
        return left

    def _build_centre(self) -> QWidget:
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.previous_button = QPushButton(tr("Previous"))
        self.next_button = QPushButton(tr("Next"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.help_button = QPushButton(tr("Hide help"))
        self.help_button.setCheckable(True)
        self.help_button.setChecked(True)
        self.help_button.toggled.connect(self.show_help)
        self.questions = QWidget()
        self.questions_layout = QVBoxLayout(self.questions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)
        self.scroll_area = scroll
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.help_button)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.finalized_banner = FinalizedBanner(self.service)
        self.finalized_banner.reopened.connect(self._after_reopen)
        centre_layout.addWidget(self.finalized_banner)
        centre_layout.addLayout(top)
        centre_layout.addWidget(scroll, 1)
        return centre

    # the screen ------------------------------------------------------------------------------
    def keep_layout(self, memory: LayoutMemory) -> None:
        """Lay the page out as last left on a screen of this size, and remember changes."""
        memory.track_splitter(self.splitter, "fill", SPLITTER_WEIGHTS)
        self.help_button.setChecked(memory.flag(self, "help-shown", True))
        self.layout_memory = memory

    def show_help(self, shown: bool) -> None:
        """Show or hide the help beside the questions (the button says which it will do)."""
        self.side.setVisible(shown)
        self.help_button.setText(tr("Hide help") if shown else tr("Show help"))
        if self.help_button.isChecked() != shown:
            self.help_button.setChecked(shown)
        if self.layout_memory is not None:
            self.layout_memory.set_flag(self, "help-shown", shown)

    # opening ---------------------------------------------------------------------------------
    def open(self, assessment_id: str) -> None:
        self.save_typing()
        self._judged = None
        self._forget_pages()
        self.assessment = self.service.get(assessment_id)
        self.form = self.service.form_of(self.assessment)
        self.text_language = self.assessment.language  # its questions in its language
        self.editor.forget()
        self.model = CriteriaTreeModel(
            self.form,
            self.service.evaluate(assessment_id, language=language()),
            text_language=self.text_language,
        )
        self.tree.setModel(self.model)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.find_bar.set_form(self.form)
        first = next(self.form.criteria())
        self.show_criterion(first.id)
        self.finalized_banner.show_for(self.assessment)

    def _after_reopen(self) -> None:
        """Reopened from the banner: editable again, at the criterion shown."""
        assert self.assessment is not None
        shown = self.criterion.id if self.criterion is not None else None
        self.open(self.assessment.id)
        if shown is not None:
            self.show_criterion(shown)
        self.reopened.emit()

    def show_question(self, question_id: str) -> None:
        """Show the question's criterion, scroll to the question and put focus in its input."""
        self.show_criterion(self._criterion_of(question_id).id)
        widget = self.widgets.get(question_id)
        if widget is not None:
            focus_question(self.scroll_area, widget)

    def retranslate(self) -> None:
        self.find_bar.retranslate()
        self.previous_button.setText(tr("Previous"))
        self.next_button.setText(tr("Next"))
        self.show_help(self.help_button.isChecked())
        if self.assessment is not None and self.criterion is not None:
            self.model.layoutChanged.emit()
            self.save_typing()
            self._forget_pages()  # their buttons and messages in the new language
            self.show_criterion(self.criterion.id)
            self.finalized_banner.show_for(self.assessment)

    def _on_tree_current(self, current: Any, _previous: Any) -> None:
        criterion = self.model.criterion_at(current)
        if criterion is not None and (self.criterion is None or criterion.id != self.criterion.id):
            self.show_criterion(criterion.id)

    def show_criterion(self, criterion_id: str) -> None:
        """Build the question widgets of one criterion and select it in the tree."""
        assert self.form is not None
        assert self.assessment is not None
        self.save_typing()  # before its questions go away
        self.criterion = next(c for c in self.form.criteria() if c.id == criterion_id)
        self.find_bar.start_at(criterion_id)
        self._unmark_found()
        self.read_aloud.stop()  # its question may be going away
        self.tree.setCurrentIndex(self.model.index_of(criterion_id))
        self._show_page(criterion_id)
        title = self.criterion.title.in_language(self.text_language, self.form.default_language)
        self.heading.setText(f"<h2>{self.criterion.id}  {title}</h2>")
        self._load_answers()
        self._refresh_state(fresh=False)  # going to another criterion changes no answer
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_page(self, criterion_id: str) -> None:
        """The criterion's questions in place of the last one's: built the first time, then
        kept for the open assessment (coming back costs no building, leaving no deleting)."""
        while self.questions_layout.count():
            item = self.questions_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
        page = self._pages.get(criterion_id)
        if page is None:
            page = self._pages[criterion_id] = self._build_page()
        self.widgets = page[1]
        self.questions_layout.addWidget(page[0])
        page[0].show()

    def _build_page(self) -> tuple[QWidget, dict[str, QuestionWidget]]:
        assert self.criterion is not None
        page = QWidget(self.questions)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        widgets: dict[str, QuestionWidget] = {}
        for question in self.criterion.questions:
            widgets[question.id] = self._make_widget(question)
            layout.addWidget(widgets[question.id])
        layout.addStretch(1)
        return page, widgets

    def _forget_pages(self) -> None:
        """Questions built for another assessment, or in another language, are built again."""
        while self.questions_layout.count():
            self.questions_layout.takeAt(0)
        for page, _widgets in self._pages.values():
            page.hide()
            page.deleteLater()
        self._pages = {}
        self.widgets = {}
        self.marked = None

    def _make_widget(self, question: Any) -> QuestionWidget:
        assert self.form is not None
        if isinstance(question, EvidenceQuestion):
            widget: QuestionWidget = EvidenceWidget(
                self.form, question, text_language=self.text_language
            )
            widget.attach_requested.connect(self._on_attach)  # type: ignore[attr-defined]
            widget.detach_requested.connect(self._on_detach)  # type: ignore[attr-defined]
            widget.open_requested.connect(self._on_open_file)  # type: ignore[attr-defined]
        else:
            widget = widget_for(self.form, question, text_language=self.text_language)
        widget.answer_changed.connect(self._on_answer)
        widget.read_button.setVisible(self.read_aloud.available(self.text_language))
        widget.read_requested.connect(lambda qid: self.read_question(qid, toggle=True))
        return widget

    def _load_answers(self) -> None:
        assert self.assessment is not None
        answers = self.service.answers(self.assessment.id)
        attachments = self.service.attachments(self.assessment.id)
        for qid, widget in self.widgets.items():
            widget.load(answers.get(qid))
            if isinstance(widget, EvidenceWidget):
                widget.load_files([a for a in attachments if a.question_id == qid])
            widget.set_read_only(self.assessment.finalized or not self.service.store.writable)

    def refresh_state(self) -> None:
        """Judge the answers again (another page may have changed what they are judged with,
        as the children register does a red line)."""
        if self.assessment is not None and self.criterion is not None:
            self._refresh_state()

    def _judgement(self, fresh: bool) -> tuple[Evaluation, GapReport, bool]:
        """The core's evaluation and gap report of the open assessment in the interface
        language, and whether they are new: kept while nothing they depend on has changed (the
        assessment's answers, files, register and status, the language, the day), as when only
        the criterion shown changes."""
        assert self.assessment is not None
        stored = self.service.get(self.assessment.id)
        key = (
            stored.id,
            stored.updated_at,
            stored.status,
            str(stored.revision),
            language(),
            str(date.today()),
        )
        if fresh or self._judged is None or self._judged[0] != key:
            evaluation = self.service.evaluate(self.assessment.id, language=language())
            report = self.plans.report(self.assessment.id, language=language())
            self._judged = (key, evaluation, report)
            return evaluation, report, True
        return self._judged[1], self._judged[2], False

    def _refresh_state(self, *, fresh: bool = True) -> None:
        """Visibility, problems and the tree's markers, from the core's evaluation."""
        assert self.assessment is not None
        assert self.form is not None
        evaluation, report, new = self._judgement(fresh)
        result = report.result(self.criterion.id)  # type: ignore[union-attr]
        flagged = set(result.red_flags) if result else set()
        for qid, widget in self.widgets.items():
            state = evaluation.states.get(qid)
            widget.setVisible(bool(state and state.relevant))
            messages = [p.message for p in state.problems] if state and state.answered else []
            if qid in flagged:
                messages.insert(0, tr("Red flag: this answer breaches a red line."))
            widget.show_problems(messages)
        if new:
            self.model.update(evaluation)
        self.side.setHtml(
            side_panel_html(self.form, self.criterion, self.trainer_mode, self.text_language)  # type: ignore[arg-type]
        )

    # changing --------------------------------------------------------------------------------
    def _on_answer(self, question_id: str, value: Any, na_reason: Any, comment: Any) -> None:
        assert self.assessment is not None
        try:
            changes = self.editor.set(
                self.assessment.id, question_id, value, comment=comment, na_reason=na_reason
            )
        except UserError as error:
            self.widgets[question_id].show_problems([error.localized(language())])
            return
        self._after(changes)

    def _after(self, changes: Changes | None) -> None:
        if changes is None:
            return
        self._refresh_state()
        self.status.emit(tr("Saved at {time}", time=datetime.now().strftime("%H:%M:%S")))
        self.changed.emit(changes)

    def undo(self) -> None:
        self.save_typing()  # what was just typed is the last change, undone first
        self._after_history(self.editor.undo())

    def redo(self) -> None:
        self.save_typing()
        self._after_history(self.editor.redo())

    def save_typing(self) -> None:
        """Save what was typed in the questions shown and not saved yet: the page calls it
        before moving on, the window before it closes."""
        for widget in list(self.widgets.values()):
            widget.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (another tab, the home screen) saves what was typed."""
        self.save_typing()
        super().hideEvent(event)

    def _after_history(self, changes: Changes | None) -> None:
        if changes is None:
            return
        criterion = self._criterion_of(next(iter(changes.answers)))
        if self.criterion is None or criterion.id != self.criterion.id:
            self.show_criterion(criterion.id)
        else:
            self._load_answers()
        self._after(changes)

    def _criterion_of(self, question_id: str) -> Criterion:
        assert self.form is not None
        return next(
            c for c in self.form.criteria() if any(q.id == question_id for q in c.questions)
        )

    def _on_attach(self, question_id: str, paths: list[str]) -> None:
        assert self.assessment is not None
        try:
            changes = self.service.attach(self.assessment.id, question_id, [Path(p) for p in paths])
        except UserError as error:
            show_error(self, error, tr("A file could not be attached."))
            return
        self._load_answers()
        self._after(changes)

    def _on_detach(self, question_id: str, sha256: str) -> None:
        assert self.assessment is not None
        self._after(self.service.detach(self.assessment.id, question_id, sha256))
        self._load_answers()

    def _on_open_file(self, sha256: str) -> None:
        path = self.service.store.evidence.path_of(sha256)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # moving ----------------------------------------------------------------------------------
    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) criterion."""
        assert self.form is not None
        assert self.criterion is not None
        ids = [c.id for c in self.form.criteria()]
        position = ids.index(self.criterion.id) + delta
        if 0 <= position < len(ids):
            self.show_criterion(ids[position])

    def focus_find(self) -> None:
        self.find_bar.focus()

    def _show_found(self, question_id: str) -> None:
        """Show a question found, outlined, its words highlighted; the typing stays in the
        search box."""
        criterion = self._criterion_of(question_id)
        if self.criterion is None or criterion.id != self.criterion.id:
            self.show_criterion(criterion.id)
        self._unmark_found()
        widget = self.widgets[question_id]
        mark_found(widget, search_words(self.find_bar.words()))
        self.marked = widget
        self.questions_layout.activate()  # a criterion just built: place its questions first
        self.scroll_area.ensureWidgetVisible(widget, 0, 0)

    def _unmark_found(self) -> None:
        if self.marked is not None:
            unmark(self.marked)
            self.marked = None

    def set_trainer_mode(self, enabled: bool) -> None:
        self.trainer_mode = enabled
        if self.criterion is not None and self.form is not None:
            self.side.setHtml(
                side_panel_html(self.form, self.criterion, enabled, self.text_language)
            )

    # reading aloud ---------------------------------------------------------------------------
    def can_read_aloud(self) -> bool:
        """Whether the questions shown can be read aloud (an engine with a voice for them)."""
        return self.assessment is not None and self.read_aloud.available(self.text_language)

    def read_current(self) -> None:
        """Read aloud the question being answered (the one with the focus, else the first)."""
        question_id = question_in_focus(self.widgets)
        if question_id is not None:
            self.read_question(question_id)

    def read_question(self, question_id: str, *, toggle: bool = False) -> None:
        """Read a question aloud, stopping any reading before; with `toggle`, a question being
        read is stopped instead (its button shows a stop sign meanwhile)."""
        assert self.form is not None
        question = self.widgets[question_id].question
        self.read_aloud.read(self.form, question, self.text_language, toggle=toggle)

    def _show_reading(self, question_id: str) -> None:
        for qid, widget in self.widgets.items():
            show_speaking(widget.read_button, speaking=qid == question_id)
