"""The marker of a red-line criterion: a red diamond, drawn once (no image file to ship), and a
blank of the same size so that every criterion's text starts at the same place."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

RED_LINE_COLOUR = "#b3261e"
SIZE = 16


@cache
def red_line_icon() -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(RED_LINE_COLOUR))
    middle, reach = SIZE / 2, SIZE / 2 - 2
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(middle, middle - reach),
                QPointF(middle + reach, middle),
                QPointF(middle, middle + reach),
                QPointF(middle - reach, middle),
            ]
        )
    )
    painter.end()
    return QIcon(pixmap)


@cache
def blank_icon() -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
