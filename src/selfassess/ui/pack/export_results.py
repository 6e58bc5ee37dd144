"""The last page of the export: where the signed pack is (its file name, folder and size), the
fingerprint to read out to the buyers by phone, and buttons that open the folder, the pack and an
e-mail draft to the buyers; where the desktop has no program for one, the page says so and
gives the path to copy (and, for the e-mail, the message to paste into webmail)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.pack.email_draft import email_body, write_email_draft
from selfassess.core.signing.identity import Identity
from selfassess.core.store.evidence import describe_size
from selfassess.ui.i18n import language, tr
from selfassess.ui.pack.open_fallback import OpenFallback, open_with_desktop

ERROR_STYLE = "color: #b3261e;"
HEADLINE_STYLE = "font-size: 13pt; font-weight: bold; color: #1b5e20;"
FINGERPRINT_STYLE = "font-family: monospace; font-size: x-large; font-weight: bold"
GROUPS_PER_LINE = 4


class ExportResults(QWidget):
    """What the export made, and the ways to send it on."""

    def __init__(self) -> None:
        super().__init__()
        self.pack = Path()
        self.organisation = self.fingerprint = self.pack_language = ""
        self.headline = QLabel(tr("The signed pack is ready."))
        self.headline.setStyleSheet(HEADLINE_STYLE)
        self.file_name, self.folder, self.file_size = _selectable(), _selectable(), _selectable()
        details = QFormLayout()
        details.addRow(tr("File"), self.file_name)
        details.addRow(tr("Saved in"), self.folder)
        details.addRow(tr("Size"), self.file_size)
        said = tr(
            "Read this fingerprint to your buyers by phone: it shows them that the pack is yours."
        )
        self.fingerprint_label = _selectable()
        self.fingerprint_label.setAccessibleName(tr("Certificate fingerprint"))
        self.open_folder = QPushButton(tr("Open folder"))
        self.open_pack = QPushButton(tr("Open pack"))
        self.open_folder.clicked.connect(self._open_folder)
        self.open_pack.clicked.connect(self._open_pack)
        opening = QHBoxLayout()
        opening.addWidget(self.open_folder)
        opening.addWidget(self.open_pack)
        opening.addStretch(1)
        self.fallback = OpenFallback()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(details)
        layout.addWidget(_wrapped(said))
        layout.addWidget(self.fingerprint_label)
        layout.addLayout(opening)
        layout.addLayout(self._email_rows())
        layout.addWidget(self.fallback)
        layout.addStretch(1)

    def _email_rows(self) -> QVBoxLayout:
        self.addresses = QLineEdit()
        self.addresses.setPlaceholderText("buyer@example.com, other@example.com")
        addresses_label = tr("Buyers' e-mail addresses (optional, separated by commas)")
        self.addresses.setAccessibleName(addresses_label)
        self.open_email = QPushButton(tr("Open e-mail draft"))
        self.open_email.clicked.connect(self._open_email)
        self.email_note = QLabel()
        self.email_note.setWordWrap(True)
        self.email_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.addresses, 1)
        row.addWidget(self.open_email)
        rows = QVBoxLayout()
        rows.addWidget(_wrapped(addresses_label))
        rows.addLayout(row)
        rows.addWidget(self.email_note)
        return rows

    def show_pack(self, pack: Path, identity: Identity, pack_language: str) -> None:
        """Say what was written, for whom and how to check it."""
        self.pack, self.pack_language = pack, pack_language
        self.organisation = identity.details.organisation
        self.fingerprint = identity.fingerprint_sha256
        self.file_name.setText(f"<b>{escape(pack.name)}</b>")
        self.folder.setText(escape(str(pack.parent)))
        self.file_size.setText(escape(describe_size(pack.stat().st_size, language())))
        self.fingerprint_label.setText(
            f"<p style='{FINGERPRINT_STYLE}'>{fingerprint_lines(identity.spoken_fingerprint)}</p>"
        )
        self.fallback.hide()
        self.email_note.hide()

    def _open_folder(self) -> None:
        if not open_with_desktop(self.pack.parent):
            self.fallback.explain(
                tr("This computer has no program to open folders. The pack is in this folder:"),
                self.pack.parent,
            )

    def _open_pack(self) -> None:
        if not open_with_desktop(self.pack):
            self.fallback.explain(
                tr("This computer has no program to open PDF files. The pack is here:"),
                self.pack,
            )

    def _open_email(self) -> None:
        """Write the draft beside the pack, then open it in the mail program, or say how to send
        the pack from webmail."""
        recipients = [a.strip() for a in self.addresses.text().split(",") if a.strip()]
        try:
            draft = write_email_draft(
                self.pack,
                self.pack.with_suffix(".eml"),
                recipients=recipients,
                organisation=self.organisation,
                fingerprint=self.fingerprint,
                language=self.pack_language,
            )
        except UserError as error:
            text = error.localized(language())
            self._note(text[:1].upper() + text[1:], error=True)
            self.addresses.setFocus()
            return
        note = tr("The e-mail draft is saved beside the pack: {name}.", name=draft.path.name)
        if draft.large:
            note += " " + tr(
                "The e-mail is {size}: many mail servers refuse more than 10 MB. Export again "
                "with smaller copies of the photos, or leaving out the largest files.",
                size=describe_size(draft.size, language()),
            )
        self._note(note, error=draft.large)
        if not open_with_desktop(draft.path):
            self.fallback.explain(
                tr(
                    "This computer has no mail program to open the e-mail draft. Write to your "
                    "buyers from your webmail instead: attach the pack (its path is below) and "
                    "paste the message, which gives the fingerprint."
                ),
                self.pack,
                email_body(self.organisation, self.fingerprint, self.pack_language),
            )

    def _note(self, text: str, *, error: bool) -> None:
        self.email_note.setText(text)
        self.email_note.setStyleSheet(ERROR_STYLE if error else "")
        self.email_note.show()


def fingerprint_lines(spoken: str) -> str:
    """The fingerprint's groups, four to a line, as HTML: short lines to read out by phone."""
    groups = spoken.split()
    lines = (
        " ".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    )
    return "<br>".join(escape(line) for line in lines)


def _selectable() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
