"""The read-only lists of the programme dialogs (certificates issued, programmes trusted): one
row selected at a time, each row keeping what it stands for, columns fitted to their text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

ROW_DATA = Qt.ItemDataRole.UserRole


def read_only_table(headers: Sequence[str], stretch: int) -> QTableWidget:
    """A table with `headers`; column `stretch` takes the width left over."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: Sequence[tuple[Any, Sequence[str]]]) -> None:
    """One row per (what it stands for, its cells); the selection is cleared."""
    table.clearSelection()
    table.setRowCount(len(rows))
    for row, (data, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 0:
                item.setData(ROW_DATA, data)
            table.setItem(row, column, item)


def select(table: QTableWidget, data: Any) -> None:
    """Select the row that stands for `data`, if there is one."""
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(ROW_DATA) == data:
            table.selectRow(row)
            return


def selected(table: QTableWidget) -> Any:
    """What the selected row stands for; None when no row is selected."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else item.data(ROW_DATA)
