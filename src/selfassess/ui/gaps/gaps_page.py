"""The gaps dashboard: readiness, a chart per pillar, the gaps (red lines first) filtered by
severity, pillar or standard, with the movement since the baseline, and the improvement plan."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.plan_view import planned_actions
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import UserError
from selfassess.core.forms.model import Form
from selfassess.core.gaps.compare import movement
from selfassess.core.gaps.results import CriterionResult, GapReport, Status
from selfassess.core.gaps.standards import PILLARS, by_standard, summary_line
from selfassess.core.i18n import N_
from selfassess.ui.errors import show_error
from selfassess.ui.gaps.due_dates import DueDates, shown_due
from selfassess.ui.gaps.red_lines import red_lines_text
from selfassess.ui.gaps.status_chart import StatusChart
from selfassess.ui.i18n import language, tr
from selfassess.ui.screen_fit.layout_memory import LayoutMemory

SEVERITY_NAMES = {"critical": N_("Critical"), "major": N_("Major"), "minor": N_("Minor")}
STATUS_NAMES = {
    "meets": N_("Met"),
    "partially_meets": N_("Partly met"),
    "does_not_meet": N_("Not met"),
    "incomplete": N_("Incomplete"),
    "not_applicable": N_("Does not apply"),
}
ACTION_NAMES = {"open": N_("To do"), "in_progress": N_("In progress"), "done": N_("Done")}
CHANGE_NAMES = {"improved": N_("improved"), "regressed": N_("regressed")}
PLAN_COLUMNS = ("text", "owner", "due", "status", "note")
LISTS_WEIGHTS = (65, 35)  # the gaps, and the view by standard, until the user moves them


class GapsPage(QWidget):
    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.plans = PlanService(service)
        self.assessment_id: str | None = None
        self.report: GapReport | None = None
        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        self.red_lines = QLabel()
        self.red_lines.setWordWrap(True)
        self.red_lines.setTextFormat(Qt.TextFormat.RichText)
        self.chart = StatusChart()
        self.severity = QComboBox()
        self.pillar = QComboBox()
        self.standard = QComboBox()
        for box in (self.severity, self.pillar, self.standard):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _i: self._fill_gaps())
        self.gaps = QTreeWidget()
        self.gaps.setColumnCount(4)
        self.show_all = QCheckBox()
        self.show_all.toggled.connect(lambda _checked: self._fill_gaps())
        self.standards = QTreeWidget()
        self.standards.setHeaderHidden(True)
        self.standards.setAccessibleName(tr("By standard"))
        self.plan = QTableWidget(0, len(PLAN_COLUMNS) + 1)
        self.plan.itemChanged.connect(self._on_plan_item)
        self.due_dates = DueDates(self.plan, PLAN_COLUMNS.index("due") + 1, self._save_due)
        self.edit_triggers = self.plan.editTriggers()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_action)
        self._lay_out()

    def _lay_out(self) -> None:
        """The readiness on top; under it a tab each for the red lines and the chart, the gaps
        beside the view by standard, and the plan: each has the whole height, and scrolls
        rather than clips, on a 1024x600 screen too."""
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.addWidget(self.red_lines)
        overview_layout.addWidget(self.chart)
        overview_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(overview)
        self.lists = QSplitter(Qt.Orientation.Horizontal)
        self.lists.addWidget(self.gaps)
        self.lists.addWidget(self.standards)
        self.lists.setSizes(list(LISTS_WEIGHTS))
        self.gaps.setWordWrap(True)
        self.gaps.header().setStretchLastSection(False)
        self.gaps.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        listed = QWidget()
        listed_layout = QVBoxLayout(listed)
        listed_layout.addWidget(self._filters())
        listed_layout.addWidget(self.lists, 1)
        listed_layout.addWidget(self.add_button)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        for widget in (scroll, listed, self.plan):
            self.sections.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.readiness)
        layout.addWidget(self.sections, 1)

    def _filters(self) -> QWidget:
        """The three lists side by side, each as wide as the row allows; the check box under
        them, where a long translation has room."""
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for column, box in enumerate((self.severity, self.pillar, self.standard)):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
            row.addWidget(box, 0, column)
            row.setColumnStretch(column, 1)
        row.addWidget(self.show_all, 1, 0, 1, 3)
        holder = QWidget()
        holder.setLayout(row)
        return holder

    def keep_layout(self, memory: LayoutMemory) -> None:
        """The gaps and the view by standard as last left on a screen of this size."""
        memory.track_splitter(self.lists, "gaps", LISTS_WEIGHTS)

    def retranslate(self) -> None:
        self.add_button.setText(tr("Add an action for the selected criterion"))
        self.show_all.setText(tr("Show every criterion, not only the gaps"))
        for index, title in enumerate(
            (N_("Red lines and pillars"), N_("Gaps"), N_("Improvement plan"))
        ):
            self.sections.setTabText(index, tr(title))
        self.gaps.setHeaderLabels(
            [tr("Severity"), tr("Criterion"), tr("Status"), tr("Since the baseline")]
        )
        self.plan.setHorizontalHeaderLabels(
            [
                tr("Criterion"),
                tr("Action"),
                tr("Owner"),
                tr("Due"),
                tr("Status"),
                tr("Progress note"),
            ]
        )
        self.refresh()

    def open(self, assessment_id: str) -> None:
        self.assessment_id = assessment_id
        self.refresh()

    def refresh(self) -> None:
        if self.assessment_id is None:
            return
        self.report = self.plans.report(self.assessment_id, language=language())
        self.plans.sync_plan(self.assessment_id, self.report)
        readiness = self.report.readiness
        if readiness is not None:
            color = "#b3261e" if readiness.id.startswith("red_line") else "#1f5f4a"
            self.readiness.setText(
                f"<h2 style='color:{color}'>{escape(readiness.label)}</h2>"
                f"<p>{escape(readiness.description)}</p>"
            )
        self.red_lines.setText(red_lines_text(self.report))
        self.red_lines.setVisible(bool(self.report.red_lines))
        form = self.plans.assessments.form_of(self.plans.assessments.get(self.assessment_id))
        titles = {
            s.id: s.title.in_language(language(), form.default_language) for s in form.sections
        }
        self.chart.set_rows([(titles[sid], counts) for sid, counts in self.report.sections.items()])
        self._fill_filters(titles, [s.id for s in form.standards])
        self._fill_gaps()
        self._fill_standards(form)
        self._fill_plan()
        self._enable_editing(self.plans.store.writable)

    def _enable_editing(self, writable: bool) -> None:
        """A store that cannot write (read-only window) shows the plan without editing it."""
        self.add_button.setEnabled(writable)
        self.plan.setEditTriggers(
            self.edit_triggers if writable else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for row in range(self.plan.rowCount()):
            box = self.plan.cellWidget(row, 4)
            if box is not None:
                box.setEnabled(writable)

    def _fill_standards(self, form: Form) -> None:
        """Each standard, clause by clause: "Step 1: 4 of 5 criteria met"."""
        assert self.report is not None
        self.standards.clear()
        for view in by_standard(form, self.report):
            top = QTreeWidgetItem([view.title])
            for clause in view.clauses:
                QTreeWidgetItem(top, [summary_line(clause, language())])
            self.standards.addTopLevelItem(top)
            top.setExpanded(view.standard_id != PILLARS)

    def _fill_filters(self, pillars: dict[str, str], standards: list[str]) -> None:
        for box, first, items in (
            (self.severity, tr("All severities"), [(k, tr(v)) for k, v in SEVERITY_NAMES.items()]),
            (self.pillar, tr("All pillars"), list(pillars.items())),
            (self.standard, tr("All standards"), [(s, s) for s in standards]),
        ):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(first, None)
            for key, label in items:
                box.addItem(label, key)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)

    def _baseline_statuses(self) -> dict[str, str]:
        assert self.assessment_id is not None
        baseline = self.plans.assessments.get(self.assessment_id).baseline_id
        if baseline is None:
            return {}
        report = self.plans.report(baseline, language=language())
        return {r.criterion_id: r.status.value for r in report.criteria}

    def _fill_gaps(self) -> None:
        self.gaps.clear()
        if self.report is None:
            return
        before = self._baseline_statuses()
        for result in self._shown_results():
            self.gaps.addTopLevelItem(self._gap_item(result, before))
        for column in (0, 2, 3):  # the criterion takes the rest of the width
            self.gaps.resizeColumnToContents(column)

    def _shown_results(self) -> list[CriterionResult]:
        """The criteria the filters let through, gaps first (red lines on top)."""
        assert self.report is not None
        shown = self.report.gaps()
        if self.show_all.isChecked():
            shown += [r for r in self.report.criteria if not r.is_gap]
        severity, pillar, standard = (
            self.severity.currentData(),
            self.pillar.currentData(),
            self.standard.currentData(),
        )
        return [
            result
            for result in shown
            if not (severity and (result.severity is None or result.severity.value != severity))
            and not (pillar and result.section_id != pillar)
            and not (standard and standard not in {s for s, _c in result.references})
        ]

    def _gap_item(self, result: CriterionResult, before: dict[str, str]) -> QTreeWidgetItem:
        change = ""
        if result.criterion_id in before:
            moved = movement(Status(before[result.criterion_id]), result.status).value
            change = tr(CHANGE_NAMES[moved]) if moved in CHANGE_NAMES else ""
        item = QTreeWidgetItem(
            [
                tr(SEVERITY_NAMES[result.severity.value]) if result.severity else "",
                f"{result.criterion_id} {result.title}",
                tr(STATUS_NAMES[result.status.value]),
                change,
            ]
        )
        if result.red_line:
            item.setForeground(0, Qt.GlobalColor.red)
        for reason in result.reasons:
            QTreeWidgetItem(item, ["", reason])
        item.setData(1, Qt.ItemDataRole.UserRole, result.criterion_id)
        return item

    def _fill_plan(self) -> None:
        assert self.assessment_id is not None
        self.plan.blockSignals(True)
        form = self.plans.assessments.form_of(self.plans.assessments.get(self.assessment_id))
        report = self.report or self.plans.report(self.assessment_id, language=language())
        planned = planned_actions(form, self.plans.actions(self.assessment_id), report, language())
        self.plan.setRowCount(0)  # drops the old rows' drop-downs at once
        self.plan.setRowCount(len(planned))
        for row, entry in enumerate(planned):
            action = entry.action
            values = [
                ("! " if entry.red_line and not entry.finished else "") + action.criterion_id,
                entry.text,
                action.owner or "",
                shown_due(action.due),
                action.status,
                action.note or "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, action.id)
                if column == 0:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if entry.addresses:
                        item.setToolTip(
                            tr("Addresses {answers}", answers=", ".join(entry.addresses))
                        )
                    if entry.red_line:
                        item.setForeground(Qt.GlobalColor.red)
                self.plan.setItem(row, column, item)
            self.plan.setCellWidget(row, 4, self._status_box(action.id, action.status))
        self.plan.resizeColumnsToContents()
        self.plan.setColumnWidth(1, 420)
        self.plan.horizontalHeader().setStretchLastSection(True)
        self.plan.blockSignals(False)

    def _status_box(self, action_id: int, status: str) -> QComboBox:
        box = QComboBox()
        for key, label in ACTION_NAMES.items():
            box.addItem(tr(label), key)
        box.setCurrentIndex(box.findData(status))
        box.setAccessibleName(tr("Status"))
        box.currentIndexChanged.connect(
            lambda _index: self._update(action_id, "status", str(box.currentData()))
        )
        return box

    def _update(self, action_id: int, field: str, value: str) -> None:
        assert self.assessment_id is not None
        try:
            self.plans.update_action(self.assessment_id, action_id, **{field: value})
        except UserError as error:
            show_error(self, error)
            self._fill_plan()

    def _save_due(self, action_id: int, due: str | None) -> None:
        assert self.assessment_id is not None
        self.plans.update_action(self.assessment_id, action_id, due=due or "")  # "": none

    def _on_plan_item(self, item: QTableWidgetItem) -> None:
        if item.column() == self.due_dates.column:
            self.due_dates.edited(item)  # refusals at the cell, never in a window
            return
        field = PLAN_COLUMNS[item.column() - 1]
        self._update(item.data(Qt.ItemDataRole.UserRole), field, item.text().strip())

    def _add_action(self) -> None:
        assert self.assessment_id is not None
        current = self.gaps.currentItem()
        while current is not None and current.parent() is not None:
            current = current.parent()
        if current is None:
            return
        criterion_id = current.data(1, Qt.ItemDataRole.UserRole)
        try:
            added = self.plans.add_action(self.assessment_id, criterion_id, tr("New action"))
        except UserError as error:
            show_error(self, error)
            return
        self._fill_plan()
        self._show_action(added.id)

    def _show_action(self, action_id: int) -> None:
        """The plan, with the action's text selected to be written."""
        self.sections.setCurrentWidget(self.plan)
        for row in range(self.plan.rowCount()):
            item = self.plan.item(row, 1)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == action_id:
                self.plan.setCurrentItem(item)
                self.plan.scrollToItem(item)
                return
