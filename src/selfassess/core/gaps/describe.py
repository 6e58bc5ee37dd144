"""Answers in plain words, in the assessment's language, for the reasons of a criterion's status."""

from __future__ import annotations

from typing import Any

from selfassess.core.answers.values import UNKNOWN
from selfassess.core.forms.model import (
    DateQuestion,
    Form,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import N_, translate
from selfassess.core.store.records import Answer

YES, NO, DONT_KNOW = N_("yes"), N_("no"), N_("don't know")


def question_text(form: Form, question: Question, language: str) -> str:
    """The question as a reader meets it: its id and its label."""
    return f"{question.id} {question.label.in_language(language, form.default_language)}"


def answer_text(form: Form, question: Question, answer: Answer, language: str) -> str:
    """The answer as the person gave it, in `language`."""
    if answer.is_na:
        return translate(language, "not applicable ({reason})", reason=answer.na_reason or "")
    return value_text(form, question, answer.value, language)


def value_text(form: Form, question: Question, value: Any, language: str) -> str:
    fallback = form.default_language
    if isinstance(question, RatingQuestion) and isinstance(value, int):
        scale = form.settings.rating_scale
        if 0 <= value < len(scale):
            return f"{scale[value].label.in_language(language, fallback)} ({value}/3)"
    if isinstance(question, YesNoQuestion) and isinstance(value, bool):
        return translate(language, YES if value else NO)
    if isinstance(question, YesNoQuestion) and value == UNKNOWN:
        return translate(language, DONT_KNOW)
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        labels = {
            c.name: c.label.in_language(language, fallback) for c in form.choices_of(question)
        }
        picked = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(name), str(name)) for name in picked)
    if isinstance(question, NumberQuestion) and isinstance(value, int | float):
        unit = question.unit.in_language(language, fallback) if question.unit else ""
        return f"{value:g} {unit}".strip()
    if isinstance(question, DateQuestion):
        return str(value)
    return f"“{value}”"


def joined_reasons(reasons: tuple[str, ...] | list[str]) -> str:
    """Reasons on one line: separated by "; ", or by a space after one that ends a sentence
    (the next then starts with a capital)."""
    text = ""
    for reason in reasons:
        if text.endswith((".", "?", "!")):
            text += " " + reason[:1].upper() + reason[1:]
        elif text:
            text += "; " + reason
        else:
            text = reason
    return text
