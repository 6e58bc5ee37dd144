"""Opening a pack a supplier sent: the verdict in plain words and colour, checked on a worker
thread behind a progress dialog (a large pack never freezes the window).

Green: valid, and the signer is certified by a programme the buyer trusts, or known (this
organisation signed with this certificate before). Amber: valid, first pack from this
organisation, so confirm the fingerprint with the supplier. Red: not valid (modified, crafted,
dishonest claims, unfit certificate), or a known organisation signing with another certificate,
which the buyer can accept explicitly, with a reason that is recorded (docs/signing.md)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.pack.verify import Verdict, verify_file
from selfassess.core.signing.identity import spoken
from selfassess.core.storable import visible
from selfassess.core.trust.decision import SignerStatus
from selfassess.core.trust.known_signers import Acceptance
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import open_file
from selfassess.ui.i18n import language, tr
from selfassess.ui.worker import run_with_progress

GREEN, AMBER, RED = "#2e7d32", "#b26a00", "#c62828"


def colour_of(verdict: Verdict) -> str:
    if not verdict.valid:
        return RED
    return AMBER if verdict.signer_status is SignerStatus.NEW else GREEN


def headline_of(verdict: Verdict) -> str:
    """The verdict in one sentence, in the interface language."""
    status = verdict.signer_status
    if status is SignerStatus.CHANGED:
        return tr(
            "Do not rely on this pack: this organisation signed before with another "
            "certificate. Accept the new one only once the supplier has confirmed its "
            "fingerprint."
        )
    if not verdict.valid:
        return tr(
            "Do not rely on this pack: it was modified, is not validly signed, or holds "
            "what a selfassess pack never holds."
        )
    if status is SignerStatus.CERTIFIED:
        return tr(
            "Valid, and signed by a certificate that {programme}, a programme you trust, issued.",
            programme=verdict.certified_by or "",
        )
    if status is SignerStatus.KNOWN:
        return tr("Valid, and signed by the certificate this organisation used before.")
    return tr(
        "Valid. First pack from this organisation: confirm the fingerprint with the supplier "
        "by phone before you rely on it."
    )


def verify_received(
    home: Path, path: Path, parent: QWidget | None, acceptance: Acceptance | None = None
) -> Verdict | None:
    """The verdict on the pack at `path`, checked on a worker thread; None when it could not be
    read (the reason shown in a dialog)."""
    verdict: Verdict | None = run_with_progress(
        parent,
        tr("Checking the pack…"),
        lambda _progress, _stop: verify_file(path, home=home, acceptance=acceptance),
        tr("{name} could not be read as a pack.", name=visible(path.name)),
    )
    return verdict


class ReceivedPackDialog(QDialog):
    """The verdict on one received pack."""

    def __init__(
        self, home: Path, path: Path, verdict: Verdict, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.home, self.path, self.verdict = home, path, verdict
        self.setWindowTitle(tr("A received pack"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        scroll.setMinimumWidth(min(600, max(360, (parent.width() if parent else 600) - 80)))
        self.accept_new = QPushButton(tr("Accept the new certificate…"))
        self.accept_new.clicked.connect(self._accept_new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        self.read = buttons.addButton(tr("Read the pack"), QDialogButtonBox.ButtonRole.ActionRole)
        self.read.clicked.connect(self._read)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.accept_new)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        verdict, lang = self.verdict, language()
        parts = [f"<h3 style='color:{colour_of(verdict)}'>{escape(headline_of(verdict))}</h3>"]
        parts += [f"<p>• {escape(reason.text(lang))}</p>" for reason in verdict.reasons]
        parts += [f"<p><i>{escape(note.text(lang))}</i></p>" for note in verdict.notes]
        if verdict.signer is not None:
            signer, details = verdict.signer, verdict.signer.details  # details already visible
            issued = (
                tr("self-signed")
                if signer.self_signed
                else tr("issued by {issuer}", issuer=signer.issuer)
            )
            valid = tr(
                "valid from {start} to {end}",
                start=signer.not_before.date().isoformat(),
                end=signer.not_after.date().isoformat(),
            )
            lines = [
                (tr("Signed by"), f"{details.name}, {details.organisation} ({details.country})"),
                (tr("Certificate fingerprint"), None),
                (tr("Signed on"), verdict.signed_at or "?"),
                (tr("Certificate"), f"{issued}, {valid}"),
            ]
            shown = [
                tr(
                    "{label}: {value}",
                    label=f"<b>{escape(label)}</b>",
                    value=f"<tt>{spoken(signer.fingerprint_sha256)}</tt>"
                    if value is None
                    else escape(value),
                )
                for label, value in lines
            ]
            parts.append(f"<p>{'<br>'.join(shown)}</p>")
        self.text.setText("".join(parts))
        self.accept_new.setVisible(verdict.signer_status is SignerStatus.CHANGED)

    def _read(self) -> None:
        from selfassess.ui.pack.pdf_viewer import PdfViewer  # QtPdf, only when asked

        try:
            title = visible(self.path.name)
            if colour_of(self.verdict) == RED:
                title = tr("{name}: do not rely on it", name=title)
            viewer = PdfViewer(self.path, title, self)
        except UserError as error:
            show_error(self, error)
            return
        viewer.exec()

    def _accept_new(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            tr("Accept the new certificate"),
            tr(
                "How did the supplier confirm the new fingerprint? (for instance: by phone "
                "with the manager, who read out the fingerprint). This is recorded with your "
                "name and the date."
            ),
        )
        if not ok:
            return
        if not reason.strip():
            show_error(self, UserError(tr("Say how the supplier confirmed the new certificate.")))
            return
        try:
            acceptance = Acceptance(reason).checked()
        except UserError as error:
            show_error(self, error)
            return
        verdict = verify_received(self.home, self.path, self, acceptance)
        if verdict is not None:
            self.verdict = verdict
            self._show()


def open_received_pack(home: Path, parent: QWidget) -> None:
    path = open_file(parent, "received-packs", tr("Open a received pack"), "PDF (*.pdf)")
    if not path:
        return
    verdict = verify_received(home, Path(path), parent)
    if verdict is not None:
        ReceivedPackDialog(home, Path(path), verdict, parent).exec()
