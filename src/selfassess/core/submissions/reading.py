"""One submission read as the import writes it: the supplier's profile from the profile
questions, an answer for each question (in the form `AssessmentService.set_answer` takes: a
multiple choice's space-separated options as a list, "na" as not applicable with its reason),
the files to attach, and its values by a stable key (`submitted`: a question's id, `<id>#na_reason`,
`file#<id>`, `profile#<field>`), which say whether it changed since it was imported.

Nothing is judged here: every value is checked where any answer is, by `set_answer`; only the
profile is checked here (`check_profile`), field by field, so that one bad optional field is
left out and named rather than losing the whole submission.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from selfassess.core.archive.refusals import ArchiveRefusal
from selfassess.core.errors import InvalidInput
from selfassess.core.forms.model import EvidenceQuestion, MultiChoiceQuestion
from selfassess.core.profile import check_profile
from selfassess.core.storable import shown
from selfassess.core.store.records import Profile
from selfassess.core.submissions.fields import FormColumns, Kind
from selfassess.core.submissions.report import Problem
from selfassess.core.submissions.sources import Submission
from selfassess.core.xlsform import names

_LIST_FIELDS = ("minerals", "certifications", "source_countries", "transit_countries")
_REQUIRED_FIELDS = ("organisation", "entity_type")
_CHECKED_ORDER = (
    "country",
    "province",
    "site",
    "contact",
    "minerals",
    "workforce_size",
    "certifications",
    "mechanisation",
    "source_countries",
    "transit_countries",
)
_TRUE = {"1", "true", "yes", "TRUE", "True"}
_CENTRAL_VERSION = "FormVersion"  # ODK Central's column: the form's version (settings `version`)


@dataclass(frozen=True)
class AnswerCell:
    """An answer to write: the question, the column it came from, and what `set_answer` takes."""

    question_id: str
    column: str
    value: Any
    na_reason: str | None = None


@dataclass(frozen=True)
class FileCell:
    """A file to attach to an evidence question."""

    question_id: str
    column: str
    name: str


@dataclass
class Reading:
    """A submission as the import writes it (module docstring)."""

    submission: Submission
    profile: dict[str, tuple[str, str]] = field(default_factory=dict)  # field: (column, text)
    answers: list[AnswerCell] = field(default_factory=list)
    files: list[FileCell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    submitted: dict[str, str] = field(default_factory=dict)

    def problem(self, column: str, reason: InvalidInput) -> None:
        self.problems.append(
            Problem(self.submission.where, self.submission.instance_id, column, reason)
        )


def read_submission(columns: FormColumns, submission: Submission) -> Reading:
    """The submission's profile, answers and files (module docstring)."""
    reading = Reading(submission)
    texts: dict[str, tuple[str, str]] = {}
    reasons: dict[str, tuple[str, str]] = {}
    split: dict[str, tuple[str, list[str]]] = {}
    profile_split: dict[str, tuple[str, list[str]]] = {}
    for heading, text in submission.cells.items():
        column = columns.column(heading)
        if column is None or column.kind is Kind.IGNORED:
            continue
        if column.kind is Kind.PROFILE:
            reading.profile[column.target] = (heading, text)
            reading.submitted[f"profile#{column.target}"] = text
        elif column.kind is Kind.ANSWER:
            texts[column.target] = (heading, text)
        elif column.kind is Kind.NA_REASON:
            reasons[column.target] = (heading, text)
        elif text in _TRUE:  # an option of a multiple choice, in a column of its own
            chosen = profile_split if column.kind is Kind.PROFILE_CHOICE else split
            chosen.setdefault(column.target, (heading, []))[1].append(column.choice)
    _take_split(reading, texts, split, profile_split)
    for question_id, cell in texts.items():
        _answer(columns, reading, question_id, cell, reasons.get(question_id))
    collected = submission.cells.get(_CENTRAL_VERSION, "")
    if collected and collected != columns.form.version:
        reading.problem(
            _CENTRAL_VERSION,
            InvalidInput.of(
                "collected with version {collected} of the form and imported as version "
                "{version}: if this computer has version {collected}, import with "
                "--form-version {collected}",
                collected=shown(collected),
                version=columns.form.version,
            ),
        )
    return reading


def _take_split(
    reading: Reading,
    texts: dict[str, tuple[str, str]],
    split: dict[str, tuple[str, list[str]]],
    profile_split: dict[str, tuple[str, list[str]]],
) -> None:
    """The multiple choices given only as a column per option (KoboToolbox's, or Central's
    "split select multiple"), as if their summary column said them."""
    for question_id, (heading, options) in split.items():
        texts.setdefault(question_id, (heading, " ".join(options)))
    for name, (heading, options) in profile_split.items():
        if name not in reading.profile:  # the summary column, when there is one, says it
            reading.profile[name] = (heading, " ".join(options))
            reading.submitted[f"profile#{name}"] = " ".join(options)


def _answer(
    columns: FormColumns,
    reading: Reading,
    question_id: str,
    cell: tuple[str, str],
    reason: tuple[str, str] | None,
) -> None:
    """The answer of one question, from its column (heading, text) and its N/A reason's."""
    heading, text = cell
    question = columns.questions[question_id]
    if isinstance(question, EvidenceQuestion):
        reading.files.append(FileCell(question_id, heading, text))
        reading.submitted[f"file#{question_id}"] = text
        return
    reading.submitted[question_id] = text
    if text == names.NA_CHOICE and columns.offers_na(question):
        said = reason[1] if reason else ""
        reading.submitted[f"{question_id}#na_reason"] = said
        if not said:
            reading.problem(
                heading,
                InvalidInput.of(
                    "answered 'not applicable' without saying why ({column} is empty); left "
                    "unanswered",
                    column=names.na_reason_name(question_id),
                ),
            )
            return
        reading.answers.append(AnswerCell(question_id, heading, "na", said))
        return
    value: Any = text.split() if isinstance(question, MultiChoiceQuestion) else text
    reading.answers.append(AnswerCell(question_id, heading, value))


def profile_of(reading: Reading) -> Profile | None:
    """The supplier's profile; None, with the problem said, when it lacks the organisation or
    the entity type. A bad optional field is left out, and said."""
    texts: dict[str, str] = {}
    for name in _REQUIRED_FIELDS:
        column, text = reading.profile.get(name, (names.PROFILE_QUESTIONS[name], ""))
        texts[name] = text
        if not text:
            reading.problem(column, _missing(name))
            return None
    for name, known in (("organisation", "other"), ("entity_type", texts["entity_type"])):
        try:
            check_profile(Profile(organisation=texts["organisation"], entity_type=known))
        except InvalidInput as refused:
            reading.problem(reading.profile[name][0], refused)
            return None
    profile = Profile(organisation=texts["organisation"], entity_type=texts["entity_type"])
    for name in _CHECKED_ORDER:
        if name not in reading.profile:
            continue
        column, text = reading.profile[name]
        try:
            candidate = dataclasses.replace(profile, **{name: _PROFILE_VALUES[name](text)})
            check_profile(candidate)
        except InvalidInput as refused:
            reading.problem(
                column, ArchiveRefusal.of("{reason}; left out of the profile", reason=refused)
            )
            continue
        profile = candidate
    return profile


def _missing(name: str) -> InvalidInput:
    if name == "organisation":
        return InvalidInput.of(
            "the supplier's organisation is not given: no assessment can be made of this submission"
        )
    return InvalidInput.of(
        "the supplier's kind (entity type) is not given: no assessment can be made of this "
        "submission"
    )


def _workforce(text: str) -> int:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise InvalidInput.of(
            "the workforce size '{value}' is not a number", value=shown(text)
        ) from None
    if not number.is_integer():
        raise InvalidInput.of(
            "the workforce size '{value}' is not a whole number", value=shown(text)
        )
    return int(number)


def _optional(text: str) -> str | None:
    return text or None


def _listed(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split()))


_PROFILE_VALUES: dict[str, Callable[[str], Any]] = {
    "country": _optional,
    "province": _optional,
    "site": _optional,
    "contact": _optional,
    "mechanisation": _optional,
    "workforce_size": _workforce,
    **dict.fromkeys(_LIST_FIELDS, _listed),
}
