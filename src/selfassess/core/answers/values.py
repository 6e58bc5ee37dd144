"""Turning what a user typed (or a JSON value) into the stored answer for a question's type,
and stored answers back into expression values.

Stored values are JSON: a rating is 0 to 3, yes/no a boolean (or "unknown" for "don't know"
where the question allows it), a single choice its option name,
a multiple choice a list of names, a number a (finite) number, a date 'YYYY-MM-DD', text a string
the store can keep. Anything else (a dict, a nested list, NaN, a lone surrogate) is refused with
the question's id and the value, shortened, quoted back.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from selfassess.core.errors import InvalidInput
from selfassess.core.expr.types import Value
from selfassess.core.forms.model import (
    DateQuestion,
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from selfassess.core.storable import shown, storable_text

_YES = {"yes", "y", "true", "1", "oui", "o", "ndiyo", "ndio"}
_NO = {"no", "n", "false", "0", "non", "hapana"}
UNKNOWN = "unknown"  # a yes/no question's "don't know", where the form allows it
_UNKNOWN = {UNKNOWN, "dont_know", "don't know", "dont know", "dk", "?", "je ne sais pas", "sijui"}


def parse_value(form: Form, question: Question, raw: Any) -> Any:
    """The value to store for `raw`, or None to clear the answer; raises InvalidInput."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        return None
    if isinstance(question, InfoQuestion):
        raise InvalidInput.of(
            "{question} is an information text and takes no answer", question=question.id
        )
    if isinstance(question, EvidenceQuestion):
        raise InvalidInput.of("{question} takes files: attach them", question=question.id)
    if isinstance(question, RatingQuestion):
        return _rating(question, raw)
    if isinstance(question, YesNoQuestion):
        return _yes_no(question, raw)
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        return _choices(form, question, raw)
    if isinstance(question, NumberQuestion):
        return _number(question, raw)
    if isinstance(question, DateQuestion):
        return _date(question, raw).isoformat()
    assert isinstance(question, TextQuestion)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidInput.of("{question} takes text", question=question.id)
    return storable_text(str(raw), question.id)


def _rating(question: RatingQuestion, raw: Any) -> int:
    text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if text not in {"0", "1", "2", "3"}:
        raise InvalidInput.of(
            "{question} takes a level from 0 (not in place) to 3 (fully in place), not '{value}'",
            question=question.id,
            value=shown(raw),
        )
    return int(text)


def _yes_no(question: YesNoQuestion, raw: Any) -> bool | str:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower().replace("\u2019", "'") if isinstance(raw, str | int) else ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    if question.allow_unknown and text in _UNKNOWN:
        return UNKNOWN
    if question.allow_unknown:
        raise InvalidInput.of(
            "{question} takes yes, no or unknown (don't know), not '{value}'",
            question=question.id,
            value=shown(raw),
        )
    raise InvalidInput.of(
        "{question} takes yes or no, not '{value}'", question=question.id, value=shown(raw)
    )


def _choices(form: Form, question: SingleChoiceQuestion | MultiChoiceQuestion, raw: Any) -> Any:
    names = [choice.name for choice in form.choices_of(question)]
    if isinstance(raw, list) and all(_is_name(item) for item in raw):
        picked = [str(item).strip() for item in raw]
    elif isinstance(raw, str):
        picked = [part.strip() for part in raw.split(",") if part.strip()]
    else:
        raise InvalidInput.of(
            "{question} takes option names, not '{value}'", question=question.id, value=shown(raw)
        )
    unknown = [name for name in picked if name not in names]
    if unknown:
        raise InvalidInput.of(
            "{question}: '{value}' is not one of its options ({options})",
            question=question.id,
            value=shown(unknown[0]),
            options=", ".join(names),
        )
    if isinstance(question, SingleChoiceQuestion):
        if len(picked) != 1:
            raise InvalidInput.of(
                "{question} takes one option, not {count}", question=question.id, count=len(picked)
            )
        return picked[0]
    return list(dict.fromkeys(picked))


def _is_name(item: Any) -> bool:
    return isinstance(item, str | int) and not isinstance(item, bool)


def _number(question: NumberQuestion, raw: Any) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InvalidInput.of(
            "{question} takes a number, not '{value}'", question=question.id, value=shown(raw)
        )
    try:
        number = float(raw.strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (OverflowError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise InvalidInput.of(
            "{question} takes a number, not '{value}'", question=question.id, value=shown(raw)
        )
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _date(question: DateQuestion, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        if not isinstance(raw, str):
            raise ValueError(raw)
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput.of(
            "{question} takes a date written YYYY-MM-DD, not '{value}'",
            question=question.id,
            value=shown(raw),
        ) from None


def expression_value(question: Question, stored: Any) -> Value:
    """A stored answer as the expression language sees it (None when it cannot be read, and for
    "don't know", which is neither yes nor no)."""
    if stored is None or (isinstance(question, YesNoQuestion) and not isinstance(stored, bool)):
        return None
    try:
        if isinstance(question, DateQuestion):
            return date.fromisoformat(str(stored))
        if isinstance(question, MultiChoiceQuestion):
            return [str(item) for item in stored]
    except (TypeError, ValueError):
        return None
    if isinstance(stored, bool | int | float | str):
        return stored
    return None
