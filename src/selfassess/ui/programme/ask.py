"""What the programme's dialogs ask for and how they answer: a passphrase where no keyring keeps
it (asked at each use, as the signing identity's is), a new one chosen twice with the warning
that nothing recovers it, file names, and the fingerprints set out to be read over the phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from selfassess.core.errors import UserError
from selfassess.core.signing.identity import MIN_PASSWORD, PassphraseNeeded
from selfassess.ui.i18n import tr

T = TypeVar("T")
SPOKEN_STYLE = "font-family: monospace; font-size: large"
PROMPT_WIDTH = 480


def ask_line(
    parent: QWidget | None, title: str, prompt: str, *, secret: bool = False, action: str = ""
) -> str | None:
    """A line typed under `prompt`, which wraps (a long one would make the box wider than the
    screen), with buttons named in the interface language; None when the user cancels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setOkButtonText(action or tr("OK"))
    dialog.setCancelButtonText(tr("Cancel"))
    if secret:
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    label = dialog.findChild(QLabel)
    if label is not None:
        label.setWordWrap(True)
        label.setMinimumWidth(PROMPT_WIDTH)
    return dialog.textValue() if dialog.exec() else None


def ask_secret(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """A secret typed without echo; None when the user cancels."""
    return ask_line(parent, title, prompt, secret=True)


def with_passphrase(
    parent: QWidget | None, action: Callable[[str | None], T], *, title: str, prompt: str
) -> T | None:
    """Run `action` with the keyring; where there is none, with the passphrase the user gives.
    None when the user cancels."""
    try:
        return action(None)
    except PassphraseNeeded:
        given = ask_secret(parent, title, prompt)
        if given is None:
            return None
        return action(given)


def choose_passphrase(parent: QWidget | None) -> str | None:
    """A new passphrase for the programme's root key, typed twice; None when cancelled."""
    title = tr("Programme passphrase")
    first = ask_secret(
        parent,
        title,
        tr(
            "This computer has no keyring to keep the programme's passphrase. Choose one of at "
            "least {count} characters; it will be asked for at each use. Write it down and keep "
            "it safe: nobody can recover it, and without it no certificate can be issued.",
            count=MIN_PASSWORD,
        ),
    )
    if first is None:
        return None
    again = ask_secret(parent, title, tr("Type the passphrase again:"))
    if again is None:
        return None
    if again != first:
        raise UserError(tr("The two passphrases differ."))
    return first


def rich_label() -> QLabel:
    """A label for what a dialog says back: wrapped, selectable (to copy a path or digits)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def spoken_html(digits: str) -> str:
    """Fingerprint digits, large and monospace, to read out over the phone."""
    return f"<p style='{SPOKEN_STYLE}'>{escape(digits)}</p>"


def file_name(name: str, suffix: str, fallback: str) -> str:
    """A file name proposed in a save dialog, from a programme's or signer's name."""
    stem = re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")
    return f"{stem or fallback}{suffix}"
