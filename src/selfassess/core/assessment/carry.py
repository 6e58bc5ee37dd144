"""What a new assessment takes from an earlier one: a quick scan's answers and evidence
(`new --from`), and a baseline's unfinished actions (`new --baseline`)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from selfassess.core.answers.values import parse_value
from selfassess.core.errors import InvalidInput
from selfassess.core.forms.model import Form
from selfassess.core.store import actions as plan_rows
from selfassess.core.store import assessments as rows
from selfassess.core.store import evidence as files
from selfassess.core.store.records import Answer, Attachment

if TYPE_CHECKING:
    from selfassess.core.assessment.service import AssessmentService

Carried = tuple[dict[str, Answer], list[Attachment], str]


def carried_answers(service: AssessmentService, form: Form, source_id: str) -> Carried:
    """The source's answers and attachments that fit `form`: same question id and type,
    and a value the new question accepts."""
    source = service.get(source_id)
    old_types = {q.id: q.type for q in service.form_of(source).questions()}
    new_questions = {q.id: q for q in form.questions()}
    answers: dict[str, Answer] = {}
    for qid, answer in service.answers(source_id).items():
        question = new_questions.get(qid)
        if question is None or old_types.get(qid) != question.type:
            continue
        try:
            value = parse_value(form, question, answer.value)
        except InvalidInput:
            continue
        if answer.is_na and not getattr(question, "allow_na", False):
            continue
        answers[qid] = Answer(qid, value, answer.comment, answer.na_reason, "")
    attachments = [
        a
        for a in service.attachments(source_id)
        if a.question_id in new_questions
        and old_types.get(a.question_id) == "evidence"
        and new_questions[a.question_id].type == "evidence"
    ]
    return answers, attachments, source_id


def copy_answers(
    conn: sqlite3.Connection,
    assessment_id: str,
    carried: Carried,
    when: str,
) -> None:
    answers, attachments, source_id = carried
    for answer in answers.values():
        copied = Answer(answer.question_id, answer.value, answer.comment, answer.na_reason, when)
        rows.put_answer(conn, assessment_id, copied)
        rows.audit(
            conn,
            assessment_id,
            "answer",
            question_id=answer.question_id,
            new=copied.as_json(),
            reason=f"copied from {source_id}",
            when=when,
        )
    for item in attachments:
        files.link(conn, assessment_id, item.question_id, item.sha256, item.original_name)
        rows.audit(
            conn,
            assessment_id,
            "attach",
            question_id=item.question_id,
            new={"sha256": item.sha256, "name": item.original_name},
            reason=f"copied from {source_id}",
            when=when,
        )


def carry_actions(conn: sqlite3.Connection, baseline_id: str, assessment_id: str) -> None:
    """A follow-up starts with its baseline's unfinished actions, to report progress on them."""
    for action in plan_rows.list_actions(conn, baseline_id):
        if action.status == "done":
            continue
        plan_rows.insert_action(
            conn,
            assessment_id,
            action.criterion_id,
            action.text,
            suggestion=action.suggestion,
            owner=action.owner,
            due=action.due,
            status=action.status,
            note=action.note,
            carried_from=action.id,
        )
