"""The home screen: assessments with New, Open, Import, Export and Delete (to the trash), the
trash (to restore from), and before the first assessment a welcome with the ways to begin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment import trash
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import UserError
from selfassess.core.forms.catalog import broken_user_forms
from selfassess.core.store.records import Assessment
from selfassess.core.store.remediation import list_cases
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import open_file, save_file
from selfassess.ui.home.assessment_model import AssessmentTableModel, ItemRole
from selfassess.ui.home.empty_state import EmptyState
from selfassess.ui.home.form_notice import FormNotice
from selfassess.ui.home.trash_dialog import TrashDialog
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.worker import run_with_progress

if TYPE_CHECKING:
    from selfassess.core.archive.archive import Conflict


class HomePage(QWidget):
    """The list of assessments. Emits `open_requested(assessment_id)` and `new_requested()`."""

    open_requested = Signal(str)
    new_requested = Signal()
    inbox_requested = Signal()  # the Buyer view: the packs received from suppliers

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.model = AssessmentTableModel(service)
        self.form_notice = FormNotice(broken_user_forms(service.store.home))
        self.empty_state = EmptyState()
        self.empty_state.new_requested.connect(self.new_requested.emit)
        self.empty_state.example_requested.connect(self.open_example)
        self.empty_state.import_requested.connect(self._import)
        self.table = self._build_table()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.table)
        self.buttons = {
            name: QPushButton()
            for name in ("new", "open", "import", "export", "delete", "inbox", "received", "trash")
        }
        self.buttons["new"].clicked.connect(self.new_requested.emit)
        self.buttons["open"].clicked.connect(self._open)
        self.buttons["import"].clicked.connect(self._import)
        self.buttons["export"].clicked.connect(self._export)
        self.buttons["delete"].clicked.connect(self._delete)
        self.buttons["trash"].clicked.connect(self.show_trash)
        self.buttons["received"].clicked.connect(self._open_received)
        self.buttons["inbox"].clicked.connect(self.inbox_requested.emit)
        row = QHBoxLayout()
        for name in ("new", "open", "import", "export", "delete"):
            row.addWidget(self.buttons[name])
        row.addStretch(1)
        row.addWidget(self.buttons["inbox"])
        row.addWidget(self.buttons["received"])
        row.addWidget(self.buttons["trash"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_notice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        self.retranslate()
        self.refresh()

    def _build_table(self) -> QTableView:
        """The assessments; supplier and form share the width, the short columns fit their
        content, and a cut text shows whole in its tooltip."""
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for stretching in (0, 2):  # supplier, form
            header.setSectionResizeMode(stretching, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        table.doubleClicked.connect(lambda _index: self._open())
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return table

    def retranslate(self) -> None:
        labels = {
            "new": tr("New assessment"),
            "open": tr("Open"),
            "import": tr("Import archive…"),
            "export": tr("Export archive…"),
            "delete": tr("Delete"),
            "trash": tr("Trash…"),
            "received": tr("Open a received pack…"),
            "inbox": tr("Inbox of packs received"),
        }
        for name, text in labels.items():
            self.buttons[name].setText(text)
            self.buttons[name].setAccessibleName(text)
        self.form_notice.retranslate()
        self.empty_state.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.table.viewport().update()

    def refresh(self) -> None:
        self.model.reload()
        empty = self.model.rowCount() == 0
        self.stack.setCurrentWidget(self.empty_state if empty else self.table)
        writable = self.service.store.writable  # a read-only window shows, exports, opens
        self.empty_state.set_writable(writable)
        for name in ("new", "import"):
            self.buttons[name].setEnabled(writable)
        in_trash = len(trash.in_trash(self.service))
        self.buttons["trash"].setEnabled(bool(in_trash))
        self.buttons["trash"].setText(
            tr("Trash ({count})…", count=in_trash) if in_trash else tr("Trash…")
        )
        if not empty:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Open, Export and Delete act on the selected assessment: without one, they wait."""
        chosen = self.selected() is not None
        self.buttons["open"].setEnabled(chosen)
        self.buttons["export"].setEnabled(chosen)
        self.buttons["delete"].setEnabled(chosen and self.service.store.writable)

    def selected(self) -> Assessment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ItemRole) if rows else None  # type: ignore[return-value]

    def _open(self) -> None:
        assessment = self.selected()
        if assessment is not None:
            self.open_requested.emit(assessment.id)

    def open_example(self) -> None:
        """Make the sample assessment in the interface language, and open it."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from selfassess.core.demo import create_example  # on demand: start-up stays light

            example = create_example(self.service, language())
        except UserError as error:  # a full disk, say
            show_error(self, error, tr("The example was not made."))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()
        self.open_requested.emit(example)

    def _import(self) -> None:
        path = open_file(self, "archives", tr("Import archive"), tr("Selfassess archives (*.zip)"))
        if not path:
            return
        from selfassess.core.archive.archive import import_archive

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
        from selfassess.core.archive.archive import archive_assessment_id

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
        from selfassess.core.archive.archive import export_archive

        for_buyer = False
        cases = len(list_cases(self.service.store.read(), assessment.id))
        if cases:
            choice = self.ask_for_buyer(cases)
            if choice is None:
                return
            for_buyer = choice
        suggested = f"{assessment.profile.organisation}-{assessment.id}.zip".replace(" ", "_")
        path = save_file(
            self, "archives", tr("Export archive"), suggested, tr("Selfassess archives (*.zip)")
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

    def show_trash(self) -> None:
        """The trash, to restore from or to empty."""
        dialog = TrashDialog(self.service, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()
