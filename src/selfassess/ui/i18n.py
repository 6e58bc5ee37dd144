"""The interface language: `tr("Save")` gives the text in the language the user chose, through the
same catalogs as core and the command line (selfassess/locale)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from selfassess.core.i18n import LANGUAGE_NAMES, LANGUAGES, plural, translate

__all__ = ["LANGUAGE_NAMES", "language", "set_language", "tr"]
_current = ["en"]
_qt_catalog: list[QTranslator] = []


def set_language(language: str) -> None:
    """Our catalogs, and Qt's own for its dialogs (file chooser, date picker) where Qt ships
    one (French: yes; Swahili: no, so our dialogs name their buttons themselves), with our
    words for the file chooser where Qt's catalog has none (ui/qt_strings)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current[0] = language
    _load_qt_catalog(language)


def _load_qt_catalog(language: str) -> None:
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_catalog:
        app.removeTranslator(old)
    _qt_catalog.clear()
    catalog = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and catalog.load(f"qtbase_{language}", folder):
        app.installTranslator(catalog)
        _qt_catalog.append(catalog)
    if language != "en":
        from selfassess.ui.qt_strings import OurWordsForQt

        ours = OurWordsForQt(language)
        app.installTranslator(ours)  # installed last, asked first
        _qt_catalog.append(ours)


def language() -> str:
    return _current[0]


def tr(message: str, **params: object) -> str:
    """`message` in the current interface language."""
    return translate(_current[0], message, **params)


def tr_plural(one: str, other: str, count: int, **params: object) -> str:
    """The message for `count` things in the current interface language, in real plural forms."""
    return plural(_current[0], one, other, count, **params)
