"""The child-labour remediation register of the open assessment: the counts a buying programme
reports, the follow-ups due (amber within 14 days, red overdue), the cases by number, and the
dialogs to add a case, change it and record a follow-up. Read-only when the assessment is
finalized or the window cannot write. The page scrolls rather than clips on a small screen."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.remediation.register import (
    FollowUpDue,
    FollowUpState,
    case_label,
    next_follow_up,
    worst_form,
)
from selfassess.core.remediation.service import Register, RemediationService
from selfassess.core.remediation.vocabulary import AGE_BANDS, SEXES, SUPPORT, WORK
from selfassess.core.remediation.wording import counts_only, follow_up_text, signed_as_of
from selfassess.core.store.remediation import CaseRecord
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.remediation.dialogs import CaseDialog, FollowUpDialog, privacy_note

AMBER, AMBER_TEXT = "#ffe08a", "#4a3500"
RED, RED_TEXT = "#f6c5c0", "#7a1410"
COLUMNS = 9
NEXT_COLUMN = 1  # beside the case number: what is due is seen without scrolling sideways
TABLE_MINIMUM_HEIGHT = 160


class RemediationPage(QWidget):
    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.assessments = service
        self.register = RemediationService(service.store)
        self.assessment_id: str | None = None
        self.shown: Register | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.privacy = privacy_note()
        self.notice = QLabel()
        self.notice.setObjectName("register-notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #5f4b00;")
        self.counts = QLabel()
        self.counts.setObjectName("register-counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.due = QLabel()
        self.due.setObjectName("register-due")
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(TABLE_MINIMUM_HEIGHT)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self._edit_case())
        self.buttons = {name: QPushButton() for name in ("add", "edit", "follow_up")}
        self.buttons["add"].clicked.connect(self._add_case)
        self.buttons["edit"].clicked.connect(self._edit_case)
        self.buttons["follow_up"].clicked.connect(self._record_follow_up)
        self._lay_out()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        for name in ("add", "edit", "follow_up"):
            row.addWidget(self.buttons[name])
        row.addStretch(1)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for widget in (
            self.heading,
            self.explanation,
            self.privacy,
            self.notice,
            self.counts,
            self.due,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def retranslate(self) -> None:
        self.heading.setText(f"<h2>{escape(tr('Children found working: remediation'))}</h2>")
        self.explanation.setText(
            tr(
                "Each child or young person found working, by a case number: the "
                "child-protection partner they were referred to, the support given, and the "
                "follow-ups at 3, 6 and 12 months. Only the counts leave this computer, in the "
                "signed pack."
            )
        )
        self.privacy.setText(tr("No names or photos: case numbers only."))
        labels = {
            "add": tr("Add a case…"),
            "edit": tr("Change the case…"),
            "follow_up": tr("Record a follow-up…"),
        }
        for name, text in labels.items():
            self.buttons[name].setText(text)
        self.table.setHorizontalHeaderLabels(
            [
                tr("Case"),
                tr("Next follow-up"),
                tr("Age band"),
                tr("Sex"),
                tr("Work"),
                tr("Worst form"),
                tr("Identified on"),
                tr("Referred to"),
                tr("Support given"),
            ]
        )
        self.refresh()

    def open(self, assessment_id: str) -> None:
        self.assessment_id = assessment_id
        self.refresh()

    def editable(self) -> bool:
        if self.assessment_id is None or not self.register.store.writable:
            return False
        return not self.assessments.get(self.assessment_id).finalized

    def refresh(self) -> None:
        if self.assessment_id is None:
            return
        chosen = self.selected_number()
        self.shown = self.register.register(self.assessment_id)
        self._show_counts(self.shown)
        self._show_due(self.shown)
        self._fill_table(self.shown, chosen)
        self._show_notice()
        self._enable()

    def _show_notice(self) -> None:
        assert self.assessment_id is not None
        if not self.register.store.writable:
            text = tr("This window cannot change the data: the register is read-only.")
        elif self.assessments.get(self.assessment_id).finalized:
            text = tr(
                "This assessment is finalized: its register is read-only. Reopen it (Review "
                "and finalize) to change it."
            )
            if self.shown is not None and not self.shown.cases and self.shown.counts.identified:
                text = f"{text} {counts_only(language())}"
        else:
            text = ""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_counts(self, shown: Register) -> None:
        """The counts in bold; once finalized, those it was signed with, as of the declaration."""
        counts = shown.counts
        mark = "\x00"  # where the number goes, in bold, once the words are escaped
        parts = (
            (tr("Identified: {count}", count=mark), counts.identified),
            (tr("Referred to a partner: {count}", count=mark), counts.referred),
            (tr("Supported: {count}", count=mark), counts.supported),
            (
                tr("In school or training at the last follow-up: {count}", count=mark),
                counts.in_school_at_last_follow_up,
            ),
            (tr("Lost to follow-up: {count}", count=mark), counts.lost_to_follow_up),
        )
        text = " &nbsp;·&nbsp; ".join(
            escape(words).replace(mark, f"<b>{number}</b>") for words, number in parts
        )
        if shown.signed:
            said = signed_as_of(shown.counted_on.isoformat(), language())
            text = f"{escape(said)}<br>{text}"
        self.counts.setText(text)

    def _show_due(self, shown: Register) -> None:
        overdue = sum(1 for _case, item in shown.due if item.state is FollowUpState.OVERDUE)
        soon = len(shown.due) - overdue
        said = []
        if overdue:
            text = tr_plural("{count} follow-up overdue", "{count} follow-ups overdue", overdue)
            said.append(_marked(text, RED, RED_TEXT))
        if soon:
            text = tr_plural(
                "{count} follow-up due within 14 days",
                "{count} follow-ups due within 14 days",
                soon,
            )
            said.append(_marked(text, AMBER, AMBER_TEXT))
        if not said and shown.cases:
            said.append(escape(tr("No follow-up is due in the next 14 days.")))
        self.due.setText(" ".join(said))
        self.due.setVisible(bool(said))

    def _fill_table(self, shown: Register, chosen: int | None) -> None:
        self.table.setRowCount(len(shown.cases))
        for row, case in enumerate(shown.cases):
            coming = next_follow_up(case, shown.today)
            values = [
                case_label(case.number),
                _next_text(coming),
                tr(AGE_BANDS[case.age_band]),
                tr(SEXES[case.sex]),
                ", ".join(tr(WORK[key]) for key in case.work),
                tr("Yes") if worst_form(case) else tr("No"),
                case.identified_on,
                case.partner or "-",
                ", ".join(tr(SUPPORT[key]) for key in case.support) or "-",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, case.number)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
            _colour(self.table, row, coming)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in (1, 4, 7, 8):  # the long ones: wrapped, not as wide as their text
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 200))
        header.setStretchLastSection(True)
        self.table.resizeRowsToContents()
        if chosen is not None:
            for row, case in enumerate(shown.cases):
                if case.number == chosen:
                    self.table.selectRow(row)

    def selected_number(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected_case(self) -> CaseRecord | None:
        number = self.selected_number()
        cases = self.shown.cases if self.shown else []
        return next((case for case in cases if case.number == number), None)

    def _enable(self) -> None:
        editable = self.editable()
        has_cases = bool(self.shown and self.shown.cases)
        self.buttons["add"].setEnabled(editable)
        self.buttons["edit"].setEnabled(editable and self.selected_case() is not None)
        self.buttons["follow_up"].setEnabled(editable and has_cases)

    def _add_case(self) -> None:
        assert self.assessment_id is not None
        dialog = CaseDialog(self.register, self.assessment_id, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self._select(dialog.saved.number)

    def _edit_case(self) -> None:
        case = self.selected_case()
        if case is None or self.assessment_id is None or not self.editable():
            return
        dialog = CaseDialog(self.register, self.assessment_id, case, parent=self)
        if dialog.exec():
            self.refresh()

    def _record_follow_up(self) -> None:
        if self.assessment_id is None or self.shown is None or not self.shown.cases:
            return
        dialog = FollowUpDialog(
            self.register,
            self.assessment_id,
            self.shown.cases,
            self.selected_number(),
            parent=self,
        )
        if dialog.exec():
            self.refresh()

    def _select(self, number: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == number:
                self.table.selectRow(row)


def _next_text(coming: FollowUpDue | None) -> str:
    """ "6 months: 2026-08-01 (overdue by 12 days)", or that every follow-up is done."""
    return follow_up_text(coming, language())


def _marked(text: str, background: str, colour: str) -> str:
    style = f"background:{background}; color:{colour}"
    return f"<span style='{style}'>&nbsp;{escape(text)}&nbsp;</span>"


def _colour(table: QTableWidget, row: int, coming: FollowUpDue | None) -> None:
    """Amber for a follow-up due within 14 days, red for one overdue: the case and its next
    follow-up (the words say it too)."""
    if coming is None or coming.state not in (FollowUpState.OVERDUE, FollowUpState.DUE_SOON):
        return
    overdue = coming.state is FollowUpState.OVERDUE
    background, text = (RED, RED_TEXT) if overdue else (AMBER, AMBER_TEXT)
    for column in (0, NEXT_COLUMN):
        item = table.item(row, column)
        if item is not None:
            item.setBackground(QBrush(QColor(background)))
            item.setForeground(QBrush(QColor(text)))
