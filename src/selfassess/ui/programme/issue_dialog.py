"""Issuing a supplier's certificate from the request they sent: the request is checked first and
who it is for is shown with its key digits, which the programme reads to the supplier by phone
(the supplier's app showed the same digits when it made the request) before anything is issued;
then the certificate, followed by the root, is saved where the user says, to send back."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.programme.authority import ProgrammeStore
from selfassess.core.programme.issuing import (
    DEFAULT_YEARS,
    MAX_YEARS,
    Issued,
    checked_request,
    issue,
)
from selfassess.core.signing.certfiles import key_fingerprint
from selfassess.core.signing.identity import IdentityDetails, spoken
from selfassess.core.storable import visible
from selfassess.ui.dialogs.ask import ok_cancel
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import open_file, save_file
from selfassess.ui.i18n import tr
from selfassess.ui.programme.ask import file_name, rich_label, spoken_html, with_passphrase


class RequestDialog(QDialog):
    """Who a checked request is for and its key digits; accepted when the digits matched."""

    def __init__(
        self, source: Path, details: IdentityDetails, key_digits: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Issue a certificate"))
        self.who = rich_label()
        self.who.setText(
            f"<p>{escape(tr('Request {file}', file=visible(source.name)))}</p>"
            f"<p><b>{escape(visible(details.name))}</b>, {escape(visible(details.organisation))} "
            f"({escape(visible(details.country))})<br>{escape(visible(details.email))}</p>"
        )
        self.phone = rich_label()
        self.phone.setText(_phone_html(key_digits))
        self.phone.setMinimumWidth(560)
        self.years = QSpinBox()
        self.years.setRange(1, MAX_YEARS)
        self.years.setValue(DEFAULT_YEARS)
        self.years.setAccessibleName(tr("Valid for (years)"))
        form = QFormLayout()
        form.addRow(tr("Valid for (years)"), self.years)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.phone)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, tr("The digits are the same: issue…")))


def _phone_html(key_digits: str) -> str:
    """The key digits to read to the supplier, and what to do when they differ."""
    ask = tr("Phone the supplier and read them the digits of the key:")
    why = tr(
        "Their app showed the same digits when it made the request. Issue the certificate "
        "only if every group is the same: otherwise someone else sent this request in their "
        "name."
    )
    return f"<p>{escape(ask)}</p>{spoken_html(key_digits)}<p>{escape(why)}</p>"


def issue_from_request(store: ProgrammeStore, parent: QWidget) -> Issued | None:
    """The whole issue as the programme's staff go through it; what was issued, or None."""
    source = open_file(
        parent,
        "requests",
        tr("Issue a certificate from a request…"),
        _filter(tr("Certificate requests")),
    )
    if not source:
        return None
    try:
        request, details = checked_request(Path(source))
    except UserError as error:
        show_error(parent, error, tr("No certificate was issued."))
        return None
    digits = spoken(key_fingerprint(request.public_key()))
    dialog = RequestDialog(Path(source), details, digits, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = file_name(details.organisation or details.name, ".pem", "certificate")
    target = save_file(
        parent,
        "certificates",
        tr("Save the certificate"),
        name,
        _filter(tr("Certificates"), "*.pem"),
    )
    if not target:
        return None
    return _issued(store, Path(source), Path(target), dialog.years.value(), parent)


def _issued(
    store: ProgrammeStore, source: Path, target: Path, years: int, parent: QWidget
) -> Issued | None:
    """Issue, with the root's passphrase where no keyring keeps it; a refusal is shown."""
    try:
        return with_passphrase(
            parent,
            lambda passphrase: issue(store, source, target, years, passphrase),
            title=tr("Programme passphrase"),
            prompt=tr("The passphrase of the programme's root key:"),
        )
    except UserError as error:
        show_error(parent, error, tr("No certificate was issued."))
        return None


def _filter(label: str, patterns: str = "*.csr *.pem") -> str:
    return f"{label} ({patterns});;{tr('All files')} (*)"
