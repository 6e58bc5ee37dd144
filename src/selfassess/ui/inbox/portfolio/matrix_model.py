"""The suppliers-by-criteria matrix as a table model: a row per supplier (its name in the row's
heading, which stays in sight as the columns scroll; its risk and latest pack first), a column
per red line and criterion (red lines first, as core orders them), each
cell a symbol on a colour with the status's word for tooltips and screen readers, so that the
status never rests on colour alone. Rows are read from plain lists: 500 suppliers scroll
smoothly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from selfassess.core.inbox.matrix import Column, Matrix, column_key
from selfassess.core.inbox.suppliers import Supplier
from selfassess.ui.fill.red_line_marker import red_line_icon
from selfassess.ui.i18n import tr
from selfassess.ui.inbox.portfolio.words import (
    EMPTY,
    STATUS_LOOKS,
    red_line_heading,
    risk_word,
    shown_day,
    status_word,
    supplier_name,
)

Index = QModelIndex | QPersistentModelIndex
RISK, LATEST = range(2)
FIXED = 2  # columns before the statuses
KEY_ROLE = Qt.ItemDataRole.UserRole
HIGH_RISK = QColor("#b3261e")


class MatrixModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.columns: list[Column] = []
        self.suppliers: list[Supplier] = []
        self.cells: list[list[str]] = []  # per row, each column's status ("" for none)
        self.names: list[str] = []
        self._paper = {
            s: QBrush(QColor(look.paper)) for s, look in STATUS_LOOKS.items() if look.paper
        }
        self._ink = {s: QBrush(QColor(look.ink)) for s, look in STATUS_LOOKS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    def show_matrix(self, matrix: Matrix) -> None:
        self.beginResetModel()
        self.columns = list(matrix.columns)
        keys = [column_key(column) for column in self.columns]
        self.suppliers = [row.supplier for row in matrix.rows]
        self.cells = [[row.cells.get(key, "") for key in keys] for row in matrix.rows]
        self.names = [supplier_name(supplier) for supplier in self.suppliers]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.suppliers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.columns)

    def key(self, row: int) -> str:
        return self.suppliers[row].key

    def status(self, row: int, column_id: str) -> str:
        """The status in the cell of the red line or criterion `column_id` ("" for none)."""
        for place, column in enumerate(self.columns):
            if column.id == column_id:
                return self.cells[row][place]
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == KEY_ROLE:
            return self.suppliers[row].key
        if column < FIXED:
            return self._supplier_data(row, column, role)
        return self._status_data(row, column - FIXED, role)

    def _supplier_data(self, row: int, column: int, role: int) -> Any:
        supplier = self.suppliers[row]
        latest = supplier.latest
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RISK:
                return risk_word(supplier.risk)
            return shown_day(latest.assessed_on) if latest else EMPTY
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == RISK:
                return risk_word(supplier.risk)
            return shown_day(latest.assessed_on) if latest else tr("No pack yet")
        if role == Qt.ItemDataRole.ForegroundRole and column == RISK and supplier.risk == "high":
            return QBrush(HIGH_RISK)
        if role == Qt.ItemDataRole.FontRole and column == RISK and supplier.risk == "high":
            return self._bold
        return None

    def _supplier_heading(self, row: int, role: int) -> Any:
        if not 0 <= row < len(self.suppliers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.names[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.names[row]}\n{self.suppliers[row].key}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _status_data(self, row: int, place: int, role: int) -> Any:
        status = self.cells[row][place]
        look = STATUS_LOOKS.get(status)
        if look is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return look.symbol
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return status_word(status)
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self.columns[place]
            return f"{self.names[row]}\n{column.id} {column.title}\n{status_word(status)}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._paper.get(status)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._ink[status]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self._supplier_heading(section, role)
        if section < FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                return (tr("Risk"), tr("Latest pack"))[section]
            return None
        column = self.columns[section - FIXED]
        if role == Qt.ItemDataRole.DisplayRole:
            return _heading(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = _kind_word(column)
            return tr("{label}: {value}", label=f"{kind} {column.id}", value=column.title)
        if role == Qt.ItemDataRole.DecorationRole and column.red_line:
            return red_line_icon()
        return None


def _kind_word(column: Column) -> str:
    if column.kind == "red_line":
        return tr("Red line")
    return tr("Red-line criterion") if column.red_line else tr("Criterion")


def _heading(column: Column) -> str:
    """A criterion's id (B1.2); a red line's name, short, on two lines, in the interface
    language (its full title, in the pack's language, is the tooltip)."""
    if column.kind != "red_line":
        return column.id
    return red_line_heading(column.id)
