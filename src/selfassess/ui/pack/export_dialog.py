"""Sending the pack from the app: the signing identity (made on first export), whether evidence
goes in, where to save; then the export on a worker with progress and cancel, and an e-mail
draft for the buyers opened in the system's mail program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.assessment.plan import PlanService
from selfassess.core.errors import UserError
from selfassess.core.i18n import LANGUAGE_NAMES, N_
from selfassess.core.pack.email_draft import write_email_draft
from selfassess.core.pack.evidence_fit import EvidenceChoice, estimate
from selfassess.core.pack.export import evidence_to_send, export_pack
from selfassess.core.signing.identity import (
    Identity,
    IdentityDetails,
    IdentityStore,
    PassphraseNeeded,
    checked,
)
from selfassess.core.store.evidence import describe_size
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import language, tr
from selfassess.ui.worker import run_with_progress

EVIDENCE_CHOICES = {
    EvidenceChoice.ALL: N_("All, as they are"),
    EvidenceChoice.SMALLER: N_("Photos as smaller copies"),
    EvidenceChoice.FIT: N_("Smaller photos, and leave out the largest files until the e-mail fits"),
    EvidenceChoice.NONE: N_("None (the pack still lists each file with its SHA-256)"),
}


class ExportDialog(QDialog):
    """Identity, evidence and destination of a signed pack."""

    def __init__(self, plans: PlanService, assessment_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.plans, self.assessment_id = plans, assessment_id
        self.identities = IdentityStore(plans.store.home)
        assessment = plans.assessments.get(assessment_id)
        self.setWindowTitle(tr("Export the signed pack"))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        if self.identities.exists():
            identity = self.identities.show()
            signer = f"{identity.details.name}, {identity.details.organisation}"
            form.addRow(tr("Signed by"), QLabel(signer))
            form.addRow(tr("Certificate fingerprint"), QLabel(identity.spoken_fingerprint))
        else:
            form.addRow(QLabel(tr("First export: the app makes your signing identity.")))
            defaults = {
                "name": assessment.profile.contact or "",
                "organisation": assessment.profile.organisation,
                "email": "",
                "country": assessment.profile.country or "",
            }
            labels = {"name": tr("Name"), "organisation": tr("Supplier"), "email": tr("Email")}
            labels["country"] = tr("Country")
            for key, value in defaults.items():
                self.fields[key] = QLineEdit(value)
                self.fields[key].setAccessibleName(labels[key])
                form.addRow(labels[key], self.fields[key])
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language of the pack"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(assessment.language))
        form.addRow(tr("Language of the pack"), self.language)
        self.files = evidence_to_send(plans, assessment_id)
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
        buttons = ok_cancel(self, tr("Export…"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

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
        """Stay open, saying what is wrong, until the identity's details fit a certificate."""
        if self.fields:
            try:
                checked(self.details())
            except UserError as error:
                show_error(self, error)
                return
        super().accept()

    def details(self) -> IdentityDetails:
        f = self.fields
        return IdentityDetails(
            f["name"].text(), f["organisation"].text(), f["email"].text(), f["country"].text()
        )

    def ask_passphrase(self, new: bool) -> str | None:
        """The signing passphrase, where no keyring keeps it."""
        prompt = (
            tr("This computer has no keyring. Choose a passphrase for your signing identity:")
            if new
            else tr("The passphrase of your signing identity:")
        )
        text, ok = QInputDialog.getText(
            self, tr("Signing passphrase"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def ask_target(self) -> Path | None:
        name = f"pack-{self.assessment_id}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the signed pack"), name, "PDF (*.pdf)")
        return Path(path) if path else None


def export_with_dialog(
    plans: PlanService, assessment_id: str, parent: QWidget
) -> tuple[Path, str] | None:
    """The whole export as a person goes through it; the pack written and its language, or
    None."""
    dialog = ExportDialog(plans, assessment_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        passphrase = _identity(dialog)
    except UserError as error:
        show_error(parent, error, tr("No pack was written."))
        return None
    target = dialog.ask_target()
    if target is None:
        return None
    written = run_with_progress(
        parent,
        tr("Signing the pack…"),
        lambda progress, stop: export_pack(
            plans,
            dialog.identities,
            assessment_id,
            target,
            passphrase=passphrase,
            evidence=dialog.choice(),
            language=dialog.pack_language(),
            progress=progress,
            stop=stop,
        ),
        failed=tr("No pack was written."),
    )
    return (written, dialog.pack_language()) if isinstance(written, Path) else None


def _identity(dialog: ExportDialog) -> str | None:
    """Make the identity on first export; the passphrase to sign with where there is no keyring."""
    store = dialog.identities
    if not store.exists():
        try:
            store.create(dialog.details())
            return None
        except PassphraseNeeded:
            chosen = dialog.ask_passphrase(new=True)
            if chosen is None:
                raise UserError(tr("No passphrase was chosen.")) from None
            store.create(dialog.details(), chosen)
            return chosen
    identity: Identity = store.show()
    if identity.passphrase_in_keyring:
        return None
    given = dialog.ask_passphrase(new=False)
    if given is None:
        raise UserError(tr("No passphrase was given."))
    return given


def offer_email(plans: PlanService, pack: Path, pack_language: str, parent: QWidget) -> None:
    """Ask for the buyers' addresses, write the draft, open it in the mail program."""
    addresses, ok = QInputDialog.getText(
        parent, tr("Email to buyer"), tr("The buyers' e-mail addresses, separated by commas:")
    )
    if not ok or not addresses.strip():
        return
    identity = IdentityStore(plans.store.home).show()
    try:
        draft = write_email_draft(
            pack,
            pack.with_suffix(".eml"),
            recipients=[a.strip() for a in addresses.split(",") if a.strip()],
            organisation=identity.details.organisation,
            fingerprint=identity.fingerprint_sha256,
            language=pack_language,
        )
    except UserError as error:
        show_error(parent, error, tr("No e-mail draft was written."))
        return
    if draft.large:
        QMessageBox.warning(
            parent,
            tr("Email to buyer"),
            tr(
                "The e-mail is {size}: many mail servers refuse more than 10 MB. Export again "
                "with smaller copies of the photos, or leaving out the largest files.",
                size=describe_size(draft.size, language()),
            ),
        )
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.path))):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.path.parent)))
