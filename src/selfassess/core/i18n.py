"""One translation system for core, command line and app: English message ids, looked up in
`selfassess/locale/<language>.json` catalogs.

    from selfassess.core.i18n import translate
    translate("fr", "An answer is required.")   # -> "Une réponse est requise."
    translate("sw", "{count} files needed.", count=2)
    plural("fr", "{count} file needed.", "{count} files needed.", 2)

A test extracts every message id passed to `translate` or `N_` in the code and checks that each
catalog has it, so a string cannot ship untranslated.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fr", "sw")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "sw": "Kiswahili"}  # each in itself
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Marks a message id for translation where it is defined; translate it where it is shown."""
    return message


def catalog(language: str) -> dict[str, str]:
    """The translations of one language (empty for English and for unknown languages).

    Only the known LANGUAGES name a catalog file: any other text, such as a language read from
    an imported file, is never made into a path."""
    if language not in _CATALOG_FILES:
        return {}
    return _load(_CATALOG_FILES[language])


_CATALOG_FILES = {language: f"{language}.json" for language in LANGUAGES if language != "en"}


@cache
def _load(file_name: str) -> dict[str, str]:
    path = LOCALE_DIR / file_name
    if not path.is_file():
        return {}
    loaded: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def translate(language: str, message: str, **params: object) -> str:
    """`message` in `language` (English when no translation exists), with `{params}` filled in."""
    text = catalog(language).get(message) or message
    return text.format(**params) if params else text


def plural(language: str, one: str, other: str, count: int, **params: object) -> str:
    """The message for `count` things, in real plural forms, never "(s)": `one` or `other` by
    the language's rule (French takes the singular for 0 and 1; English and Swahili for 1
    only), each translated like any message, with `{count}` and `params` filled in."""
    singular = count in (0, 1) if language == "fr" else count == 1
    return translate(language, one if singular else other, count=count, **params)
