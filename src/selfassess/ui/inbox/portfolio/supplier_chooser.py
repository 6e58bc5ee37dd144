"""Choosing a supplier among hundreds: a list to open, or a part of the name typed (anywhere in
it, any case) with the suppliers that fit offered underneath. Emits `chosen(key)`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from selfassess.core.inbox.suppliers import Supplier
from selfassess.ui.i18n import tr
from selfassess.ui.inbox.portfolio.words import supplier_name


class SupplierChooser(QComboBox):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        finder = QCompleter(self.model(), self)
        finder.setFilterMode(Qt.MatchFlag.MatchContains)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        finder.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(finder)
        self.currentIndexChanged.connect(self._on_index)
        self.retranslate()

    def retranslate(self) -> None:
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("Type a part of the supplier's name"))
        self.setAccessibleName(tr("Supplier"))

    def fill(self, suppliers: list[Supplier], current: str | None) -> None:
        """List `suppliers` (in their order), `current` chosen, without saying it was chosen."""
        self.blockSignals(True)
        self.clear()
        for supplier in suppliers:
            self.addItem(supplier_name(supplier), supplier.key)
        self.setCurrentIndex(self.findData(current) if current else -1)
        self.blockSignals(False)

    def select(self, key: str) -> bool:
        """Show `key` as the chosen supplier, without saying it was chosen; False if unlisted."""
        place = self.findData(key)
        if place < 0:
            return False
        self.blockSignals(True)
        self.setCurrentIndex(place)
        self.blockSignals(False)
        return True

    def current_key(self) -> str | None:
        key = self.currentData()
        return str(key) if key else None

    def _on_index(self, place: int) -> None:
        if place >= 0:
            self.chosen.emit(str(self.itemData(place)))
