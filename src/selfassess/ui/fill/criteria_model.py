"""The tree of sections and criteria, with a progress marker for each and a red diamond for a
red-line criterion: a Qt model over the form and the core's evaluation of the answers."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from selfassess.core.answers.validation import Evaluation
from selfassess.core.forms.model import Criterion, Form
from selfassess.core.i18n import N_
from selfassess.ui.fill.red_line_marker import blank_icon, red_line_icon
from selfassess.ui.i18n import language, tr

ItemRole = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
SECTION = 0xFFFFFFFF  # the internal id of a section's index; a criterion's is its section's row


class Progress(Enum):
    """Where a criterion (or section) stands, as the tree shows it."""

    NOT_STARTED = ("○", "#6b6b6b")
    IN_PROGRESS = ("◐", "#a66a00")
    COMPLETE = ("●", "#1f7a4d")
    PROBLEMS = ("⚠", "#b3261e")
    NOT_APPLICABLE = ("\u2013", "#8a8a8a")


def criterion_progress(criterion: Criterion, evaluation: Evaluation) -> Progress:
    if not evaluation.applicable.get(criterion.id, True):
        return Progress.NOT_APPLICABLE
    states = [evaluation.states[q.id] for q in criterion.questions if q.id in evaluation.states]
    if any(state.problems and state.answered for state in states):
        return Progress.PROBLEMS
    required = [s for s in states if s.relevant and s.required]
    answered = [s for s in states if s.relevant and s.answered]
    if required and all(s.answered for s in required):
        return Progress.COMPLETE
    if not required and answered:
        return Progress.COMPLETE
    return Progress.IN_PROGRESS if answered else Progress.NOT_STARTED


class CriteriaTreeModel(QAbstractItemModel):
    """Two levels: the form's sections, then their criteria. `ItemRole` gives the criterion."""

    def __init__(
        self, form: Form, evaluation: Evaluation, *, text_language: str | None = None
    ) -> None:
        """`text_language`: the language of the form's titles (the assessment's); the
        interface language when not given."""
        super().__init__()
        self.form = form
        self.evaluation = evaluation
        self.text_language = text_language
        self._progress: dict[str, Progress] = {}  # of this evaluation, as the tree asks for it

    def update(self, evaluation: Evaluation) -> None:
        """New progress markers after an answer."""
        self.evaluation = evaluation
        self._progress.clear()
        for row in range(len(self.form.sections)):
            parent = self.index(row, 0)
            self.dataChanged.emit(parent, parent)
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, SECTION)
        return self.createIndex(row, column, parent.row())

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or self._is_section(child):
            return QModelIndex()
        return self.createIndex(child.internalId(), 0, SECTION)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.form.sections)
        if self._is_section(parent):
            return len(self.form.sections[parent.row()].criteria)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    @staticmethod
    def _is_section(index: Index) -> bool:
        return index.internalId() == SECTION

    def criterion_at(self, index: Index) -> Criterion | None:
        if not index.isValid() or self._is_section(index):
            return None
        return self.form.sections[index.internalId()].criteria[index.row()]

    def index_of(self, criterion_id: str) -> QModelIndex:
        for s, section in enumerate(self.form.sections):
            for c, criterion in enumerate(section.criteria):
                if criterion.id == criterion_id:
                    return self.index(c, 0, self.index(s, 0))
        return QModelIndex()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        lang, fallback = self.text_language or language(), self.form.default_language
        if self._is_section(index):
            section = self.form.sections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{section.id}  {section.title.in_language(lang, fallback)}"
            return None
        criterion = self.criterion_at(index)
        assert criterion is not None
        if role == Qt.ItemDataRole.DisplayRole:
            title = criterion.title.in_language(lang, fallback)
            return f"{self.progress_of(criterion).value[0]}  {criterion.id}  {title}"
        if role == Qt.ItemDataRole.ForegroundRole:
            progress = self.progress_of(criterion)
            shaded = progress in (Progress.PROBLEMS, Progress.NOT_APPLICABLE)
            return QBrush(QColor(progress.value[1])) if shaded else None
        if role == Qt.ItemDataRole.DecorationRole:
            return red_line_icon() if criterion.red_line else blank_icon()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._described(criterion, self.progress_of(criterion), role)
        if role == ItemRole:
            return criterion
        return None

    def progress_of(self, criterion: Criterion) -> Progress:
        """The criterion's marker, worked out once per evaluation (the tree asks for it on every
        repaint, for every role)."""
        found = self._progress.get(criterion.id)
        if found is None:
            found = self._progress[criterion.id] = criterion_progress(criterion, self.evaluation)
        return found

    def _described(self, criterion: Criterion, progress: Progress, role: int) -> str:
        """The tooltip (where it stands; a red line says so) or what a screen reader says."""
        said = [tr(_TOOLTIPS[progress])]
        if criterion.red_line:
            said.append(tr("Red line: a breach here is a reason for buyers to stop buying."))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            title = criterion.title.in_language(
                self.text_language or language(), self.form.default_language
            )
            said.insert(0, f"{criterion.id} {title}")
        return "\n".join(said) if role == Qt.ItemDataRole.ToolTipRole else ". ".join(said)


_TOOLTIPS = {
    Progress.NOT_STARTED: N_("Not started"),
    Progress.IN_PROGRESS: N_("In progress"),
    Progress.COMPLETE: N_("Complete"),
    Progress.PROBLEMS: N_("Has problems"),
    Progress.NOT_APPLICABLE: N_("Does not apply to this supplier"),
}
