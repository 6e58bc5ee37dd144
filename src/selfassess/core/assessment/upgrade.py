"""Upgrading an assessment to a newer version of its form (docs/forms.md, "Versions and upgrading").

The assessment itself never changes: it stays pinned to the version it was filled against,
readable and exportable as it is. The upgrade is a new draft on the newer version, for the same
supplier, in the same language, with the same trainer, carrying every answer (its comment, its
"not applicable" reason) and every evidence file whose question keeps its id and type and
accepts the value, and the child-labour remediation register whole (it is about children, not
about the form). What it could not carry, and what the newer version asks that has no answer
yet, are listed, criterion by criterion, so that a trainer can go through them in one session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.answers.values import parse_value
from selfassess.core.errors import InvalidInput, Refused
from selfassess.core.forms.catalog import discover, version_key
from selfassess.core.forms.model import Form
from selfassess.core.i18n import N_
from selfassess.core.remediation.register import case_label
from selfassess.core.store import assessments as rows
from selfassess.core.store import remediation as register_rows
from selfassess.core.store.records import Assessment

if TYPE_CHECKING:
    from selfassess.core.assessment.service import AssessmentService

REMOVED = N_("the newer version no longer asks it")
RETYPED = N_("the newer version asks it in another way")
REFUSED = N_("the newer version does not accept this answer")


@dataclass(frozen=True)
class Left:
    """An answer of the older assessment that the upgrade did not carry, and why."""

    question_id: str
    reason: str  # one of REMOVED, RETYPED, REFUSED (message ids)


@dataclass
class Upgrade:
    """The new assessment, what it carried, and what needs a new answer."""

    assessment: Assessment
    carried: list[str] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    to_answer: dict[str, list[str]] = field(default_factory=dict)  # criterion id: question ids
    cases: int = 0  # remediation cases carried

    @property
    def questions_to_answer(self) -> int:
        return sum(len(ids) for ids in self.to_answer.values())


def newest_form(home: Path, assessment: Assessment) -> Form | None:
    """The newest valid version of the assessment's form found here (built-in or the user's),
    if it is newer than the assessment's; None otherwise."""
    newer = [
        entry.result.form
        for entry in discover(home)
        if entry.result.form is not None
        and entry.result.form.id == assessment.form_id
        and version_key(entry.result.form.version) > version_key(assessment.form_version)
    ]
    return max(newer, key=lambda form: version_key(form.version)) if newer else None


def upgrade(service: AssessmentService, assessment_id: str, form: Form) -> Upgrade:
    """A new draft of `assessment_id`'s supplier on `form`, carrying what fits (module doc)."""
    old = service.get(service.resolve(assessment_id))
    if form.id != old.form_id or version_key(form.version) <= version_key(old.form_version):
        raise Refused.of(
            "assessment {id} is on {form} {version}; it can only be upgraded to a newer version "
            "of the same form, not to {target}",
            id=old.id,
            form=old.form_id,
            version=old.form_version,
            target=f"{form.id} {form.version}",
        )
    language = old.language if old.language in form.languages else form.default_language
    new = service.create(
        form, old.profile, language=language, trainer=old.trainer, start_from=old.id
    )
    result = Upgrade(new)
    result.cases = _carry_register(service, old.id, new.id)
    carried = service.answers(new.id)
    result.left = _left(service, old, form)
    result.carried = sorted(q for q in service.answers(old.id) if q in carried)
    evaluation = service.evaluate(new.id)
    for criterion in form.criteria():
        missing = [
            question.id
            for question in criterion.questions
            if (state := evaluation.states.get(question.id)) is not None
            and state.relevant
            and state.required
            and not state.answered
        ]
        if missing:
            result.to_answer[criterion.id] = missing
    return result


def _carry_register(service: AssessmentService, old_id: str, new_id: str) -> int:
    """The remediation register, case by case with its follow-ups, under the same numbers;
    audited in the new assessment."""
    cases = register_rows.list_cases(service.store.read(), old_id)
    if not cases:
        return 0
    with service.store.write() as conn:
        for case in cases:
            register_rows.insert_case(conn, new_id, case)
        labels = [case_label(case.number) for case in cases]
        rows.audit(conn, new_id, "remediation", new={"carried_from": old_id, "cases": labels})
    return len(cases)


def _left(service: AssessmentService, old: Assessment, form: Form) -> list[Left]:
    old_types = {q.id: q.type for q in service.form_of(old).questions()}
    new_questions = {q.id: q for q in form.questions()}
    left = []
    for question_id, answer in sorted(service.answers(old.id).items()):
        question = new_questions.get(question_id)
        if question is None:
            left.append(Left(question_id, REMOVED))
        elif old_types.get(question_id) != question.type:
            left.append(Left(question_id, RETYPED))
        elif answer.is_na and not getattr(question, "allow_na", False):
            left.append(Left(question_id, REFUSED))
        else:
            try:
                parse_value(form, question, answer.value)
            except InvalidInput:
                left.append(Left(question_id, REFUSED))
    return left
