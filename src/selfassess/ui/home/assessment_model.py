"""The table of assessments on the home screen: a Qt model over the core's assessments."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.i18n import N_
from selfassess.core.store.records import Assessment
from selfassess.ui.i18n import language, tr

ItemRole = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    assessment: Assessment
    form_title: str
    answered: int
    required: int


class AssessmentTableModel(QAbstractTableModel):
    """One row per assessment: supplier, site, form, status, progress, last edited."""

    HEADERS = (
        N_("Supplier"),
        N_("Site"),
        N_("Form"),
        N_("Status"),
        N_("Progress"),
        N_("Last edited"),
    )

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.rows: list[Row] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        for assessment in self.service.all():
            evaluation = self.service.evaluate(assessment.id, language=language())
            form = self.service.form_of(assessment)
            title = form.title.in_language(language(), form.default_language)
            self.rows.append(Row(assessment, title, evaluation.answered, evaluation.required))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ItemRole:
            return row.assessment
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None  # the tooltip shows whole what a narrow column cuts
        a = row.assessment
        status = tr("Finalized") if a.finalized else tr("Draft")
        values = (
            a.profile.organisation,
            a.profile.site or "",
            f"{row.form_title} ({a.form_version})",
            status if a.revision == 1 else f"{status} ({tr('revision')} {a.revision})",
            f"{row.answered} / {row.required}",
            a.updated_at[:16].replace("T", " "),
        )
        return values[index.column()]
