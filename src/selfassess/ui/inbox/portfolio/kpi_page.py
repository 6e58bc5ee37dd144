"""The programme's KPIs on a day: nine tiles; under them, the chosen KPI month by month over the
last 12 months, beside the suppliers behind it (choosing one asks for its page:
`supplier_chosen(key)`). The day ("as of") and how long a pack counts as recent are chosen at
the top. The figures are read off the interface thread; the page stays usable meanwhile."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.inbox.kpis import DEFAULT_MONTHS, Kpi
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.suppliers import Portfolio
from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.portfolio.background import BackgroundRead
from selfassess.ui.inbox.portfolio.kpi_chart import KpiChart, Point
from selfassess.ui.inbox.portfolio.kpi_drill import DrillPanel
from selfassess.ui.inbox.portfolio.kpi_tiles import TileGrid
from selfassess.ui.inbox.portfolio.words import say_date_again
from selfassess.ui.widgets.date_field import ERROR_STYLE, DateField

CHART_POINTS = 12  # months


class KpiPage(QWidget):
    supplier_chosen = Signal(str)

    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.found: Portfolio | None = None
        self.kpis: dict[str, Kpi] = {}
        self.series: list[tuple[date, list[Kpi]]] = []
        self.shown_months = DEFAULT_MONTHS
        self.loaded = False
        self.figures_read = BackgroundRead(self)
        self.series_read = BackgroundRead(self)
        self.as_of_label = QLabel()
        self.as_of = DateField(date.today())
        self.as_of.date_changed.connect(self._on_day)
        self.months_label = QLabel()
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setValue(DEFAULT_MONTHS)
        self.months.valueChanged.connect(lambda _value: self.refresh())
        self.months_label.setBuddy(self.months)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tiles = TileGrid()
        self.tiles.chosen.connect(self._on_chosen)
        self.chart_title = QLabel()
        self.chart_title.setWordWrap(True)
        self.chart = KpiChart()
        self.drill = DrillPanel()
        self.drill.supplier_chosen.connect(self.supplier_chosen)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        """The choices on top, the tiles, then the chart beside the suppliers behind the chosen
        KPI; the whole page scrolls rather than clips on a 1024x600 screen."""
        controls = QHBoxLayout()
        controls.addWidget(self.as_of_label)
        controls.addWidget(self.as_of, 0, Qt.AlignmentFlag.AlignTop)
        controls.addSpacing(16)
        controls.addWidget(self.months_label)
        controls.addWidget(self.months)
        controls.addSpacing(16)
        controls.addWidget(self.status, 1)
        chart_side = QWidget()
        chart_layout = QVBoxLayout(chart_side)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_title)
        chart_layout.addWidget(self.chart, 1)
        self.lower_half = QSplitter(Qt.Orientation.Horizontal)
        self.lower_half.addWidget(chart_side)
        self.lower_half.addWidget(self.drill)
        self.lower_half.setStretchFactor(0, 3)
        self.lower_half.setStretchFactor(1, 2)
        self.lower_half.setChildrenCollapsible(False)
        self.lower_half.setMinimumHeight(190)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(controls)
        layout.addWidget(self.tiles)
        layout.addWidget(self.lower_half, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def retranslate(self) -> None:
        self.as_of_label.setText(tr("As of"))
        self.as_of.setAccessibleName(tr("As of"))
        say_date_again(self.as_of)
        self.months_label.setText(tr("Months a pack counts as recent:"))
        self.months.setAccessibleName(tr("Months a pack counts as recent:"))
        self.drill.retranslate()
        if self.loaded:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def busy(self) -> bool:
        """Figures are being read."""
        return self.figures_read.busy() or self.series_read.busy()

    def refresh(self) -> None:
        """Read the figures again (the inbox changed, or the day or the window did)."""
        self.loaded = True
        day = self.as_of.value() or date.today()
        months = self.months.value()
        inbox = self.inbox
        self._say(tr("Reading the inbox…"))
        self.chart.show_message(tr("Reading the inbox…"))
        self.figures_read.start(
            lambda: inbox.kpis(day, months),
            lambda result: self._show_figures(result, months),
            self._failed,
        )
        self.series_read.start(
            lambda: inbox.kpi_series(day, months, CHART_POINTS), self._show_series, self._failed
        )

    def choose(self, kpi_id: str) -> None:
        """Show the suppliers behind `kpi_id` and its chart (as a click on its tile does)."""
        self.tiles.choose(kpi_id)

    def _on_day(self) -> None:
        if self.as_of.value() is None:  # emptied: today again
            self.as_of.set_value(date.today())
        self.refresh()

    def _show_figures(self, result: tuple[Portfolio, list[Kpi]], months: int) -> None:
        self.found, kpis = result
        self.kpis = {kpi.id: kpi for kpi in kpis}
        self.shown_months = months
        self.tiles.show_kpis(kpis, months)
        problems = self.found.problems
        self._say(" ".join(p.text(language()) for p in problems[:3]), error=bool(problems))
        self._on_chosen(self.tiles.current)

    def _show_series(self, series: list[tuple[date, list[Kpi]]]) -> None:
        self.series = series
        self._show_chart(self.tiles.current)

    def _failed(self, error: UserError) -> None:
        self._say(error.localized(language()), error=True)
        self.chart.show_message("")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "color: #555;")

    def _on_chosen(self, kpi_id: str) -> None:
        kpi = self.kpis.get(kpi_id)
        if kpi is not None and self.found is not None:
            self.drill.show_kpi(kpi, self.found, self.shown_months)
        self._show_chart(kpi_id)

    def _show_chart(self, kpi_id: str) -> None:
        kpi = self.kpis.get(kpi_id)
        label = tr(kpi.label) if kpi else ""
        self.chart_title.setText(tr("Month by month: {kpi}", kpi=label))
        self.chart.setAccessibleName(self.chart_title.text())
        month_ends = [(day, _of(values, kpi_id)) for day, values in self.series]
        points = [Point(day, found.value) for day, found in month_ends if found is not None]
        if points:
            percent = any(f.unit == "percent" for _day, f in month_ends if f is not None)
            self.chart.show_points(points, percent=percent)


def _of(kpis: list[Kpi], kpi_id: str) -> Kpi | None:
    return next((kpi for kpi in kpis if kpi.id == kpi_id), None)
