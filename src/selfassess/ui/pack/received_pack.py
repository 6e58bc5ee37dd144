"""Opening a pack a supplier sent: the verdict in plain words and colour. Green: intact, from a
signer seen before. Amber: intact, first time seen, so confirm the fingerprint with the supplier.
Red: modified, invalid, or a known supplier signing with another certificate."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.pack.known_signers import Recognition, recognise
from selfassess.core.pack.verify import Verdict, verify
from selfassess.core.signing.identity import spoken
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr

GREEN, AMBER, RED = "#2e7d32", "#b26a00", "#c62828"


def colour_of(verdict: Verdict, recognition: Recognition | None) -> str:
    if not verdict.valid or recognition is Recognition.CHANGED:
        return RED
    return GREEN if recognition is Recognition.KNOWN else AMBER


class ReceivedPackDialog(QDialog):
    """The verdict on one received pack."""

    def __init__(self, home: Path, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home, self.path = home, path
        self.setWindowTitle(tr("A received pack"))
        self.verdict = verify(path.read_bytes())
        self.recognition = recognise(self.verdict, home)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(560)
        self.trust = QPushButton(tr("The supplier confirmed this fingerprint"))
        self.trust.clicked.connect(self._trust)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        self.read = buttons.addButton(tr("Read the pack"), QDialogButtonBox.ButtonRole.ActionRole)
        self.read.clicked.connect(self._read)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.trust)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        verdict, recognition = self.verdict, self.recognition
        colour = colour_of(verdict, recognition)
        if not verdict.valid:
            headline = tr("Do not rely on this pack: it was modified or is not validly signed.")
        elif recognition is Recognition.CHANGED:
            headline = tr(
                "Warning: this supplier signed before with another certificate. Do not rely on "
                "this pack until the supplier confirms the new fingerprint."
            )
        elif recognition is Recognition.KNOWN:
            headline = tr("Intact, and signed by a certificate this supplier used before.")
        else:
            headline = tr(
                "Intact. First pack from this signer: confirm the fingerprint with the supplier "
                "by phone before you rely on it."
            )
        parts = [f"<h3 style='color:{colour}'>{escape(headline)}</h3>"]
        parts += [f"<p>• {escape(reason)}</p>" for reason in verdict.reasons]
        if verdict.signer is not None:
            details = verdict.signer.details
            parts.append(
                f"<p><b>{escape(tr('Signed by'))}</b>: {escape(details.name)}, "
                f"{escape(details.organisation)} ({escape(details.country)})<br>"
                f"<b>{escape(tr('Certificate fingerprint'))}</b>: "
                f"<tt>{spoken(verdict.signer.fingerprint_sha256)}</tt></p>"
            )
        self.text.setText("".join(parts))
        self.trust.setVisible(verdict.valid and recognition is not Recognition.KNOWN)

    def _read(self) -> None:
        from selfassess.ui.pack.pdf_viewer import PdfViewer  # QtPdf, only when asked

        try:
            title = self.path.name
            if colour_of(self.verdict, self.recognition) == RED:
                title = tr("{name}: do not rely on it", name=self.path.name)
            viewer = PdfViewer(self.path, title, self)
        except UserError as error:
            show_error(self, error)
            return
        viewer.exec()

    def _trust(self) -> None:
        recognise(self.verdict, self.home, trust_new=True)  # remembered: known from now on
        self.recognition = Recognition.KNOWN
        self._show()


def open_received_pack(home: Path, parent: QWidget) -> None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open a received pack"), "", "PDF (*.pdf)")
    if not path:
        return
    failed = tr("{name} could not be read as a pack.", name=Path(path).name)
    try:
        ReceivedPackDialog(home, Path(path), parent).exec()
    except UserError as error:
        show_error(parent, error, failed)
    except OSError as error:
        show_error(parent, UserError(f"{path}: {error.strerror or error}"), failed)
