"""The register as the app and the command line use it: cases numbered CL-001 on, every field
checked (all refusals at once, each naming its field), every change audited with the old and
new values, read-only once finalized, kept in the finalized snapshot, through the trash and in
an upgrade."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.store.damage import checkpoint, leaf_pages, smash_page
from tests.store.test_doctor import a_days_work

from selfassess.core.assessment import trash
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.assessment.upgrade import upgrade
from selfassess.core.errors import NotFound, Refused, StoreError
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.remediation.checks import CaseRefused
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.doctor import doctor
from selfassess.core.store.records import Assessment, Profile
from selfassess.core.store.store import Store

TODAY = date(2026, 11, 22)


def add(register: RemediationService, assessment_id: str, **given: Any) -> str:
    fields: dict[str, Any] = {
        "age_band": "12_14",
        "sex": "female",
        "work": ["digging", "carrying"],
        "identified": "2026-08-01",
        "partner": "Comité local de protection de l'enfant",
        "support": ["school_fees"],
        "today": TODAY,
    }
    case = register.add_case(assessment_id, **{**fields, **given})
    return f"CL-{case.number:03d}"


def audited(service: AssessmentService, assessment_id: str) -> list[tuple[Any, Any]]:
    rows = (
        service.store.read()
        .execute(
            "SELECT old_value, new_value FROM audit_log WHERE assessment_id = ? "
            "AND action = 'remediation' ORDER BY id",
            (assessment_id,),
        )
        .fetchall()
    )
    return [(json.loads(old) if old else None, json.loads(new)) for old, new in rows]


def complete(service: AssessmentService, draft: Assessment, tmp_path: Path) -> None:
    """The sample form's required answers, so that the draft can be finalized."""
    service.set_answer(draft.id, "A1.1", 1)
    service.set_answer(draft.id, "A2.1", "exploitation")
    service.set_answer(draft.id, "B1.1", True)
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4 policy")
    service.attach(draft.id, "A1.3", [evidence])


def test_cases_are_numbered_and_every_change_is_audited(
    service: AssessmentService, register: RemediationService, draft: Assessment
) -> None:
    assert add(register, draft.id) == "CL-001"
    second = add(
        register,
        draft.id,
        age_band="15_17",
        sex="male",
        work=["selling_food"],
        worst_form=False,
        partner=None,
        support=[],
    )
    assert second == "CL-002"
    register.update_case(
        draft.id, "CL-002", partner="BICE", support=["vocational_training"], note="vend du pain"
    )
    register.record_follow_up(
        draft.id, "cl-1", 3, on="2026-11-02", situation="back_at_a_site", today=TODAY
    )
    register.record_follow_up(
        draft.id,
        "1",
        3,
        on="2026-11-03",
        situation="in_school_or_training",
        note="5e année",
        today=TODAY,
    )
    entries = audited(service, draft.id)
    assert entries[0] == (
        None,
        {
            "case": "CL-001",
            "age_band": "12_14",
            "sex": "female",
            "work": ["digging", "carrying"],
            "worst_form_stated": None,
            "identified_on": "2026-08-01",
            "partner": "Comité local de protection de l'enfant",
            "support": ["school_fees"],
            "note": None,
        },
    )
    assert entries[2] == (
        {"case": "CL-002", "partner": None, "support": [], "note": None},
        {
            "case": "CL-002",
            "partner": "BICE",
            "support": ["vocational_training"],
            "note": "vend du pain",
        },
    )
    first_visit = {
        "case": "CL-001",
        "follow_up": 3,
        "date": "2026-11-02",
        "situation": "back_at_a_site",
        "note": None,
    }
    assert entries[3] == (None, first_visit)
    assert entries[4] == (
        first_visit,
        {
            **first_visit,
            "date": "2026-11-03",
            "situation": "in_school_or_training",
            "note": "5e année",
        },
    )
    (corrected,) = register.case(draft.id, "CL-001").follow_ups
    assert (corrected.done_on, corrected.situation) == ("2026-11-03", "in_school_or_training")
    counted = register.register(draft.id, TODAY).counts
    assert (counted.identified, counted.referred, counted.supported) == (2, 2, 2)
    assert counted.in_school_at_last_follow_up == 1


def test_a_change_to_nothing_new_is_not_audited(
    service: AssessmentService, register: RemediationService, draft: Assessment
) -> None:
    add(register, draft.id)
    register.update_case(draft.id, "CL-001", support=["school_fees"])
    assert len(audited(service, draft.id)) == 1


def test_every_field_wrong_is_named_at_once_and_nothing_is_stored(
    register: RemediationService, draft: Assessment
) -> None:
    with pytest.raises(CaseRefused) as refused:
        register.add_case(
            draft.id,
            age_band=None,
            sex="girl",
            work=[],
            identified="2026-02-30",
            partner="Amani\nBisimwa",
            note="x" * 201,
            today=TODAY,
        )
    said = {problem.field: str(problem) for problem in refused.value.problems()}
    assert said == {
        "age_band": "choose the age band",
        "sex": "'girl' is not one of female, male, not_said",
        "work": "choose at least one kind of work",
        "identified": "'2026-02-30' is not a date written YYYY-MM-DD",
        "partner": "the partner must be one line, without line breaks",
        "note": "the note is too long: 201 characters, at most 200",
    }
    assert register.cases(draft.id) == []


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"identified": "2026-11-23"}, "identified", "cannot be after today (2026-11-22)"),
        ({"identified": "1999-12-31"}, "identified", "cannot be before 2000-01-01"),
        ({"identified": None}, "identified", "give the day the child was identified"),
        ({"work": ["selling_food"]}, "worst_form", "say whether this work is a worst form"),
        ({"work": ["digging"], "worst_form": False}, "worst_form", "work at a mine site"),
        ({"work": ["digging", "digging"]}, "work", "'digging' is given twice"),
        ({"support": ["sweets"]}, "support", "'sweets' is not one of school_fees"),
        ({"partner": "P" * 121}, "partner", "at most 120"),
    ],
)
def test_a_case_is_refused_at_its_field(
    register: RemediationService,
    draft: Assessment,
    given: dict[str, Any],
    field: str,
    message: str,
) -> None:
    with pytest.raises(CaseRefused) as refused:
        add(register, draft.id, **given)
    assert refused.value.field == field
    assert message in str(refused.value)


def test_the_persons_word_decides_only_for_work_away_from_the_pits(
    register: RemediationService, draft: Assessment
) -> None:
    add(register, draft.id, work=["digging"], worst_form=True)  # said, and the work decides
    add(register, draft.id, work=["selling_food"], worst_form=True)
    cases = register.cases(draft.id)
    assert [c.worst_form_stated for c in cases] == [None, True]
    register.update_case(draft.id, "CL-002", worst_form=False)
    assert register.case(draft.id, "CL-002").worst_form_stated is False
    with pytest.raises(CaseRefused, match="work at a mine site is hazardous"):
        register.update_case(draft.id, "CL-001", worst_form=False)


def test_a_follow_up_is_refused_at_its_field(
    register: RemediationService, draft: Assessment
) -> None:
    add(register, draft.id)
    with pytest.raises(CaseRefused) as refused:
        register.record_follow_up(
            draft.id, "CL-001", 4, on="2026-07-31", situation=None, today=TODAY
        )
    said = {problem.field: str(problem) for problem in refused.value.problems()}
    assert said == {
        "month": "a follow-up is at 3, 6 or 12 months, not 4",
        "date": "a follow-up cannot be before the day the child was identified (2026-08-01)",
        "situation": "choose the child's situation",
    }
    with pytest.raises(NotFound, match="has no case CL-404"):
        register.record_follow_up(
            draft.id, "CL-404", 3, on="2026-11-01", situation="unknown", today=TODAY
        )
    assert register.case(draft.id, "CL-001").follow_ups == ()


def test_a_finalized_register_is_read_only_and_kept_in_its_revision(
    service: AssessmentService,
    register: RemediationService,
    draft: Assessment,
    tmp_path: Path,
) -> None:
    add(register, draft.id)
    complete(service, draft, tmp_path)
    PlanService(service).finalize(draft.id, Declaration("Amani", "Président", TODAY))
    for attempt in (
        lambda: add(register, draft.id),
        lambda: register.update_case(draft.id, "CL-001", partner="BICE"),
        lambda: register.record_follow_up(
            draft.id, "CL-001", 3, on="2026-11-02", situation="unknown", today=TODAY
        ),
    ):
        with pytest.raises(Refused, match="is finalized and read-only; reopen it"):
            attempt()
    (revision,) = service.revisions(draft.id)
    (kept,) = revision.snapshot["remediation"]
    assert (kept["number"], kept["partner"]) == (1, "Comité local de protection de l'enfant")
    service.reopen(draft.id, "a follow-up to record")
    register.update_case(draft.id, "CL-001", partner="BICE")
    assert service.revisions(draft.id)[0].snapshot == revision.snapshot  # as it was finalized


def test_a_snapshot_without_cases_has_no_register(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    complete(service, draft, tmp_path)
    service.finalize(draft.id, Declaration("Amani", "Président", TODAY))
    assert "remediation" not in service.revisions(draft.id)[0].snapshot


def test_a_read_only_window_changes_nothing(
    register: RemediationService, draft: Assessment, isolated_home: Path
) -> None:
    add(register, draft.id)
    with Store.open(isolated_home, read_only=True) as store:
        reading = RemediationService(store)
        assert [case.number for case in reading.cases(draft.id)] == [1]
        with pytest.raises(StoreError, match="read-only: nothing was changed"):
            add(reading, draft.id)


def test_the_register_goes_to_the_trash_with_its_assessment_and_is_deleted_with_it(
    service: AssessmentService, register: RemediationService, draft: Assessment
) -> None:
    add(register, draft.id)
    register.record_follow_up(
        draft.id, "CL-001", 3, on="2026-11-02", situation="unknown", today=TODAY
    )
    trash.delete(service, draft.id)
    with pytest.raises(NotFound):
        register.cases(draft.id)
    trash.restore(service, draft.id)
    assert len(register.case(draft.id, "CL-001").follow_ups) == 1
    trash.delete(service, draft.id)
    assert trash.empty_trash(service) == 1
    left = [
        service.store.read().execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("remediation_cases", "remediation_follow_ups")
    ]
    assert left == [0, 0]


def test_numbers_are_never_reused_across_assessments_or_mixed_up(
    service: AssessmentService, register: RemediationService, draft: Assessment
) -> None:
    other = service.create(service.form_of(draft), draft.profile)
    add(register, draft.id)
    assert add(register, other.id) == "CL-001"  # each assessment has its own register
    assert add(register, draft.id) == "CL-002"
    assert [c.number for c in register.cases(other.id)] == [1]


def test_an_upgrade_carries_the_register_whole(
    service: AssessmentService, register: RemediationService
) -> None:
    """The register is about children, not about the form: the upgraded draft has every case
    under its number, with its follow-ups."""
    old_form = load_form(Path(__file__).parents[1] / "data" / "self-assessment-1.0.0.yaml").form
    new_form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert old_form is not None
    assert new_form is not None
    old = service.create(old_form, Profile(organisation="Kipushi", entity_type="asm"))
    add(register, old.id)
    register.record_follow_up(
        old.id, "CL-001", 3, on="2026-11-02", situation="in_school_or_training", today=TODAY
    )
    result = upgrade(service, old.id, new_form)
    assert result.cases == 1
    assert register.cases(result.assessment.id) == register.cases(old.id)
    (carried,) = audited(service, result.assessment.id)
    assert carried == (None, {"carried_from": old.id, "cases": ["CL-001"]})


def test_doctor_keeps_the_register_of_a_damaged_store(
    service: AssessmentService,
    register: RemediationService,
    draft: Assessment,
    sample_form: Form,
) -> None:
    """A damaged page of the answers: `doctor` salvages every other table, the register too."""
    add(register, draft.id)
    register.record_follow_up(
        draft.id, "CL-001", 3, on="2026-11-02", situation="in_school_or_training", today=TODAY
    )
    add(register, draft.id, age_band="under_12", work=["crushing"], partner=None)
    before = register.cases(draft.id)
    a_days_work(service, sample_form)
    home = service.store.home
    service.store.close()
    database = home / "selfassess.db"
    checkpoint(database)
    smash_page(database, leaf_pages(database, "answers")[1])
    assert doctor(home).repaired
    with Store.open(home, backup=False) as store:
        assert RemediationService(store).cases(draft.id) == before
