"""The words the printed pack uses for answers and statuses, in the pack's language: a rating
as its level label, yes/no, choice labels, numbers with their unit."""

from __future__ import annotations

from typing import Any

from selfassess.core.forms.model import (
    EvidenceQuestion,
    Form,
    MultiChoiceQuestion,
    NumberQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import N_, translate

STATUS_WORDS = {
    "meets": N_("Meets"),
    "partially_meets": N_("Partially meets"),
    "does_not_meet": N_("Does not meet"),
    "incomplete": N_("Incomplete"),
    "not_applicable": N_("Not applicable"),
}
SEVERITY_WORDS = {"critical": N_("Critical"), "major": N_("Major"), "minor": N_("Minor")}
ACTION_WORDS = {"open": N_("To do"), "in_progress": N_("In progress"), "done": N_("Done")}
RED_LINE_WORDS = {
    "breached": N_("Breached"),
    "not_verified": N_("Not verified"),
    "not_breached": N_("Not breached"),
    "not_applicable": N_("Not applicable"),
}


def answer_text(form: Form, question: Question, answer: dict[str, Any], language: str) -> str:
    """The answer as a reader should see it; N/A with its justification."""
    if answer.get("na_reason"):
        return translate(language, "Not applicable: {reason}", reason=answer["na_reason"])
    value = answer.get("value")
    fallback = form.default_language
    if value is None or isinstance(question, EvidenceQuestion):
        return ""
    if isinstance(question, RatingQuestion) and isinstance(value, int):
        scale = form.settings.rating_scale
        label = scale[value].label.in_language(language, fallback) if value < len(scale) else ""
        return f"{value} {label}".strip()
    if isinstance(question, YesNoQuestion):
        if not isinstance(value, bool):
            return translate(language, "Don't know")
        return translate(language, "Yes" if value else "No")
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        labels = {
            c.name: c.label.in_language(language, fallback) for c in form.choices_of(question)
        }
        names = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(name), str(name)) for name in names)
    if isinstance(question, NumberQuestion) and question.unit is not None:
        return f"{value} {question.unit.in_language(language, fallback)}"
    return str(value)
