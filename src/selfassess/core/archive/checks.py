"""An archive's assessment checked against its pinned form, with the rules the app keeps when
a person types it: answers to questions the form has, each value parsed as the assessment
service parses a typed answer (`parse_value`) and written as the store writes it; the profile
as `check_profile` wants it; a language the form offers; statuses and revisions that agree, each
revision's declaration and snapshot as finalize writes them; attachments only on evidence
questions; audit and plan rows the store can keep; the remediation register by the service's
own rules (register_checks). Every refusal names `assessment.json` and the field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfassess.core.answers.values import parse_value
from selfassess.core.archive.fields import (
    day,
    evidence_question,
    file_name,
    language,
    media_type,
    timestamp,
)
from selfassess.core.archive.format import (
    ActionRow,
    ArchivePayload,
    AssessmentRow,
    CaseRow,
    Declaration,
    RevisionRow,
    Snapshot,
    SnapshotProfile,
)
from selfassess.core.archive.refusals import refusal, validation_refusal
from selfassess.core.archive.register_checks import check_cases, check_counts
from selfassess.core.errors import InvalidInput
from selfassess.core.forms.model import Form, InfoQuestion, Question
from selfassess.core.profile import check_profile
from selfassess.core.storable import NAME_LIMIT, optional_text, shown, storable_text
from selfassess.core.store.assessments import dumps
from selfassess.core.store.records import Profile

MEMBER = "assessment.json"
PROFILE = [field.name for field in dataclasses.fields(Profile)]
_ACTION_WORD = re.compile(r"^[a-z][a-z_-]{0,39}$")
_ID = re.compile(r"^[0-9a-f]{12}$")
_MEDIA_TYPE = re.compile(
    r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$", re.I
)


class _Checker:
    """The checks of one payload against one form."""

    def __init__(self, source: Path, form: Form) -> None:
        self.source = source
        self.form = form
        self.questions: dict[str, Question] = {q.id: q for q in form.questions()}
        self.criteria = {criterion.id for criterion in form.criteria()}
        self.today = date.today()

    @contextmanager
    def at(self, field: str) -> Iterator[None]:
        """Refusals raised inside name `field` of assessment.json."""
        try:
            yield
        except InvalidInput as reason:
            raise refusal(self.source, MEMBER, field, reason) from None

    def question(self, question_id: str) -> Question:
        question = self.questions.get(question_id)
        if question is None:
            raise InvalidInput.of(
                "'{question}' is not a question of {form} {version}",
                question=shown(question_id),
                form=self.form.id,
                version=self.form.version,
            )
        return question

    # the assessment -------------------------------------------------------------------
    def assessment(self, row: AssessmentRow) -> None:
        form = self.form
        with self.at("assessment.form_id"):
            if (row.form_id, row.form_version) != (form.id, form.version):
                raise InvalidInput.of(
                    "the assessment names {form} {version}, but form.json is {expected}",
                    form=shown(row.form_id),
                    version=shown(row.form_version),
                    expected=f"{form.id} {form.version}",
                )
        with self.at("assessment.language"):
            language(row.language, form)
        with self.at("assessment.trainer"):
            optional_text(row.trainer, "trainer", limit=NAME_LIMIT, one_line=True)
        with self.at("assessment.baseline_id"):
            if row.baseline_id is not None and (
                not _ID.match(row.baseline_id) or row.baseline_id == row.id
            ):
                raise InvalidInput.of(
                    "'{value}' is not the id of another assessment", value=shown(row.baseline_id)
                )
        self.profile("assessment", row)
        for name in ("created_at", "updated_at"):
            with self.at(f"assessment.{name}"):
                timestamp(getattr(row, name))

    def profile(self, prefix: str, row: AssessmentRow | SnapshotProfile) -> None:
        """The profile as `check_profile` wants it, field by field so that a refusal names it."""
        fine = Profile(organisation="-", entity_type="other")
        for name in PROFILE:
            value: Any = getattr(row, name)
            if isinstance(value, list):  # minerals, certifications, countries
                value = tuple(value)
            with self.at(f"{prefix}.{name}"):
                check_profile(dataclasses.replace(fine, **{name: value}))

    # answers and evidence -------------------------------------------------------------
    def answers(self, payload: ArchivePayload) -> None:
        seen: set[str] = set()
        for index, answer in enumerate(payload.answers):
            field = f"answers[{index}]"
            with self.at(f"{field}.question_id"):
                self.question(answer.question_id)
                if answer.question_id in seen:
                    raise InvalidInput.of(
                        "a second answer to {question}", question=answer.question_id
                    )
            seen.add(answer.question_id)
            self.answer(field, answer.question_id, answer.value, answer.comment, answer.na_reason)
            with self.at(f"{field}.changed_at"):
                timestamp(answer.changed_at)

    def answer(
        self, field: str, question_id: str, value: Any, comment: str | None, na: str | None
    ) -> None:
        """One answer as the assessment service would have stored it."""
        question = self.question(question_id)
        with self.at(f"{field}.comment"):
            optional_text(comment, "the comment")
        with self.at(f"{field}.na_reason"):
            optional_text(na, "the reason for 'not applicable'")
            if na is not None and (isinstance(question, InfoQuestion) or not question.allow_na):
                raise InvalidInput.of(
                    "{question} cannot be answered 'not applicable'", question=question_id
                )
            if na is not None and value is not None:
                raise InvalidInput.of(
                    "{question}: give either a value or a reason for 'not applicable', not both",
                    question=question_id,
                )
        with self.at(f"{field}.value"):
            stored = parse_value(self.form, question, value)
            if dumps(stored) != dumps(value):
                raise InvalidInput.of(
                    "{question}: '{value}' is not written as selfassess stores it ({expected})",
                    question=question_id,
                    value=shown(value),
                    expected=shown(stored),
                )

    def evidence(self, payload: ArchivePayload, sizes: Mapping[str, int]) -> None:
        listed: set[str] = set()
        for index, item in enumerate(payload.evidence):
            with self.at(f"evidence[{index}]"):
                if item.sha256 in listed or sizes.get(item.sha256) != item.size:
                    raise InvalidInput.of(
                        "the file {sha256} is listed twice or not as the archive carries it",
                        sha256=item.sha256[:12],
                    )
                media_type(item.media_type)
            listed.add(item.sha256)
        attached: set[tuple[str, str]] = set()
        for index, link in enumerate(payload.attachments):
            field = f"attachments[{index}]"
            with self.at(f"{field}.question_id"):
                evidence_question(self.question(link.question_id))
                if link.sha256 not in listed or (link.question_id, link.sha256) in attached:
                    raise InvalidInput.of(
                        "the file {sha256} is not in the archive or is attached twice",
                        sha256=link.sha256[:12],
                    )
            attached.add((link.question_id, link.sha256))
            with self.at(f"{field}.original_name"):
                file_name(link.original_name)
            with self.at(f"{field}.added_at"):
                timestamp(link.added_at)
        unattached = listed - {sha256 for _question, sha256 in attached}
        with self.at("evidence"):
            if unattached:
                raise InvalidInput.of(
                    "the file {sha256} is attached to no question", sha256=min(unattached)[:12]
                )

    # history and plan -----------------------------------------------------------------
    def audit(self, payload: ArchivePayload) -> None:
        for index, entry in enumerate(payload.audit):
            field = f"audit[{index}]"
            with self.at(f"{field}.at"):
                timestamp(entry.at)
            with self.at(f"{field}.action"):
                if not _ACTION_WORD.match(entry.action):
                    raise InvalidInput.of(
                        "'{value}' is not an action the history records", value=shown(entry.action)
                    )
            with self.at(f"{field}.question_id"):
                if entry.question_id is not None:
                    self.question(entry.question_id)
            with self.at(f"{field}.reason"):
                optional_text(entry.reason, "reason")

    def actions(self, actions: list[ActionRow], prefix: str) -> None:
        suggested: set[tuple[str, str]] = set()
        for index, action in enumerate(actions):
            field = f"{prefix}[{index}]"
            with self.at(f"{field}.criterion_id"):
                if action.criterion_id not in self.criteria:
                    raise InvalidInput.of(
                        "'{criterion}' is not a criterion of {form} {version}",
                        criterion=shown(action.criterion_id),
                        form=self.form.id,
                        version=self.form.version,
                    )
            with self.at(f"{field}.suggestion"):
                if action.suggestion is not None:
                    storable_text(action.suggestion, "suggestion", limit=NAME_LIMIT, one_line=True)
                    if (action.criterion_id, action.suggestion) in suggested:
                        raise InvalidInput.of(
                            "the suggested action {suggestion} of {criterion} appears twice",
                            suggestion=shown(action.suggestion),
                            criterion=action.criterion_id,
                        )
                    suggested.add((action.criterion_id, action.suggestion))
            self.action_fields(field, action)

    def remediation(self, cases: list[CaseRow], prefix: str) -> None:
        """The register's cases, by the remediation service's own checks (register_checks)."""
        check_cases(self.at, cases, prefix, self.today)

    def action_fields(self, field: str, action: ActionRow) -> None:
        with self.at(f"{field}.text"):
            if not storable_text(action.text, "text").strip():
                raise InvalidInput.of("an action needs a text")
        with self.at(f"{field}.owner"):
            optional_text(action.owner, "owner", limit=NAME_LIMIT, one_line=True)
        with self.at(f"{field}.note"):
            optional_text(action.note, "note")
        with self.at(f"{field}.due"):
            if action.due is not None:
                day(action.due)
        for name in ("gap_closed_at", "created_at", "updated_at"):
            with self.at(f"{field}.{name}"):
                if getattr(action, name) is not None:
                    timestamp(getattr(action, name))


def check_payload(
    payload: ArchivePayload, form: Form, source: Path, evidence_sizes: Mapping[str, int]
) -> None:
    """Refuse the payload, naming the field, unless all of it fits the form and the store."""
    checker = _Checker(source, form)
    checker.assessment(payload.assessment)
    checker.answers(payload)
    checker.evidence(payload, evidence_sizes)
    checker.audit(payload)
    checker.actions(payload.actions, "actions")
    checker.remediation(payload.remediation, "remediation")
    _check_revisions(checker, payload)


def _check_revisions(checker: _Checker, payload: ArchivePayload) -> None:
    assessment = payload.assessment
    numbers = sorted(revision.revision for revision in payload.revisions)
    with checker.at("assessment.status"):
        if assessment.status == "finalized" and assessment.revision not in numbers:
            raise InvalidInput.of(
                "the assessment is finalized, but revision {revision} is not in the archive",
                revision=assessment.revision,
            )
        if assessment.status == "draft" and assessment.revision in numbers:
            raise InvalidInput.of(
                "the assessment is a draft, but revision {revision} is finalized",
                revision=assessment.revision,
            )
    last = assessment.revision if assessment.status == "finalized" else assessment.revision - 1
    with checker.at("revisions"):
        if numbers != list(range(1, last + 1)):
            raise InvalidInput.of(
                "an assessment at revision {revision} ({status}) has finalized revisions 1 to "
                "{last}, each once",
                revision=assessment.revision,
                status=assessment.status,
                last=last,
            )
    for index, revision in enumerate(payload.revisions):
        _check_revision(checker, f"revisions[{index}]", revision, assessment)


def _check_revision(
    checker: _Checker, field: str, revision: RevisionRow, assessment: AssessmentRow
) -> None:
    source = checker.source
    with checker.at(f"{field}.finalized_at"):
        timestamp(revision.finalized_at)
    try:
        declaration = Declaration.model_validate(revision.declaration)
    except ValidationError as exc:
        raise validation_refusal(source, MEMBER, exc, f"{field}.declaration") from None
    try:
        snapshot = Snapshot.model_validate(revision.snapshot)
    except ValidationError as exc:
        raise validation_refusal(source, MEMBER, exc, f"{field}.snapshot") from None
    _check_declaration(checker, f"{field}.declaration", declaration)
    form = checker.form
    expected = (assessment.id, revision.revision, form.id, form.version, assessment.form_hash)
    found = (
        snapshot.assessment,
        snapshot.revision,
        snapshot.form.id,
        snapshot.form.version,
        snapshot.form.hash,
    )
    with checker.at(f"{field}.snapshot"):
        if found != expected or snapshot.declaration != declaration:
            raise InvalidInput.of(
                "the snapshot is not that of revision {revision} of this assessment and form",
                revision=revision.revision,
            )
        digest = hashlib.sha256((dumps(revision.snapshot) or "").encode("utf-8")).hexdigest()
        if digest != revision.snapshot_sha256:
            raise InvalidInput.of("the snapshot does not match its snapshot_sha256")
    _check_snapshot(checker, f"{field}.snapshot", snapshot)


def _check_declaration(checker: _Checker, field: str, declaration: Declaration) -> None:
    for name in ("name", "title"):
        with checker.at(f"{field}.{name}"):
            text = storable_text(getattr(declaration, name), name, limit=NAME_LIMIT, one_line=True)
            if not text.strip():
                raise InvalidInput.of(
                    "the declaration needs the name and title of the person signing"
                )
    with checker.at(f"{field}.date"):
        day(declaration.date)


def _check_snapshot(checker: _Checker, field: str, snapshot: Snapshot) -> None:
    with checker.at(f"{field}.language"):
        language(snapshot.language, checker.form)
    with checker.at(f"{field}.trainer"):
        optional_text(snapshot.trainer, "trainer", limit=NAME_LIMIT, one_line=True)
    checker.profile(f"{field}.profile", snapshot.profile)
    for question_id, answer in snapshot.answers.items():
        where = f"{field}.answers.{shown(question_id)}"
        with checker.at(where):
            checker.question(question_id)
        checker.answer(where, question_id, answer.value, answer.comment, answer.na_reason)
    for index, item in enumerate(snapshot.evidence):
        with checker.at(f"{field}.evidence[{index}]"):
            evidence_question(checker.question(item.question))
            file_name(item.name)
            media_type(item.media_type)
    checker.actions(snapshot.plan, f"{field}.plan")
    checker.remediation(snapshot.remediation, f"{field}.remediation")
    check_counts(checker.at, snapshot, field)
