"""How our XLSForm export names things, so that what ODK or Kobo sends back can be read by the
same names: the profile questions, the extra questions and choice lists the export adds, the
answer values of ratings and yes/no questions, and the language columns.

Every question of a form keeps its id as its XLSForm name, inside a group per section and a
group per criterion (`A/A1/A1.1`); the profile questions come first, in the group `profile`.
"""

from __future__ import annotations

from typing import Final

PROFILE_GROUP: Final = "profile"
PROFILE_FIELDS_IN_ORDER: Final = (
    "organisation",
    "site",
    "country",
    "province",
    "entity_type",
    "minerals",
    "workforce_size",
    "contact",
    "mechanisation",
    "certifications",
    "source_countries",
    "transit_countries",
)
PROFILE_QUESTIONS: Final[dict[str, str]] = {
    field: f"profile_{field}" for field in PROFILE_FIELDS_IN_ORDER
}
"""Profile field -> the name of the XLSForm question that asks it."""

RATING_LEVELS: Final = ("0", "1", "2", "3")
"""A rating's answer values, 0 (not in place) to 3 (fully in place)."""
YES: Final = "yes"
NO: Final = "no"
UNKNOWN_CHOICE: Final = "unknown"
"""A yes/no question's "don't know", where the form allows it."""
NA_CHOICE: Final = "na"
""""Not applicable", offered as a choice of ratings, yes/no and single-choice questions that
allow it; its reason is asked by the question `na_reason_name(question_id)`."""

# Choice lists the export adds beside the form's own (suffixed if a form list has the name).
RATING_LIST: Final = "sa_rating"
YES_NO_LIST: Final = "sa_yes_no"
COUNTRY_LIST: Final = "sa_country"
ENTITY_TYPE_LIST: Final = "sa_entity_type"
MINERAL_LIST: Final = "sa_mineral"
CERTIFICATION_LIST: Final = "sa_certification"
MECHANISATION_LIST: Final = "sa_mechanisation"


def na_reason_name(question_id: str) -> str:
    """The text question that asks why `question_id` was answered "not applicable"."""
    return f"{question_id}_na_reason"


def criterion_intro_name(criterion_id: str) -> str:
    """The note that opens a criterion's group: what good looks like, and the guidance."""
    return f"{criterion_id}_intro"


# English names of languages, for XLSForm's `label::French (fr)` columns; ODK shows them in
# its language menu. A code not listed here is its own name.
_LANGUAGE_NAMES: Final = {
    "en": "English",
    "fr": "French",
    "sw": "Swahili",
    "ln": "Lingala",
    "lu": "Luba-Katanga",
    "kg": "Kongo",
    "rw": "Kinyarwanda",
    "rn": "Kirundi",
    "lg": "Ganda",
    "pt": "Portuguese",
    "es": "Spanish",
    "de": "German",
    "nl": "Dutch",
    "ar": "Arabic",
    "zh": "Chinese",
    "am": "Amharic",
    "ha": "Hausa",
    "yo": "Yoruba",
    "zu": "Zulu",
}


def language_column(language: str) -> str:
    """The language as XLSForm columns name it: "French (fr)"."""
    return f"{_LANGUAGE_NAMES.get(language, language)} ({language})"
