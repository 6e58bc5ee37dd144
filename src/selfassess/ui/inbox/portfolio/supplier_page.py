"""One supplier's page: chosen from a list that finds a name as it is typed; who it is and its
latest pack; then, a tab each, the buyer's own values and notes, its packs over time (improved
and regressed criteria), and the actions of its latest plan with the buyer's follow-up. "Export
requests…" writes what the buyer asks of it (when core offers it: `requests_export`)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import NotFound, UserError
from selfassess.core.inbox.history import SupplierPage as SupplierRecord
from selfassess.core.inbox.service import Inbox
from selfassess.core.inbox.suppliers import Supplier
from selfassess.ui.accents import keep_accents
from selfassess.ui.i18n import language, tr
from selfassess.ui.inbox.portfolio.follow_up_panel import FollowUpPanel
from selfassess.ui.inbox.portfolio.pack_history import PackHistory
from selfassess.ui.inbox.portfolio.requests_export import export_requests, requests_exporter
from selfassess.ui.inbox.portfolio.supplier_chooser import SupplierChooser
from selfassess.ui.inbox.portfolio.supplier_fields import SupplierFields
from selfassess.ui.inbox.portfolio.words import shown_day, supplier_name
from selfassess.ui.widgets.date_field import ERROR_STYLE

DETAILS, PACKS, ACTIONS = range(3)


class SupplierPage(QWidget):
    def __init__(self, inbox: Inbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inbox = inbox
        self.key: str | None = None
        self.record: SupplierRecord | None = None
        self.loaded = False
        self.chooser_label = QLabel()
        self.chooser = SupplierChooser()
        self.chooser.chosen.connect(self.show_supplier)
        self.chooser_label.setBuddy(self.chooser)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_requests)
        self.export_button.setVisible(requests_exporter() is not None)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.fields = SupplierFields(inbox)
        self.fields.saved.connect(self._on_saved)
        self.history = PackHistory()
        self.follow_ups = FollowUpPanel(self._follow_up)
        self.follow_ups.recorded.connect(self._show_record)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        keep_accents(self.tabs.tabBar())
        self._lay_out()
        self.retranslate()
        self._show_nothing(tr("Choose a supplier."))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.chooser_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.export_button)
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setWidget(self.fields)
        for widget in (details, self.history, self.follow_ups):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.identity)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.filler = QWidget()  # keeps a message at the top when there is no page to show
        layout.addWidget(self.filler, 1)

    def retranslate(self) -> None:
        self.chooser_label.setText(tr("Supplier"))
        self.chooser.retranslate()
        self.export_button.setText(tr("Export requests…"))
        self.export_button.setToolTip(
            tr("Write what you ask of this supplier as a spreadsheet and an e-mail draft")
        )
        self.fields.retranslate()
        self.history.retranslate()
        self.follow_ups.retranslate()
        self._name_tabs()
        if self.record is not None:
            self._show_record(self.record)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        """Read the suppliers again, and the page of the one shown."""
        self.loaded = True
        try:
            suppliers = self.inbox.portfolio().ordered()
        except UserError as error:
            self._show_nothing(error.localized(language()), error=True)
            return
        self.chooser.fill(suppliers, self.key)
        if not suppliers:
            self._show_nothing(tr("No supplier yet: import packs, or a list of your suppliers."))
        elif self.key is not None:
            self.show_supplier(self.key)

    def show_supplier(self, key: str) -> None:
        """Show the page of the supplier `key` (its key, as the other pages give it)."""
        if not self.loaded:
            self.refresh()
        self.key = key
        try:
            record = self.inbox.page(key)
        except NotFound:  # gone since the other page listed it (another list imported)
            self._show_nothing(
                tr("{supplier} is not in the inbox: choose a supplier in the list.", supplier=key),
                error=True,
            )
            return
        except UserError as error:
            self._show_nothing(error.localized(language()), error=True)
            return
        self.chooser.select(record.supplier.key)
        self._show_record(record)

    def _show_record(self, record: SupplierRecord) -> None:
        self.record, self.key = record, record.supplier.key
        supplier = record.supplier
        self.title.setText(f"<h3 style='margin:0'>{escape(supplier_name(supplier))}</h3>")
        self.identity.setText(self._identity(record))
        self.status.hide()
        self.fields.show_supplier(supplier)
        self.history.show_packs(record.packs)
        self.follow_ups.show_page(record, date.today())
        self._name_tabs()
        for widget in (self.title, self.identity, self.tabs):
            widget.show()
        self.filler.hide()
        self.export_button.setEnabled(supplier.latest is not None)

    def _identity(self, record: SupplierRecord) -> str:
        supplier = record.supplier
        parts = [
            supplier.province or "",
            tr("Your reference: {id}", id=supplier.internal_id) if supplier.internal_id else "",
            tr("Key: {key}", key=supplier.key),
            tr("Known since {date}", date=shown_day(supplier.registered_on))
            if supplier.registered_on
            else "",
        ]
        lines = [" · ".join(part for part in parts if part), _latest_pack(supplier)]
        return "\n".join(lines)

    def _name_tabs(self) -> None:
        overdue = self.follow_ups.overdue()
        self.tabs.setTabText(DETAILS, tr("Details and notes"))
        self.tabs.setTabText(PACKS, tr("Packs over time"))
        self.tabs.setTabText(
            ACTIONS,
            tr("Actions ({count} overdue)", count=overdue) if overdue else tr("Actions"),
        )

    def _show_nothing(self, message: str, *, error: bool = False) -> None:
        self.record = None
        self.status.setText(message)
        self.status.setStyleSheet(ERROR_STYLE if error else "color: #555;")
        self.status.show()
        for widget in (self.title, self.identity, self.tabs):
            widget.hide()
        self.filler.show()
        self.export_button.setEnabled(False)

    def _on_saved(self, supplier: Supplier) -> None:
        """A value saved may change the risk's reasons or the plan's overdue days: read again."""
        self.show_supplier(supplier.key)

    def _follow_up(
        self, action: int, state: str, note: str | None, due: str | None
    ) -> SupplierRecord:
        assert self.key is not None
        return self.inbox.follow_up(self.key, action, state, note or None, due)

    def _export_requests(self) -> None:
        if self.record is not None:
            supplier = self.record.supplier
            export_requests(self, self.inbox, supplier.key, supplier.organisation)


def _latest_pack(supplier: Supplier) -> str:
    latest = supplier.latest
    if latest is None:
        return tr("No pack yet")
    return tr(
        "Latest pack: declared on {date}, revision {revision}; signed by {signer}",
        date=shown_day(latest.assessed_on),
        revision=latest.revision or 1,
        signer=latest.signer or "—",
    )
