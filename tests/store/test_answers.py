"""Answers: typed, durable, audited, and read-only once finalized."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.forms.model import Form
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store


def test_new_assessment_pins_form_and_starts_with_defaults(
    service: AssessmentService, draft: Assessment, sample_form: Form
) -> None:
    assert (draft.form_id, draft.form_version, draft.status, draft.revision) == (
        "sample-assessment",
        "1.0",
        "draft",
        1,
    )
    answers = service.answers(draft.id)
    assert {qid: a.value for qid, a in answers.items()} == {
        "A1.4": ["register"],
        "B1.2": 18,
        "B1.3": 0,
        "B1.4": "2025-01-15",
    }
    assert service.form_of(draft) == sample_form


@pytest.mark.parametrize(
    ("question", "typed", "stored"),
    [
        ("A1.1", "2", 2),
        ("A1.1", 3, 3),
        ("B1.1", "oui", True),
        ("B1.1", "hapana", False),
        ("B1.1", False, False),
        ("A1.4", "photo,register", ["photo", "register"]),
        ("A1.4", ["none"], ["none"]),
        ("A2.1", "artisanal_card", "artisanal_card"),
        ("B1.2", "16", 16),
        ("B1.2", "16,5", 16.5),
        ("A2.2", "CD-12345", "CD-12345"),
        ("A1.2", "2024-03-01", "2024-03-01"),
        ("A1.2", "", None),
    ],
)
def test_values_are_stored_by_type(
    service: AssessmentService, draft: Assessment, question: str, typed: object, stored: object
) -> None:
    service.set_answer(draft.id, question, typed)
    answer = service.answers(draft.id).get(question)
    assert (answer.value if answer else None) == stored


@pytest.mark.parametrize(
    ("question", "typed", "message"),
    [
        ("A1.1", "4", "A1.1 takes a level from 0 (not in place) to 3 (fully in place), not '4'"),
        ("B1.1", "maybe", "B1.1 takes yes or no, not 'maybe'"),
        ("A1.4", "photo,video", "A1.4: 'video' is not one of its options (register, photo, none)"),
        ("A2.1", "exploitation,no", "A2.1 takes one option, not 2"),
        ("B1.2", "old", "B1.2 takes a number, not 'old'"),
        ("A1.2", "31/12/2024", "A1.2 takes a date written YYYY-MM-DD, not '31/12/2024'"),
        ("A1.3", "x", "A1.3 takes files: attach them"),
        ("A1.0", "x", "A1.0 is an information text and takes no answer"),
    ],
)
def test_wrong_values_are_refused_and_nothing_is_stored(
    service: AssessmentService, draft: Assessment, question: str, typed: object, message: str
) -> None:
    before = service.answers(draft.id)
    with pytest.raises(InvalidInput) as refused:
        service.set_answer(draft.id, question, typed)
    assert str(refused.value).startswith(message)
    assert service.answers(draft.id) == before


def test_unknown_question_and_assessment(service: AssessmentService, draft: Assessment) -> None:
    with pytest.raises(NotFound, match="sample-assessment 1.0 has no question 'Z9'"):
        service.set_answer(draft.id, "Z9", 1)
    with pytest.raises(NotFound, match="no assessment 'nope'"):
        service.resolve("nope")
    assert service.resolve(draft.id[:5]) == draft.id


def test_answers_survive_closing_the_store(
    service: AssessmentService, draft: Assessment, isolated_home: Path
) -> None:
    service.set_answer(draft.id, "A1.1", 2, comment="signée")
    service.store.close()
    with Store.open(isolated_home) as reopened:
        answer = AssessmentService(reopened).answers(draft.id)["A1.1"]
    assert (answer.value, answer.comment) == (2, "signée")


def test_every_change_is_audited_with_old_and_new(
    service: AssessmentService, draft: Assessment
) -> None:
    service.set_answer(draft.id, "A1.1", 1)
    service.set_answer(draft.id, "A1.1", 2, comment="better")
    entries = [e for e in service.store.read().execute(
        "SELECT action, question_id, old_value, new_value FROM audit_log WHERE assessment_id = ?",
        (draft.id,)).fetchall() if e[1] == "A1.1"]  # fmt: skip
    assert [(e[0], e[2], e[3]) for e in entries] == [
        ("answer", None, '{"comment":null,"na_reason":null,"value":1}'),
        (
            "answer",
            '{"comment":null,"na_reason":null,"value":1}',
            '{"comment":"better","na_reason":null,"value":2}',
        ),
    ]


def test_not_applicable_needs_an_allowing_question(
    service: AssessmentService, draft: Assessment
) -> None:
    service.set_answer(draft.id, "A1.1", "na", na_reason="pas de mine")
    assert service.answers(draft.id)["A1.1"].is_na
    with pytest.raises(InvalidInput, match="B1.1 cannot be answered 'not applicable'"):
        service.set_answer(draft.id, "B1.1", None, na_reason="x")
    with pytest.raises(InvalidInput, match="give either a value or --na-reason, not both"):
        service.set_answer(draft.id, "A1.1", 2, na_reason="x")


@pytest.fixture
def policy_pdf(tmp_path: Path) -> Path:
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4 policy")
    return evidence


def _complete(service: AssessmentService, draft: Assessment, evidence: Path) -> None:
    for question, value in [("A1.1", 2), ("A1.2", "2024-03-01"), ("A2.1", "exploitation"),
                            ("B1.1", False)]:  # fmt: skip
        service.set_answer(draft.id, question, value)
    service.attach(draft.id, "A1.3", [evidence])


def test_finalize_is_refused_until_nothing_blocks_then_locks(
    service: AssessmentService, draft: Assessment, policy_pdf: Path
) -> None:
    declaration = Declaration("Amani Bahati", "Président", date(2026, 11, 22))
    with pytest.raises(Refused, match=r"problems block finalizing; the first: A1.1: Une réponse"):
        service.finalize(draft.id, declaration)
    _complete(service, draft, policy_pdf)
    service.finalize(draft.id, declaration)
    assert service.get(draft.id).finalized
    with pytest.raises(Refused, match="is finalized and read-only"):
        service.set_answer(draft.id, "A1.1", 3)
    with pytest.raises(Refused, match="is finalized and read-only"):
        service.attach(draft.id, "A1.3", [policy_pdf])


def test_reopen_needs_a_reason_and_keeps_every_revision_as_it_was(
    service: AssessmentService, draft: Assessment, policy_pdf: Path
) -> None:
    _complete(service, draft, policy_pdf)
    service.finalize(draft.id, Declaration("A", "Président", date(2026, 11, 22)))
    first = service.revisions(draft.id)[0]
    with pytest.raises(InvalidInput, match="reopening needs a reason"):
        service.reopen(draft.id, "  ")
    service.reopen(draft.id, "new evidence")
    assert (service.get(draft.id).status, service.get(draft.id).revision) == ("draft", 2)
    service.set_answer(draft.id, "A1.1", 3)
    service.finalize(draft.id, Declaration("A", "Président", date(2026, 12, 1)))
    revisions = service.revisions(draft.id)
    assert [r.revision for r in revisions] == [1, 2]
    assert revisions[0] == first
    assert revisions[0].snapshot["answers"]["A1.1"]["value"] == 2
    assert revisions[1].snapshot["answers"]["A1.1"]["value"] == 3
    audit = (
        service.store.read()
        .execute(
            "SELECT reason FROM audit_log WHERE assessment_id = ? AND action = 'reopen'",
            (draft.id,),
        )
        .fetchall()
    )
    assert audit == [("new evidence",)]


def test_hidden_answers_are_kept_flagged_and_left_out_of_the_snapshot(
    service: AssessmentService, draft: Assessment, policy_pdf: Path
) -> None:
    _complete(service, draft, policy_pdf)
    service.set_answer(draft.id, "A1.1", 1)  # hides A1.2 (relevant when A1.1 >= 2)
    evaluation = service.evaluate(draft.id)
    assert "A1.2" in evaluation.hidden_answers
    assert service.answers(draft.id)["A1.2"].value == "2024-03-01"
    service.finalize(draft.id, Declaration("A", "Président", date(2026, 11, 22)))
    snapshot = service.revisions(draft.id)[0].snapshot
    assert "A1.2" not in snapshot["answers"]
    assert "A1.1" in snapshot["answers"]
