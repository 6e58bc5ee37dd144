"""The remediation register in archives: between the supplier's own computers it travels whole
(cases, follow-ups, their history, the finalized snapshot's register); an archive for a buyer
leaves every case detail out, keeping the counts as signed; an archive made before the register
imports with it empty; and a spoilt case is refused naming its field, by the service's own
rules."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.archive.builders import count, genuine_archive, members_of, with_json

from selfassess.cli.main import main
from selfassess.core.archive.archive import export_archive, import_archive
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput
from selfassess.core.remediation.service import RemediationService
from selfassess.core.store.assessments import dumps
from selfassess.core.store.records import Assessment
from selfassess.core.store.store import Store

TODAY = date(2026, 11, 22)
PARTNER, NOTE, VISIT_NOTE = "Comité local de Kalimbi", "trouvée au puits 3", "en 5e année"
Data = dict[str, Any]


def with_cases(service: AssessmentService, draft: Assessment, folder: Path) -> Path:
    """The genuine archive (finalized, reopened) of a draft whose register has two cases, one
    followed up before finalizing and one after."""
    register = RemediationService(service.store)
    register.add_case(
        draft.id,
        age_band="12_14",
        sex="female",
        work=["digging", "washing_sorting"],
        identified="2026-08-01",
        partner=PARTNER,
        support=["school_fees", "family_income_support"],
        note=NOTE,
        today=TODAY,
    )
    register.record_follow_up(
        draft.id, "CL-001", 3, on="2026-11-02", situation="in_school_or_training",
        note=VISIT_NOTE, today=TODAY,
    )  # fmt: skip
    register.add_case(
        draft.id,
        age_band="15_17",
        sex="not_said",
        work=["selling_food"],
        worst_form=False,
        identified="2026-10-01",
        today=TODAY,
    )
    return genuine_archive(service, draft, folder)


@pytest.fixture
def archive(service: AssessmentService, draft: Assessment, tmp_path: Path) -> Path:
    return with_cases(service, draft, tmp_path)


def test_between_the_suppliers_own_computers_the_register_travels_whole(
    service: AssessmentService, draft: Assessment, archive: Path, tmp_path: Path
) -> None:
    here = RemediationService(service.store)
    with Store.open(tmp_path / "laptop-2") as store:
        import_archive(store, archive)
        there = RemediationService(store)
        assert there.cases(draft.id) == here.cases(draft.id)
        copy = AssessmentService(store)
        (revision,) = copy.revisions(draft.id)
        assert revision == service.revisions(draft.id)[0]
        assert [case["number"] for case in revision.snapshot["remediation"]] == [1, 2]
        history = store.read().execute(
            "SELECT count(*) FROM audit_log WHERE action = 'remediation'"
        )
        assert history.fetchone()[0] == 3
        there.record_follow_up(
            draft.id, "CL-002", 3, on="2026-12-20", situation="unknown", today=date(2027, 1, 4)
        )  # and it is the register, to carry on with


def test_an_archive_for_a_buyer_leaves_every_case_detail_out(
    service: AssessmentService, draft: Assessment, archive: Path, tmp_path: Path
) -> None:
    target = tmp_path / "for-buyer.zip"
    home = str(service.store.home)
    assert (
        main(["archive", "export", draft.id, "-o", str(target), "--for-buyer", "--home", home]) == 0
    )
    members = members_of(target)
    everything = b"".join(members.values())
    for detail in (PARTNER, NOTE, VISIT_NOTE, "CL-001", "washing_sorting", "family_income"):
        assert detail.encode() not in everything, detail
    data = json.loads(members["assessment.json"])
    assert "remediation" not in data
    assert all(entry["action"] != "remediation" for entry in data["audit"])
    (revision,) = data["revisions"]
    assert "remediation" not in revision["snapshot"]
    assert revision["snapshot"]["remediation_counts"]["identified"] == 2  # the counts as signed
    digest = hashlib.sha256((dumps(revision["snapshot"]) or "").encode()).hexdigest()
    assert revision["snapshot_sha256"] == digest
    with Store.open(tmp_path / "buyer") as store:
        import_archive(store, target)
        assert RemediationService(store).cases(draft.id) == []
        assert AssessmentService(store).answers(draft.id) == service.answers(draft.id)
    full = json.loads(members_of(archive)["assessment.json"])
    assert len(full["remediation"]) == 2  # the supplier's own archive still has them


def test_an_archive_made_before_the_register_imports_with_it_empty(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    old = genuine_archive(service, draft, tmp_path)  # no case: written as before the register
    data = json.loads(members_of(old)["assessment.json"])
    assert "remediation" not in data
    assert "remediation" not in data["revisions"][0]["snapshot"]
    with Store.open(tmp_path / "laptop-2") as store:
        import_archive(store, old)
        assert RemediationService(store).cases(draft.id) == []


FOLLOW_UP = {
    "month": 3,
    "done_on": "2026-11-02",
    "situation": "in_school_or_training",
    "note": None,
    "recorded_at": "2026-11-02T10:00:00.000000Z",
}


def _case(index: int, **fields: object) -> Callable[[Data], None]:
    return lambda data: data["remediation"][index].update(fields)


def _follow_up(**fields: object) -> Callable[[Data], None]:
    return lambda data: data["remediation"][0]["follow_ups"][0].update(fields)


def _resealed(mutate: Callable[[Data], None]) -> Callable[[Data], None]:
    def spoil(data: Data) -> None:
        revision = data["revisions"][0]
        mutate(revision["snapshot"])
        body = dumps(revision["snapshot"]) or ""
        revision["snapshot_sha256"] = hashlib.sha256(body.encode()).hexdigest()

    return spoil


# case -> (mutation of assessment.json, the field named, what the reason says)
SPOILT: dict[str, tuple[Callable[[Data], None], str, str]] = {
    "unknown_age_band": (
        _case(0, age_band="8_10"),
        r"remediation\[0\]\.age_band",
        "'8_10' is not one of under_12, 12_14, 15_17",
    ),
    "number_twice": (_case(1, number=1), r"remediation\[1\]\.number", "appears twice"),
    "number_zero": (_case(0, number=0), r"remediation\[0\]\.number", "numbered from 1"),
    "no_work": (_case(0, work=[]), r"remediation\[0\]\.work", "at least one kind of work"),
    "unknown_support": (
        _case(0, support=["cash"]),
        r"remediation\[0\]\.support",
        "'cash' is not one of",
    ),
    "word_where_work_decides": (
        _case(0, worst_form_stated=False),
        r"remediation\[0\]\.worst_form_stated",
        "work at a mine site is hazardous",
    ),
    "no_word_where_needed": (
        _case(1, worst_form_stated=None),
        r"remediation\[1\]\.worst_form_stated",
        "say whether this work is a worst form",
    ),
    "garbage_day": (
        _case(0, identified_on="last week"),
        r"remediation\[0\]\.identified_on",
        "is not a date written YYYY-MM-DD",
    ),
    "note_on_two_lines": (
        _case(0, note="trouvée\nAmani"),
        r"remediation\[0\]\.note",
        "must be one line",
    ),
    "long_partner": (_case(0, partner="P" * 500), r"remediation\[0\]\.partner", "at most 120"),
    "a_name_field": (
        _case(0, name="Amani"),
        r"remediation\[0\]\.name",
        "this field is not one an archive has",
    ),
    "follow_up_at_4_months": (
        _follow_up(month=4),
        r"remediation\[0\]\.follow_ups\[0\]\.month",
        "3, 6 or 12 months, not 4",
    ),
    "follow_up_before_found": (
        _follow_up(done_on="2026-07-01"),
        r"remediation\[0\]\.follow_ups\[0\]\.done_on",
        "cannot be before the day the child was identified (2026-08-01)",
    ),
    "follow_up_after_today": (
        _follow_up(done_on="2099-01-01"),
        r"remediation\[0\]\.follow_ups\[0\]\.done_on",
        "the date cannot be after today",
    ),
    "found_after_today": (  # named at the day found, not at the follow-up after it
        _case(0, identified_on="2099-01-01"),
        r"remediation\[0\]\.identified_on",
        "the date cannot be after today",
    ),
    "a_12_month_follow_up_a_month_after": (
        _follow_up(month=12, done_on="2026-09-01"),
        r"remediation\[0\]\.follow_ups\[0\]\.done_on",
        "the follow-up at 12 months is due on 2027-08-01: it can be dated from 2027-06-17 "
        "(45 days before), not 2026-09-01",
    ),
    "follow_ups_out_of_order": (
        _case(
            0,
            identified_on="2026-01-01",
            follow_ups=[
                {**FOLLOW_UP, "month": 3, "done_on": "2026-09-01"},
                {**FOLLOW_UP, "month": 6, "done_on": "2026-08-01"},
            ],
        ),
        r"remediation\[0\]\.follow_ups\[0\]\.done_on",
        "the follow-up at 3 months cannot be after the one at 6 months (2026-08-01)",
    ),
    "partner_with_a_right_to_left_override": (
        _case(0, partner="Comité\u202e local"),
        r"remediation\[0\]\.partner",
        "holds an invisible formatting character (U+202E)",
    ),
    "note_with_a_line_separator": (
        _follow_up(note="en 5e\u2028année"),
        r"remediation\[0\]\.follow_ups\[0\]\.note",
        "must be one line",
    ),
    "follow_up_situation": (
        _follow_up(situation="fine"),
        r"remediation\[0\]\.follow_ups\[0\]\.situation",
        "'fine' is not one of",
    ),
    "follow_up_twice": (
        lambda d: d["remediation"][0]["follow_ups"].append(d["remediation"][0]["follow_ups"][0]),
        r"remediation\[0\]\.follow_ups\[1\]\.month",
        "appears twice",
    ),
    "snapshot_resealed_with_a_bad_case": (
        _resealed(lambda s: s["remediation"][0].update(sex="girl")),
        r"revisions\[0\]\.snapshot\.remediation\[0\]\.sex",
        "'girl' is not one of",
    ),
}


@pytest.mark.parametrize("case", sorted(SPOILT))
def test_a_spoilt_case_is_refused_naming_the_field(
    archive: Path, tmp_path: Path, case: str
) -> None:
    mutate, field, reason = SPOILT[case]
    spoilt = with_json(archive, tmp_path / f"{case}.zip", "assessment.json", mutate)
    with Store.open(tmp_path / "laptop-2") as store:
        with pytest.raises(InvalidInput) as refused:
            import_archive(store, spoilt)
        message = str(refused.value)
        assert re.search(rf": assessment\.json, {field}: ", message), message
        assert reason in message
        assert count(store, "assessments") == 0
        assert count(store, "remediation_cases") == 0


def test_the_export_function_takes_the_buyers_choice_too(
    service: AssessmentService, draft: Assessment, archive: Path, tmp_path: Path
) -> None:
    target = export_archive(service.store, draft.id, tmp_path / "b.zip", for_buyer=True)
    assert b"CL-001" not in b"".join(members_of(target).values())
