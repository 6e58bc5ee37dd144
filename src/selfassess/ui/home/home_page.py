"""The home screen: assessments with New, Open, Import, Export and Delete (to the trash), and a
welcome that explains the flow the first time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.archive.archive import (
    Conflict,
    archive_assessment_id,
    export_archive,
    import_archive,
)
from selfassess.core.assessment import trash
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.catalog import broken_user_forms
from selfassess.core.store.records import Assessment
from selfassess.core.store.remediation import list_cases
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.home.assessment_model import AssessmentTableModel, ItemRole
from selfassess.ui.home.form_notice import FormNotice
from selfassess.ui.i18n import tr, tr_plural
from selfassess.ui.worker import run_with_progress


class HomePage(QWidget):
    """The list of assessments. Emits `open_requested(assessment_id)` and `new_requested()`."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.model = AssessmentTableModel(service)
        self.form_notice = FormNotice(broken_user_forms(service.store.home))
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        self.welcome.setObjectName("welcome")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.buttons = {
            name: QPushButton()
            for name in ("new", "open", "import", "export", "delete", "received", "trash")
        }
        self.buttons["new"].clicked.connect(self.new_requested.emit)
        self.buttons["open"].clicked.connect(self._open)
        self.buttons["import"].clicked.connect(self._import)
        self.buttons["export"].clicked.connect(self._export)
        self.buttons["delete"].clicked.connect(self._delete)
        self.buttons["trash"].clicked.connect(self._empty_trash)
        self.buttons["received"].clicked.connect(self._open_received)
        row = QHBoxLayout()
        for name in ("new", "open", "import", "export", "delete"):
            row.addWidget(self.buttons[name])
        row.addStretch(1)
        row.addWidget(self.buttons["received"])
        row.addWidget(self.buttons["trash"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_notice)
        layout.addWidget(self.welcome)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        labels = {
            "new": tr("New assessment"),
            "open": tr("Open"),
            "import": tr("Import archive…"),
            "export": tr("Export archive…"),
            "delete": tr("Delete"),
            "trash": tr("Empty trash"),
            "received": tr("Open a received pack…"),
        }
        for name, text in labels.items():
            self.buttons[name].setText(text)
            self.buttons[name].setAccessibleName(text)
        self.form_notice.retranslate()
        self.welcome.setText(
            tr(
                "Welcome. Start a new assessment, answer the questions at your own pace, and see "
                "your gaps and improvement plan. Every answer is saved on this computer the moment "
                "you give it; nothing leaves it unless you export it."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.table.viewport().update()

    def refresh(self) -> None:
        self.model.reload()
        self.welcome.setVisible(self.model.rowCount() == 0)
        writable = self.service.store.writable  # a read-only window shows, exports, opens
        for name in ("new", "import", "delete"):
            self.buttons[name].setEnabled(writable)
        self.buttons["trash"].setEnabled(writable and bool(trash.in_trash(self.service)))
        if self.model.rowCount():
            self.table.selectRow(0)

    def selected(self) -> Assessment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ItemRole) if rows else None  # type: ignore[return-value]

    def _open(self) -> None:
        assessment = self.selected()
        if assessment is not None:
            self.open_requested.emit(assessment.id)

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Import archive"), "", tr("selfassess archives (*.zip)")
        )
        if not path:
            return
        conflict: Conflict = "refuse"
        if self._already_here(Path(path)):
            choice = self.ask_conflict()
            if choice is None:
                return
            conflict = choice
        run_with_progress(
            self,
            tr("Importing {name}…", name=Path(path).name),
            lambda progress, stop: import_archive(
                self.service.store, Path(path), conflict, progress=progress, stop=stop
            ),
            failed=tr("{name} was not imported; nothing was changed.", name=Path(path).name),
        )
        self.refresh()

    def _open_received(self) -> None:
        from selfassess.ui.pack.received_pack import open_received_pack  # pyHanko on demand

        open_received_pack(self.service.store.home, self)

    def _already_here(self, path: Path) -> bool:
        assessment_id = archive_assessment_id(path)
        return assessment_id is not None and assessment_id in {
            a.id for a in self.service.all() + trash.in_trash(self.service)
        }

    def ask_conflict(self) -> Conflict | None:
        """Keep both, replace, or cancel, when the archive's assessment is already here."""
        box = QMessageBox(self)
        box.setWindowTitle(tr("Import archive"))
        box.setText(tr("This assessment is already on this computer."))
        keep = box.addButton(tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is keep:
            return "keep-both"
        if box.clickedButton() is replace:
            return "replace"
        return None

    def _export(self) -> None:
        assessment = self.selected()
        if assessment is None:
            return
        for_buyer = False
        cases = len(list_cases(self.service.store.read(), assessment.id))
        if cases:
            choice = self.ask_for_buyer(cases)
            if choice is None:
                return
            for_buyer = choice
        suggested = f"{assessment.profile.organisation}-{assessment.id}.zip".replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export archive"), suggested, tr("selfassess archives (*.zip)")
        )
        if path:
            run_with_progress(
                self,
                tr("Exporting to {name}…", name=Path(path).name),
                lambda progress, stop: export_archive(
                    self.service.store,
                    assessment.id,
                    Path(path),
                    progress=progress,
                    stop=stop,
                    for_buyer=for_buyer,
                ),
                failed=tr("The archive was not written."),
            )

    def ask_for_buyer(self, cases: int) -> bool | None:
        """Whom an archive is for when the assessment's remediation register has cases: another
        computer of the supplier's (False: with the cases), a buyer (True: without them), or
        cancel (None)."""
        box = QMessageBox(self)
        box.setWindowTitle(tr("Export archive"))
        box.setText(
            tr_plural(
                "The remediation register of this assessment holds {count} case. Who is the "
                "archive for?",
                "The remediation register of this assessment holds {count} cases. Who is the "
                "archive for?",
                cases,
            )
        )
        box.setInformativeText(
            tr(
                "An archive for a buyer leaves the cases out: the buyer sees only the counts, in "
                "the signed pack."
            )
        )
        own = box.addButton(
            tr("Another computer of ours, with the cases"), QMessageBox.ButtonRole.AcceptRole
        )
        buyer = box.addButton(tr("A buyer, without the cases"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(buyer)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is own:
            return False
        if box.clickedButton() is buyer:
            return True
        return None

    def _delete(self) -> None:
        assessment = self.selected()
        if assessment is None:
            return
        if confirm(
            self,
            tr("Delete"),
            tr(
                "Move the assessment of {supplier} to the trash?",
                supplier=assessment.profile.organisation,
            ),
            tr("Move to the trash"),
        ):
            trash.delete(self.service, assessment.id)
            self.refresh()

    def _empty_trash(self) -> None:
        count = len(trash.in_trash(self.service))
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
            self.refresh()
