"""The columns of an XLSForm sheet by what they hold, and translated text out of them.

A heading names a column (`type`, `relevant`) or a column in one language: `label::French (fr)`,
`hint::fr`, `label:Swahili`, as XLSForm writes them (docs.getodk.org/form-language). A language
is known by the code in brackets, a bare two- or three-letter code, or a few common names; text
in a column without a language is in the form's default language. A column whose language has
no code is left out and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selfassess.core.xlsform.import_workbook import Column, Sheet, SheetRow

_CODE_IN_BRACKETS = re.compile(r"\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*\)\s*$")
_BARE_CODE = re.compile(r"^[A-Za-z]{2,3}$")
_LANGUAGE_NAMES = {
    "english": "en",
    "anglais": "en",
    "kiingereza": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "kifaransa": "fr",
    "swahili": "sw",
    "kiswahili": "sw",
    "lingala": "ln",
    "portuguese": "pt",
    "português": "pt",
    "spanish": "es",
    "español": "es",
    "arabic": "ar",
    "kinyarwanda": "rw",
    "kirundi": "rn",
    "mashi": "shr",
}
_ALIASES = {
    "caption": "label",
    "jr:constraintmsg": "constraint_message",
    "constraining_message": "constraint_message",
    "jr:requiredmsg": "required_message",
    "requiredmsg": "required_message",
    "relevance": "relevant",
    "calculate": "calculation",
    "command": "type",
    "tag": "name",
    "value": "name",
    "readonly": "read_only",
    "media::image": "image",
    "media::audio": "audio",
    "media::video": "video",
}
TRANSLATABLE = frozenset(
    {
        "label",
        "hint",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "image",
        "big-image",
        "audio",
        "video",
    }
)
UNKNOWN_LANGUAGE = "?"


@dataclass(frozen=True)
class Heading:
    """A column by what it holds: `base` (label, type...), and its language when it has one
    (None: the default language; UNKNOWN_LANGUAGE: a language without a code)."""

    column: Column
    base: str
    language: str | None


def parse_heading(column: Column) -> Heading:
    """What the column holds, from its heading."""
    raw = column.heading.strip()
    lowered = raw.lower()
    for prefix in ("media::", "media:"):
        if lowered.startswith(prefix):  # media::image::French (fr) is image::French (fr)
            raw, lowered = raw[len(prefix) :], lowered[len(prefix) :]
    if "::" in raw:
        base, _, language = raw.partition("::")
    elif ":" in raw and not lowered.startswith("jr:") and not lowered.startswith("body:"):
        base, _, language = raw.partition(":")
    else:
        base, language = raw, ""
    name = "_".join(base.lower().split())
    name = _ALIASES.get(name, name)
    if name not in TRANSLATABLE or not language.strip():
        return Heading(column, name if not language.strip() else raw.lower(), None)
    return Heading(column, name, language_code(language) or UNKNOWN_LANGUAGE)


def language_code(language: str) -> str | None:
    """The code of a language as XLSForm names it ("French (fr)", "fr", "Français"), or None."""
    text = language.strip()
    bracketed = _CODE_IN_BRACKETS.search(text)
    if bracketed:
        return bracketed.group(1).lower()
    if _BARE_CODE.match(text):
        return text.lower()
    return _LANGUAGE_NAMES.get(text.lower())


@dataclass
class SheetColumns:
    """The headings of a sheet, and how to read a row's cells by them."""

    headings: list[Heading]
    default_language: str

    @classmethod
    def of(cls, sheet: Sheet, default_language: str) -> SheetColumns:
        return cls([parse_heading(column) for column in sheet.columns], default_language)

    def value(self, row: SheetRow, base: str) -> str | None:
        """The row's cell in the untranslated column `base` (the first one, if several)."""
        for heading in self.headings:
            if heading.base == base and heading.language is None:
                text = row.cells.get(heading.column.letter)
                if text is not None:
                    return text
        return None

    def letter(self, base: str) -> str | None:
        for heading in self.headings:
            if heading.base == base:
                return heading.column.letter
        return None

    def texts(self, row: SheetRow, base: str) -> dict[str, str]:
        """The row's translated text in the columns of `base`, by language code."""
        found: dict[str, str] = {}
        for heading in self.headings:
            if heading.base != base or heading.language == UNKNOWN_LANGUAGE:
                continue
            text = row.cells.get(heading.column.letter)
            language = heading.language or self.default_language
            if text is not None and (heading.language is not None or language not in found):
                found[language] = text
        return found

    def languages(self, rows: list[SheetRow]) -> list[str]:
        """The languages that some row has a label, hint or message in, in column order."""
        found: list[str] = []
        for heading in self.headings:
            if heading.base not in TRANSLATABLE or heading.base in _MEDIA:
                continue
            language = heading.language or self.default_language
            if language == UNKNOWN_LANGUAGE or language in found:
                continue
            if any(heading.column.letter in row.cells for row in rows):
                found.append(language)
        return found


_MEDIA = frozenset({"image", "big-image", "audio", "video"})

_FIXED_TEXTS = {
    "other": {"en": "Other", "fr": "Autre", "sw": "Nyingine"},
    "specify_other": {
        "en": "Please say what the other answer is",
        "fr": "Précisez quelle est l'autre réponse",
        "sw": "Tafadhali taja jibu hilo lingine",
    },
    "general": {"en": "General questions", "fr": "Questions générales", "sw": "Maswali ya jumla"},
    "not_accepted": {
        "en": "This answer is not accepted.",
        "fr": "Cette réponse n'est pas acceptée.",
        "sw": "Jibu hili halikubaliki.",
    },
}


def fixed_text(key: str, languages: list[str]) -> dict[str, str]:
    """A text the import adds (the "Other" option...), in each of the form's languages; English
    in a language it has no words for."""
    words = _FIXED_TEXTS[key]
    return {language: words.get(language, words["en"]) for language in languages}
