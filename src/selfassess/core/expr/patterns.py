"""Regular expressions from questionnaires, on RE2: matching takes time linear in the text, whatever
the pattern, so no pattern written in a form can hang the app.

RE2 refuses what needs backtracking (backreferences such as `\\1`, lookarounds such as `(?=…)` or
`(?<!…)`, atomic groups and possessive repeats) and patterns whose compiled program would exceed
`MAX_PATTERN_MEMORY`; `compile_pattern` says which, in words a form author can act on. Every
pattern is compiled once (cached), with or without success.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import re2

MAX_PATTERN_MEMORY = 2 * 1024 * 1024
"""The memory RE2 may use for one pattern's program and its matching cache."""
MAX_SUBJECT_LENGTH = 1_000_000
"""The longest text a pattern is matched against, in characters."""
_CACHED_PATTERNS = 256


class PatternError(ValueError):
    """A pattern that RE2 cannot compile, with the reason in plain words."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern; `fullmatch` and `search` take time linear in the text."""

    source: str
    _regexp: re2._Regexp[str]

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of `text` matches."""
        return self._regexp.fullmatch(_subject(text)) is not None

    def search(self, text: str) -> bool:
        """Whether some part of `text` matches."""
        return self._regexp.search(_subject(text)) is not None


def compile_pattern(source: str) -> Pattern:
    """The compiled pattern; raises PatternError when RE2 refuses it."""
    compiled = _compiled(source)
    if isinstance(compiled, str):
        raise PatternError(compiled)
    return compiled


def escape(text: str) -> str:
    """`text` as a pattern that matches exactly it."""
    return re2.escape(text)


@lru_cache(maxsize=_CACHED_PATTERNS)
def _compiled(source: str) -> Pattern | str:
    """The pattern, or the reason it is refused (cached either way)."""
    options = re2.Options()
    options.log_errors = False
    options.max_mem = MAX_PATTERN_MEMORY
    try:
        return Pattern(source, re2.compile(source, options))
    except re2.error as exc:
        return _reason(source, exc)


def _reason(source: str, exc: re2.error) -> str:
    detail = exc.args[0] if exc.args else ""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if "pattern too large" in str(detail):
        return "the pattern is too large; write it with fewer or smaller repeats"
    syntax = _syntax_error(source)
    if syntax is not None:
        return f"invalid pattern: {syntax}"
    if "\\Z" in source:
        return "write \\z for the end of the text, not \\Z"
    return (
        "the pattern needs backtracking, which is not supported: no backreferences such as "
        f"\\1, lookarounds such as (?=…) or (?<!…), atomic groups or possessive repeats ({detail})"
    )


def _syntax_error(source: str) -> str | None:
    """What Python's own engine finds wrong with the pattern, in its clearer words; None when it
    compiles (then RE2 refused a construct, not a typo). Compiling is not matching: it takes
    time linear in the pattern, so this is safe."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like: not our concern
            re.compile(source)
    except re.error as exc:
        return exc.msg
    except (OverflowError, RecursionError, ValueError) as exc:
        return str(exc)
    return None


def _subject(text: str) -> str:
    """The text to match: RE2 reads UTF-8, so a lone surrogate becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
