"""The buyer's own values for one supplier: role, minerals, certifications, risk (with the reason
when set by hand), enrolment in the capacity-building programme, and notes. Each is saved as soon
as it is chosen (`Inbox.set_supplier`, `Inbox.add_note`); a refusal is shown under its field, in
the interface language, and nothing else is changed. Under each value, where it comes from: set
by the buyer (who, when), or the latest pack's or the list's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.suppliers import Supplier
from selfassess.core.inbox.values import CERTIFICATIONS, MINERALS, RISKS, ROLES
from selfassess.core.profile import CERTIFICATIONS as CERTIFICATION_NAMES
from selfassess.core.profile import MINERALS as MINERAL_NAMES
from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.portfolio.words import (
    RISK_SOURCES,
    risk_word,
    role_word,
    say_date_again,
    shown_day,
)
from selfassess.ui.widgets.date_field import ERROR_STYLE, DateField

LISTED_CERTIFICATIONS = tuple(c for c in CERTIFICATIONS if c != "none")
HINT_STYLE = "color: #555;"
NEEDS_A_REASON = "say why the risk is set by hand (--reason)"  # core's words name an option


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _hint_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def refusal_text(error: UserError) -> str:
    """A refusal in the interface language, in the app's words where core's name an option."""
    if error.message_id == NEEDS_A_REASON:
        return tr("Say why you set the risk by hand.")
    return error.localized(language())


class Choices(QWidget):
    """A check box per value (minerals, certifications), `across` in a row."""

    def __init__(self, names: dict[str, str], values: tuple[str, ...], across: int) -> None:
        super().__init__()
        self.names = names
        self.boxes = {value: QCheckBox() for value in values}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for place, box in enumerate(self.boxes.values()):
            grid.addWidget(box, place // across, place % across)

    def retranslate(self) -> None:
        for value, box in self.boxes.items():
            box.setText(tr(self.names[value]))

    def show_values(self, values: list[str]) -> None:
        for value, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(value in values)
            box.blockSignals(False)

    def values(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]


class SupplierFields(QWidget):
    """Emits `saved(supplier)` once a value or a note is recorded."""

    saved = Signal(object)

    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.supplier: Supplier | None = None
        self.labels: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.role = QComboBox()
        self.role.activated.connect(lambda _i: self._save("role", self.role.currentData()))
        self.minerals = Choices(MINERAL_NAMES, MINERALS, 3)
        self.certifications = Choices(CERTIFICATION_NAMES, LISTED_CERTIFICATIONS, 2)
        self.again = {name: QPushButton() for name in ("minerals", "certifications")}
        for name, choices in (("minerals", self.minerals), ("certifications", self.certifications)):
            for box in choices.boxes.values():
                box.toggled.connect(lambda _on, n=name, c=choices: self._save(n, c.values()))
            self.again[name].clicked.connect(lambda _c=False, n=name: self._save(n, None))
        self.risk = QComboBox()
        self.risk.activated.connect(lambda _i: self._save_risk())
        self.reason = QLineEdit()
        self.reason.editingFinished.connect(self._on_reason)
        self.enrolled = DateField()
        self.enrolled.date_changed.connect(self._on_enrolled)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.note = QLineEdit()
        self.note.returnPressed.connect(self._add_note)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_note)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        left.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        reason_row = QVBoxLayout()
        reason_row.addWidget(self.risk)
        reason_row.addWidget(self.reason)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.add_button)
        notes = QVBoxLayout()
        notes.addWidget(self.notes)
        notes.addLayout(note_row)
        self._row(left, "role", self.role)
        self._row(left, "risk", reason_row)
        self._row(left, "enrolled_since", self.enrolled)
        self._row(right, "minerals", self._with_again("minerals", self.minerals))
        self._row(right, "certifications", self._with_again("certifications", self.certifications))
        self._row(right, "note", notes)
        self.notes.setMaximumHeight(110)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        page = QVBoxLayout(self)
        page.addLayout(columns)
        page.addStretch(1)

    def _with_again(self, name: str, choices: Choices) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(choices)
        layout.addWidget(self.again[name], 0)
        return holder

    def _row(self, form: QFormLayout, name: str, field: QWidget | QVBoxLayout) -> None:
        """A field with its hint (where the value comes from) and its refusal under it."""
        column = QVBoxLayout()
        column.setSpacing(2)
        if isinstance(field, QWidget):
            column.addWidget(field)
        else:
            column.addLayout(field)
        self.hints[name], self.errors[name] = _hint_label(), _error_label()
        column.addWidget(self.hints[name])
        column.addWidget(self.errors[name])
        self.labels[name] = QLabel()
        form.addRow(self.labels[name], column)

    def retranslate(self) -> None:
        for name, text in (
            ("role", tr("Role")),
            ("risk", tr("Risk")),
            ("enrolled_since", tr("In capacity building since")),
            ("minerals", tr("Minerals")),
            ("certifications", tr("Certifications")),
            ("note", tr("Notes")),
        ):
            self.labels[name].setText(text)
        for name, choices in (("minerals", self.minerals), ("certifications", self.certifications)):
            choices.retranslate()
            self.again[name].setText(tr("Use the pack's or the list's again"))
        self.reason.setPlaceholderText(tr("Why you set the risk by hand"))
        self.reason.setAccessibleName(tr("Why you set the risk by hand"))
        self.note.setPlaceholderText(tr("A note for your team"))
        self.add_button.setText(tr("Add the note"))
        say_date_again(self.enrolled)
        self._fill_choices()
        if self.supplier is not None:
            self.show_supplier(self.supplier)

    def _fill_choices(self) -> None:
        for box, automatic, values in (
            (self.role, tr("As the pack or the list says"), [(k, tr(v)) for k, v in ROLES.items()]),
            (
                self.risk,
                tr("As the pack and the risk data say"),
                [(k, tr(v)) for k, v in RISKS.items()],
            ),
        ):
            box.clear()
            box.addItem(automatic, None)
            for value, label in values:
                box.addItem(label, value)

    def show_supplier(self, supplier: Supplier) -> None:
        """Show `supplier`'s values, and no refusal."""
        self.supplier = supplier
        own = supplier.own
        self.role.setCurrentIndex(max(self.role.findData(own.get("role")), 0))
        self.minerals.show_values(supplier.minerals)
        self.certifications.show_values(supplier.certifications)
        self.risk.setCurrentIndex(max(self.risk.findData(own.get("risk")), 0))
        self.reason.setText(str(own.get("risk_reason") or ""))
        since = supplier.enrolled_since
        self.enrolled.set_value(date.fromisoformat(since) if since else None)
        self.notes.clear()
        for day, who, text in reversed(supplier.notes):
            self.notes.addItem(tr("{label}: {value}", label=f"{shown_day(day)}, {who}", value=text))
        self.notes.setVisible(bool(supplier.notes))
        self._show_hints(supplier)
        for label in self.errors.values():
            label.hide()

    def _show_hints(self, supplier: Supplier) -> None:
        """Under each value, who set it and when; else what it is now, and why."""
        risk, source = supplier.risk_and_why
        automatic = {
            "role": tr("Now: {value}", value=role_word(supplier.role)),
            "risk": tr(
                "Now: {value} ({reason})", value=risk_word(risk), reason=tr(RISK_SOURCES[source])
            ),
            "enrolled_since": tr("Empty: not enrolled"),
        }
        for name in ("role", "minerals", "certifications", "risk", "enrolled_since"):
            set_by = supplier.own_by.get(name)
            text = _set_by(set_by) if set_by else automatic.get(name, "")
            self.hints[name].setText(text)
            self.hints[name].setVisible(bool(text))
        for name, button in self.again.items():
            button.setVisible(name in supplier.own)
        self.hints["note"].hide()

    def _save(self, field: str, value: Any, extra: dict[str, Any] | None = None) -> bool:
        values = {field: value, **(extra or {})}
        return self._record(field, lambda key: self.inbox.set_supplier(key, values))

    def _record(self, field: str, save: Callable[[str], Supplier]) -> bool:
        if self.supplier is None:
            return False
        try:
            save(self.supplier.key)
            supplier = self.inbox.supplier(self.supplier.key)
        except UserError as error:
            self.errors[field].setText(refusal_text(error))
            self.errors[field].show()
            return False
        self.show_supplier(supplier)
        self.saved.emit(supplier)
        return True

    def _save_risk(self) -> None:
        level = self.risk.currentData()
        if level is None:
            self._save("risk", None)
            return
        reason = self.reason.text().strip()
        if not self._save("risk", level, {"risk_reason": reason or None}) and not reason:
            self.reason.setFocus()  # refused: the reason is asked for

    def _on_reason(self) -> None:
        """A reason typed for a risk chosen by hand saves both (once it differs)."""
        if self.supplier is None or self.risk.currentData() is None:
            return
        own = self.supplier.own
        if self.reason.text().strip() != (own.get("risk_reason") or "") or (
            own.get("risk") != self.risk.currentData()
        ):
            self._save_risk()

    def _on_enrolled(self) -> None:
        day = self.enrolled.value()
        self._save("enrolled_since", day.isoformat() if day else None)

    def _add_note(self) -> None:
        text = self.note.text()
        if self._record("note", lambda key: self.inbox.add_note(key, text)):
            self.note.clear()


def _set_by(who_and_day: str) -> str:
    """Core's "amani, 2026-12-07" said as "Set by amani on 07/12/2026"."""
    who, _comma, day = who_and_day.rpartition(", ")
    return tr("Set by {who} on {date}", who=who or who_and_day, date=shown_day(day))
