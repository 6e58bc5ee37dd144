"""One KPI month by month: a bar for each month's end (the last: the day asked about), its value
written above it, months named under the bars in the interface language, and a scale at the
left (0 to 100 % for a percentage). Drawn with QPainter: Qt Charts is not in the Qt the app
ships."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.portfolio.words import EMPTY, number

BAR = QColor("#2f6f5a")
LAST_BAR = QColor("#1f4f40")
GRID = QColor("#dddddd")
TICKS = 4


@dataclass(frozen=True)
class Point:
    day: date
    value: float | None  # None: a percentage with nobody to count that month


class KpiChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Point] = []
        self.percent = False
        self.message = ""
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        """No taller than it must be: the page then fits a netbook without scrolling (the
        chart grows into whatever room a larger screen leaves)."""
        return QSize(560, 150)

    def show_points(self, points: list[Point], *, percent: bool) -> None:
        self.points, self.percent, self.message = points, percent, ""
        described = "; ".join(
            tr("{label}: {value}", label=f"{_month(p.day)} {p.day.year}", value=self.value_text(p))
            for p in points
        )
        self.setAccessibleDescription(described)
        self.update()

    def show_message(self, message: str) -> None:
        """A sentence instead of the bars (reading the inbox, or it could not be read)."""
        self.points, self.message = [], message
        self.update()

    def value_text(self, point: Point) -> str:
        if point.value is None:
            return EMPTY
        text = number(point.value)
        return tr("{percent}%", percent=text) if self.percent else text

    def top(self) -> float:
        """The scale's top: 100 for a percentage, else a round number above every value."""
        if self.percent:
            return 100.0
        highest = max((p.value or 0 for p in self.points), default=0)
        step = _round_step(highest / TICKS) if highest > 0 else 1.0
        return step * TICKS

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().text().color()
        painter.setPen(ink)
        if self.message or not self.points:
            painter.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message,
            )
            painter.end()
            return
        plot = self._plot_area(QFontMetricsF(self.font()))
        self._draw_scale(painter, plot, ink)
        self._draw_bars(painter, plot, ink)
        painter.end()

    def _plot_area(self, metrics: QFontMetricsF) -> QRectF:
        widest = max(metrics.horizontalAdvance(self._tick_text(t)) for t in self._ticks())
        line = metrics.height()
        left = widest + 10
        return QRectF(left, line + 6, self.width() - left - 6, self.height() - 3 * line - 10)

    def _ticks(self) -> list[float]:
        top = self.top()
        return [top * step / TICKS for step in range(TICKS + 1)]

    def _tick_text(self, value: float) -> str:
        text = number(value, 0 if value >= 10 else 1)
        return tr("{percent}%", percent=text) if self.percent else text

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * value / self.top()

    def _draw_scale(self, painter: QPainter, plot: QRectF, ink: QColor) -> None:
        for tick in self._ticks():
            y = self._y(plot, tick)
            painter.setPen(QPen(GRID if tick else ink, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, y - 10, plot.left() - 6, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._tick_text(tick),
            )
        painter.drawLine(plot.topLeft(), plot.bottomLeft())

    def _draw_bars(self, painter: QPainter, plot: QRectF, ink: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        slot = plot.width() / len(self.points)
        for place, point in enumerate(self.points):
            left = plot.left() + place * slot
            last = place == len(self.points) - 1
            top = self._y(plot, point.value or 0)
            if point.value:
                bar = QRectF(left + slot * 0.18, top, slot * 0.64, plot.bottom() - top)
                painter.fillRect(bar, LAST_BAR if last else BAR)
            text = self.value_text(point)
            if last or metrics.horizontalAdvance(text) <= slot - 2:
                painter.setPen(ink)
                painter.drawText(
                    QRectF(left - slot, top - line - 2, 3 * slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    text,
                )
            self._draw_month(painter, QRectF(left, plot.bottom() + 3, slot, line), point, place)

    def _draw_month(self, painter: QPainter, where: QRectF, point: Point, place: int) -> None:
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        month = _month(point.day)
        if QFontMetricsF(self.font()).horizontalAdvance(month) > where.width() + 4:
            month = month[:1]
        painter.drawText(where, centre, month)
        if place == 0 or point.day.month == 1:
            below = where.translated(0, where.height())
            painter.drawText(below.adjusted(-20, 0, 20, 0), centre, str(point.day.year))


def _month(day: date) -> str:
    """The month's short name in the interface language (janv., Feb, Jan)."""
    return QLocale(language()).monthName(day.month, QLocale.FormatType.ShortFormat)


def _round_step(rough: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50… at least `rough` (and at least 1: counts are whole)."""
    if rough <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return float(factor * power)
    return float(10 * power)
