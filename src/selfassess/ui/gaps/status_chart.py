"""A stacked bar per pillar of how many criteria meet, partly meet, do not meet, are incomplete or
do not apply."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from selfassess.core.gaps.results import StatusCounts
from selfassess.core.i18n import N_
from selfassess.ui.i18n import tr

BANDS = (
    ("meets", N_("Met"), "#2e7d32"),
    ("partially_meets", N_("Partly met"), "#f9a825"),
    ("does_not_meet", N_("Not met"), "#c62828"),
    ("incomplete", N_("Incomplete"), "#9e9e9e"),
    ("not_applicable", N_("Does not apply"), "#e0e0e0"),
)


class StatusChart(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, StatusCounts]] = []
        self.setMinimumHeight(120)

    def set_rows(self, rows: list[tuple[str, StatusCounts]]) -> None:
        self.rows = rows
        self.setMinimumHeight(28 + 24 * len(rows))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 28 + 24 * len(self.rows))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = painter.fontMetrics()
        label_width = 12 + max(
            (metrics.horizontalAdvance(label) for label, _c in self.rows), default=80
        )
        label_width = min(label_width, self.width() // 2)
        top = 4
        width = max(self.width() - label_width - 10, 50)
        for index, (label, counts) in enumerate(self.rows):
            y = top + index * 24
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, y, label_width - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            total = sum(getattr(counts, key) for key, _name, _color in BANDS) or 1
            x = float(label_width)
            for key, _name, color in BANDS:
                share = getattr(counts, key) / total
                if share:
                    painter.fillRect(QRectF(x, y + 2, width * share, 16), QColor(color))
                    x += width * share
        y = top + len(self.rows) * 24 + 2
        x = float(label_width)
        for _key, name, color in BANDS:
            painter.fillRect(QRectF(x, y + 4, 10, 10), QColor(color))
            painter.setPen(self.palette().text().color())
            text = tr(name)
            advance = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(
                QRectF(x + 14, y, advance + 4, 18), Qt.AlignmentFlag.AlignVCenter, text
            )
            x += 24 + advance
        painter.end()
