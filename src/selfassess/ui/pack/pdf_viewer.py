"""Reading a pack inside the app (QtPdf): pages one under the other, fitted to the width, with
page-by-page moves, zoom, and a way out to the system's PDF reader (to print, or to see the
signature panel). Used for the preview of one's own pack and for a pack received."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.ui.i18n import tr

ZOOM_STEP = 1.25


class PdfViewer(QDialog):
    """One PDF, read in the app. Raises UserError when the file is no readable PDF."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        if self.document.load(str(path)) != QPdfDocument.Error.None_:
            raise UserError(tr("{name} could not be read as a PDF.", name=path.name))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(title)
        self.page_label = QLabel()
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        layout = QVBoxLayout(self)
        layout.addLayout(self._tool_row())
        layout.addWidget(self.view, 1)
        self._show_page(0)
        self._shortcuts()
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width() - 40), min(900, screen.height() - 60))

    def _tool_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icons = self.style()
        actions = [
            (
                tr("Previous page"),
                icons.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
                "",
                lambda: self.go_to(self.page() - 1),
            ),
            (
                tr("Next page"),
                icons.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                "",
                lambda: self.go_to(self.page() + 1),
            ),
            (tr("Zoom out"), QIcon(), "\N{MINUS SIGN}", lambda: self.zoom(1 / ZOOM_STEP)),
            (tr("Zoom in"), QIcon(), "+", lambda: self.zoom(ZOOM_STEP)),
        ]
        for name, icon, text, slot in actions:
            button = QToolButton()
            button.setIcon(icon)
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        fit = QPushButton(tr("Fit to width"))
        fit.clicked.connect(self.fit_width)
        row.addWidget(fit)
        row.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        outside = QPushButton(tr("Open in the PDF reader"))
        outside.setToolTip(tr("To print, or to see the signature as your PDF reader shows it"))
        outside.clicked.connect(self.open_outside)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(outside)
        row.addWidget(close)
        return row

    def _shortcuts(self) -> None:
        for key, slot in [
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), lambda: self.zoom(ZOOM_STEP)),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), lambda: self.zoom(1 / ZOOM_STEP)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.page() + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.page() - 1)),
        ]:
            QShortcut(key, self, slot)

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def page_count(self) -> int:
        return self.document.pageCount()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def zoom(self, factor: float) -> None:
        current = self.shown_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(current * factor, 6.0)))

    def shown_zoom(self) -> float:
        """The scale the pages are drawn at (QtPdf reports 1.0 while fitting to the width)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count() == 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        page_pixels = self.document.pagePointSize(self.page()).width() / 72 * self.logicalDpiX()
        return room / page_pixels if page_pixels > 0 else 1.0

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def open_outside(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _show_page(self, page: int) -> None:
        self.page_label.setText(tr("Page {n} of {total}", n=page + 1, total=self.page_count()))
