"""The file name a pack is saved under when the user names none: the supplier, the day the
assessment was finalized and its revision, such as
`Coopérative-minière-de-Kalimbi_2026-12-07_r1.pdf`.

The supplier's name keeps its letters in any script, accents included (composed, NFC), and its
digits; anything else (spaces, punctuation, the characters Windows and FAT refuse: < > : " / \\ |
? *, control and invisible characters, emoji) becomes one hyphen between words. The name is cut
at a word where it is long, so that the whole stays far below the 255 bytes a file name may
take; a name left with nothing usable (only dots, only emoji) gives way to "pack". A stem is
never one of the names Windows reserves for devices (CON, NUL, COM1…).
"""

from __future__ import annotations

import re
import unicodedata

from selfassess.core.assessment.service import AssessmentService

FALLBACK = "pack"
MAX_CHARACTERS = 64
MAX_BYTES = 128
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{device}{number}" for device in ("COM", "LPT") for number in "123456789¹²³"
}
_JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner: part of a spelling
_FINALIZED_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def default_pack_name(
    service: AssessmentService, assessment_id: str, *, preview: bool = False
) -> str:
    """The name of the pack of the assessment's latest finalized revision. An unsigned preview
    (`preview`, and any of a draft, which can only be previewed) is named for its revision and
    marked `draft`, never as the signed pack it would otherwise replace."""
    assessment = service.get(assessment_id)
    revisions = service.revisions(assessment_id) if assessment.finalized else []
    if preview or not revisions:
        supplier = safe_stem(assessment.profile.organisation)
        return f"{supplier}_r{assessment.revision}_draft.pdf"
    latest = revisions[-1]
    profile = latest.snapshot.get("profile")
    organisation = profile.get("organisation") if isinstance(profile, dict) else None
    if not isinstance(organisation, str):
        organisation = assessment.profile.organisation
    return pack_file_name(organisation, latest.finalized_at, latest.revision)


def pack_file_name(organisation: str, finalized_at: str, revision: int) -> str:
    """`Supplier_YYYY-MM-DD_rN.pdf`; the day is left out when `finalized_at` gives none."""
    day = finalized_at[:10]
    parts = [safe_stem(organisation)]
    if _FINALIZED_DAY.fullmatch(day):
        parts.append(day)
    parts.append(f"r{revision}")
    return "_".join(parts) + ".pdf"


def safe_stem(text: str, fallback: str = FALLBACK) -> str:
    """`text` as part of a file name on any system: letters, marks and digits of any script,
    hyphens between words, at most MAX_CHARACTERS characters and MAX_BYTES bytes."""
    words: list[str] = []
    current: list[str] = []
    for character in unicodedata.normalize("NFC", text):
        if character in _JOINERS:
            continue
        if character.isalnum() or (current and unicodedata.category(character).startswith("M")):
            current.append(character)  # a mark with no letter before it is left out
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    stem = _shortened(words) or fallback
    return f"{stem}-file" if stem.upper() in RESERVED else stem


def _shortened(words: list[str]) -> str:
    """The words joined by hyphens, as many whole words as fit; a first word too long for the
    limits is cut, never in the middle of a letter and its marks."""
    stem = ""
    for word in words:
        joined = f"{stem}-{word}" if stem else word
        if not _fits(joined):
            break
        stem = joined
    if stem or not words:
        return stem
    first = words[0]
    end = 0
    while end < len(first) and _fits(first[: end + 1]):
        end += 1
    while 0 < end < len(first) and unicodedata.category(first[end]).startswith("M"):
        end -= 1  # keep a letter with the marks that follow it
    return first[:end]


def _fits(stem: str) -> bool:
    return len(stem) <= MAX_CHARACTERS and len(stem.encode("utf-8")) <= MAX_BYTES
