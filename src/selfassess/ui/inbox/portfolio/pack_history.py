"""A supplier's packs over time, the latest on top: the day each was declared, its revision (and
whether a later revision supersedes it), and how many criteria improved and regressed since the
pack before; unfolded, each criterion that moved, from what status to what status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from selfassess.core.inbox.history import CriterionMove, PackEntry
from selfassess.ui.i18n import tr, tr_plural
from selfassess.ui.inbox.portfolio.words import shown_day, status_word

DAY, REVISION, IMPROVED, REGRESSED = range(4)
UP, DOWN = "▲", "▼"
GREEN, RED, GREY = QColor("#1b5e20"), QColor("#b3261e"), QColor("#777777")


class PackHistory(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        header = self.header()
        header.setStretchLastSection(False)
        for column in (DAY, REVISION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (IMPROVED, REGRESSED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([tr("Declared on"), tr("Revision"), tr("Improved"), tr("Regressed")])
        self.setAccessibleName(tr("Packs over time"))

    def show_packs(self, packs: list[PackEntry]) -> None:
        self.clear()
        for place, entry in enumerate(reversed(packs)):
            first = place == len(packs) - 1
            item = self._entry_item(entry, first)
            self.addTopLevelItem(item)
            item.setExpanded(item.childCount() <= 6)  # once in the tree, or it stays folded
        if not packs:
            empty = QTreeWidgetItem([tr("No pack yet")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(empty)

    def _entry_item(self, entry: PackEntry, first: bool) -> QTreeWidgetItem:
        row = entry.row
        revision = str(row.revision) if row.revision is not None else ""
        if entry.superseded:
            revision = tr("{revision}, replaced by a later revision", revision=revision)
        item = QTreeWidgetItem([shown_day(row.assessed_on), revision, "", ""])
        if first:
            item.setText(IMPROVED, tr("First pack: nothing to compare with"))
            item.setForeground(IMPROVED, QBrush(GREY))
        else:
            self._moves(item, IMPROVED, entry.improved, UP, GREEN)
            self._moves(item, REGRESSED, entry.regressed, DOWN, RED)
        if entry.superseded:
            for column in range(self.columnCount()):
                item.setForeground(column, QBrush(GREY))
        item.setToolTip(DAY, row.signer or "")
        for move in (*entry.improved, *entry.regressed):
            child = QTreeWidgetItem(["", "", "", ""])
            column, mark, colour = (
                (IMPROVED, UP, GREEN) if move in entry.improved else (REGRESSED, DOWN, RED)
            )
            child.setText(column, f"{mark} {_moved(move)}")
            child.setForeground(column, QBrush(colour))
            child.setToolTip(column, child.text(column))
            item.addChild(child)
        return item

    def _moves(
        self,
        item: QTreeWidgetItem,
        column: int,
        moves: tuple[CriterionMove, ...],
        mark: str,
        colour: QColor,
    ) -> None:
        if not moves:
            item.setText(column, tr("No criterion"))
            item.setForeground(column, QBrush(GREY))
            return
        if column == IMPROVED:
            text = tr_plural("{count} criterion improved", "{count} criteria improved", len(moves))
        else:
            text = tr_plural(
                "{count} criterion regressed", "{count} criteria regressed", len(moves)
            )
        item.setText(column, f"{mark} {text}")
        item.setForeground(column, QBrush(colour))


def _moved(move: CriterionMove) -> str:
    """A criterion that moved, such as: B1.2 Child labour: Not met → Met."""
    moved = f"{status_word(move.before)} → {status_word(move.after)}"
    return tr("{label}: {value}", label=f"{move.criterion} {move.title}", value=moved)
