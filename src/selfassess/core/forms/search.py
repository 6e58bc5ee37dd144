"""Finding questions by their words, in every language of the form: a question is found when
each word searched for appears in its id, label, help, options or level descriptions, whatever
the language, the case or the accents ("ecart" finds "Écart", "watoto" finds a question a
French reader sees in French).

    index = SearchIndex(form)
    index.find("enfants travail")   # -> [Found("B1", "B1.1"), ...], in the form's order
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from selfassess.core.forms.model import (
    Form,
    MultiChoiceQuestion,
    Question,
    RatingQuestion,
    SingleChoiceQuestion,
)


@dataclass(frozen=True)
class Found:
    """A question found, and its criterion (where to show it)."""

    criterion_id: str
    question_id: str


def folded(text: str) -> str:
    """`text` as searching compares it: without accents, in lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(text: str) -> list[str]:
    """The words of a search, folded; none for a blank one."""
    return folded(text).split()


class SearchIndex:
    """The searchable text of each question of a form, folded once."""

    def __init__(self, form: Form) -> None:
        self.entries: list[tuple[Found, str]] = [
            (Found(criterion.id, question.id), folded(" \n".join(_texts(form, question))))
            for criterion in form.criteria()
            for question in criterion.questions
        ]

    def find(self, text: str) -> list[Found]:
        """The questions holding every word of `text`, in the form's order; none for blank."""
        words = search_words(text)
        if not words:
            return []
        return [found for found, haystack in self.entries if all(w in haystack for w in words)]


def _texts(form: Form, question: Question) -> list[str]:
    """The words a person may search a question by: its id and, in every language, its label,
    help, options and level descriptions."""
    texts = [question.id, *question.label.values()]
    if question.help:
        texts += question.help.values()
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        for choice in form.choices_of(question):
            texts += choice.label.values()
    if isinstance(question, RatingQuestion) and question.levels:
        for level in question.levels:
            texts += level.values()
    return texts
