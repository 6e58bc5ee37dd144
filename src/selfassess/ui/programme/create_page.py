"""Creating the programme, once, on the computer that will issue its certificates: its name and
country; the root's passphrase goes to the keyring, or, where there is none, the user chooses it
(typed twice, with the warning that nothing recovers it), as the signing identity's is chosen on
the first export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.programme.authority import NAME_LIMIT, Programme, ProgrammeStore
from selfassess.core.signing.identity import PassphraseNeeded
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import tr
from selfassess.ui.programme.ask import choose_passphrase


class CreatePage(QWidget):
    """The form shown while no programme exists; `created` once it does."""

    created = Signal()

    def __init__(self, store: ProgrammeStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        intro = QLabel(
            tr(
                "No programme on this computer yet. A programme certifies the signing "
                "identities of its suppliers: buyers who trust it see their packs as certified "
                "by it. Create it once, on the one computer that will issue its certificates."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_LIMIT)
        self.name.setAccessibleName(tr("Name of the programme"))
        self.name.setPlaceholderText(tr("for instance: Tin Traceability Programme"))
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.country.setAccessibleName(tr("Country"))
        self.country.setPlaceholderText(tr("two letters, such as CD (may stay empty)"))
        form = QFormLayout()
        form.addRow(tr("Name of the programme"), self.name)
        form.addRow(tr("Country"), self.country)
        note = QLabel(
            tr(
                "The programme's key is locked with a passphrase kept in this computer's "
                "keyring. Where there is no keyring, you choose the passphrase and give it at "
                "each use: nobody can recover it, so write it down and keep it safe. Back up the "
                "programme's folder too: losing it means certifying every supplier again."
            )
        )
        note.setWordWrap(True)
        self.create_button = QPushButton(tr("Create the programme"))
        self.create_button.clicked.connect(self._create)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)

    def _create(self) -> None:
        try:
            made = self._made()
        except UserError as error:
            show_error(self, error, tr("No programme was created."))
            return
        if made is not None:
            self.created.emit()

    def _made(self) -> Programme | None:
        """The programme created; None when the user did not choose a passphrase."""
        name, country = self.name.text(), self.country.text()
        try:
            return self.store.create(name, country)
        except PassphraseNeeded:
            chosen = choose_passphrase(self)
            if chosen is None:
                return None
            return self.store.create(name, country, chosen)
