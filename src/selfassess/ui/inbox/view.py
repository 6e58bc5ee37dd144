"""The Buyer view (File > Inbox): the inbox of packs received from suppliers, in tabs: Import,
Quarantine, Portfolio (the KPIs), Matrix and Suppliers, with a way back to the buyer's or
supplier's own assessments. A supplier chosen in the portfolio or the matrix opens on its page.

The inbox is opened when the view is first shown; when it cannot be (a folder that cannot be
written), the view says why and tries again the next time it is shown. Shown again, the keyboard
is where it was left in the view (the first time: on "Add files…")."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.i18n import N_
from selfassess.ui.accents import keep_accents
from selfassess.ui.i18n import tr
from selfassess.ui.inbox.banner import Banner

if TYPE_CHECKING:
    from selfassess.core.inbox.service import Inbox
    from selfassess.ui.inbox.import_page import ImportPage
    from selfassess.ui.inbox.quarantine_page import QuarantinePage

TABS = ("import", "quarantine", "portfolio", "matrix", "suppliers")
PORTFOLIO_PAGES = (  # tab, module in ui/inbox/portfolio, page class
    ("portfolio", "kpi_page", "KpiPage"),
    ("matrix", "matrix_page", "MatrixPage"),
    ("suppliers", "supplier_page", "SupplierPage"),
)
TAB_TITLES = {
    "import": N_("Import"),
    "portfolio": N_("Portfolio"),
    "matrix": N_("Matrix"),
    "suppliers": N_("Suppliers"),
}


class InboxView(QWidget):
    """Emits `home_requested` when the buyer goes back to the assessments."""

    home_requested = Signal()

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_home = home
        self.inbox: Inbox | None = None
        self.pages: dict[str, QWidget] = {}
        self.left_focus: QWidget | None = None  # where the keyboard was as the view was left
        self.back = QPushButton()
        self.back.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back.clicked.connect(self.home_requested.emit)
        self.title = QLabel()
        self.where = QLabel()
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addWidget(self.title)
        header.addWidget(self.where, 1)
        self.banner = Banner()
        self.tabs = QTabWidget()
        keep_accents(self.tabs.tabBar())
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.open_inbox()
        self.retranslate()

    def open_inbox(self) -> None:
        """Open the inbox and build its pages, unless done already."""
        if self.inbox is not None:
            return
        from selfassess.core.inbox.service import Inbox

        try:
            self.inbox = Inbox(self.data_home)
        except (UserError, OSError) as error:
            self.banner.show_error(tr("The inbox cannot be opened"), error)
            return
        self.banner.clear_error()
        self._build_pages(self.inbox)

    def _build_pages(self, inbox: Inbox) -> None:
        from selfassess.ui.inbox.import_page import ImportPage
        from selfassess.ui.inbox.quarantine_page import QuarantinePage

        # The quarantine is read here, on the interface thread, first: the index is made (when
        # new) before the Import page counts off this thread (core makes it on first opening).
        self.quarantine_page: QuarantinePage = QuarantinePage(inbox)
        self.import_page: ImportPage = ImportPage(inbox)
        self.pages = {"import": self.import_page, "quarantine": self.quarantine_page}
        self.pages.update(portfolio_pages(inbox))
        for name in TABS:
            self.tabs.addTab(self.pages[name], "")
        for name in ("portfolio", "matrix"):
            chosen = getattr(self.pages[name], "supplier_chosen", None)
            if chosen is not None:
                chosen.connect(self.show_supplier)
        self.import_page.imported.connect(self._on_imported)
        self.quarantine_page.changed.connect(self._on_imported)

    def retranslate(self) -> None:
        self.back.setText(tr("My assessments"))
        self.back.setAccessibleName(self.back.text())
        self.title.setText(f"<b style='font-size: 13pt'>{tr('Inbox of packs received')}</b>")
        if self.inbox is not None:
            self.where.setText(tr("Kept in {folder}", folder=str(self.inbox.folder.root)))
        for page in self.pages.values():
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()
        self._name_tabs()

    def _name_tabs(self) -> None:
        for name, page in self.pages.items():
            title = TAB_TITLES.get(name)
            if name == "quarantine":
                count = len(self.quarantine_page.entries)
                text = tr("Quarantine ({count})", count=count) if count else tr("Quarantine")
            else:
                text = tr(title) if title else name
            self.tabs.setTabText(self.tabs.indexOf(page), text)

    def showing(self) -> str:
        """The name of the tab shown ("" when the inbox could not be opened)."""
        current = self.tabs.currentWidget()
        return next((name for name, page in self.pages.items() if page is current), "")

    def show_tab(self, name: str) -> None:
        if name in self.pages:
            self.tabs.setCurrentWidget(self.pages[name])

    def show_supplier(self, key: str) -> None:
        """A supplier chosen in the portfolio or the matrix: its page."""
        page = self.pages.get("suppliers")
        if page is None:
            return
        self.tabs.setCurrentWidget(page)
        show = getattr(page, "show_supplier", None)
        if callable(show):
            show(key)

    def refresh(self) -> None:
        """What is shown, read again (the view is shown again)."""
        self._on_tab(self.tabs.currentIndex())

    def take_focus(self) -> None:
        """The keyboard where it was as the view was left, else on the page's first action."""
        again = self.left_focus
        if again is not None and again.isVisible() and again.isEnabled():
            again.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.showing() == "import":
            self.import_page.drop_zone.add_files.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        """Remember where the keyboard was (Qt moves it out of the view once hidden)."""
        focused = QApplication.focusWidget()
        self.left_focus = focused if focused is not None and self.isAncestorOf(focused) else None
        super().hideEvent(event)

    def close_down(self) -> None:
        """Stop the work under way (the window is closing)."""
        if self.inbox is not None:
            self.import_page.stop()
            if self.quarantine_page.task is not None:
                self.quarantine_page.task.wait()
        from selfassess.ui.inbox.portfolio.background import wait_for_reads

        wait_for_reads()  # the pages' reads, and the count of the packs left unchecked

    def _on_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.pages.get("import"):
            self.import_page.check_unindexed()
            return
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        self._name_tabs()

    def _on_imported(self) -> None:
        """An import is over: the quarantine, and the figures or the matrix the buyer is
        watching, read again (a supplier's page is not: a note being typed would be lost)."""
        self.quarantine_page.refresh()
        current = self.showing()
        if current in ("portfolio", "matrix"):
            refresh = getattr(self.pages[current], "refresh", None)
            if callable(refresh):
                refresh()
        self._name_tabs()


def portfolio_pages(inbox: Inbox) -> dict[str, QWidget]:
    """The pages of the portfolio (ui/inbox/portfolio), each a placeholder until it exists."""
    pages: dict[str, QWidget] = {}
    for name, module, class_name in PORTFOLIO_PAGES:
        try:
            found = importlib.import_module(f"selfassess.ui.inbox.portfolio.{module}")
            page = getattr(found, class_name)(inbox)
        except (ImportError, AttributeError):
            page = QLabel("…")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pages[name] = page
    return pages
