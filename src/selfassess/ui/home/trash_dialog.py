"""The trash: what was deleted, when, and the way back. An assessment can be restored, as it
was, until the trash is emptied; emptying it asks first (a backup of the data is taken)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment import trash
from selfassess.core.assessment.service import AssessmentService
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.i18n import language, tr, tr_plural


class TrashDialog(QDialog):
    """The assessments in the trash, with Restore and Empty trash. `changed` is true once
    anything was restored or deleted, so that the home screen reloads."""

    def __init__(self, service: AssessmentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.changed = False
        self.setWindowTitle(tr("Trash"))
        self.explanation = QLabel(
            tr(
                "Deleted assessments wait here. Restore one to put it back in the list, as it "
                "was; emptying the trash deletes them for good."
            )
        )
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Supplier"), tr("Site"), tr("Form"), tr("Deleted on")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.restore_button = QPushButton(tr("Restore"))
        self.empty_button = QPushButton(tr("Empty trash…"))
        close = QPushButton(tr("Close"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.empty_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        items = trash.in_trash(self.service)
        deleted = trash.deleted_on(self.service)
        self.ids = [assessment.id for assessment in items]
        self.table.setRowCount(len(items))
        for row, assessment in enumerate(items):
            form = self.service.form_of(assessment)
            title = form.title.in_language(language(), form.default_language)
            cells = (
                assessment.profile.organisation,
                assessment.profile.site or "",
                f"{title} ({assessment.form_version})",
                deleted.get(assessment.id, "")[:16].replace("T", " "),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if items:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self.service.store.writable
        self.restore_button.setEnabled(writable and bool(self.table.selectedItems()))
        self.empty_button.setEnabled(writable and bool(self.ids))

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        trash.restore(self.service, self.ids[rows[0].row()])
        self.changed = True
        self.refresh()

    def empty(self) -> None:
        count = len(self.ids)
        if confirm(
            self,
            tr("Empty trash"),
            tr_plural(
                "Delete the assessment in the trash for good?",
                "Delete the {count} assessments in the trash for good?",
                count,
            ),
            tr("Delete for good"),
        ):
            trash.empty_trash(self.service)
            self.changed = True
            self.refresh()
