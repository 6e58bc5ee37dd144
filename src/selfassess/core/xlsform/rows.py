"""The rows of an XLSForm as the export builds them, before they are written: survey rows,
choice lists, and the notes on what could not be said in XLSForm.

A translated cell (label, hint, constraint message) is kept as one text per language and
written as one column per language (`label::French (fr)`); every language gets a text, the
form's default language standing in where a translation is missing, so that ODK never shows
an empty label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from selfassess.core.forms.model import Form
from selfassess.core.forms.types import Text
from selfassess.core.i18n import translate

Translated = dict[str, str]
"""One text per language code."""


@dataclass
class Row:
    """A row of the `survey` sheet: plain columns (type, name, relevant...) and translated
    ones (label, hint, constraint_message); `question` is the id of our question it asks."""

    plain: dict[str, str]
    translated: dict[str, Translated] = field(default_factory=dict)
    question: str = ""


@dataclass(frozen=True)
class ChoiceRow:
    """A row of the `choices` sheet."""

    list_name: str
    name: str
    label: Translated


@dataclass(frozen=True)
class Note:
    """Something of the form the XLSForm does not say, and why: a row of the `notes` sheet.

    `row` is the survey sheet's row it is about (None for the form as a whole)."""

    row: int | None
    question: str
    what: str
    expression: str
    why: str

    def line(self) -> str:
        """The note as one line of the command's standard error."""
        where = f"survey row {self.row}" if self.row is not None else "form"
        subject = f"{where}, {self.question}" if self.question else where
        said = f"{self.what} {self.expression}".strip()
        return f"{subject}: {said}: {self.why}"


class Languages:
    """The form's languages, and its texts and the app's messages in each of them."""

    def __init__(self, form: Form) -> None:
        self.default = form.default_language
        self.codes = [self.default, *(code for code in form.languages if code != self.default)]

    def text(self, text: Text | None) -> Translated:
        """A form text in every language ({} when there is none)."""
        if not text:
            return {}
        return {code: text.in_language(code, self.default) for code in self.codes}

    def say(self, message_id: str, **params: object) -> Translated:
        """An app message (a literal message id, translated where the catalog has it)."""
        return {code: translate(code, message_id, **params) for code in self.codes}

    def same(self, text: str) -> Translated:
        """The same text in every language (a code, a number)."""
        return dict.fromkeys(self.codes, text)

    def alone(self, option: Translated) -> Translated:
        """The message of an option that goes with no other ("None of these")."""
        return {
            code: translate(
                code, "“{option}” cannot be ticked with another option.", option=option[code]
            )
            for code in self.codes
        }

    def labelled(self, label: Translated, value: Translated) -> Translated:
        """ "Label: value" in every language (French puts a space before the colon)."""
        return {
            code: translate(code, "{label}: {value}", label=label[code], value=value[code])
            for code in self.codes
        }

    def each(self, make: Callable[[str], str]) -> Translated:
        """A text made for each language by `make(code)`."""
        return {code: make(code) for code in self.codes}

    def joined(self, parts: Sequence[Translated], separator: str = "\n") -> Translated:
        """Several texts as one, in every language, leaving out the empty ones."""
        return {
            code: separator.join(part[code] for part in parts if part.get(code))
            for code in self.codes
        }


class ChoiceLists:
    """The `choices` sheet: the lists the survey names, each once, under unique names.

    A list asked for twice with the same options keeps one name; a name already used for
    other options gets a number (the form's own lists are added first, under their ids)."""

    def __init__(self) -> None:
        self.rows: list[ChoiceRow] = []
        self._by_content: dict[tuple[object, ...], str] = {}
        self._names: set[str] = set()

    def add(self, wanted: str, options: Sequence[tuple[str, Translated]]) -> str:
        """The name of a list of `options` (name, label), added if new; `wanted` names it
        unless that name is used for other options."""
        key = tuple((name, tuple(sorted(label.items()))) for name, label in options)
        known = self._by_content.get(key)
        if known is not None:
            return known
        name, number = wanted, 2
        while name in self._names:
            name, number = f"{wanted}_{number}", number + 1
        self._by_content[key] = name
        self._names.add(name)
        self.rows.extend(ChoiceRow(name, option, label) for option, label in options)
        return name
