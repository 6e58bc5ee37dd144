"""The nine KPIs as tiles, three by three: each its figure large, its name in the interface
language, "2 of 3" under a percentage, and a plain sentence where a percentage has nobody to
count. A tile is chosen by a click, Space or Enter; the chosen one is framed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from selfassess.core.inbox.kpis import KPI_IDS, LABELS, Kpi
from selfassess.ui.i18n import tr
from selfassess.ui.inbox.portfolio.words import EMPTY, kpi_detail, kpi_meaning, kpi_value

COLUMNS = 3
ALERTS = ("red_line_breaches", "overdue_actions")  # a figure above 0 asks for attention
TILE_STYLE = """
QFrame#kpi-tile { border: 1px solid #c4c4c4; border-radius: 6px; background: palette(base); }
QFrame#kpi-tile:focus { border: 2px solid #5b8def; }
QFrame#kpi-tile[chosen="true"] { border: 2px solid #1f5f4a; background: #e8f3ee; }
"""


class KpiTile(QFrame):
    """One KPI; emits `clicked(kpi_id)`."""

    clicked = Signal(str)

    def __init__(self, kpi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi_id = kpi_id
        self.setObjectName("kpi-tile")
        self.setProperty("chosen", False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = QLabel(EMPTY)
        self.value.setObjectName("kpi-value")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.name = QLabel(tr(LABELS[kpi_id]))
        self.name.setWordWrap(True)
        self.name.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.detail = QLabel()
        self.detail.setObjectName("kpi-detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #555;")
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.value, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.name, 0, 1)
        layout.addWidget(self.detail, 1, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        for label in (self.value, self.name, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_kpi(self, kpi: Kpi, months: int) -> None:
        self.value.setText(kpi_value(kpi))
        alert = kpi.id in ALERTS and bool(kpi.value)
        self.value.setStyleSheet("color: #b3261e;" if alert else "")
        self.name.setText(tr(kpi.label))
        detail = kpi_detail(kpi)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setToolTip(kpi_meaning(kpi.id, months))
        self.setAccessibleName(tr("{label}: {value}", label=tr(kpi.label), value=self.value.text()))
        self.setAccessibleDescription(" ".join(filter(None, (detail, self.toolTip()))))

    def set_chosen(self, chosen: bool) -> None:
        self.setProperty("chosen", chosen)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.clicked.emit(self.kpi_id)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit(self.kpi_id)
            return
        super().keyPressEvent(event)


class TileGrid(QWidget):
    """The nine tiles; `chosen(kpi_id)` when one is clicked."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TILE_STYLE)
        self.tiles = {kpi_id: KpiTile(kpi_id) for kpi_id in KPI_IDS}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for place, tile in enumerate(self.tiles.values()):
            layout.addWidget(tile, place // COLUMNS, place % COLUMNS)
            tile.clicked.connect(self.choose)
        for column in range(COLUMNS):
            layout.setColumnStretch(column, 1)
        self.current = KPI_IDS[0]
        self.tiles[self.current].set_chosen(True)

    def show_kpis(self, kpis: list[Kpi], months: int) -> None:
        for kpi in kpis:
            if kpi.id in self.tiles:
                self.tiles[kpi.id].show_kpi(kpi, months)

    def choose(self, kpi_id: str) -> None:
        """Frame the tile of `kpi_id` and say it was chosen."""
        self.tiles[self.current].set_chosen(False)
        self.current = kpi_id
        self.tiles[kpi_id].set_chosen(True)
        self.chosen.emit(kpi_id)
