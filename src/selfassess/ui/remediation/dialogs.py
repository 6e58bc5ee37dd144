"""The register's dialogs: a case (added, or its partner, support and note changed) and a
follow-up. Nothing asks for a name or a photo. The register's own checks run when the dialog is
accepted; each refusal shows under its field, in the interface language, and the dialog stays
open. Both scroll rather than clip on a small screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.remediation.checks import NOTE_LIMIT, PARTNER_LIMIT, CaseRefused
from selfassess.core.remediation.register import add_months, case_label, next_follow_up
from selfassess.core.remediation.service import RemediationService
from selfassess.core.remediation.vocabulary import (
    AGE_BANDS,
    FOLLOW_UP_MONTHS,
    HAZARDOUS_WORK,
    SEXES,
    SITUATIONS,
    SUPPORT,
    WORK,
)
from selfassess.core.store.remediation import CaseRecord
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import language, tr
from selfassess.ui.widgets.date_field import DateField

ERROR_STYLE = "color: #b3261e;"
PRIVACY_STYLE = "font-weight: bold;"


def privacy_note() -> QLabel:
    """The note every part of the register shows: no names, no photos."""
    note = QLabel(tr("No names or photos: case numbers only."))
    note.setObjectName("privacy-note")
    note.setWordWrap(True)
    note.setStyleSheet(PRIVACY_STYLE)
    return note


def choices(items: dict[str, str], first: str | None = None) -> QComboBox:
    """A drop-down of the list's labels in the interface language, keys as data; `first`, an
    entry meaning "not chosen yet" (its data None)."""
    box = QComboBox()
    if first is not None:
        box.addItem(first, None)
    for key, label in items.items():
        box.addItem(tr(label), key)
    return box


def boxes_in_columns(boxes: list[QCheckBox]) -> QWidget:
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    for index, box in enumerate(boxes):
        grid.addWidget(box, index // 2, index % 2)
    holder = QWidget()
    holder.setLayout(grid)
    return holder


class _FieldsDialog(QDialog):
    """A dialog of fields, each with its refusal underneath, in a scroll area that fits the
    screen."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

    def add_row(self, field: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName(f"error-{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(widget)
        stack.addWidget(error)
        widget.setAccessibleName(label)
        self.form.addRow(label, cell)
        self.errors[field] = error
        self.fields[field] = widget

    def finish(self, action: str, head: list[QWidget]) -> None:
        inner = QWidget()
        content = QVBoxLayout(inner)
        for widget in head:
            content.addWidget(widget)
        content.addLayout(self.form)
        content.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(ok_cancel(self, action))
        wanted = inner.sizeHint() + QSize(scroll.verticalScrollBar().sizeHint().width() + 24, 60)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            wanted = wanted.boundedTo(QSize(screen.width() - 40, screen.height() - 80))
        self.resize(wanted)

    def show_problems(self, refusal: CaseRefused) -> None:
        """Each refusal under its field, the first field focused."""
        for label in self.errors.values():
            label.hide()
        first: QWidget | None = None
        for problem in refusal.problems():
            error = self.errors.get(problem.field)
            if error is None:
                continue
            text = problem.localized(language())
            error.setText(text[:1].upper() + text[1:])
            error.show()
            if first is None:
                first = self.fields[problem.field]
        if first is None:
            show_error(self, refusal)
            return
        first.setFocus()


class CaseDialog(_FieldsDialog):
    """A new case, or (given `case`) the partner, support, note and stated worst form of one;
    what the child was found doing, and when, stays as it was given."""

    def __init__(
        self,
        register: RemediationService,
        assessment_id: str,
        case: CaseRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.assessment_id = assessment_id
        self.case = case
        self.saved: CaseRecord | None = None
        self.setWindowTitle(
            tr("Add a case") if case is None else tr("Case {case}", case=case_label(case.number))
        )
        self.age_band = choices(AGE_BANDS, tr("Choose…"))
        self.sex = choices(SEXES, tr("Choose…"))
        self.work = {key: QCheckBox(tr(label)) for key, label in WORK.items()}
        for box in self.work.values():
            box.toggled.connect(lambda _checked: self._follow_work())
        self.worst_form = QComboBox()
        self.worst_form.addItem(tr("Choose…"), None)
        self.worst_form.addItem(tr("Yes"), True)
        self.worst_form.addItem(tr("No"), False)
        self.worst_form_note = QLabel(
            tr(
                "Work at a mine site is hazardous: for anyone under 18 it is a worst form of "
                "child labour (ILO C182, Article 3(d)). For selling food or other work, say "
                "whether it is."
            )
        )
        self.worst_form_note.setWordWrap(True)
        self.identified = DateField(date.today())
        self.identified.set_latest(date.today())
        self.partner = QLineEdit()
        self.partner.setMaxLength(PARTNER_LIMIT)
        self.partner.setPlaceholderText(tr("A child-protection organisation, not a person"))
        self.support = {key: QCheckBox(tr(label)) for key, label in SUPPORT.items()}
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(tr("A short note, without names"))
        worst = QWidget()
        worst_layout = QVBoxLayout(worst)
        worst_layout.setContentsMargins(0, 0, 0, 0)
        worst_layout.addWidget(self.worst_form)
        worst_layout.addWidget(self.worst_form_note)
        self.add_row("age_band", tr("Age band"), self.age_band)
        self.add_row("sex", tr("Sex"), self.sex)
        self.add_row("work", tr("Work found doing"), boxes_in_columns(list(self.work.values())))
        self.add_row("worst_form", tr("Worst form of child labour"), worst)
        self.add_row("identified", tr("Identified on"), self.identified)
        self.add_row("partner", tr("Referred to"), self.partner)
        self.add_row("support", tr("Support given"), boxes_in_columns(list(self.support.values())))
        self.add_row("note", tr("Note"), self.note)
        if case is not None:
            self._show(case)
        self._follow_work()
        self.finish(tr("Add the case") if case is None else tr("Save"), [privacy_note()])

    def _show(self, case: CaseRecord) -> None:
        """An existing case: what it was found doing, and when, shown but not changed."""
        self.age_band.setCurrentIndex(self.age_band.findData(case.age_band))
        self.sex.setCurrentIndex(self.sex.findData(case.sex))
        for key, box in self.work.items():
            box.setChecked(key in case.work)
        if case.worst_form_stated is not None:
            self.worst_form.setCurrentIndex(self.worst_form.findData(case.worst_form_stated))
        self.identified.set_value(date.fromisoformat(case.identified_on))
        for widget in (self.age_band, self.sex, self.identified, *self.work.values()):
            widget.setEnabled(False)
        self.partner.setText(case.partner or "")
        for key, box in self.support.items():
            box.setChecked(key in case.support)
        self.note.setText(case.note or "")

    def _follow_work(self) -> None:
        """Hazardous work decides: the worst form is then shown as yes, not asked."""
        hazardous = any(box.isChecked() for k, box in self.work.items() if k in HAZARDOUS_WORK)
        if hazardous:
            self.worst_form.setCurrentIndex(self.worst_form.findData(True))
        elif not self.worst_form.isEnabled():
            self.worst_form.setCurrentIndex(0)
        self.worst_form.setEnabled(not hazardous)

    def accept(self) -> None:
        if not self.identified.commit():  # a day that is none: said under it
            self.identified.setFocus()
            return
        worst = self.worst_form.currentData() if self.worst_form.isEnabled() else None
        try:
            if self.case is None:
                self.saved = self.register.add_case(
                    self.assessment_id,
                    age_band=self.age_band.currentData(),
                    sex=self.sex.currentData(),
                    work=[key for key, box in self.work.items() if box.isChecked()],
                    identified=self.identified.value(),
                    worst_form=worst,
                    partner=self.partner.text(),
                    support=[key for key, box in self.support.items() if box.isChecked()],
                    note=self.note.text(),
                )
            else:
                self.saved = self.register.update_case(
                    self.assessment_id,
                    self.case.number,
                    partner=self.partner.text(),
                    support=[key for key, box in self.support.items() if box.isChecked()],
                    note=self.note.text(),
                    worst_form=worst,
                )
        except CaseRefused as refusal:
            self.show_problems(refusal)
            return
        except UserError as error:
            show_error(self, error)
            return
        super().accept()


class FollowUpDialog(_FieldsDialog):
    """The follow-up of a case at 3, 6 or 12 months: its day, the child's situation, a note.
    A follow-up already recorded is shown, to be corrected."""

    def __init__(
        self,
        register: RemediationService,
        assessment_id: str,
        cases: list[CaseRecord],
        chosen: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.assessment_id = assessment_id
        self.cases = {case.number: case for case in cases}
        self.saved: CaseRecord | None = None
        self.setWindowTitle(tr("Record a follow-up"))
        self.case = QComboBox()
        for case in cases:
            self.case.addItem(case_label(case.number), case.number)
        if chosen is not None:
            self.case.setCurrentIndex(max(self.case.findData(chosen), 0))
        self.month = QComboBox()
        self.on = DateField(date.today())
        self.on.set_latest(date.today())
        self.situation = choices(SITUATIONS, tr("Choose…"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(tr("A short note, without names"))
        self.add_row("case", tr("Case"), self.case)
        self.add_row("month", tr("Follow-up"), self.month)
        self.add_row("date", tr("Date"), self.on)
        self.add_row("situation", tr("The child's situation"), self.situation)
        self.add_row("follow_up_note", tr("Note"), self.note)
        self.case.currentIndexChanged.connect(lambda _index: self._fill_months())
        self.month.currentIndexChanged.connect(lambda _index: self._show_recorded())
        self._fill_months()
        self.finish(tr("Record"), [privacy_note()])

    def current_case(self) -> CaseRecord | None:
        number = self.case.currentData()
        return self.cases.get(number) if number is not None else None

    def _fill_months(self) -> None:
        """Each follow-up with the day it is due; the next one to do chosen."""
        case = self.current_case()
        self.month.blockSignals(True)
        self.month.clear()
        if case is not None:
            found = date.fromisoformat(case.identified_on)
            for months in FOLLOW_UP_MONTHS:
                due = add_months(found, months).isoformat()
                self.month.addItem(
                    tr("{months} months (due {date})", months=months, date=due), months
                )
            coming = next_follow_up(case, date.today())
            if coming is not None:
                self.month.setCurrentIndex(self.month.findData(coming.month))
        self.month.blockSignals(False)
        self._show_recorded()

    def _show_recorded(self) -> None:
        case, months = self.current_case(), self.month.currentData()
        recorded = next((f for f in case.follow_ups if f.month == months), None) if case else None
        if recorded is None:
            self.situation.setCurrentIndex(0)
            self.note.clear()
            self.on.set_value(date.today())
            return
        self.on.set_value(date.fromisoformat(recorded.done_on))
        self.situation.setCurrentIndex(self.situation.findData(recorded.situation))
        self.note.setText(recorded.note or "")

    def accept(self) -> None:
        case = self.current_case()
        if case is None:
            return
        if not self.on.commit():  # a day that is none: said under it
            self.on.setFocus()
            return
        try:
            self.saved = self.register.record_follow_up(
                self.assessment_id,
                case.number,
                self.month.currentData(),
                on=self.on.value(),
                situation=self.situation.currentData(),
                note=self.note.text(),
            )
        except CaseRefused as refusal:
            self.show_problems(refusal)
            return
        except UserError as error:
            show_error(self, error)
            return
        super().accept()
