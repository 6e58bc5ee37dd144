"""Sending the pack from the app, in one dialog: the signing identity (made on first export, the
e-mail address optional, the passphrase chosen twice where no keyring keeps it), whether
evidence goes in, where to save (a name after the supplier and the day); then the export on a
worker with progress and cancel; and last a page that says what was written and how to send it
(see export_results)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.plan import PlanService
from selfassess.core.errors import UserError
from selfassess.core.i18n import LANGUAGE_NAMES, N_
from selfassess.core.pack.evidence_fit import EvidenceChoice, estimate
from selfassess.core.pack.export import evidence_to_send, export_pack
from selfassess.core.pack.naming import default_pack_name
from selfassess.core.signing.identity import (
    IdentityDetails,
    IdentityStore,
    PassphraseNeeded,
    checked,
)
from selfassess.core.signing.secrets_store import likely_available
from selfassess.core.store.evidence import describe_size
from selfassess.core.store.records import Assessment
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import save_file
from selfassess.ui.i18n import language, tr
from selfassess.ui.pack.export_results import ExportResults
from selfassess.ui.pack.passphrase_fields import PassphraseRows
from selfassess.ui.worker import run_with_progress

EVIDENCE_CHOICES = {
    EvidenceChoice.ALL: N_("All, as they are"),
    EvidenceChoice.SMALLER: N_("Photos as smaller copies"),
    EvidenceChoice.FIT: N_("Smaller photos, and leave out the largest files until the e-mail fits"),
    EvidenceChoice.NONE: N_("None (the pack still lists each file with its SHA-256)"),
}
NOT_SIGNED = N_("No pack was written.")


class ExportDialog(QDialog):
    """Identity, evidence and destination of a signed pack; then what was written."""

    def __init__(self, plans: PlanService, assessment_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.plans, self.assessment_id = plans, assessment_id
        self.identities = IdentityStore(plans.store.home)
        self.written: Path | None = None
        assessment = plans.assessments.get(assessment_id)
        self.setWindowTitle(tr("Export the signed pack"))
        settings = QWidget()
        form = QFormLayout(settings)
        self.fields: dict[str, QLineEdit] = {}
        self.passphrase = self._identity_rows(form, assessment)
        self._pack_rows(form, assessment)
        self.results = ExportResults()
        self.results.fallback.shown.connect(lambda: self._fit_screen(self.results))
        self.pages = QStackedWidget()
        self.pages.addWidget(_scrolling(settings))
        self.pages.addWidget(_scrolling(self.results))
        self.buttons = ok_cancel(self, tr("Export…"))
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.close_buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(tr("Close"))
        self.close_buttons.rejected.connect(self.accept)
        self.close_buttons.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.close_buttons)
        self._fit_screen(settings)

    def _identity_rows(self, form: QFormLayout, assessment: Assessment) -> PassphraseRows:
        """Who signs, or the details of the identity to make; the passphrase rows, shown where
        no keyring keeps the passphrase."""
        if self.identities.exists():
            identity = self.identities.show()
            signer = f"{identity.details.name}, {identity.details.organisation}"
            form.addRow(tr("Signed by"), QLabel(signer))
            form.addRow(tr("Certificate fingerprint"), QLabel(identity.spoken_fingerprint))
            rows = PassphraseRows(form, new=False)
            rows.set_visible(not identity.passphrase_in_keyring)
            return rows
        intro = QLabel(tr("First export: the app makes your signing identity."))
        intro.setWordWrap(True)
        form.addRow(intro)
        profile = assessment.profile
        for key, label, value in (
            ("name", tr("Name"), profile.contact or ""),
            ("organisation", tr("Supplier"), profile.organisation),
            ("email", tr("E-mail (optional)"), ""),
            ("country", tr("Country"), profile.country or ""),
        ):
            self.fields[key] = QLineEdit(value)
            self.fields[key].setAccessibleName(label)
            form.addRow(label, self.fields[key])
        rows = PassphraseRows(form, new=True)
        rows.set_visible(not likely_available())
        return rows

    def _pack_rows(self, form: QFormLayout, assessment: Assessment) -> None:
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language of the pack"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(assessment.language))
        form.addRow(tr("Language of the pack"), self.language)
        self.files = evidence_to_send(self.plans, self.assessment_id)
        self.evidence = QComboBox()
        self.evidence.setAccessibleName(tr("Evidence files"))
        for choice, label in EVIDENCE_CHOICES.items():
            self.evidence.addItem(tr(label), choice)
        self.evidence_note = QLabel()
        self.evidence_note.setWordWrap(True)
        self.evidence.currentIndexChanged.connect(self._show_estimate)
        form.addRow(tr("Evidence files"), self.evidence)
        form.addRow(self.evidence_note)
        self._show_estimate()

    def _fit_screen(self, page: QWidget) -> None:
        """As large as the page asks (never smaller than now), within the screen: on a netbook
        the page scrolls."""
        wanted = page.sizeHint() + QSize(60, 90)
        wanted = wanted.expandedTo(QSize(620, 0)).expandedTo(self.size())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            wanted = wanted.boundedTo(QSize(screen.width() - 40, screen.height() - 60))
        self.resize(wanted)

    def pack_language(self) -> str:
        return str(self.language.currentData())

    def choice(self) -> EvidenceChoice:
        return EvidenceChoice(self.evidence.currentData())

    def _show_estimate(self) -> None:
        """About how large the e-mail will be; a warning above what mail servers take."""
        if not self.files:
            self.evidence_note.setText(tr("This assessment has no evidence files."))
            self.evidence.setEnabled(False)
            return
        guess = estimate(self.files, self.choice())
        size = describe_size(guess.email_bytes, language())
        text = tr("The e-mail will be about {size}.", size=size)
        if guess.too_large:
            text = tr(
                "The e-mail would be about {size}: many mail servers refuse more than 10 MB. "
                "Send smaller copies of the photos, or leave out the largest files.",
                size=size,
            )
        elif self.choice() is EvidenceChoice.FIT and guess.left_out:
            text += " " + tr("Left out: {files}.", files=", ".join(guess.left_out))
        self.evidence_note.setText(text)
        self.evidence_note.setStyleSheet("color: #b00020;" if guess.too_large else "")

    def accept(self) -> None:
        """Export from the first page, staying open on what is wrong; close from the last."""
        if self.written is not None:
            super().accept()
            return
        self.export()

    def details(self) -> IdentityDetails:
        f = self.fields
        return IdentityDetails(
            f["name"].text(), f["organisation"].text(), f["email"].text(), f["country"].text()
        )

    def export(self) -> None:
        """Sign and write the pack; on success, show what was written."""
        ready, passphrase = self._signing_passphrase()
        if not ready:
            return
        target = self.ask_target()
        if target is None:
            return
        written = run_with_progress(
            self,
            tr("Signing the pack…"),
            lambda progress, stop: export_pack(
                self.plans,
                self.identities,
                self.assessment_id,
                target,
                passphrase=passphrase,
                evidence=self.choice(),
                language=self.pack_language(),
                progress=progress,
                stop=stop,
            ),
            failed=tr(NOT_SIGNED),
        )
        if isinstance(written, Path):
            self._show_results(written)

    def _signing_passphrase(self) -> tuple[bool, str | None]:
        """Whether signing can go on, and the passphrase to sign with (None: the keyring's).
        The identity is made on the first export."""
        if not self.identities.exists():
            return self._create_identity()
        if self.identities.show().passphrase_in_keyring:
            return True, None
        given = self.passphrase.value()
        if given is None:
            return False, None
        try:
            self.identities.unlock(given)
        except UserError:
            self.passphrase.refuse(tr("This passphrase does not open your signing identity."))
            return False, None
        return True, given

    def _create_identity(self) -> tuple[bool, str | None]:
        """Make the identity from the form; the passphrase chosen where there is no keyring."""
        try:
            details = checked(self.details())
        except UserError as error:
            show_error(self, error, tr(NOT_SIGNED))
            return False, None
        chosen = None
        if self.passphrase.visible():
            chosen = self.passphrase.value()
            if chosen is None:
                return False, None
        try:
            self.identities.create(details, chosen)
        except PassphraseNeeded:  # the keyring seemed there, and refused
            self.passphrase.set_visible(True)
            self.passphrase.first.setFocus()
            return False, None
        except UserError as error:
            show_error(self, error, tr(NOT_SIGNED))
            return False, None
        for field in self.fields.values():
            field.setReadOnly(True)  # made: later attempts sign with it
        return True, chosen

    def ask_target(self) -> Path | None:
        name = default_pack_name(self.plans.assessments, self.assessment_id)
        path = save_file(self, "packs", tr("Save the signed pack"), name, "PDF (*.pdf)")
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == ".pdf" else target.with_name(f"{target.name}.pdf")

    def _show_results(self, written: Path) -> None:
        self.written = written
        self.results.show_pack(written, self.identities.show(), self.pack_language())
        self.pages.setCurrentIndex(1)
        self.buttons.hide()
        self.close_buttons.show()
        self._fit_screen(self.results)
        self.results.open_pack.setFocus()


def _scrolling(page: QWidget) -> QScrollArea:
    """A page that scrolls, down only, where the screen is too small for it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


def export_with_dialog(plans: PlanService, assessment_id: str, parent: QWidget) -> Path | None:
    """The whole export as a person goes through it, ending on what was written; the pack, or
    None when none was written."""
    dialog = ExportDialog(plans, assessment_id, parent)
    dialog.exec()
    return dialog.written
