"""The programme's certificates, for its staff (File > Programme certificates…): create the
programme while none exists; then its root (name, country, validity, the fingerprint buyers
check by phone, the root file to give them), the certificates issued from suppliers' requests,
revoking one with a reason, and the revocation list to send buyers. Everything goes through the
core services the `selfassess programme` commands use."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.files import write_output
from selfassess.core.i18n import N_
from selfassess.core.programme.authority import Programme, ProgrammeStore
from selfassess.core.programme.register import IssuedRecord, Register
from selfassess.core.programme.revocation import revoke, write_crl
from selfassess.core.signing.certfiles import pem_of
from selfassess.core.storable import visible
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import save_file
from selfassess.ui.i18n import tr, tr_plural
from selfassess.ui.programme.ask import (
    ask_line,
    file_name,
    rich_label,
    spoken_html,
    with_passphrase,
)
from selfassess.ui.programme.create_page import CreatePage
from selfassess.ui.programme.issue_dialog import issue_from_request
from selfassess.ui.programme.tables import fill, read_only_table, selected
from selfassess.ui.screen_fit.window_size import within_screen

COLUMNS = (
    N_("Serial number"),
    N_("Signer"),
    N_("Organisation"),
    N_("Country"),
    N_("Issued"),
    N_("Valid until"),
    N_("Status"),
)


class ProgrammeDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = ProgrammeStore(home)
        self.records: dict[str, IssuedRecord] = {}
        self.setWindowTitle(tr("Programme certificates"))
        self.create_page = CreatePage(self.store)
        self.create_page.created.connect(self.refresh)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.create_page)
        self.stack.addWidget(self._programme_page())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)
        self.refresh()

    def _programme_page(self) -> QWidget:
        self.details = rich_label()
        self.save_root = QPushButton(tr("Save the root certificate…"))
        self.save_root.clicked.connect(self._save_root)
        self.issued = read_only_table([tr(label) for label in COLUMNS], stretch=len(COLUMNS) - 1)
        self.issued.itemSelectionChanged.connect(self._update_buttons)
        self.issue = QPushButton(tr("Issue a certificate from a request…"))
        self.revoke = QPushButton(tr("Revoke…"))
        self.save_crl = QPushButton(tr("Save the revocation list…"))
        self.issue.clicked.connect(self._issue)
        self.revoke.clicked.connect(self._revoke)
        self.save_crl.clicked.connect(self._save_crl)
        row = QHBoxLayout()
        for button in (self.issue, self.revoke, self.save_crl):
            row.addWidget(button)
        row.addStretch(1)
        group = QGroupBox(tr("Certificates issued"))
        inner = QVBoxLayout(group)
        inner.addWidget(self.issued, 1)
        inner.addLayout(row)
        self.notice = rich_label()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details)
        layout.addWidget(self.save_root, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(group, 1)
        layout.addWidget(self.notice)
        return page

    def refresh(self) -> None:
        """The create form while no programme exists; else the programme and its register."""
        if not self.store.exists():
            self.stack.setCurrentWidget(self.create_page)
            self.resize(720, 340)
            return
        if self.stack.currentIndex() != 1:
            self.stack.setCurrentIndex(1)
            self.resize(within_screen(self, QSize(980, 640)))  # a netbook: 1024x600
        try:
            programme = self.store.show()
            records = Register(self.store.register_file).records()
        except UserError as error:
            show_error(self, error)
            return
        self.details.setText(_details_html(programme, self.store.folder))
        self.records = {record.serial: record for record in records}
        fill(self.issued, [(record.serial, _cells(record)) for record in reversed(records)])
        self._update_buttons()

    def _update_buttons(self) -> None:
        record = self._selected()
        self.revoke.setEnabled(record is not None and record.revoked is None)

    def _selected(self) -> IssuedRecord | None:
        serial = selected(self.issued)
        return self.records.get(serial) if isinstance(serial, str) else None

    def _say(self, html: str) -> None:
        self.notice.setText(html)

    def _file_name(self, suffix: str) -> str:
        """A name for a file the programme writes, after the programme's own."""
        try:
            return file_name(self.store.show().name, suffix, "programme")
        except UserError:
            return f"programme{suffix}"

    def _save_root(self) -> None:
        path = save_file(
            self,
            "certificates",
            tr("Save the root certificate…"),
            self._file_name(".pem"),
            f"{tr('Certificates')} (*.pem *.crt)",
        )
        if not path:
            return
        try:
            write_output(Path(path), pem_of([self.store.root()]))
        except UserError as error:
            show_error(self, error, tr("The root certificate was not saved."))
            return
        said = tr(
            "Root certificate saved to {path}. Give it to buyers: they add it in their app "
            "(Trusted programmes…, in the File menu) once they have checked its fingerprint "
            "with you by phone.",
            path=path,
        )
        self._say(f"<p>{escape(said)}</p>")

    def _issue(self) -> None:
        issued = issue_from_request(self.store, self)
        if issued is None:
            return
        self.refresh()
        record = issued.record
        said = tr(
            "Certificate {serial} issued to {organisation}, valid until {date}, saved to {path} "
            "with the programme's root. Send that file to the supplier, who installs it in "
            "their app (Signing identity…, in the File menu).",
            serial=record.serial[:16],
            organisation=visible(record.subject.organisation),
            date=record.not_after.date().isoformat(),
            path=str(issued.output),
        )
        if issued.capped:
            said += " " + tr("It ends early, with the programme's root.")
        self._say(f"<p>{escape(said)}</p>")

    def _revoke(self) -> None:
        record = self._selected()
        if record is None:
            return
        question = tr(
            "Revoke the certificate of {name}, {organisation} (serial {serial})? This cannot be "
            "undone. Say why (kept in the programme's register):",
            name=visible(record.subject.name),
            organisation=visible(record.subject.organisation),
            serial=record.serial[:16],
        )
        reason = ask_line(self, tr("Revoke a certificate"), question, action=tr("Revoke"))
        if reason is None:
            return
        if not reason.strip():
            show_error(self, UserError(tr("Say why the certificate is revoked.")))
            return
        try:
            revoked = revoke(self.store, record.serial, reason)
        except UserError as error:
            show_error(self, error, tr("Nothing was revoked."))
            return
        self.refresh()
        said = tr(
            "Certificate {serial} revoked. Buyers learn of it from a new revocation list: save "
            "it and send it to them.",
            serial=revoked.serial[:16],
        )
        self._say(f"<p>{escape(said)}</p>")

    def _save_crl(self) -> None:
        path = save_file(
            self,
            "revocation-lists",
            tr("Save the revocation list…"),
            self._file_name(".crl"),
            f"{tr('Revocation lists')} (*.crl)",
        )
        if not path:
            return
        try:
            written = with_passphrase(
                self,
                lambda passphrase: write_crl(self.store, Path(path), passphrase=passphrase),
                title=tr("Programme passphrase"),
                prompt=tr("The passphrase of the programme's root key:"),
            )
        except UserError as error:
            show_error(self, error, tr("No revocation list was written."))
            return
        if written is None:
            return
        said = tr_plural(
            "Revocation list {number} saved to {path}: {count} certificate revoked, next update "
            "due {date}. Send it to buyers, who add it in their app (Trusted programmes…, in the "
            "File menu).",
            "Revocation list {number} saved to {path}: {count} certificates revoked, next update "
            "due {date}. Send it to buyers, who add it in their app (Trusted programmes…, in the "
            "File menu).",
            written.revoked,
            number=written.number,
            path=str(written.output),
            date=written.next_update.date().isoformat(),
        )
        self._say(f"<p>{escape(said)}</p>")


def _details_html(programme: Programme, folder: Path) -> str:
    country = f" ({escape(visible(programme.country))})" if programme.country else ""
    kept = (
        tr("The passphrase is kept by this computer's keyring.")
        if programme.passphrase_in_keyring
        else tr("The passphrase is asked for at each use (this computer has no keyring).")
    )
    root = tr(
        "Root certificate valid from {start} to {end}, key EC {curve}.",
        start=programme.not_before.date().isoformat(),
        end=programme.not_after.date().isoformat(),
        curve=programme.curve,
    )
    backup = tr("The programme is kept in {folder}: back up that folder.", folder=str(folder))
    read_out = tr("Fingerprint of the root, for buyers to check with you by phone:")
    lines = "<br>".join(escape(line) for line in (root, kept, backup))
    return (
        f"<h3>{escape(visible(programme.name))}{country}</h3><p>{lines}</p>"
        f"<p>{escape(read_out)}</p>{spoken_html(programme.spoken_fingerprint)}"
    )


def _cells(record: IssuedRecord) -> list[str]:
    subject = record.subject
    revoked = record.revoked
    status = tr("valid")
    if revoked is not None:
        on = tr("revoked on {date}", date=revoked.on.date().isoformat())
        status = f"{on} ({visible(revoked.reason)})"
    return [
        record.serial[:16],
        visible(subject.name),
        visible(subject.organisation),
        visible(subject.country),
        record.issued_at.date().isoformat(),
        record.not_after.date().isoformat(),
        status,
    ]
