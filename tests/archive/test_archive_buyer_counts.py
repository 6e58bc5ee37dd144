"""An archive for a buyer keeps, in each finalized snapshot, the register's counts as signed
instead of its cases: the buyer's gap report and `remediation list` of that revision give the
counts the pack gives, never recounted on another day (tests/cli/test_remediation_red_line_cli
runs the buyer's `gaps`). Counts no register could have are refused naming the field."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.archive.builders import count, members_of, with_json
from tests.remediation.test_service import complete

from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import InvalidInput
from selfassess.core.remediation.register import snapshot_counts
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.assessments import dumps
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store

DECLARED = date(2026, 9, 15)
Data = dict[str, Any]


def finalized_for_buyer(service: AssessmentService, draft: Assessment, folder: Path) -> Path:
    """Declared on 15 September 2026 with two cases: CL-002's 3-month follow-up, due on
    1 October, was not yet late then (it is lost to follow-up on any day after 31 October)."""
    register = RemediationService(service.store)
    register.add_case(
        draft.id, age_band="12_14", sex="female", work=["digging"], identified="2026-05-01",
        partner="BICE", support=["school_fees"], today=DECLARED,
    )  # fmt: skip
    register.record_follow_up(
        draft.id, "CL-001", 3, on="2026-08-03", situation="in_school_or_training",
        today=DECLARED,
    )  # fmt: skip
    register.add_case(
        draft.id, age_band="under_12", sex="male", work=["carrying"], identified="2026-07-01",
        today=DECLARED,
    )  # fmt: skip
    complete(service, draft, folder)
    PlanService(service).finalize(draft.id, Declaration("Amani", "Président", DECLARED))
    return export_archive(service.store, draft.id, folder / "buyer.zip", for_buyer=True)


@pytest.fixture
def archive(service: AssessmentService, draft: Assessment, tmp_path: Path) -> Path:
    return finalized_for_buyer(service, draft, tmp_path)


SIGNED = {
    "identified": 2,
    "referred": 1,
    "supported": 1,
    "in_school_at_last_follow_up": 1,
    "lost_to_follow_up": 0,
    "worst_form_in_last_12_months": 2,
}


def test_the_buyer_s_copy_gives_the_counts_as_signed(
    service: AssessmentService, draft: Assessment, archive: Path, tmp_path: Path
) -> None:
    (revision,) = json.loads(members_of(archive)["assessment.json"])["revisions"]
    assert "remediation" not in revision["snapshot"]
    assert revision["snapshot"]["remediation_counts"] == SIGNED
    with Store.open(tmp_path / "buyer") as store:
        import_archive(store, archive)
        there = RemediationService(store).register(draft.id, today=date(2027, 3, 1))
        assert (there.cases, there.signed, there.counted_on) == ([], True, DECLARED)
        assert there.counts.as_stored() == SIGNED  # not recounted on 1 March 2027
        (copy,) = AssessmentService(store).revisions(draft.id)
        assert snapshot_counts(copy.snapshot, date(2027, 3, 1)) == there.counts
        again = export_archive(store, draft.id, tmp_path / "again.zip", for_buyer=True)
    (kept,) = json.loads(members_of(again)["assessment.json"])["revisions"]
    assert kept["snapshot"] == revision["snapshot"]
    here = RemediationService(service.store).register(draft.id, today=date(2027, 3, 1))
    assert here.counts == there.counts  # the supplier's own list says the same


def _resealed(mutate: Callable[[Data], None]) -> Callable[[Data], None]:
    """The snapshot changed and its SHA-256 made again, so that only the counts' check can
    refuse it."""

    def spoil(data: Data) -> None:
        revision = data["revisions"][0]
        mutate(revision["snapshot"])
        body = dumps(revision["snapshot"]) or ""
        revision["snapshot_sha256"] = hashlib.sha256(body.encode()).hexdigest()

    return spoil


def _counts(**fields: object) -> Callable[[Data], None]:
    return _resealed(lambda snapshot: snapshot["remediation_counts"].update(fields))


def _with_the_cases_too(service: AssessmentService, draft: Assessment) -> Callable[[Data], None]:
    cases = [case.as_json() for case in RemediationService(service.store).cases(draft.id)]
    return _resealed(lambda snapshot: snapshot.update(remediation=cases))


NONE_IDENTIFIED = dict.fromkeys(SIGNED, 0)


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        ("more_referred", "referred counts 3 children, more than the 2 identified"),
        ("none_identified", "the children identified are counted from 1 to"),
        ("cases_too", "a snapshot carries the register's cases or its counts, not both"),
    ],
)
def test_counts_no_register_could_have_are_refused(
    service: AssessmentService,
    draft: Assessment,
    archive: Path,
    tmp_path: Path,
    spoil: str,
    said: str,
) -> None:
    mutate = {
        "more_referred": _counts(referred=3),
        "none_identified": _counts(**NONE_IDENTIFIED),
        "cases_too": _with_the_cases_too(service, draft),
    }[spoil]
    spoilt = with_json(archive, tmp_path / "spoilt.zip", "assessment.json", mutate)
    with Store.open(tmp_path / "buyer") as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, spoilt)
        message = str(refused.value)
        assert "assessment.json, revisions[0].snapshot.remediation_counts: " in message
        assert said in message
        assert count(store, "assessments") == 0
