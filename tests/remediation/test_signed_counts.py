"""A finalized register gives the counts it was signed with, as of its declaration's day, in the
app's tab and `remediation list` as in the pack and the gap report; and a declaration is dated
on a day the assessment could have been declared (core/assessment/declaration_day.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.remediation.test_service import complete

from selfassess.cli.main import main
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput
from selfassess.core.remediation.register import counts
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.records import Assessment

DECLARED = date(2026, 9, 15)
LATER = date(2026, 11, 22)


def one_child(register: RemediationService, draft: Assessment, found: str = "2026-07-01") -> None:
    """A child found on 1 July: the 3-month follow-up, due on 1 October, is not late on
    15 September, and lost to follow-up (52 days late) on 22 November."""
    register.add_case(
        draft.id, age_band="under_12", sex="male", work=["carrying"], identified=found,
        partner="BICE", support=["school_fees"], today=DECLARED,
    )  # fmt: skip


def declare(service: AssessmentService, draft: Assessment, on: date) -> None:
    PlanService(service).finalize(draft.id, Declaration("Amani", "Président", on), today=LATER)


def test_a_finalized_register_gives_the_counts_it_was_signed_with(
    service: AssessmentService, register: RemediationService, draft: Assessment, tmp_path: Path
) -> None:
    one_child(register, draft)
    complete(service, draft, tmp_path)
    declare(service, draft, DECLARED)
    shown = register.register(draft.id, LATER)
    assert (shown.signed, shown.counted_on, shown.today) == (True, DECLARED, LATER)
    assert shown.counts.lost_to_follow_up == 0
    assert counts(shown.cases, LATER).lost_to_follow_up == 1  # what today would have said
    assert [(case.number, item.month) for case, item in shown.due] == [(1, 3)]  # due today
    service.reopen(draft.id, "a follow-up to record")
    again = register.register(draft.id, LATER)
    assert (again.signed, again.counted_on, again.counts.lost_to_follow_up) == (False, LATER, 1)


def test_list_says_the_counts_are_those_signed(
    capsys: pytest.CaptureFixture[str],
    service: AssessmentService,
    register: RemediationService,
    draft: Assessment,
    tmp_path: Path,
) -> None:
    one_child(register, draft)
    complete(service, draft, tmp_path)
    declare(service, draft, DECLARED)
    assert main(["remediation", draft.id, "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "As of 2026-09-15, the day of the declaration: the counts the assessment was signed with."
    )
    assert lines[1].endswith(" · Lost to follow-up: 0")
    assert main(["remediation", draft.id, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed["as_of"], listed["signed"]) == ("2026-09-15", True)
    assert listed["counts"]["lost_to_follow_up"] == 0


@pytest.mark.parametrize(
    ("on", "said"),
    [
        (date(2026, 1, 4), "before the assessment was created (2026-01-05)"),
        (date(2026, 6, 30), "before the last child in the remediation register was identified"),
        (date(2026, 11, 23), "cannot be dated after today (2026-11-22)"),
    ],
)
def test_a_declaration_day_is_one_it_could_have_been_declared(
    service: AssessmentService,
    register: RemediationService,
    draft: Assessment,
    tmp_path: Path,
    on: date,
    said: str,
) -> None:
    one_child(register, draft)
    complete(service, draft, tmp_path)
    with pytest.raises(InvalidInput, match=said.replace("(", r"\(").replace(")", r"\)")):
        declare(service, draft, on)
    assert not service.get(draft.id).finalized
    assert service.revisions(draft.id) == []
    declare(service, draft, date(2026, 7, 1))  # the day the child was found will do


def test_a_revision_is_not_declared_before_the_one_before_it(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    complete(service, draft, tmp_path)
    declare(service, draft, DECLARED)
    service.reopen(draft.id, "a new photo")
    with pytest.raises(InvalidInput, match=r"previous revision's declaration \(2026-09-15\)"):
        declare(service, draft, date(2026, 9, 14))
    declare(service, draft, DECLARED)
    assert [r.declaration["date"] for r in service.revisions(draft.id)] == ["2026-09-15"] * 2
