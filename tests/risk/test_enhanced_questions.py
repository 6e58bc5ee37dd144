"""Enhanced due diligence with the questionnaire: the triggers (a listed province, a neighbour
country, an unlisted country with an Annex II red-flag answer, an unlisted and clean supplier),
the enhanced questions they add (section G), their red lines, and the outcome a gap report gives
(docs/risk.md)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.gaps.realistic import judgement, view_of

from selfassess.core.answers.validation import enhanced, evaluate_view
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import Status
from selfassess.core.paths import builtin_forms_dir


@pytest.fixture(scope="module")
def full() -> Form:
    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    return form


UNLISTED_MINE = {
    "entity_type": "industrial_mine",
    "minerals": ["copper"],
    "country": "CL",
    "province": "Antofagasta",
    "workforce_size": 900,
    "mechanisation": "mechanised",
}

TRIGGERS: dict[str, tuple[dict[str, Any], dict[str, Any], bool, str | None]] = {
    # case: (profile, answers, required, a reason names)
    "a listed province": (
        {"entity_type": "asm", "country": "CD", "province": "Sud-Kivu"},
        {},
        True,
        "South Kivu (CD-SK)",
    ),
    "a neighbour country": (
        {
            "entity_type": "processor",
            "country": "RW",
            "province": "Kigali",
            "mechanisation": "mechanised",
        },
        {},
        True,
        "(RW)",
    ),
    "a trader buying from a listed country": (
        {
            "entity_type": "trader",
            "country": "AE",
            "province": None,
            "source_countries": ["CD"],
        },
        {},
        True,
        "minerals bought from",
    ),
    "an unlisted country, with a red-flag answer": (
        UNLISTED_MINE,
        {"B1.1": True},
        True,
        "an answer is a red flag of the OECD guidance (Annex II): ",
    ),
    "an unlisted country, clean": (UNLISTED_MINE, {}, False, None),
}


@pytest.mark.parametrize("case", TRIGGERS)
def test_what_triggers_enhanced_due_diligence(full: Form, case: str) -> None:
    profile, answers, required, reason = TRIGGERS[case]
    report, _view = judgement(full, profile, answers, with_risk_data=True)
    edd = report.edd
    assert edd is not None
    assert edd.required is required
    assert edd.by_area is (required and not answers)
    if reason is None:
        assert edd.reasons == ()
    else:
        assert any(reason in text for text in edd.reasons), edd.reasons
    assert edd.data_version is not None
    assert edd.data_as_of is not None
    enhanced_ids = {c.id for c in full.criteria() if enhanced(c)}
    judged = {r.criterion_id: r.status for r in report.criteria if r.criterion_id in enhanced_ids}
    if required:
        assert Status.NOT_APPLICABLE not in {judged["G1"], judged["G2"], judged["G5"]}
        assert edd.completed  # a careful supplier answered every enhanced question
    else:
        assert set(judged.values()) <= {Status.NOT_APPLICABLE}
        assert not edd.completed


def test_the_enhanced_questions_still_open_leave_it_incomplete(full: Form) -> None:
    report, view = judgement(full, TRIGGERS["a listed province"][0], {}, with_risk_data=True)
    complete = {qid: a for qid, a in view.answers.items() if not qid.startswith("G1.")}
    partial = view_of(full, dict(view.profile), complete, dict(view.evidence), "en", view.risk)
    edd = analyse(partial, evaluate_view(partial)).edd
    assert edd is not None
    assert edd.required
    assert not edd.completed
    assert report.edd is not None
    assert report.edd.completed


@pytest.mark.parametrize(
    ("answers", "red_line", "why"),
    [
        ({"G1.2": True}, "armed-groups", "Annex II, paragraph 3: control of transport routes"),
        ({"G1.1": True}, "armed-groups", "Annex II, paragraph 3: control or tax of mine sites"),
        ({"G1.4": True}, "security-forces", "Annex II, paragraph 5: illegal taxing on routes"),
        ({"G3.6": True}, "armed-groups", "Annex II, paragraph 3: taxing intermediaries"),
    ],
)
def test_an_enhanced_answer_breaches_its_red_line(
    full: Form, answers: dict[str, Any], red_line: str, why: str
) -> None:
    report, _view = judgement(full, TRIGGERS["a listed province"][0], answers, with_risk_data=True)
    statuses = {line.red_line_id: line.status.value for line in report.red_lines}
    assert statuses[red_line] == "breached", why
    assert report.readiness is not None
    assert report.readiness.id == "red_line_breached"


def test_not_knowing_about_armed_groups_is_a_gap_not_a_breach(full: Form) -> None:
    report, _view = judgement(
        full, TRIGGERS["a listed province"][0], {"G1.2": "unknown"}, with_risk_data=True
    )
    statuses = {line.red_line_id: line.status.value for line in report.red_lines}
    assert statuses["armed-groups"] == "not_verified"
    (g1,) = [r for r in report.criteria if r.criterion_id == "G1"]
    assert g1.status is Status.DOES_NOT_MEET


def test_the_reasons_are_in_the_readers_language(full: Form) -> None:
    report, _view = judgement(
        full, TRIGGERS["a listed province"][0], {}, with_risk_data=True, language="fr"
    )
    assert report.edd is not None
    assert any("Sud-Kivu (CD-SK)" in text for text in report.edd.reasons), report.edd.reasons
