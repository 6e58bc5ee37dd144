"""Suppliers by criteria: each supplier's latest pack in a row, red lines first, every status a
symbol on a colour (the legend under the table says each in words), filtered by mineral, country,
risk and certification (the lists hold what the portfolio holds). Double-click or Enter on a row
asks for that supplier's page (`supplier_chosen`). The matrix is read off the interface
thread."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.inbox.matrix import Filters, Matrix
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.suppliers import Portfolio
from selfassess.core.inbox.values import CERTIFICATIONS, MINERALS, RISKS
from selfassess.core.profile import CERTIFICATIONS as CERTIFICATION_NAMES
from selfassess.core.profile import MINERALS as MINERAL_NAMES
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.inbox.portfolio.background import BackgroundRead
from selfassess.ui.inbox.portfolio.matrix_model import FIXED, LATEST, RISK, MatrixModel
from selfassess.ui.inbox.portfolio.words import STATUS_LOOKS, risk_word, status_word
from selfassess.ui.widgets.date_field import ERROR_STYLE

FILTERS = ("mineral", "country", "risk", "certification")
RISK_CHOICES = (*RISKS, "unknown")
LEGEND = (
    ("meets", "not_breached"),
    ("partially_meets",),
    ("does_not_meet", "breached"),
    ("incomplete", "not_verified"),
    ("not_applicable",),
)


class MatrixView(QTableView):
    """The table; `row_chosen(row)` on a double-click or Enter."""

    row_chosen = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_chosen.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.row_chosen.emit(index.row())
            return
        super().mouseDoubleClickEvent(event)


class MatrixPage(QWidget):
    supplier_chosen = Signal(str)

    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.found: Portfolio | None = None
        self.loaded = False
        self.read = BackgroundRead(self)
        self.boxes = {name: QComboBox() for name in FILTERS}
        for box in self.boxes.values():
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            box.activated.connect(lambda _index: self._read_matrix())
        self.shown = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = MatrixModel()
        self.view = MatrixView()
        self.view.setModel(self.model)
        self.view.row_chosen.connect(lambda row: self.supplier_chosen.emit(self.model.key(row)))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self._set_up_view()
        self._lay_out()
        self.retranslate()

    def _set_up_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = view.verticalHeader()  # the suppliers' names, in sight as the columns scroll
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows.setMaximumWidth(view.fontMetrics().horizontalAdvance("M") * 22)
        rows.sectionDoubleClicked.connect(view.row_chosen)
        view.setCornerButtonEnabled(False)
        columns = view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setDefaultSectionSize(view.fontMetrics().horizontalAdvance("B10.10") + 34)
        columns.setHighlightSections(False)

    def _lay_out(self) -> None:
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for place, box in enumerate(self.boxes.values()):
            filters.addWidget(box, 0, place)
            filters.setColumnStretch(place, 1)
        filters.addWidget(self.shown, 0, len(self.boxes))
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

    def retranslate(self) -> None:
        for name, box in self.boxes.items():
            box.setAccessibleName(self._all_of(name))
        self.view.setAccessibleName(tr("Suppliers by criteria"))
        self.legend.setText(_legend())
        if self.found is not None:
            self._fill_filters(self.found)
        if self.loaded:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def busy(self) -> bool:
        return self.read.busy()

    def refresh(self) -> None:
        """Read the portfolio (for the filters' lists) and the matrix again."""
        self.loaded = True
        inbox, filters = self.inbox, self.filters()
        self._say(tr("Reading the inbox…"))
        self.read.start(
            lambda: (inbox.portfolio(), inbox.matrix(filters)), self._show_all, self._failed
        )

    def filters(self) -> Filters:
        chosen = {name: box.currentData() for name, box in self.boxes.items()}
        return Filters(**{name: value or None for name, value in chosen.items()})

    def choose_filter(self, name: str, value: str | None) -> None:
        """Filter by `value` of `name` (mineral, country, risk, certification; None: all)."""
        box = self.boxes[name]
        box.setCurrentIndex(max(box.findData(value), 0))
        self._read_matrix()

    def _read_matrix(self) -> None:
        inbox, filters = self.inbox, self.filters()
        self._say(tr("Reading the inbox…"))
        self.read.start(lambda: inbox.matrix(filters), self._show_matrix, self._failed)

    def _show_all(self, result: tuple[Portfolio, Matrix]) -> None:
        self.found, matrix = result
        asked = self.filters()
        self._fill_filters(self.found)
        if self.filters() != asked:  # a value chosen is no longer in the portfolio
            self._read_matrix()
            return
        self._show_matrix(matrix)

    def _show_matrix(self, matrix: Matrix) -> None:
        self.model.show_matrix(matrix)
        header = self.view.horizontalHeader()
        for column in (RISK, LATEST):
            header.resizeSection(column, self._fixed_width(column))
        for place, shown in enumerate(matrix.columns, start=FIXED):  # its words, not cut
            if shown.kind == "red_line":
                wanted = header.sectionSizeHint(place)
                header.resizeSection(place, max(header.defaultSectionSize(), wanted))
        count = len(matrix.rows)
        self.shown.setText(tr_plural("{count} supplier", "{count} suppliers", count))
        if self.found is not None and not self.found.suppliers:
            self._say(tr("No supplier yet: import packs, or a list of your suppliers."))
        elif not count:
            self._say(tr("No supplier fits these filters."))
        else:
            self._say("")

    def _fixed_width(self, column: int) -> int:
        """As wide as the column's heading or its widest text (risk words, days)."""
        metrics = self.view.fontMetrics()
        texts = {str(self.model.headerData(column, Qt.Orientation.Horizontal))}
        texts.update(
            str(self.model.data(self.model.index(row, column)))
            for row in range(self.model.rowCount())
        )
        return max(metrics.horizontalAdvance(text) for text in texts) + 24

    def _failed(self, error: UserError) -> None:
        self._say(error.localized(language()), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setStyleSheet(ERROR_STYLE if error else "color: #555;")

    def _fill_filters(self, found: Portfolio) -> None:
        suppliers = list(found.suppliers.values())
        minerals = {m for s in suppliers for m in s.minerals}
        certifications = {c for s in suppliers for c in s.certifications}
        if any(not s.certifications for s in suppliers):
            certifications.add("none")
        risks = {s.risk or "unknown" for s in suppliers}
        choices = {
            "mineral": [(m, tr(MINERAL_NAMES[m])) for m in MINERALS if m in minerals],
            "country": [(c, c) for c in sorted({s.country for s in suppliers if s.country})],
            "risk": [(r, risk_word(r)) for r in RISK_CHOICES if r in risks],
            "certification": [
                (c, tr(CERTIFICATION_NAMES[c])) for c in CERTIFICATIONS if c in certifications
            ],
        }
        for name, box in self.boxes.items():
            chosen = box.currentData()
            box.clear()
            box.addItem(self._all_of(name), None)
            for value, label in choices[name]:
                box.addItem(label, value)
            box.setCurrentIndex(max(box.findData(chosen), 0))

    def _all_of(self, name: str) -> str:
        return {
            "mineral": tr("All minerals"),
            "country": tr("All countries"),
            "risk": tr("All risk levels"),
            "certification": tr("All certifications"),
        }[name]

    def current_key(self) -> str | None:
        index: QModelIndex = self.view.currentIndex()
        return self.model.key(index.row()) if index.isValid() else None


def _legend() -> str:
    """Each symbol with its words, and the red-line marker."""
    parts = []
    for statuses in LEGEND:
        look = STATUS_LOOKS[statuses[0]]
        words = " / ".join(escape(status_word(s)) for s in statuses)
        parts.append(f"<span style='color:{look.ink}'><b>{look.symbol}</b></span>&nbsp;{words}")
    parts.append(f"<span style='color:#b3261e'>◆</span>&nbsp;{escape(tr('Red line'))}")
    return "&nbsp;&nbsp;&nbsp; ".join(parts)
