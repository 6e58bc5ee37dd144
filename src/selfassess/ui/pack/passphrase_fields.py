"""The signing passphrase as rows of the export form, where no keyring keeps it: a new one typed
twice under a plain warning that nobody can recover it (and what losing it means), or the
existing one typed once; what is wrong is said under the field, which takes the focus."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from selfassess.core.errors import UserError
from selfassess.core.signing.identity import MIN_PASSWORD, check_passphrase
from selfassess.ui.i18n import language, tr

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "background: #fff4e5; border: 1px solid #e0a040; padding: 6px;"


class PassphraseRows:
    """The passphrase rows of `form`: chosen twice (`new`) or given once; hidden until shown."""

    def __init__(self, form: QFormLayout, *, new: bool) -> None:
        self.form, self.new = form, new
        self.intro = _wrapped(
            tr(
                "This computer cannot keep your passphrase for you: choose one of at least "
                "{count} characters. It will be asked for at each export.",
                count=MIN_PASSWORD,
            )
            if new
            else tr("This computer does not keep your passphrase: type it to sign.")
        )
        self.first, self.first_error = _secret(tr("Passphrase")), _error()
        self.again, self.again_error = _secret(tr("Passphrase again")), _error()
        first_cell = _cell(self.first, self.first_error)
        self.rows: list[QWidget] = [self.intro, first_cell]
        form.addRow(self.intro)
        form.addRow(tr("Passphrase"), first_cell)
        self.warning = _wrapped(
            tr(
                "Write the passphrase down and keep it in a safe place. Nobody can recover it. "
                "If it is lost, this identity can no longer sign: you will have to make a new "
                "identity and tell your buyers its new fingerprint."
            )
        )
        self.warning.setStyleSheet(WARNING_STYLE)
        if new:
            again_cell = _cell(self.again, self.again_error)
            form.addRow(tr("Passphrase again"), again_cell)
            form.addRow(self.warning)
            self.rows += [again_cell, self.warning]
        self.set_visible(False)

    def set_visible(self, visible: bool) -> None:
        for widget in self.rows:
            self.form.setRowVisible(widget, visible)
        if visible:
            self.first_error.hide()
            self.again_error.hide()

    def visible(self) -> bool:
        return self.form.isRowVisible(self.intro)

    def value(self) -> str | None:
        """The passphrase typed, or None with the problem said under its field."""
        self.first_error.hide()
        self.again_error.hide()
        if not self.new:
            if not self.first.text():
                self.refuse(tr("Type the passphrase of your signing identity."))
                return None
            return self.first.text()
        try:
            chosen = check_passphrase(self.first.text())
        except UserError as error:
            self.refuse(error.localized(language()))
            return None
        if self.again.text() != chosen:
            self.refuse(tr("The two passphrases differ: type the same one twice."), again=True)
            return None
        return chosen

    def refuse(self, message: str, *, again: bool = False) -> None:
        """Say `message` under the first field (or the second), and focus that field."""
        field, label = (self.again, self.again_error) if again else (self.first, self.first_error)
        label.setText(message[:1].upper() + message[1:])
        label.show()
        field.setAccessibleDescription(label.text())
        field.setFocus()
        field.selectAll()


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _cell(field: QLineEdit, error: QLabel) -> QWidget:
    """A field with the line under it that says what is wrong with it."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    layout.addWidget(error)
    return cell


def _error() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
