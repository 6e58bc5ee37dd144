"""One organisation, one key: the same supplier's name written in another Unicode form, case,
spacing, punctuation or without its accents is the same organisation to the buyer.

The key is the name in Unicode NFKC, case-folded, with accents (combining marks) and format
characters (category Cf: zero-width spaces, bidi marks) removed and every run of punctuation
or whitespace made one space, prefixed by the two-letter country. A name that mixes scripts
(Latin letters beside Cyrillic or Greek look-alikes) is flagged: it is how a look-alike name
is forged.
"""

from __future__ import annotations

import unicodedata

# Scripts that share no look-alike letters with each other count as one when they are mixed by
# design, as in Japanese; everything else mixed with another script is flagged.
_COMPATIBLE = [{"CJK", "HIRAGANA", "KATAKANA"}]


def normalised_name(name: str) -> str:
    """The organisation's name as compared: see the module's docstring."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for character in text:
        category = unicodedata.category(character)
        if category in ("Mn", "Me", "Cf"):
            continue
        if category[0] in "PSZC":
            if kept and kept[-1] != " ":
                kept.append(" ")
            continue
        kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def organisation_key(name: str, country: str) -> str:
    """ "CD/cooperative de kalimbi": country and normalised name, the pin list's key."""
    return f"{country.strip().upper()}/{normalised_name(name)}"


def scripts_of(name: str) -> set[str]:
    """The scripts of the letters in `name` ("LATIN", "CYRILLIC", ...), by their Unicode names."""
    found: set[str] = set()
    for character in unicodedata.normalize("NFKC", name):
        if not character.isalpha():
            continue
        words = unicodedata.name(character, "UNKNOWN").split()
        found.add(words[0])
    return found


def mixes_scripts(name: str) -> bool:
    """True when the letters of `name` come from more than one script (a look-alike forgery
    such as a Cyrillic letter a in a Latin name), allowing scripts written together by design."""
    scripts = scripts_of(name)
    if len(scripts) < 2:
        return False
    return not any(scripts <= group for group in _COMPATIBLE)
