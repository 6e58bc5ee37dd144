"""The programmes a buyer trusts (File > Trusted programmes…): each programme's root, added from
the file the programme gave after its fingerprint was checked by phone, removed when no longer
trusted, and the revocation lists the programmes send. A received pack whose signer's
certificate one of these programmes issued is reported as certified by it. Everything goes
through the core services the `selfassess trust` commands use."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfassess.core.errors import UserError
from selfassess.core.i18n import N_
from selfassess.core.risk_updates.signed import forget_tables_signed_by
from selfassess.core.storable import visible
from selfassess.core.trust.crls import add_crl, kept_crl
from selfassess.core.trust.roots import TrustedRoot, add_root, remove_root, trusted_roots
from selfassess.ui.dialogs.ask import confirm
from selfassess.ui.errors import show_error
from selfassess.ui.file_dialogs import open_file
from selfassess.ui.i18n import language, tr, tr_plural
from selfassess.ui.programme.ask import rich_label, spoken_html
from selfassess.ui.programme.tables import fill, read_only_table, select, selected

COLUMNS = (N_("Programme"), N_("Valid until"), N_("Revocation list"), N_("Fingerprint"))


class TrustedDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.roots: dict[str, TrustedRoot] = {}
        self.setWindowTitle(tr("Trusted programmes"))
        intro = QLabel(
            tr(
                "Packs signed with a certificate that one of these programmes issued are shown "
                "as certified by it. Add a programme's root certificate only after checking its "
                "fingerprint with the programme by phone."
            )
        )
        intro.setWordWrap(True)
        self.table = read_only_table([tr(label) for label in COLUMNS], stretch=len(COLUMNS) - 1)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add = QPushButton(tr("Add a programme's root…"))
        self.remove = QPushButton(tr("Remove…"))
        self.add_list = QPushButton(tr("Add a revocation list…"))
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.add_list.clicked.connect(self._add_list)
        row = QHBoxLayout()
        for button in (self.add, self.remove, self.add_list):
            row.addWidget(button)
        row.addStretch(1)
        self.fingerprint = rich_label()
        self.notice = rich_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.fingerprint)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.resize(1000, 480)
        self.refresh()

    def refresh(self) -> None:
        try:
            roots = trusted_roots(self.home)
        except UserError as error:
            show_error(self, error)
            roots = []
        self.roots = {root.fingerprint_sha256: root for root in roots}
        fill(self.table, [(root.fingerprint_sha256, self._cells(root)) for root in roots])
        self.add_list.setEnabled(bool(roots))
        self._update_buttons()

    def _cells(self, root: TrustedRoot) -> list[str]:
        return [
            _name(root),
            root.not_after.date().isoformat(),
            self._list_of(root),
            root.spoken_fingerprint,
        ]

    def _list_of(self, root: TrustedRoot) -> str:
        """The revocation list kept for `root`, in a few words."""
        try:
            kept = kept_crl(self.home, root)
        except UserError as error:
            return error.localized(language())
        if kept is None:
            return tr("none yet")
        made = tr_plural(
            "made on {date}, {count} certificate revoked",
            "made on {date}, {count} certificates revoked",
            kept.revoked,
            date=kept.this_update.date().isoformat(),
        )
        if kept.next_update is None:
            return made
        return made + ", " + tr("next due {date}", date=kept.next_update.date().isoformat())

    def _update_buttons(self) -> None:
        """Remove, and the full fingerprint, for the programme selected."""
        root = self._selected()
        self.remove.setEnabled(root is not None)
        if root is None:
            self.fingerprint.setText(escape(tr("Select a programme to read its fingerprint.")))
            return
        said = tr("Fingerprint of {programme}:", programme=_name(root))
        self.fingerprint.setText(f"<p>{escape(said)}</p>{spoken_html(root.spoken_fingerprint)}")

    def _selected(self) -> TrustedRoot | None:
        fingerprint = selected(self.table)
        return self.roots.get(fingerprint) if isinstance(fingerprint, str) else None

    def _add(self) -> None:
        path = open_file(
            self,
            "certificates",
            tr("Add a programme's root…"),
            f"{tr('Certificates')} (*.pem *.crt *.cer);;{tr('All files')} (*)",
        )
        if not path:
            return
        try:
            root, added = add_root(self.home, Path(path))
        except UserError as error:
            show_error(self, error, tr("No programme was added."))
            return
        self.refresh()
        select(self.table, root.fingerprint_sha256)
        said = tr("{programme} is trusted now.", programme=_name(root))
        if not added:
            said = tr("{programme} was trusted already.", programme=_name(root))
        check = tr(
            "Check its fingerprint, above, with the programme by phone; if a single group "
            "differs, remove it."
        )
        self.notice.setText(f"<p>{escape(said)} {escape(check)}</p>")

    def _remove(self) -> None:
        root = self._selected()
        if root is None:
            return
        question = tr(
            "Stop trusting {programme}? Packs its certificates sign are then judged as any "
            "other: by the certificate each organisation used before.",
            programme=_name(root),
        )
        if not confirm(self, tr("Trusted programmes"), question, tr("Remove")):
            return
        try:
            remove_root(self.home, root.fingerprint_sha256)
            forget_tables_signed_by(self.home, root.fingerprint_sha256)
        except UserError as error:
            show_error(self, error, tr("Nothing was removed."))
            return
        self.refresh()
        said = tr("{programme} is no longer trusted.", programme=_name(root))
        self.notice.setText(f"<p>{escape(said)}</p>")

    def _add_list(self) -> None:
        path = open_file(
            self,
            "revocation-lists",
            tr("Add a revocation list…"),
            f"{tr('Revocation lists')} (*.crl *.pem);;{tr('All files')} (*)",
        )
        if not path:
            return
        try:
            kept, added = add_crl(self.home, Path(path))
        except UserError as error:
            show_error(self, error, tr("No revocation list was added."))
            return
        self.refresh()
        said = tr_plural(
            "Revocation list of {programme} kept: {count} certificate revoked.",
            "Revocation list of {programme} kept: {count} certificates revoked.",
            kept.revoked,
            programme=_name(kept.root),
        )
        if not added:
            said = tr(
                "This revocation list of {programme} was kept already.", programme=_name(kept.root)
            )
        self.notice.setText(f"<p>{escape(said)}</p>")


def _name(root: TrustedRoot) -> str:
    country = f" ({visible(root.country)})" if root.country else ""
    return f"{visible(root.programme)}{country}"
