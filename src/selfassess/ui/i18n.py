"""The interface language: `tr("Save")` gives the text in the language the user chose, through the
same catalogs as core and the command line (selfassess/locale)."""

from __future__ import annotations

from selfassess.core.i18n import LANGUAGES, translate

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "sw": "Kiswahili"}
_current = ["en"]


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current[0] = language


def language() -> str:
    return _current[0]


def tr(message: str, **params: object) -> str:
    """`message` in the current interface language."""
    return translate(_current[0], message, **params)
