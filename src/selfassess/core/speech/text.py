"""What is read aloud for a question: its label, then its options in the order they are shown
(each rating level with what it means), then its help, in one language, one sentence a line so
that the engine pauses between them."""

from __future__ import annotations

from selfassess.core.forms.model import (
    Form,
    MultiChoiceQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from selfassess.core.i18n import translate

SENTENCE_ENDS = (".", "?", "!", ":", ";", "…")


def question_speech(form: Form, question: Question, language: str) -> str:
    """The words to read for `question` in `language` (the form's own language where it has
    no translation)."""
    fallback = form.default_language
    lines = [question.label.in_language(language, fallback)]
    lines += option_lines(form, question, language)
    if question.help:
        lines.append(question.help.in_language(language, fallback))
    return "\n".join(_sentence(line) for line in lines if line.strip())


def option_lines(form: Form, question: Question, language: str) -> list[str]:
    """The options of `question` as they are offered, introduced by how many may be chosen;
    none for questions answered by typing or with a file."""
    fallback = form.default_language
    if isinstance(question, MultiChoiceQuestion):
        labels = [c.label.in_language(language, fallback) for c in form.choices_of(question)]
        return [translate(language, "Choose all that apply:"), *labels]
    if isinstance(question, SingleChoiceQuestion):
        labels = [c.label.in_language(language, fallback) for c in form.choices_of(question)]
    elif isinstance(question, YesNoQuestion):
        labels = [translate(language, "Yes"), translate(language, "No")]
        if question.allow_unknown:
            labels.append(translate(language, "Don't know"))
    elif isinstance(question, RatingQuestion):
        labels = _rating_levels(form, question, language)
    else:
        return []
    return [translate(language, "Choose one:"), *labels]


def _rating_levels(form: Form, question: RatingQuestion, language: str) -> list[str]:
    """ "2. Mostly in place: a written policy, known to most workers." for each level."""
    fallback = form.default_language
    levels = []
    for level, scale in enumerate(form.settings.rating_scale):
        label = scale.label.in_language(language, fallback)
        described = question.levels[level] if question.levels else scale.description
        meaning = described.in_language(language, fallback) if described else ""
        if meaning:  # French puts a space before the colon
            levels.append(
                translate(
                    language,
                    "{level}. {label}: {meaning}",
                    level=level,
                    label=label,
                    meaning=meaning,
                )
            )
        else:
            levels.append(f"{level}. {label}")
    return levels


def _sentence(line: str) -> str:
    """The line on one line, ending as a sentence ends, so that the voice pauses after it."""
    text = " ".join(line.split())
    return text if text.endswith(SENTENCE_ENDS) else text + "."
