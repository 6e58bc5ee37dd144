"""The assessment use cases shared by the command line and the app: create, answer, attach,
validate, finalize and reopen. Each change is one durable transaction together with its audit
entry, and returns a `Changes` record naming what it touched.

The answer checks, the forms model and the risk tables are imported when first used, so that
the home screen, which only lists assessments, opens without them (issue 16's start-up figure).
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.core.assessment.declaration_day import check_declaration_day
from selfassess.core.changes import Changes
from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.i18n import LANGUAGES
from selfassess.core.profile import check_profile
from selfassess.core.storable import (
    NAME_LIMIT,
    is_storable_text,
    optional_text,
    readable_name,
    shown,
    storable_text,
)
from selfassess.core.store import actions as plan_rows
from selfassess.core.store import assessments as rows
from selfassess.core.store import evidence as files
from selfassess.core.store import remediation as register_rows
from selfassess.core.store.database import now
from selfassess.core.store.evidence import describe_size, media_type_of
from selfassess.core.store.records import Answer, Assessment, Attachment, Profile, Revision
from selfassess.core.store.store import Store

if TYPE_CHECKING:
    from selfassess.core.answers.validation import Evaluation
    from selfassess.core.expr.types import Value
    from selfassess.core.forms.model import EvidenceQuestion, Form, Question
    from selfassess.core.risk.edd import AreaDecision


@dataclass(frozen=True)
class Declaration:
    """Who finalizes, as what, and when."""

    name: str
    title: str
    on: date


class AssessmentService:
    """The operations on the assessments of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._forms: dict[str, Form] = {}
        # per form object: the form (kept, so that its id is not reused), its hash and body;
        # and per form hash, its questions by id (an import creates and answers thousands)
        self._identities: dict[int, tuple[Form, str, str]] = {}
        self._questions: dict[str, dict[str, Question]] = {}

    # reading ----------------------------------------------------------------------------
    def resolve(self, text: str) -> str:
        if not is_storable_text(text) or len(text) > NAME_LIMIT:
            raise NotFound.of("no assessment '{id}' (see `selfassess list`)", id=shown(text))
        return rows.resolve_id(self.store.read(), text)

    def get(self, assessment_id: str) -> Assessment:
        return rows.get_assessment(self.store.read(), assessment_id)

    def all(self) -> list[Assessment]:
        return rows.list_assessments(self.store.read())

    def form_of(self, assessment: Assessment) -> Form:
        """The form the assessment was pinned to, as it was then."""
        if assessment.form_hash not in self._forms:
            from selfassess.core.forms.model import Form

            body = rows.form_definition(self.store.read(), assessment.form_hash)
            self._forms[assessment.form_hash] = Form.model_validate_json(body)
        return self._forms[assessment.form_hash]

    def answers(self, assessment_id: str) -> dict[str, Answer]:
        return rows.get_answers(self.store.read(), assessment_id)

    def attachments(self, assessment_id: str) -> list[Attachment]:
        return files.attachments(self.store.read(), assessment_id)

    def evaluate(
        self, assessment_id: str, today: date | None = None, *, language: str | None = None
    ) -> Evaluation:
        """Validation and progress; messages in `language` (default: the assessment's)."""
        from selfassess.core.answers.validation import evaluate_assessment

        assessment = self.get(assessment_id)
        counts = Counter(item.question_id for item in self.attachments(assessment_id))
        profile = assessment.profile.expression_fields()
        return evaluate_assessment(
            self.form_of(assessment),
            self.answers(assessment_id),
            counts,
            profile,
            language=language or assessment.language,
            today=today,
            risk=self.risk_of(profile, assessment),
        )

    def risk_data_version(self, assessment: Assessment) -> str:
        """The risk data an assessment is judged with: the table it was finalized with, or for
        a draft the table in use (docs/risk.md)."""
        return self.risk_of(assessment.profile.expression_fields(), assessment).version

    def risk_of(
        self, profile: Mapping[str, Value], assessment: Assessment | None = None
    ) -> AreaDecision:
        """What the risk table says of this profile (docs/risk.md): a finalized assessment keeps
        the table it was finalized with (when this computer still has it); anything else is
        judged with the table in use."""
        from selfassess.core.risk.edd import area_decision
        from selfassess.core.risk.table import current_table, table_of_version

        table = None
        if assessment is not None and assessment.finalized and assessment.risk_data_version:
            table = table_of_version(self.store.home, assessment.risk_data_version)
        return area_decision(table or current_table(self.store.home), profile)

    # creating ---------------------------------------------------------------------------
    def create(
        self,
        form: Form,
        profile: Profile,
        *,
        language: str | None = None,
        trainer: str | None = None,
        baseline_id: str | None = None,
        start_from: str | None = None,
    ) -> Assessment:
        """A new draft assessment of `profile` against `form`, which is pinned in the store.

        `start_from` names an earlier assessment (a quick scan, say) whose answers and evidence
        are copied for every question the new form has with the same id and type.
        """
        from selfassess.core.assessment.carry import carried_answers, carry_actions, copy_answers
        from selfassess.core.risk.table import current_table

        check_profile(profile)
        trainer = optional_text(trainer, "trainer", limit=NAME_LIMIT, one_line=True)
        language = language or form.default_language
        if language not in form.languages or language not in LANGUAGES:
            raise InvalidInput(
                f"language '{language}' is not offered by {form.id} "
                f"(offered: {', '.join(form.languages)})"
            )
        if baseline_id is not None:
            baseline_id = self.resolve(baseline_id)
        carried = carried_answers(self, form, self.resolve(start_from)) if start_from else None
        when = now()
        pinned_hash, body = self._identity(form)
        assessment = Assessment(
            id=secrets.token_hex(6),
            form_hash=pinned_hash,
            form_id=form.id,
            form_version=form.version,
            status="draft",
            revision=1,
            language=language,
            profile=profile,
            created_at=when,
            updated_at=when,
            trainer=trainer or None,
            baseline_id=baseline_id,
            risk_data_version=current_table(self.store.home).version,
        )
        with self.store.write() as conn:
            rows.store_form(conn, assessment.form_hash, form.id, form.version, body)
            rows.insert_assessment(conn, assessment)
            rows.audit(
                conn, assessment.id, "create", new={"form": form.id, "version": form.version}
            )
            if baseline_id is not None:
                carry_actions(conn, baseline_id, assessment.id)
            if carried is not None:
                copy_answers(conn, assessment.id, carried, when)
            for answer in _defaults(form, when):
                if carried is not None and answer.question_id in carried[0]:
                    continue
                rows.put_answer(conn, assessment.id, answer)
                rows.audit(
                    conn,
                    assessment.id,
                    "default",
                    question_id=answer.question_id,
                    new=answer.as_json(),
                    when=when,
                )
        return assessment

    def _identity(self, form: Form) -> tuple[str, str]:
        """The form's hash and canonical body, worked out once per form object."""
        from selfassess.core.forms.identity import canonical_json

        known = self._identities.get(id(form))
        if known is None or known[0] is not form:
            body = canonical_json(form)
            known = (form, hashlib.sha256(body.encode("utf-8")).hexdigest(), body)
            self._identities[id(form)] = known
        return known[1], known[2]

    # answering --------------------------------------------------------------------------
    def question(self, assessment: Assessment, question_id: str) -> Question:
        questions = self._questions.get(assessment.form_hash)
        if questions is None:
            questions = {q.id: q for q in self.form_of(assessment).questions()}
            self._questions[assessment.form_hash] = questions
        if question_id in questions:
            return questions[question_id]
        raise NotFound.of(
            "{form} {version} has no question '{question}'",
            form=assessment.form_id,
            version=assessment.form_version,
            question=shown(question_id),
        )

    def set_answer(
        self,
        assessment_id: str,
        question_id: str,
        value: Any,
        *,
        comment: str | None = None,
        na_reason: str | None = None,
    ) -> Changes:
        """Store one answer durably (value, or N/A with its reason) and audit the change."""
        assessment = self._editable(assessment_id)
        question = self.question(assessment, question_id)
        comment = optional_text(comment, "the comment")
        na_reason = optional_text(na_reason, "the reason for 'not applicable'")
        from selfassess.core.answers.values import parse_value
        from selfassess.core.forms.model import InfoQuestion

        if na_reason is not None:
            if isinstance(question, InfoQuestion) or not question.allow_na:
                raise InvalidInput(f"{question_id} cannot be answered 'not applicable'")
            if isinstance(value, str) and value.strip().lower() in ("na", "n/a"):
                value = None
            if value is not None:
                raise InvalidInput(f"{question_id}: give either a value or --na-reason, not both")
        stored = parse_value(self.form_of(assessment), question, value)
        when = now()
        return self._write_answer(
            assessment_id, Answer(question_id, stored, comment or None, na_reason, when)
        )

    def restore_answer(
        self, assessment_id: str, question_id: str, answer: Answer | None, *, reason: str
    ) -> Changes:
        """Put back an answer exactly as it was (undo and redo); audited with the reason."""
        self._editable(assessment_id)
        when = now()
        restored = answer or Answer(question_id)
        restored = Answer(question_id, restored.value, restored.comment, restored.na_reason, when)
        return self._write_answer(assessment_id, restored, reason=reason)

    def _write_answer(
        self, assessment_id: str, answer: Answer, *, reason: str | None = None
    ) -> Changes:
        """Store one answer, with the assessment's edit time, and audit it in the same
        transaction."""
        with self.store.write() as conn:
            old = rows.get_answer(conn, assessment_id, answer.question_id)
            rows.put_answer(conn, assessment_id, answer)
            rows.audit(
                conn,
                assessment_id,
                "answer",
                question_id=answer.question_id,
                old=old.as_json() if old else None,
                new=answer.as_json(),
                reason=reason,
                when=answer.changed_at,
            )
            rows.touch(conn, assessment_id, answer.changed_at)
        return Changes(assessment_id, answers=frozenset({answer.question_id}))

    def attach(self, assessment_id: str, question_id: str, paths: list[Path]) -> Changes:
        """Copy files into the evidence locker and attach them to an evidence question."""
        assessment = self._editable(assessment_id)
        question = self.question(assessment, question_id)
        from selfassess.core.forms.model import EvidenceQuestion

        if not isinstance(question, EvidenceQuestion):
            raise InvalidInput(f"{question_id} is not an evidence question; attach files to one")
        for path in paths:
            _check_type(question, path.name)
        for path in paths:
            sha256, size = self.store.evidence.add_file(path)
            name = readable_name(path.name)
            with self.store.write() as conn:
                files.record_file(conn, sha256, size, media_type_of(name))
                if files.link(conn, assessment_id, question_id, sha256, name):
                    new = {"sha256": sha256, "name": name, "size": size}
                    rows.audit(conn, assessment_id, "attach", question_id=question_id, new=new)
                    rows.touch(conn, assessment_id, now())
        return Changes(assessment_id, evidence=frozenset({question_id}))

    def detach(self, assessment_id: str, question_id: str, sha256: str) -> Changes:
        """Remove a file from a question (the file stays in the locker for other questions)."""
        self._editable(assessment_id)
        with self.store.write() as conn:
            if not files.unlink(conn, assessment_id, question_id, sha256):
                raise NotFound(f"{question_id} has no attached file {sha256[:12]}")
            old = {"sha256": sha256}
            rows.audit(conn, assessment_id, "detach", question_id=question_id, old=old)
            rows.touch(conn, assessment_id, now())
        return Changes(assessment_id, evidence=frozenset({question_id}))

    # finalizing -------------------------------------------------------------------------
    def finalize(
        self, assessment_id: str, declaration: Declaration, *, today: date | None = None
    ) -> Changes:
        """Lock the assessment after checking nothing blocks it, and keep a snapshot of it. The
        declaration's day is one it could have been declared (`check_declaration_day`)."""
        assessment = self._editable(assessment_id)
        for field, value in (("name", declaration.name), ("title", declaration.title)):
            storable_text(value, field, limit=NAME_LIMIT, one_line=True)
        if not declaration.name.strip() or not declaration.title.strip():
            raise InvalidInput("the declaration needs the name and title of the person signing")
        cases = register_rows.list_cases(self.store.read(), assessment_id)
        check_declaration_day(
            declaration.on,
            assessment,
            self.revisions(assessment_id),
            cases,
            today or date.today(),
        )
        evaluation = self.evaluate(assessment_id, today=declaration.on)
        if evaluation.problems:
            first = evaluation.problems[0]
            count = len(evaluation.problems)
            blocks = "1 problem blocks" if count == 1 else f"{count} problems block"
            raise Refused(
                f"{blocks} finalizing; the first: {first.question_id}: {first.message} "
                f"(see `selfassess show {assessment_id}`)"
            )
        signed = {
            "name": declaration.name.strip(),
            "title": declaration.title.strip(),
            "date": declaration.on.isoformat(),
        }
        snapshot = self.snapshot(assessment, evaluation, signed)
        body = rows.dumps(snapshot) or ""
        revision = Revision(
            assessment.revision, now(), signed, snapshot, hashlib.sha256(body.encode()).hexdigest()
        )
        from selfassess.core.risk.table import current_table

        with self.store.write() as conn:
            rows.insert_revision(conn, assessment_id, revision)
            rows.set_status(conn, assessment_id, "finalized", assessment.revision)
            rows.set_risk_data_version(conn, assessment_id, current_table(self.store.home).version)
            rows.audit(
                conn,
                assessment_id,
                "finalize",
                old="draft",
                new={"revision": assessment.revision, **signed},
            )
        return Changes(assessment_id, status=True)

    def reopen(self, assessment_id: str, reason: str) -> Changes:
        """Make a finalized assessment editable again, as a new revision; the reason is audited."""
        assessment = self.get(assessment_id)
        if not assessment.finalized:
            raise Refused(f"assessment {assessment_id} is not finalized; it is already editable")
        if not storable_text(reason, "the reason").strip():
            raise InvalidInput("reopening needs a reason")
        with self.store.write() as conn:
            rows.set_status(conn, assessment_id, "draft", assessment.revision + 1)
            rows.audit(
                conn,
                assessment_id,
                "reopen",
                old="finalized",
                new={"revision": assessment.revision + 1},
                reason=reason.strip(),
            )
        return Changes(assessment_id, status=True)

    def revisions(self, assessment_id: str) -> list[Revision]:
        return rows.get_revisions(self.store.read(), assessment_id)

    def snapshot(
        self, assessment: Assessment, evaluation: Evaluation, declaration: dict[str, str]
    ) -> dict[str, Any]:
        """The assessment as finalized: answers to questions that were not relevant left out;
        the remediation register (`remediation`) when it has cases."""
        relevant = {qid for qid, state in evaluation.states.items() if state.relevant}
        answers = self.answers(assessment.id)
        attached = self.attachments(assessment.id)
        cases = register_rows.list_cases(self.store.read(), assessment.id)
        register = {"remediation": [case.as_json() for case in cases]} if cases else {}
        return {
            "assessment": assessment.id,
            "revision": assessment.revision,
            "form": {
                "id": assessment.form_id,
                "version": assessment.form_version,
                "hash": assessment.form_hash,
            },
            "language": assessment.language,
            "trainer": assessment.trainer,
            "profile": profile_json(assessment.profile),
            "answers": {qid: answers[qid].as_json() for qid in sorted(answers) if qid in relevant},
            "evidence": [
                {
                    "question": a.question_id,
                    "sha256": a.sha256,
                    "name": a.original_name,
                    "media_type": a.media_type,
                    "size": a.size,
                }
                for a in attached
                if a.question_id in relevant
            ],
            "declaration": declaration,
            "plan": [a.as_json() for a in plan_rows.list_actions(self.store.read(), assessment.id)],
            **register,
        }

    def _editable(self, assessment_id: str) -> Assessment:
        assessment = self.get(assessment_id)
        if assessment.finalized:
            raise Refused.of(
                "assessment {id} is finalized and read-only; reopen it with a reason to change it",
                id=assessment_id,
            )
        return assessment


def profile_json(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON data."""
    data = dataclasses.asdict(profile)
    for name in ("minerals", "certifications", "source_countries", "transit_countries"):
        data[name] = list(getattr(profile, name))
    return data


def _defaults(form: Form, when: str) -> list[Answer]:
    """The form's default answers, as a new assessment starts with them."""
    from selfassess.core.answers.values import parse_value

    found = []
    for question in form.questions():
        default = getattr(question, "default", None)
        if default is not None:
            value = parse_value(form, question, default)
            found.append(Answer(question.id, value, None, None, when))
    return found


def _check_type(question: EvidenceQuestion, name: str) -> None:
    accepted = question.accepted_types
    if not accepted:
        return
    media = media_type_of(name)
    suffix = Path(name).suffix.lower()
    for pattern in accepted:
        if pattern.startswith(".") and suffix == pattern.lower():
            return
        if pattern.endswith("/*") and media.startswith(pattern[:-1]):
            return
        if media == pattern:
            return
    raise InvalidInput.of(
        "{name} ({media}) is not accepted by {question}; accepted: {accepted}",
        name=name,
        media=media,
        question=question.id,
        accepted=", ".join(accepted),
    )


__all__ = ["AssessmentService", "Declaration", "describe_size"]
