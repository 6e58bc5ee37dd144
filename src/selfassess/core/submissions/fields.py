"""What each column of an export holds, by the names our XLSForm export gave the questions
(core/xlsform/names.py): a profile question, one of the form's questions, the reason for a "not
applicable", one option of a multiple choice split into a column of its own, or something ODK
or Kobo adds (the instanceID, the submission date, a media file's web address).

A column is named by the path of its groups: `A-A1-A1.1` in ODK Central's CSV, `A/A1/A1.1` in
KoboToolbox's, plain `A1.1` when the groups were left out of the export. A column is matched by
its longest ending, after a `-` or a `/`, that names a question, so that a question whose id
holds a `-` is still found. A column that matches nothing refuses the export, named, before
anything is written: it is another form's export, or one made with the questions' labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from selfassess.core.errors import InvalidInput, UserError
from selfassess.core.forms.model import (
    EvidenceQuestion,
    Form,
    InfoQuestion,
    MultiChoiceQuestion,
    Question,
)
from selfassess.core.storable import visible
from selfassess.core.xlsform import names

_SEPARATORS = "-/"
# What ODK Central and KoboToolbox add to every export, and the metadata questions an XLSForm
# may ask for (start, end, deviceid...): read for the instanceID, otherwise left alone.
_METADATA = frozenset(
    {
        "SubmissionDate",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "instanceID",
        "instanceName",
        "rootUuid",
        "deprecatedID",
        "uuid",
        "audit",
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "phonenumber",
        "simserial",
        "subscriberid",
        "email",
        "start-geopoint",
        "background-audit",
    }
)
_METADATA_GROUPS = ("meta", "formhub")


class Kind(Enum):
    """What a column holds."""

    PROFILE = "profile"  # `target` is the profile field
    ANSWER = "answer"  # `target` is the question id
    NA_REASON = "na_reason"  # the reason of the question `target` answered "not applicable"
    SPLIT_CHOICE = "split_choice"  # one option (`choice`) of the multiple choice `target`
    PROFILE_CHOICE = "profile_choice"  # one option (`choice`) of the profile's list `target`
    IGNORED = "ignored"  # metadata, notes, a media file's address


@dataclass(frozen=True)
class Column:
    """A column of an export, and what it holds."""

    heading: str
    kind: Kind
    target: str = ""
    choice: str = ""


class FormColumns:
    """The columns of the exports of one form, each heading worked out once."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.questions: dict[str, Question] = {q.id: q for q in form.questions()}
        self._names: dict[str, Column] = {}
        for field, name in names.PROFILE_QUESTIONS.items():
            self._names[name] = Column(name, Kind.PROFILE, field)
        opening = [section.id for section in form.sections] + [c.id for c in form.criteria()]
        for group in opening:
            self._names[names.criterion_intro_name(group)] = Column("note", Kind.IGNORED)
        for question in self.questions.values():
            kind = Kind.IGNORED if isinstance(question, InfoQuestion) else Kind.ANSWER
            self._names[question.id] = Column(question.id, kind, question.id)
            reason = names.na_reason_name(question.id)
            self._names[reason] = Column(reason, Kind.NA_REASON, question.id)
        self._groups = {section.id for section in form.sections} | {
            criterion.id for criterion in form.criteria()
        }
        self._groups.add(names.PROFILE_GROUP)
        self._profile_options: dict[str, frozenset[str]] = {}  # field -> its list's options
        self._add_exported_rows()
        self._seen: dict[str, Column | None] = {}

    def _add_exported_rows(self) -> None:
        """Every other name of the form's XLSForm (core/xlsform/export.py: its notes, groups
        and whatever rows it adds), read from the export itself so that both agree."""
        from selfassess.core.xlsform.export import build_xlsform

        try:
            exported = build_xlsform(self.form)
        except UserError:  # a form the export refuses: its own names are all there are
            return
        lists: dict[str, set[str]] = {}
        for choice in exported.choices:
            lists.setdefault(choice.list_name, set()).add(choice.name)
        fields = {name: field for field, name in names.PROFILE_QUESTIONS.items()}
        for row in exported.survey:
            name = row.plain.get("name", "")
            kind, _, list_name = row.plain.get("type", "").partition(" ")
            if kind in ("begin_group", "end_group", "begin_repeat", "end_repeat"):
                self._groups.add(name)
            elif name and name not in self._names:
                self._names[name] = Column(name, Kind.IGNORED)
            if kind == "select_multiple" and name in fields:
                self._profile_options[fields[name]] = frozenset(lists.get(list_name, ()))

    def offers_na(self, question: Question) -> bool:
        """Whether the XLSForm offers "not applicable" (`na`) as a choice of the question, as
        the export decides it (a single choice with an option named `na` does not)."""
        from selfassess.core.xlsform.question_types import offers_na

        return not isinstance(question, InfoQuestion) and offers_na(self.form, question)

    def column(self, heading: str) -> Column | None:
        """What the column holds; None when it is not one of this form's."""
        if heading not in self._seen:
            self._seen[heading] = self._worked_out(heading)
        return self._seen[heading]

    def check(self, headings: Iterable[str], source: str) -> None:
        """Refuse an export with a column this form does not have, naming the columns."""
        unknown = [heading for heading in headings if heading and self.column(heading) is None]
        if not unknown:
            return
        shown_columns = ", ".join(f"'{visible(heading, 80)}'" for heading in unknown[:5])
        if len(unknown) > 5:
            shown_columns += ", …"
        if not any(self._matches_a_question(h) for h in self._seen if h not in unknown):
            raise InvalidInput.of(
                "{source}: no column is named after a question of {form} {version} ({columns}); "
                "export the submissions with the questions' names (in KoboToolbox: 'XML values "
                "and headers'), or choose the form they were collected with; nothing was "
                "imported",
                source=source,
                form=self.form.id,
                version=self.form.version,
                columns=shown_columns,
            )
        if len(unknown) == 1:
            raise InvalidInput.of(
                "{source}: the column {columns} is not a question of {form} {version}: were the "
                "submissions collected with another form or version? Nothing was imported",
                source=source,
                columns=shown_columns,
                form=self.form.id,
                version=self.form.version,
            )
        raise InvalidInput.of(
            "{source}: the columns {columns} are not questions of {form} {version}: were the "
            "submissions collected with another form or version? Nothing was imported",
            source=source,
            columns=shown_columns,
            form=self.form.id,
            version=self.form.version,
        )

    def _matches_a_question(self, heading: str) -> bool:
        column = self._seen.get(heading)
        return column is not None and column.kind in (Kind.ANSWER, Kind.PROFILE)

    def _worked_out(self, heading: str) -> Column | None:
        named = self._by_ending(heading)
        if named is not None:
            return Column(heading, named.kind, named.target)
        split = self._split_choice(heading)
        if split is not None:
            return split
        if self._is_metadata(heading):
            return Column(heading, Kind.IGNORED)
        return None

    def _by_ending(self, heading: str) -> Column | None:
        """The column named by the longest ending of `heading` after a separator."""
        if heading in self._names:
            return self._names[heading]
        for at, character in enumerate(heading):
            if character in _SEPARATORS and heading[at + 1 :] in self._names:
                return self._names[heading[at + 1 :]]
        return None

    def _split_choice(self, heading: str) -> Column | None:
        """`A-A1-A1.4/register` (or `…-register`): one option of a multiple choice, the
        form's or the profile's (`profile/profile_minerals/gold`)."""
        for at in range(len(heading) - 1, 0, -1):
            if heading[at] not in _SEPARATORS:
                continue
            base = self._by_ending(heading[:at])
            option = heading[at + 1 :]
            if base is not None and base.kind is Kind.PROFILE:
                if option in self._profile_options.get(base.target, ()):
                    return Column(heading, Kind.PROFILE_CHOICE, base.target, option)
                continue
            if base is None or base.kind is not Kind.ANSWER:
                continue
            question = self.questions[base.target]
            if not isinstance(question, MultiChoiceQuestion):
                continue
            options = {choice.name for choice in self.form.choices_of(question)}
            if heading[at + 1 :] in options:
                return Column(heading, Kind.SPLIT_CHOICE, question.id, heading[at + 1 :])
        return None

    def _is_metadata(self, heading: str) -> bool:
        if heading.startswith("_"):  # KoboToolbox's own: _id, _uuid, _submission_time...
            return True
        parts = [part for part in _split(heading) if part]
        if not parts:
            return False
        if parts[0] in _METADATA_GROUPS or parts[-1] in _METADATA:
            return True
        last = parts[-1]
        if last.endswith("_URL"):  # KoboToolbox: the web address of a media file
            named = self._by_ending(heading[: -len("_URL")])
            return named is not None and (
                named.kind is not Kind.ANSWER
                or isinstance(self.questions[named.target], EvidenceQuestion)
            )
        return all(part in self._groups for part in parts)  # a group's own column


def _split(heading: str) -> list[str]:
    parts = [heading]
    for separator in _SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return parts
