"""The signing identity in the app: who signs, the fingerprint to read out over the phone, a
backup under a password the user chooses, and importing a .p12 (from a backup or a CA)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.signing.identity import IdentityStore
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr


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
        self.backup.clicked.connect(self._backup)
        self.adopt.clicked.connect(self._import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.backup, self.adopt, buttons):
            layout.addWidget(widget)
        self.refresh()

    def refresh(self) -> None:
        if not self.store.exists():
            self.text.setText(tr("No signing identity yet: it is made on the first export."))
            self.backup.setEnabled(False)
            return
        identity = self.store.show()
        details = identity.details
        self.text.setText(
            f"<p><b>{escape(details.name)}</b>, {escape(details.organisation)} "
            f"({escape(details.country)})<br>{escape(details.email)}</p>"
            f"<p>{escape(tr('Certificate fingerprint'))}:<br>"
            f"<tt style='font-size:large'>{identity.spoken_fingerprint}</tt></p>"
        )
        self.backup.setEnabled(True)

    def _secret(self, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, tr("Signing identity"), prompt, QLineEdit.EchoMode.Password
        )
        return text if ok else None

    def _backup(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Back up to a .p12 file…"), "identity.p12")
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
        path, _ = QFileDialog.getOpenFileName(self, tr("Import a .p12 file…"), "", "*.p12 *.pfx")
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
