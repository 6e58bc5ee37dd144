"""The signing identity in the app: who signs, the fingerprint to read out over the phone, a
backup under a password the user chooses, and importing a .p12 (from a backup or a CA); and a
certificate from a programme: the request to send it, with the key digits the programme reads
back by phone, and installing the certificate it sends (the key stays the same)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.signing.certfiles import (
    authority_name,
    key_fingerprint,
    read_certificates,
    read_request,
)
from selfassess.core.signing.identity import Identity, IdentityStore, spoken
from selfassess.core.signing.requests import install_certificate, write_request
from selfassess.core.storable import visible
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import open_file, save_file
from selfassess.ui.i18n import tr
from selfassess.ui.programme.ask import file_name, rich_label, spoken_html, with_passphrase

T = TypeVar("T")


class IdentityDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = IdentityStore(home)
        self.setWindowTitle(tr("Signing identity"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(520)
        self.backup = QPushButton(tr("Back up to a .p12 file…"))
        self.adopt = QPushButton(tr("Import a .p12 file…"))
        self.request = QPushButton(tr("Make a certificate request…"))
        self.install = QPushButton(tr("Install a certificate…"))
        self.backup.clicked.connect(self._backup)
        self.adopt.clicked.connect(self._import)
        self.request.clicked.connect(self._request)
        self.install.clicked.connect(self._install)
        self.notice = rich_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.backup, self.adopt, self.request, self.install):
            layout.addWidget(widget)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        if not self.store.exists():
            self.text.setText(tr("No signing identity yet: it is made on the first export."))
            for button in (self.backup, self.request, self.install):
                button.setEnabled(False)
            return
        identity = self.store.show()
        details = identity.details
        self.text.setText(
            f"<p><b>{escape(details.name)}</b>, {escape(details.organisation)} "
            f"({escape(details.country)})"
            + (f"<br>{escape(details.email)}" if details.email else "")  # many have none
            + "</p>"
            + "<p>"
            + tr(
                "{label}: {value}",
                label=escape(tr("Certificate fingerprint")),
                value=f"<br><tt style='font-size:large'>{identity.spoken_fingerprint}</tt>",
            )
            + "</p><p>"
            + tr(
                "{label}: {value}",
                label=escape(tr("Certificate")),
                value=escape(self._issued_by(identity))
                + ", "
                + escape(
                    tr(
                        "valid from {start} to {end}",
                        start=identity.not_before.date().isoformat(),
                        end=identity.not_after.date().isoformat(),
                    )
                ),
            )
            + "</p>"
        )
        for button in (self.backup, self.request, self.install):
            button.setEnabled(True)

    def _issued_by(self, identity: Identity) -> str:
        """Self-signed, or the programme that issued the certificate, by name."""
        if identity.self_signed:
            return tr("self-signed")
        try:
            issuer = authority_name(read_certificates(self.store.certificate_file)[0].issuer)
        except UserError:
            return tr("issued by a programme")
        return tr("issued by {issuer}", issuer=visible(issuer))

    def _secret(self, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, tr("Signing identity"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def _backup(self) -> None:
        path = save_file(self, "identity", tr("Back up to a .p12 file…"), "identity.p12")
        password = self._secret(tr("A password for the backup (at least 8 characters):"))
        if not path or password is None:
            return
        passphrase = None
        if not self.store.show().passphrase_in_keyring:
            passphrase = self._secret(tr("The passphrase of your signing identity:"))
        try:
            self.store.export_p12(Path(path), password, passphrase)
        except UserError as error:
            show_error(self, error, tr("No backup was written."))

    def _import(self) -> None:
        path = open_file(self, "identity", tr("Import a .p12 file…"), "*.p12 *.pfx")
        if not path:
            return
        replace = self.store.exists()
        if replace and not confirm(
            self,
            tr("Signing identity"),
            tr("Replace your signing identity? The current one is kept aside, not deleted."),
            tr("Replace"),
        ):
            return
        password = self._secret(tr("The password of the .p12 file:"))
        if password is None:
            return
        try:
            self.store.import_p12(Path(path), password, replace=replace)
        except UserError as error:
            show_error(self, error, tr("The identity was not imported."))
        self.refresh()

    def _with_passphrase(self, action: Callable[[str | None], T]) -> T | None:
        return with_passphrase(
            self,
            action,
            title=tr("Signing passphrase"),
            prompt=tr("The passphrase of your signing identity:"),
        )

    def _request(self) -> None:
        """Write a certificate request; show the key digits the programme will read back."""
        details = self.store.show().details
        name = file_name(details.organisation, ".csr", "request")
        path = save_file(
            self,
            "requests",
            tr("Make a certificate request…"),
            name,
            f"{tr('Certificate requests')} (*.csr)",
        )
        if not path:
            return
        try:
            target = self._with_passphrase(
                lambda passphrase: write_request(self.store, Path(path), passphrase)
            )
            if target is None:
                return
            digits = spoken(key_fingerprint(read_request(target).public_key()))
        except UserError as error:
            show_error(self, error, tr("No request was written."))
            return
        said = tr(
            "Request saved to {path}. Send it to the programme, then install the certificate it "
            "sends back. Before that, the programme phones you and reads these digits; they "
            "must be the same:",
            path=str(target),
        )
        self.notice.setText(f"<p>{escape(said)}</p>{spoken_html(digits)}")

    def _install(self) -> None:
        """Install the certificate a programme issued for this identity's key."""
        path = open_file(
            self,
            "certificates",
            tr("Install a certificate…"),
            f"{tr('Certificates')} (*.pem *.crt *.cer);;{tr('All files')} (*)",
        )
        if not path:
            return
        try:
            installed = self._with_passphrase(
                lambda passphrase: install_certificate(self.store, Path(path), passphrase)
            )
        except UserError as error:
            show_error(self, error, tr("The certificate was not installed."))
            return
        if installed is None:
            return
        self.refresh()
        said = tr(
            "Certificate installed: issued by {issuer}. Your packs now carry it; the previous "
            "certificate is kept aside, not deleted.",
            issuer=visible(installed.issuer),
        )
        self.notice.setText(f"<p>{escape(said)}</p>")
