"""The questionnaire format as pydantic v2 models: a form of sections, criteria and questions.

These models are the single definition of the format: `selfassess forms schema` derives its JSON
Schema from them, the loader validates YAML against them, and the rest of the app reads them.
Semantic rules that need the whole form (unique ids, references, expressions) live in `checks.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool

from selfassess.core.forms.settings import RatingLevel, ReadinessLevel, Settings
from selfassess.core.forms.types import (
    FORMAT_VERSION,
    ChoiceName,
    CriterionStatus,
    Expression,
    ItemId,
    LangCode,
    RedLineStatus,
    Severity,
    Text,
    _Model,
)

__all__ = [
    "FORMAT_VERSION",
    "CriterionStatus",
    "Expression",
    "ItemId",
    "LangCode",
    "RatingLevel",
    "ReadinessLevel",
    "RedLineStatus",
    "Settings",
    "Severity",
    "Text",
]


class Choice(_Model):
    """One option of a choice question."""

    name: ChoiceName
    label: Text
    exclusive: bool = Field(
        default=False,
        description="In a multi_choice question, this option goes with no other (such as "
        "'None of these'); an option named `none` is exclusive too.",
    )


class ChoiceList(_Model):
    """A list of options shared by several questions."""

    id: ItemId
    choices: list[Choice]


class Constraint(_Model):
    """A rule an answer must follow, and the message shown when it does not."""

    expression: Expression
    message: Text


class _Question(_Model):
    id: ItemId
    label: Text
    help: Text | None = None
    relevant: Expression | None = Field(
        default=None, description="Shown and asked only while this is true."
    )


class _Answerable(_Question):
    required: StrictBool | Expression = Field(
        default=True, description="true, false, or an expression saying when an answer is needed."
    )
    constraints: list[Constraint] = Field(default_factory=list)
    red_flag: Expression | None = Field(
        default=None,
        description="True when the answer by itself is a red flag: an indicator of a red line "
        "(see `red_line`) or of another Annex II risk.",
    )
    red_line: ItemId | None = Field(
        default=None,
        description="The red line (an id of the form's `red_lines`) this question's red flag "
        "indicates; its answer also decides whether that red line is verified.",
    )
    allow_na: bool = Field(default=False, description="Offer 'not applicable' (needs a reason).")


class RatingQuestion(_Answerable):
    """The four-level maturity scale (0 to 3) plus N/A, which needs a justification."""

    type: Literal["rating"]
    allow_na: bool = True
    levels: list[Text] | None = Field(
        default=None, description="What each of the four levels means for this question."
    )
    default: int | None = Field(default=None, ge=0, le=3)


class YesNoQuestion(_Answerable):
    """A yes or no answer; `expected` is the answer that meets the criterion."""

    type: Literal["yes_no"]
    expected: bool | None = True
    default: bool | None = None
    allow_unknown: bool = Field(
        default=False,
        description="Offer 'don't know', where an honest supplier may not know; a red line "
        "answered so is not verified.",
    )


class SingleChoiceQuestion(_Answerable):
    """One option out of a list: a shared list's id, or the options themselves."""

    type: Literal["single_choice"]
    choices: ItemId | list[Choice]
    default: ChoiceName | None = None


class MultiChoiceQuestion(_Answerable):
    """Any number of options out of a list."""

    type: Literal["multi_choice"]
    choices: ItemId | list[Choice]
    default: list[ChoiceName] | None = None


class TextQuestion(_Answerable):
    """Free text."""

    type: Literal["text"]
    multiline: bool = False
    max_length: int | None = Field(default=None, ge=1, le=100_000)
    default: str | None = None


class NumberQuestion(_Answerable):
    """A number, with an optional unit and bounds."""

    type: Literal["number"]
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    default: float | None = None


class DateQuestion(_Answerable):
    """A calendar date."""

    type: Literal["date"]
    default: date | None = None


class EvidenceQuestion(_Answerable):
    """Files that back the answers: a register, a photo, a signed list, a permit."""

    type: Literal["evidence"]
    min_count: int = Field(default=1, ge=0, le=100, description="Files needed when required.")
    accepted_types: list[str] = Field(
        default_factory=list,
        description="Accepted media types or extensions: 'image/*', 'application/pdf', '.xlsx'.",
    )


class InfoQuestion(_Question):
    """Text to read, with no answer."""

    type: Literal["info"]


AnswerableQuestion = (
    RatingQuestion
    | YesNoQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | TextQuestion
    | NumberQuestion
    | DateQuestion
    | EvidenceQuestion
)
Question = Annotated[AnswerableQuestion | InfoQuestion, Field(discriminator="type")]


class Reference(_Model):
    """A clause of a standard that a criterion answers to, e.g. OECD-DDG Step 1 or ILO C138."""

    standard: ItemId
    clause: str | None = Field(default=None, min_length=1, max_length=120)


class SuggestedAction(_Model):
    """An improvement action the plan proposes for a gap of the criterion: for the failing
    answer of `question`, when `when` is true of the answers, or else for a gap of `severity`.

    `id` keeps the action's link to the form, so that the plan shows it in the reader's
    language; `addresses` names the answers it answers to (by default the question, or the
    questions `when` reads)."""

    id: ItemId | None = None
    severity: Severity | None = None
    question: ItemId | None = Field(
        default=None, description="Proposed when this question's answer fails the criterion."
    )
    when: Expression | None = Field(
        default=None, description="Proposed when this condition on the answers is true."
    )
    addresses: list[ItemId] = Field(default_factory=list)
    text: Text
    due_days: int | None = Field(
        default=None, ge=0, le=3650, description="0: due the day the gap is found."
    )


class StatusRule(_Model):
    """Sets the criterion's status when `when` is true; the first true rule wins."""

    when: Expression
    status: CriterionStatus
    reason: Text | None = None


class Criterion(_Model):
    """One requirement of the standard, assessed through its questions."""

    id: ItemId
    title: Text
    intent: Text = Field(description="What 'meets' looks like.")
    guidance: Text | None = Field(default=None, description="Notes for trainers.")
    evidence_examples: list[Text] = Field(default_factory=list)
    red_line: bool = False
    applicability: Expression | None = Field(
        default=None, description="Applies only to suppliers whose profile makes this true."
    )
    applicability_note: Text | None = Field(
        default=None, description="Who the criterion applies to, in words, for the gap report."
    )
    references: list[Reference] = Field(default_factory=list)
    status_rules: list[StatusRule] = Field(default_factory=list)
    actions: list[SuggestedAction] = Field(default_factory=list)
    questions: list[Question]


class Section(_Model):
    """A pillar of the standard: a group of criteria."""

    id: ItemId
    title: Text
    description: Text | None = None
    criteria: list[Criterion]


class Clause(_Model):
    """A clause of a standard, as criteria reference it ("Step 1") and as it reads in each
    language ("Étape 1")."""

    id: str = Field(min_length=1, max_length=120)
    title: Text


class Standard(_Model):
    """A standard or guidance that criteria reference."""

    id: ItemId
    title: Text
    url: str | None = None
    clauses: list[Clause] = Field(
        default_factory=list,
        description="The standard's clauses, in its own order. When given, references to "
        "this standard must use one of these ids.",
    )

    def clause_label(self, clause: str, language: str, fallback: str) -> str:
        """The clause as it reads in a language ("Étape 1"), or its id when not given."""
        for declared in self.clauses:
            if declared.id == clause:
                return declared.title.in_language(language, fallback)
        return clause

    @property
    def clause_ids(self) -> list[str]:
        return [clause.id for clause in self.clauses]


class RedLine(_Model):
    """A harm so serious that buyers must act at once when it is found (OECD Annex II, the ILO
    conventions). Its status comes from the red-flag questions that name it (`red_line`), apart
    from the maturity of the criteria that prevent it."""

    id: ItemId
    title: Text
    description: Text | None = None
    references: list[Reference] = Field(default_factory=list)
    response: Text | None = Field(
        default=None, description="What the standard expects once it is found."
    )


class GlossaryTerm(_Model):
    """A term explained to the people filling in the form."""

    id: ItemId
    term: Text
    definition: Text


class Form(_Model):
    """A questionnaire: its identity, languages, settings, shared lists and sections."""

    format: Literal[1, 2] = Field(
        default=1,
        description="Version of the questionnaire format: 2 adds red lines with their own "
        "status and the stricter default readiness levels (docs/gaps.md).",
    )
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._\-]*$", max_length=64)]
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+\-]*$", max_length=32)]
    title: Text
    description: Text | None = None
    languages: list[LangCode] = Field(min_length=1)
    default_language: LangCode
    publisher: str = Field(min_length=1)
    licence: str = Field(min_length=1)
    settings: Settings = Field(default_factory=Settings)
    standards: list[Standard] = Field(default_factory=list)
    red_lines: list[RedLine] = Field(default_factory=list)
    choice_lists: list[ChoiceList] = Field(default_factory=list)
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    sections: list[Section]

    def criteria(self) -> Iterator[Criterion]:
        """Every criterion, in order."""
        for section in self.sections:
            yield from section.criteria

    def questions(self) -> Iterator[Question]:
        """Every question, in order."""
        for criterion in self.criteria():
            yield from criterion.questions

    def choices_of(self, question: SingleChoiceQuestion | MultiChoiceQuestion) -> list[Choice]:
        """The options of a choice question, resolving a shared list by its id."""
        if isinstance(question.choices, list):
            return question.choices
        for choice_list in self.choice_lists:
            if choice_list.id == question.choices:
                return choice_list.choices
        return []

    def reference_label(self, reference: Reference, language: str) -> str:
        """ "OECD-DDG Étape 1": the standard's id and the clause as it reads in a language."""
        if reference.clause is None:
            return reference.standard
        for standard in self.standards:
            if standard.id == reference.standard:
                clause = standard.clause_label(reference.clause, language, self.default_language)
                return f"{reference.standard} {clause}"
        return f"{reference.standard} {reference.clause}"


def _all_field_names() -> tuple[str, ...]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [Form]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        names.update(model.model_fields)
        pending.extend(_nested_models(model))
    return tuple(sorted(names))


def _nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for info in model.model_fields.values():
        stack: list[Any] = [info.annotation]
        while stack:
            hint = stack.pop()
            if isinstance(hint, type) and issubclass(hint, BaseModel):
                found.append(hint)
            stack.extend(getattr(hint, "__args__", ()))
    return found


FIELD_NAMES = _all_field_names()
"""Every field name of the format, for 'did you mean' hints."""
