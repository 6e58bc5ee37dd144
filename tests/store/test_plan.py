"""The improvement plan: suggested actions with deadlines, edits with audit, gaps that close,
carry-over to a follow-up, and comparison with the baseline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput, NotFound, Refused
from selfassess.core.forms.model import Form
from selfassess.core.gaps.compare import Change
from selfassess.core.gaps.results import Status
from selfassess.core.store.records import Assessment, Profile
from selfassess.core.store.store import Store

TODAY = date(2026, 11, 22)


@pytest.fixture
def plans(service: AssessmentService) -> PlanService:
    return PlanService(service)


def sync(plans: PlanService, assessment_id: str) -> bool:
    report = plans.report(assessment_id, TODAY)
    return plans.sync_plan(assessment_id, report, TODAY).plan


def audit_plan(service: AssessmentService, assessment_id: str) -> list[tuple[object, ...]]:
    return (
        service.store.read()
        .execute(
            "SELECT old_value, new_value, reason FROM audit_log WHERE assessment_id = ? "
            "AND action = 'plan' ORDER BY id",
            (assessment_id,),
        )
        .fetchall()
    )


def test_gaps_get_the_forms_actions_in_the_assessments_language_with_deadlines(
    plans: PlanService, service: AssessmentService, draft: Assessment
) -> None:
    for question, value in {"A1.1": 1, "A1.4": "none", "B1.1": "yes", "B1.2": 16}.items():
        service.set_answer(draft.id, question, value)
    assert sync(plans, draft.id)
    actions = {(a.criterion_id, a.suggestion): a for a in plans.actions(draft.id)}
    critical = actions[("B1", "critical:0")]  # a red flag on a red line: due in 7 days (form)
    assert (critical.text, critical.due) == ("Retirez les enfants du site.", "2026-11-29")
    minor = actions[("A1", "minor:1")]  # partly met: the action's own 120 days
    assert (minor.text, minor.due, minor.status) == ("Partagez la politique.", "2027-03-22", "open")
    assert not sync(plans, draft.id)  # nothing more to add
    assert len(plans.actions(draft.id)) == 2


def test_a_closed_gap_marks_its_actions_and_an_open_one_clears_the_mark(
    plans: PlanService, service: AssessmentService, draft: Assessment
) -> None:
    service.set_answer(draft.id, "B1.1", True)
    service.set_answer(draft.id, "B1.2", 16)
    sync(plans, draft.id)
    (action,) = plans.actions(draft.id)
    service.set_answer(draft.id, "B1.1", False)  # B1 now meets: the gap closed
    assert sync(plans, draft.id)
    (closed,) = plans.actions(draft.id)
    assert closed.id == action.id
    assert closed.gap_closed_at is not None
    assert closed.status == "open"
    service.set_answer(draft.id, "B1.1", True)
    sync(plans, draft.id)
    assert plans.actions(draft.id)[0].gap_closed_at is None
    reasons = [row[2] for row in audit_plan(service, draft.id)]
    assert reasons == [None, "a later answer closed the gap", "the gap opened again"]


def test_actions_added_and_edited_by_hand_are_audited(
    plans: PlanService, service: AssessmentService, draft: Assessment
) -> None:
    action = plans.add_action(draft.id, "A2", "Renew the permit", owner="Amani", due="2027-02-01")
    updated = plans.update_action(draft.id, action.id, status="in_progress", note="file sent")
    assert (updated.status, updated.note, updated.owner) == ("in_progress", "file sent", "Amani")
    assert audit_plan(service, draft.id)[-1][:2] == (
        f'{{"action":{action.id},"note":null,"status":"open"}}',
        f'{{"action":{action.id},"note":"file sent","status":"in_progress"}}',
    )


@pytest.mark.parametrize(
    ("change", "message", "error"),
    [
        ({"status": "finished"}, "status must be one of open, in_progress, done", InvalidInput),
        ({"due": "next week"}, "a due date is written YYYY-MM-DD, not 'next week'", InvalidInput),
        ({}, "nothing to change", InvalidInput),
    ],
)
def test_bad_edits_are_refused(
    plans: PlanService, draft: Assessment, change: dict[str, str], message: str, error: type
) -> None:
    action = plans.add_action(draft.id, "A2", "Renew the permit")
    with pytest.raises(error, match=message):
        plans.update_action(draft.id, action.id, **change)


def test_unknown_criterion_and_action(plans: PlanService, draft: Assessment) -> None:
    with pytest.raises(NotFound, match="has no criterion 'Z9'"):
        plans.add_action(draft.id, "Z9", "x")
    with pytest.raises(NotFound, match="has no action 99"):
        plans.update_action(draft.id, 99, status="done")


def finish(service: AssessmentService, assessment_id: str, policy: Path) -> None:
    answers = {"A1.1": 3, "A1.2": "2024-03-01", "A2.1": "artisanal_card", "B1.1": False}
    for question, value in answers.items():
        service.set_answer(assessment_id, question, value)
    service.attach(assessment_id, "A1.3", [policy])


def test_a_finalized_plan_is_read_only_and_kept_in_the_revision(
    plans: PlanService, service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.pdf"
    policy.write_bytes(b"%PDF-1.4")
    finish(service, draft.id, policy)
    service.set_answer(draft.id, "A1.1", 1)  # partly met: its minor action joins the plan
    sync(plans, draft.id)
    service.finalize(draft.id, Declaration("Amani", "Président", TODAY))
    with pytest.raises(Refused, match="reopen it to change its plan"):
        plans.add_action(draft.id, "A2", "x")
    assert not sync(plans, draft.id)
    snapshot = service.revisions(draft.id)[0].snapshot
    assert [(a["criterion_id"], a["text"]) for a in snapshot["plan"]] == [
        ("A1", "Partagez la politique.")
    ]


def test_follow_up_carries_actions_and_comparison_shows_progress(
    plans: PlanService,
    service: AssessmentService,
    draft: Assessment,
    sample_form: Form,
    tmp_path: Path,
) -> None:
    policy = tmp_path / "policy.pdf"
    policy.write_bytes(b"%PDF-1.4")
    finish(service, draft.id, policy)
    service.set_answer(draft.id, "A1.1", 1)  # A1 partly met in the baseline
    sync(plans, draft.id)
    plans.add_action(draft.id, "A2", "Apply for an exploitation permit")
    service.finalize(draft.id, Declaration("Amani", "Président", TODAY))
    baseline_actions = plans.actions(draft.id)
    follow = service.create(sample_form, draft.profile, language="fr", baseline_id=draft.id)
    carried = plans.actions(follow.id)
    assert [(a.criterion_id, a.text, a.carried_from) for a in carried] == [
        (a.criterion_id, a.text, a.id) for a in baseline_actions
    ]
    finish(service, follow.id, policy)  # A1 now fully met
    a2 = next(a for a in carried if a.criterion_id == "A2")
    plans.update_action(follow.id, a2.id, status="done")
    comparison, closed = plans.compare(draft.id, follow.id)
    changes = {c.criterion_id: (c.before, c.after, c.change) for c in comparison.changes}
    assert changes["A1"] == (Status.PARTIALLY_MEETS, Status.MEETS, Change.IMPROVED)
    assert changes["B1"][2] is Change.UNCHANGED
    assert {a.criterion_id for a in closed} == {"A1", "A2"}
    assert comparison.only_in_baseline == comparison.only_in_followup == []


def test_archives_carry_the_plan(
    plans: PlanService, service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    plans.add_action(draft.id, "A2", "Renew the permit", owner="Amani")
    archive = export_archive(service.store, draft.id, tmp_path / "a.zip")
    with Store.open(tmp_path / "other") as store:
        import_archive(store, archive)
        (action,) = PlanService(AssessmentService(store)).actions(draft.id)
    assert (action.criterion_id, action.text, action.owner) == ("A2", "Renew the permit", "Amani")


def test_comparison_across_form_versions_names_criteria_in_only_one(
    plans: PlanService, service: AssessmentService, sample_form: Form
) -> None:
    profile = Profile(organisation="X", entity_type="asm", minerals=("gold",))
    old = service.create(sample_form, profile)
    sections = list(sample_form.sections)
    renamed = sections[1].model_copy(
        update={"criteria": [sections[1].criteria[0].model_copy(update={"id": "B9"})]}
    )
    newer = sample_form.model_copy(update={"version": "2.0", "sections": [sections[0], renamed]})
    new = service.create(newer, profile)
    comparison, _ = plans.compare(old.id, new.id)
    assert comparison.only_in_baseline == ["B1"]
    assert comparison.only_in_followup == ["B9"]
