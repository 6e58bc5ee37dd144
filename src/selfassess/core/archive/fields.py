"""The values an archive's rows hold, each checked on its own: a language the form offers, a
date, a date and time, a file name, a media type, a question that takes files."""

from __future__ import annotations

import re
from datetime import date, datetime

from selfassess.core.errors import InvalidInput
from selfassess.core.forms.model import EvidenceQuestion, Form, Question
from selfassess.core.i18n import LANGUAGES
from selfassess.core.storable import NAME_LIMIT, shown, storable_text

_MEDIA_TYPE = re.compile(
    r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$", re.IGNORECASE
)


def language(value: str, form: Form) -> None:
    """Refuse a language the form does not offer (it would name a translation catalog)."""
    if value not in form.languages or value not in LANGUAGES:
        raise InvalidInput.of(
            "'{value}' is not one of the form's languages ({languages})",
            value=shown(value),
            languages=", ".join(lang for lang in form.languages if lang in LANGUAGES),
        )


def evidence_question(question: Question) -> None:
    if not isinstance(question, EvidenceQuestion):
        raise InvalidInput.of(
            "{question} is not an evidence question; files are attached to those only",
            question=question.id,
        )


def file_name(value: str) -> None:
    """Refuse an attached file's name that is not a plain name (it names files in the pack)."""
    storable_text(value, "the file name", limit=NAME_LIMIT * 5, one_line=True)
    if not value.strip() or value in (".", "..") or "/" in value or "\\" in value:
        raise InvalidInput.of(
            "'{value}' is not a file name (a name without folders)", value=shown(value)
        )


def media_type(value: str) -> None:
    if not _MEDIA_TYPE.match(value):
        raise InvalidInput.of(
            "'{value}' is not a media type such as application/pdf", value=shown(value)
        )


def timestamp(value: str) -> None:
    """Refuse what is not a date and time as the store writes them (ISO 8601)."""
    try:
        if len(value) > 40 or not value[:4].isdigit():
            raise ValueError(value)
        datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput.of(
            "'{value}' is not a date and time written YYYY-MM-DDTHH:MM:SSZ", value=shown(value)
        ) from None


def day(value: str) -> None:
    """Refuse what is not a day written YYYY-MM-DD."""
    try:
        if date.fromisoformat(value).isoformat() != value:
            raise ValueError(value)
    except ValueError:
        raise InvalidInput.of(
            "'{value}' is not a date written YYYY-MM-DD", value=shown(value)
        ) from None
