"""The plan's due dates: edited in the table with the app's date editor (typed in the interface
language's order or ISO, or picked from the calendar), shown in that order, saved as ISO.

A date that is none stays in its cell as typed, in red, with the refusal in the interface
language just under the cell (never in a window of its own), and nothing is saved until it is
a day. The refusal steps aside while another cell is worked on (it would cover it) and comes
back with its cell; the cell keeps it as its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from selfassess.core.dates.typed import DateRefused, format_typed, parse_typed
from selfassess.core.errors import UserError
from selfassess.ui.i18n import language
from selfassess.ui.widgets.date_field import ERROR_STYLE, DateLineEdit

RED = QColor("#b3261e")
Index = QModelIndex | QPersistentModelIndex


def shown_due(due: str | None) -> str:
    """A stored due date (ISO) as the reader writes dates; empty for none."""
    if not due:
        return ""
    try:
        return format_typed(date.fromisoformat(due), language())
    except ValueError:
        return due


class DueDateDelegate(QStyledItemDelegate):
    """The due-date cell's editor: the app's date line; a day picked is entered at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        del option, index
        editor = DateLineEdit(parent)
        editor.setFrame(False)
        editor.picked.connect(lambda _day: self._entered(editor))
        return editor

    def _entered(self, editor: DateLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Wide enough for a date typed and the calendar button."""
        hint = super().sizeHint(option, index)
        return hint.expandedTo(QSize(DateLineEdit().minimumWidth(), hint.height()))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, DateLineEdit)
        model.setData(index, editor.text().strip(), Qt.ItemDataRole.EditRole)


class CellMessage(QLabel):
    """A refusal shown just under a cell, moving with it as the table scrolls."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table.viewport())
        self.table = table
        self.setObjectName("due-date-error")
        self.setWordWrap(True)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"QLabel {{ {ERROR_STYLE} background: #fff4f2; border: 1px solid #b3261e;"
            " padding: 3px; }"
        )
        self.hide()
        table.model().rowsRemoved.connect(lambda *_args: self.hide())
        table.model().modelReset.connect(self.hide)

    def show_under(self, item: QTableWidgetItem, text: str) -> None:
        cell = self.table.visualItemRect(item)
        viewport = self.table.viewport().rect()
        self.setText(text)
        self.setFixedWidth(min(max(cell.width(), 360), viewport.width()))
        self.adjustSize()
        x = max(0, min(cell.left(), viewport.width() - self.width()))
        below = cell.bottom() + 1
        y = below if below + self.height() <= viewport.bottom() else cell.top() - self.height()
        self.move(x, max(0, y))
        self.show()
        self.raise_()


class DueDates(QObject):
    """The due-date column of a plan table: its editor, and what a cell edited there does.
    `save(action_id, iso_or_none)` stores the day; a UserError from it is shown at the cell."""

    def __init__(
        self, table: QTableWidget, column: int, save: Callable[[int, str | None], None]
    ) -> None:
        super().__init__(table)
        self.table, self.column, self.save = table, column, save
        self.delegate = DueDateDelegate(table)
        table.setItemDelegateForColumn(column, self.delegate)
        self.message = CellMessage(table)
        self.refused = QPersistentModelIndex()
        self.just_refused = False  # the refusal of the edit that moved the current cell
        table.currentCellChanged.connect(self._follow_current)

    def edited(self, item: QTableWidgetItem) -> None:
        """A cell of the column changed: save its day, or say at the cell why it is none."""
        try:
            day = parse_typed(item.text(), language())
            self.save(item.data(Qt.ItemDataRole.UserRole), day.isoformat() if day else None)
        except DateRefused as refused:
            self._refuse(item, refused.localized(language()))
            return
        except UserError as error:
            self._refuse(item, error.localized(language()))
            return
        self.message.hide()
        self.refused = QPersistentModelIndex()
        self._quietly(item, "" if day is None else format_typed(day, language()), None)

    def _refuse(self, item: QTableWidgetItem, text: str) -> None:
        self._quietly(item, item.text(), RED)
        item.setToolTip(text)
        self.refused = QPersistentModelIndex(self.table.indexFromItem(item))
        self.message.show_under(item, text)
        self.just_refused = True
        QTimer.singleShot(0, self._settled)

    def _settled(self) -> None:
        self.just_refused = False

    def _follow_current(self, row: int, column: int, *_previous: int) -> None:
        """The refusal is shown while its cell is the current one."""
        if self.just_refused:  # the click that left the cell entered it: say why not
            return
        refused = self.refused
        item = self.table.item(row, column)
        if refused.isValid() and (refused.row(), refused.column()) == (row, column) and item:
            self.message.show_under(item, item.toolTip())
        else:
            self.message.hide()

    def _quietly(self, item: QTableWidgetItem, text: str, colour: QColor | None) -> None:
        """Change the cell without it counting as another edit."""
        blocked = self.table.blockSignals(True)
        try:
            item.setText(text)
            item.setData(Qt.ItemDataRole.ForegroundRole, colour)
            if colour is None:
                item.setToolTip("")
        finally:
            self.table.blockSignals(blocked)
