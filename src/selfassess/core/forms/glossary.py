"""Finding the glossary terms that a question or criterion text uses, in a given language, so that
the app can show their definitions beside it."""

from __future__ import annotations

import re

from selfassess.core.forms.model import Form, GlossaryTerm


def _names(term: str) -> list[str]:
    """A term and, when it has one, its explanation in brackets: "PPE (protective equipment)"."""
    names = [term]
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", term)
    if match:
        names = [match.group(1), match.group(2)]
    return [name for name in names if len(name) >= 3]


def _patterns(form: Form, language: str) -> tuple[tuple[GlossaryTerm, re.Pattern[str]], ...]:
    found = []
    for entry in form.glossary:
        term = entry.term.in_language(language, form.default_language)
        alternatives = "|".join(re.escape(name) for name in _names(term))
        found.append((entry, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)))
    return tuple(found)


def terms_in(form: Form, text: str, language: str) -> list[GlossaryTerm]:
    """The glossary entries whose term appears in `text` (whole words, any case), in form order."""
    return [entry for entry, pattern in _patterns(form, language) if pattern.search(text)]
