"""What blocks finalizing, as a tree a trainer can read aloud: each pillar, then each criterion,
with how many questions are to answer and how many answers to correct ("B Labour: 5 questions
to answer"), and each problem under its criterion. Choosing a problem (a click, or Enter) emits
`go_to(question_id)`; Enter on a criterion goes to its first problem."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from selfassess.core.answers.problem_groups import QuestionProblem, SectionProblems, Tally
from selfassess.ui.i18n import tr, tr_plural

QUESTION_ROLE = Qt.ItemDataRole.UserRole  # the question a row leads to
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a section's or criterion's id, to keep it open
TO_CORRECT_COLOUR = "#b3261e"
OPEN_ALL_UP_TO = 12  # this many problems or fewer: every criterion shows its problems at once


def counts_text(counts: Tally) -> str:
    """ "5 to answer, 1 to correct", leaving out what is zero."""
    parts = []
    if counts.to_answer:
        parts.append(
            tr_plural("{count} question to answer", "{count} questions to answer", counts.to_answer)
        )
    if counts.to_correct:
        parts.append(
            tr_plural("{count} answer to correct", "{count} answers to correct", counts.to_correct)
        )
    return ", ".join(parts)


def problem_text(problem: QuestionProblem) -> str:
    """The question; an answer to correct also says what is wrong with it."""
    question = f"{problem.question_id}  {problem.label}"
    return question if problem.to_answer else f"{question} — {problem.message}"


class ProblemTree(QTreeWidget):
    go_to = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setExpandsOnDoubleClick(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(tr("What blocks finalizing"))
        self.itemClicked.connect(self._on_click)
        self.itemActivated.connect(self._on_activate)
        self.shown_for: str | None = None
        self.criterion_rows: list[QTreeWidgetItem] = []

    def retranslate(self) -> None:
        self.setAccessibleName(tr("What blocks finalizing"))

    def show_groups(self, groups: list[SectionProblems], assessment_id: str) -> None:
        """Fill the tree; the criteria a person opened stay open while the assessment is the
        same."""
        opened = self._opened() if assessment_id == self.shown_for else None
        self.shown_for = assessment_id
        self.clear()
        self.criterion_rows = []
        total = sum(section.tally.total for section in groups)
        bold = QFont(self.font())
        bold.setBold(True)
        for section in groups:
            heading = f"{section.section_id}  {section.title}"
            top = self._row(None, section.section_id, heading, counts_text(section.tally))
            top.setFont(0, bold)
            for criterion in section.criteria:
                heading = f"{criterion.criterion_id}  {criterion.title}"
                row = self._row(top, criterion.criterion_id, heading, counts_text(criterion.tally))
                row.setData(0, QUESTION_ROLE, criterion.problems[0].question_id)
                self.criterion_rows.append(row)
                for problem in criterion.problems:
                    self._problem_row(row, problem)
                row.setExpanded(
                    criterion.criterion_id in opened
                    if opened is not None
                    else total <= OPEN_ALL_UP_TO
                )
            top.setExpanded(True)

    def problem_count(self) -> int:
        """How many problems the tree lists (its leaves)."""
        return sum(row.childCount() for row in self.criterion_rows)

    def _row(
        self, parent: QTreeWidgetItem | None, key: str, heading: str, counts: str
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([tr("{name}: {counts}", name=heading, counts=counts)])
        item.setData(0, KEY_ROLE, key)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    @staticmethod
    def _problem_row(parent: QTreeWidgetItem, problem: QuestionProblem) -> None:
        item = QTreeWidgetItem([problem_text(problem)])
        item.setData(0, QUESTION_ROLE, problem.question_id)
        item.setToolTip(0, problem.message)
        if not problem.to_answer:
            item.setForeground(0, QBrush(QColor(TO_CORRECT_COLOUR)))
        parent.addChild(item)

    def _opened(self) -> set[str]:
        return {str(row.data(0, KEY_ROLE)) for row in self.criterion_rows if row.isExpanded()}

    def _on_click(self, item: QTreeWidgetItem, _column: int) -> None:
        """A problem: go to it; a pillar or criterion: show or hide what is under it."""
        if item.childCount():
            item.setExpanded(not item.isExpanded())
        else:
            self._on_activate(item, 0)

    def _on_activate(self, item: QTreeWidgetItem, _column: int) -> None:
        question_id = item.data(0, QUESTION_ROLE)
        if question_id:
            self.go_to.emit(str(question_id))
