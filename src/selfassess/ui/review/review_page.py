"""The review page: what still blocks finalizing, grouped by pillar and criterion, each a link to
its question; the red lines and critical gaps the declarer will acknowledge; the declaration that
finalizes; and reopening, with a reason, once finalized."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.answers.problem_groups import group_problems
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import UserError
from selfassess.core.files import write_atomically
from selfassess.core.gaps.before_signing import BeforeSigning, before_signing
from selfassess.core.gaps.edd import edd_verdict
from selfassess.core.gaps.results import GapReport
from selfassess.ui.dialogs.declaration import DeclarationDialog
from selfassess.ui.dialogs.reopen import reopen_with_reason
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.review.problem_tree import ProblemTree


def edd_text(report: GapReport) -> str:
    """Whether enhanced due diligence applies, why, and by which risk data (docs/risk.md)."""
    edd = report.edd
    if edd is None:
        return ""
    said = tr("Enhanced due diligence: {verdict}", verdict=edd_verdict(edd, language()))
    if not edd.required:
        return f"<p>{escape(said)}</p>"
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in edd.reasons)
    return f"<p style='color:#b26a00'><b>{escape(said)}</b></p><ul>{reasons}</ul>"


def attention_text(notice: BeforeSigning) -> str:
    """How many red lines are breached or not verified and how many gaps are critical, and that
    the declarer acknowledges them without being stopped; empty when there is none."""
    if not notice.needs_acknowledgement:
        return ""
    return tr(
        "Red lines breached: {breached}; not verified: {unverified}; critical gaps: "
        "{critical}. The person who signs confirms having read them; they do not prevent "
        "finalizing.",
        breached=len(notice.breached),
        unverified=len(notice.not_verified),
        critical=len(notice.critical),
    )


class ReviewPage(QWidget):
    """Emits `go_to(question_id)` when a problem is chosen, `changed()` after (re)opening."""

    go_to = Signal(str)
    changed = Signal()

    def __init__(self, service: AssessmentService) -> None:
        super().__init__()
        self.service = service
        self.assessment_id: str | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.edd = QLabel()
        self.edd.setWordWrap(True)
        self.edd.setTextFormat(Qt.TextFormat.RichText)
        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.attention.setStyleSheet("color: #8a1c14;")
        self.problems = ProblemTree()
        self.problems.go_to.connect(self.go_to)
        self.finalize_button = QPushButton()
        self.reopen_button = QPushButton()
        self.export_button = QPushButton()
        self.preview_button = QPushButton()
        self.finalize_button.clicked.connect(self._finalize)
        self.reopen_button.clicked.connect(self._reopen)
        self.export_button.clicked.connect(self._export)
        self.preview_button.clicked.connect(self._preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.edd)
        layout.addWidget(self.attention)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.finalize_button)
        layout.addWidget(self.export_button)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.reopen_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.finalize_button.setText(tr("Finalize…"))
        self.reopen_button.setText(tr("Reopen…"))
        self.export_button.setText(tr("Export the signed pack…"))
        self.preview_button.setText(tr("Preview the pack"))
        self.problems.retranslate()
        self.refresh()

    def open(self, assessment_id: str) -> None:
        self.assessment_id = assessment_id
        self.refresh()

    def refresh(self) -> None:
        if self.assessment_id is None:
            return
        assessment = self.service.get(self.assessment_id)
        evaluation = self.service.evaluate(self.assessment_id, language=language())
        form = self.service.form_of(assessment)
        problems = evaluation.problems
        groups = group_problems(form, evaluation, assessment.language)  # as its questions read
        self.problems.show_groups(groups, self.assessment_id)
        if assessment.finalized:
            text = tr(
                "This assessment is finalized and read-only (revision {n}).", n=assessment.revision
            )
        elif problems:
            text = tr_plural(
                "{count} thing to fix before finalizing. Choose it to go to its question.",
                "{count} things to fix before finalizing. Choose one to go to its question.",
                len(problems),
            )
        else:
            text = tr(
                "Nothing blocks finalizing: {answered} of {required} required answers given.",
                answered=evaluation.answered,
                required=evaluation.required,
            )
        self.summary.setText(text)
        report = PlanService(self.service).report(self.assessment_id, language=language())
        self.edd.setText(edd_text(report))
        attention = "" if assessment.finalized else attention_text(before_signing(report))
        self.attention.setText(attention)
        self.attention.setVisible(bool(attention))
        writable = self.service.store.writable
        self.finalize_button.setEnabled(writable and not assessment.finalized and not problems)
        self.reopen_button.setVisible(assessment.finalized)
        self.reopen_button.setEnabled(writable)
        self.export_button.setVisible(assessment.finalized)

    def _finalize(self) -> None:
        assert self.assessment_id is not None
        assessment = self.service.get(self.assessment_id)
        form = self.service.form_of(assessment)
        statement = (
            form.settings.declaration.in_language(language(), form.default_language)
            if form.settings.declaration
            else tr("I declare that these answers are true to the best of my knowledge.")
        )
        report = PlanService(self.service).report(self.assessment_id, language=language())
        dialog = DeclarationDialog(statement, self, notice=before_signing(report))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            PlanService(self.service).finalize(self.assessment_id, dialog.declaration())
        except UserError as error:
            show_error(self, error)
        self.refresh()
        self.changed.emit()

    def _reopen(self) -> None:
        assert self.assessment_id is not None
        if reopen_with_reason(self.service, self.assessment_id, self):
            self.refresh()
            self.changed.emit()

    def _export(self) -> None:
        from selfassess.ui.pack.export_dialog import export_with_dialog  # on demand

        assert self.assessment_id is not None
        export_with_dialog(PlanService(self.service), self.assessment_id, self)

    def _preview(self) -> None:
        """The pack as it would print, read in the app (DRAFT until finalized)."""
        from selfassess.core.pack.export import preview_pdf  # reportlab, only when asked
        from selfassess.ui.pack.pdf_viewer import PdfViewer  # QtPdf, only when asked

        assert self.assessment_id is not None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pdf = preview_pdf(PlanService(self.service), self.assessment_id)
            target = self.service.store.home / "previews" / f"preview-{self.assessment_id}.pdf"
            write_atomically(target, pdf)
            viewer = PdfViewer(target, tr("Preview of the pack"), self)
        except UserError as error:
            show_error(self, error, tr("No preview was made."))
            return
        finally:
            QApplication.restoreOverrideCursor()
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self.viewer = viewer
