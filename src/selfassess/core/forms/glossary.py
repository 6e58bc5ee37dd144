"""Finding the glossary terms that a question or criterion text uses, in a given language, so that
the app can show their definitions beside it.

Terms are matched by RE2 (`core.expr.patterns`), in time linear in the text however long a term
a form gives, each term's pattern compiled once.
"""

from __future__ import annotations

from functools import lru_cache

from selfassess.core.expr.patterns import Pattern, PatternError, compile_pattern, escape
from selfassess.core.forms.model import Form, GlossaryTerm

_NOT_WORD = r"[^\pL\pN_]"  # a word is made of letters, digits and '_', in any script


def _names(term: str) -> list[str]:
    """A term and, when it has one, its explanation in brackets: "PPE (protective equipment)"."""
    names = [term]
    stripped = term.strip()
    opening = stripped.find("(", 1)
    if opening > 0 and stripped.endswith(")"):
        before, inside = stripped[:opening].strip(), stripped[opening + 1 : -1]
        if before and inside:
            names = [before, inside]
    return [name for name in names if len(name) >= 3]


@lru_cache(maxsize=4096)
def _pattern(term: str) -> Pattern | None:
    """The term (and its explanation) as whole words in any case; None when it is too short."""
    names = _names(term)
    if not names:
        return None
    alternatives = "|".join(escape(name) for name in names)
    try:
        return compile_pattern(rf"(?i)(?:^|{_NOT_WORD})(?:{alternatives})(?:{_NOT_WORD}|$)")
    except PatternError:  # a term too long to compile is a term no text uses
        return None


def terms_in(form: Form, text: str, language: str) -> list[GlossaryTerm]:
    """The glossary entries whose term appears in `text` (whole words, any case), in form order."""
    found = []
    for entry in form.glossary:
        pattern = _pattern(entry.term.in_language(language, form.default_language))
        if pattern is not None and pattern.search(text):
            found.append(entry)
    return found
