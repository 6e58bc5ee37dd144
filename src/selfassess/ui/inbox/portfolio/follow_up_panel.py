"""The actions of a supplier's latest plan with the buyer's follow-up: each action, the supplier's
own status, the day it is due (the day agreed with the buyer, else the plan's) with "Overdue" in
words on a red row when it has passed, and the buyer's follow-up. Under the table, the selected
action's follow-up is recorded: accepted, challenged (saying what is asked instead) or verified
done, with a due day agreed (`Inbox.follow_up`); a refusal is shown at its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.i18n import N_
from selfassess.core.inbox.followup import STATES, ActionView
from selfassess.core.inbox.history import SupplierPage
from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.portfolio.words import say_date_again, shown_day
from selfassess.ui.widgets.date_field import ERROR_STYLE, DateField

ACTION_STATUSES = {"open": N_("To do"), "in_progress": N_("In progress"), "done": N_("Done")}
NUMBER, CRITERION, TEXT, STATUS, DUE, FOLLOW_UP = range(6)
OVERDUE_ROW, OVERDUE_INK = QColor("#fbe3e1"), QColor("#b3261e")
NEEDS_A_NOTE = "say what is asked instead when an action is challenged (--note)"
Record = Callable[[int, str, str | None, str | None], SupplierPage]


class FollowUpPanel(QWidget):
    """`record(action, state, note, due)` saves a follow-up and gives the page again."""

    recorded = Signal(object)  # the supplier's page, read again

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.views: list[ActionView] = []
        self.as_of = date.today()
        self.table = QTableWidget(0, 6)
        self._set_up_table()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.states = QButtonGroup(self)
        self.buttons = {state: QRadioButton() for state in STATES}
        for button in self.buttons.values():
            self.states.addButton(button)
        self.state_error, self.note_error = _error_label(), _error_label()
        self.note_label, self.due_label = QLabel(), QLabel()
        self.note = QLineEdit()
        self.due = DateField()
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self._record)
        for line in (self.note, self.due.line):  # Enter records, as the button does
            line.returnPressed.connect(self._record)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #555;")
        self._lay_out()
        self.retranslate()
        self._show_editor(None)

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # as columns widen
        header = table.horizontalHeader()
        for column in (NUMBER, CRITERION, STATUS, DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FOLLOW_UP, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FOLLOW_UP, 220)
        table.itemSelectionChanged.connect(self._on_selected)

    def _lay_out(self) -> None:
        states = QHBoxLayout()
        for button in self.buttons.values():
            states.addWidget(button)
        states.addStretch(1)
        editor = QGridLayout()
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addWidget(self.heading, 0, 0, 1, 3)
        editor.addLayout(states, 1, 0, 1, 2)
        editor.addWidget(self.state_error, 2, 0, 1, 3)
        editor.addWidget(self.note_label, 3, 0)
        editor.addWidget(self.note, 3, 1, 1, 2)
        editor.addWidget(self.note_error, 4, 1, 1, 2)
        editor.addWidget(self.due_label, 5, 0)
        editor.addWidget(self.due, 5, 1)
        editor.addWidget(self.record_button, 5, 2)  # after what it records, as Tab goes
        editor.addWidget(self.history, 6, 0, 1, 3)
        editor.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        QWidget.setTabOrder(self.note, self.due)
        QWidget.setTabOrder(self.due, self.record_button)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                tr("No."),
                tr("Criterion"),
                tr("Action"),
                tr("Supplier's status"),
                tr("Due"),
                tr("Buyer's follow-up"),
            ]
        )
        for state, button in self.buttons.items():
            button.setText(tr(STATES[state]))
        self.note_label.setText(tr("Note"))
        self.note_label.setBuddy(self.note)
        self.note.setPlaceholderText(tr("What you ask instead (needed when you challenge it)"))
        self.due_label.setText(tr("Due day agreed"))
        self.due_label.setBuddy(self.due)
        self.due.setAccessibleName(tr("Due day agreed"))
        say_date_again(self.due)
        self.record_button.setText(tr("Record"))
        if self.views:
            self._fill_table()
            self._on_selected()

    def show_page(self, page: SupplierPage, as_of: date) -> None:
        """Show the actions of `page`, keeping the selected action selected."""
        kept = self.current_action()
        self.views, self.as_of = list(page.actions), as_of
        self._fill_table()
        row = next((r for r, v in enumerate(self.views) if v.action.get("id") == kept), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_editor(self.views[row] if row >= 0 else None)

    def overdue(self) -> int:
        return sum(1 for view in self.views if view.overdue(self.as_of))

    def current_action(self) -> int | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.views) or not self.table.selectedItems():
            return None
        number = self.views[row].action.get("id")
        return number if isinstance(number, int) else None

    def choose_action(self, number: int) -> None:
        for row, view in enumerate(self.views):
            if view.action.get("id") == number:
                self.table.selectRow(row)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            items = [QTableWidgetItem(text) for text in self._cells(view)]
            for column, item in enumerate(items):
                self.table.setItem(row, column, item)
            if view.overdue(self.as_of):
                _mark_overdue(items)
            follow = view.follow_up
            if follow is not None:
                items[FOLLOW_UP].setToolTip(
                    tr("Recorded by {who} on {date}", who=follow.by, date=shown_day(follow.day))
                )
            items[TEXT].setToolTip(str(view.action.get("text") or ""))
        self.table.blockSignals(False)

    def _cells(self, view: ActionView) -> list[str]:
        action = view.action
        status = str(action.get("status") or "")
        due = shown_day(view.due) or "—"
        if view.overdue(self.as_of):
            due = f"{due} · {tr('Overdue')}"
        follow = view.follow_up
        followed = tr("No follow-up yet")
        if follow is not None:
            followed = tr(STATES[follow.state])
            if follow.note:
                followed = tr("{label}: {value}", label=followed, value=follow.note)
        return [
            str(action.get("id") or ""),
            str(action.get("criterion") or ""),
            str(action.get("text") or ""),
            tr(ACTION_STATUSES[status]) if status in ACTION_STATUSES else status,
            due,
            followed,
        ]

    def _on_selected(self) -> None:
        row = self.table.currentRow()
        chosen = self.table.selectedItems() and 0 <= row < len(self.views)
        self._show_editor(self.views[row] if chosen else None)

    def _show_editor(self, view: ActionView | None) -> None:
        """The follow-up of `view`'s action, ready to change (nothing chosen: a hint)."""
        usable = view is not None and isinstance(view.action.get("id"), int)
        for widget in (*self.buttons.values(), self.note, self.due, self.record_button):
            widget.setEnabled(usable)
        for label in (self.state_error, self.note_error):
            label.hide()
        self.states.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.states.setExclusive(True)
        if view is None or not usable:
            self.heading.setText(tr("Choose an action in the list to record your follow-up."))
            self.note.clear()
            self.due.set_value(None)
            self.history.clear()
            return
        action = view.action
        self.heading.setText(
            f"<b>{tr('Follow-up of action {number}', number=action.get('id'))}</b> "
            f"({action.get('criterion') or ''})"
        )
        follow = view.follow_up
        if follow is not None:
            self.buttons[follow.state].setChecked(True)
        self.note.setText(follow.note or "" if follow else "")
        agreed = follow.due if follow else None
        self.due.set_value(date.fromisoformat(agreed) if agreed else None)
        self.history.setText(
            "; ".join(
                tr(
                    "{state} on {date} by {who}",
                    state=tr(STATES[f.state]),
                    date=shown_day(f.day),
                    who=f.by,
                )
                for f in view.history
            )
        )

    def _record(self) -> None:
        number = self.current_action()
        if number is None or not self.due.commit():
            return
        chosen = next((s for s, b in self.buttons.items() if b.isChecked()), None)
        self.state_error.setVisible(chosen is None)
        self.state_error.setText(tr("Choose: accepted, challenged or verified done."))
        if chosen is None:
            return
        due = self.due.value()
        try:
            page = self.record(number, chosen, self.note.text(), due.isoformat() if due else None)
        except UserError as error:
            needs_note = error.message_id == NEEDS_A_NOTE
            self.note_error.setText(
                tr("Say what you ask instead when you challenge an action.")
                if needs_note
                else error.localized(language())
            )
            self.note_error.show()
            if needs_note:
                self.note.setFocus()
            return
        self.show_page(page, self.as_of)
        self.recorded.emit(page)


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _mark_overdue(items: list[QTableWidgetItem]) -> None:
    """A red row, and the due day in bold red (its text says "Overdue" too)."""
    for item in items:
        item.setBackground(QBrush(OVERDUE_ROW))
    due = items[DUE]
    due.setForeground(QBrush(OVERDUE_INK))
    font = due.font()
    font.setBold(True)
    due.setFont(font)
