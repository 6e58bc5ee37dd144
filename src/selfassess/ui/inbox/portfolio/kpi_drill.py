"""The suppliers behind the chosen KPI: those it counts (with their own count where the KPI adds
counts up: overdue actions, children supported), and for a percentage those in its denominator
only. Double-click or Enter on one, or the button, asks for its page (`supplier_chosen`)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.inbox.kpis import Kpi
from selfassess.core.inbox.suppliers import Portfolio
from selfassess.ui.i18n import tr
from selfassess.ui.inbox.portfolio.words import kpi_meaning, number, supplier_name

KEY = Qt.ItemDataRole.UserRole


class SupplierList(QTreeWidget):
    """The list asks for little height (it grows into what the page leaves), so that the page
    fits a netbook's screen without scrolling."""

    def sizeHint(self) -> QSize:
        return QSize(256, 96)


class DrillPanel(QWidget):
    supplier_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet("color: #555;")
        self.suppliers = SupplierList()
        self.suppliers.setHeaderHidden(True)
        self.suppliers.setRootIsDecorated(False)
        self.suppliers.setUniformRowHeights(True)
        self.suppliers.itemActivated.connect(self._on_activated)
        self.suppliers.currentItemChanged.connect(lambda *_items: self._enable_open())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meaning)
        layout.addWidget(self.suppliers, 1)
        layout.addWidget(self.open_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.open_button.setText(tr("Open the supplier's page"))
        self.suppliers.setAccessibleName(tr("Suppliers behind it"))
        self.suppliers.setToolTip(tr("Double-click a supplier to open its page."))
        self._enable_open()

    def show_kpi(self, kpi: Kpi, found: Portfolio, months: int) -> None:
        self.title.setText(tr("Suppliers behind it: {kpi}", kpi=tr(kpi.label)))
        self.meaning.setText(kpi_meaning(kpi.id, months))
        self.suppliers.clear()
        self.suppliers.setRootIsDecorated(False)
        counted = [self._item(found, key, kpi.per_supplier.get(key)) for key in kpi.counted]
        if kpi.unit == "percent":
            self._group(tr("Counted: {count}", count=len(counted)), counted)
            others = [self._item(found, key, None) for key in kpi.not_counted]
            self._group(tr("Not counted: {count}", count=len(others)), others)
        else:
            self.suppliers.addTopLevelItems(counted)
        if not kpi.counted and not kpi.not_counted:
            empty = QTreeWidgetItem([tr("No supplier behind this figure.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suppliers.addTopLevelItem(empty)
        self._enable_open()

    def keys(self) -> list[str]:
        """The suppliers listed, in order (for a reader of the list, and for tests)."""
        found = []
        walker = QTreeWidgetItemIterator(self.suppliers)
        while walker.value() is not None:
            key = walker.value().data(0, KEY)
            if key:
                found.append(str(key))
            walker += 1
        return found

    def _group(self, heading: str, items: list[QTreeWidgetItem]) -> None:
        group = QTreeWidgetItem([heading])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(items)
        self.suppliers.setRootIsDecorated(True)
        self.suppliers.addTopLevelItem(group)
        group.setExpanded(True)

    def _item(self, found: Portfolio, key: str, count: int | None) -> QTreeWidgetItem:
        supplier = found.suppliers.get(key)
        name = supplier_name(supplier) if supplier else key
        text = (
            tr("{label}: {value}", label=name, value=number(count, 0))
            if count is not None
            else name
        )
        item = QTreeWidgetItem([text])
        item.setData(0, KEY, key)
        item.setToolTip(0, text)  # the whole name, where the list is too narrow for it
        return item

    def _enable_open(self) -> None:
        current = self.suppliers.currentItem()
        self.open_button.setEnabled(current is not None and bool(current.data(0, KEY)))

    def _open_current(self) -> None:
        current = self.suppliers.currentItem()
        if current is not None:
            self._on_activated(current)

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, KEY)
        if key:
            self.supplier_chosen.emit(str(key))
