"""The verdict an assessor would sign, on realistic suppliers (self-assessment 2.0.0): each case
gives the readiness, the red lines and the first gap an assessor expects, and names the clause of
the standard behind the expectation (docs/gaps.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from tests.gaps.realistic import judgement

from selfassess.core.answers.validation import AnswerView
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.gaps.actions import proposals
from selfassess.core.gaps.results import GapReport
from selfassess.core.paths import builtin_forms_dir


@dataclass(frozen=True)
class Case:
    """A supplier, what it answered, and what an assessor expects, with the clause behind it."""

    profile: dict[str, Any]
    answers: dict[str, Any]
    readiness: str
    red_lines: dict[str, str]  # red line id: status, for those the case is about
    first_gap: tuple[str, str] | None  # (criterion, severity) listed first, red lines first
    actions: tuple[str, ...] = ()  # suggested actions the plan must propose
    why: str = ""
    missing_evidence: tuple[str, ...] = ()
    statuses: dict[str, str] = field(default_factory=dict)


COBALT_ASM = {"entity_type": "asm", "minerals": ["cobalt", "copper"], "province": "Lualaba"}
TIN_ASM = {"entity_type": "asm", "minerals": ["tin", "tantalum"], "province": "Sud-Kivu"}
GOLD_ASM = {"entity_type": "asm", "minerals": ["gold"], "province": "Ituri"}
TRADER = {
    "entity_type": "trader",
    "minerals": ["tin", "tantalum", "tungsten"],
    "province": "Nord-Kivu",
    "source_countries": ["CD"],
}
COPPER_MINE = {
    "entity_type": "industrial_mine",
    "minerals": ["copper", "cobalt"],
    "province": "Haut-Katanga",
    "workforce_size": 3500,
    "mechanisation": "mechanised",
}
PROCESSOR = {
    "entity_type": "processor",
    "minerals": ["tin"],
    "country": "RW",
    "province": "Kigali",
    "mechanisation": "mechanised",
    "source_countries": ["CD", "RW"],
}

CASES: dict[str, Case] = {
    "artisanal cobalt cooperative with children on site": Case(
        COBALT_ASM,
        {"B1.1": True},
        "red_line_breached",
        {"child-labour": "breached"},
        ("B1", "critical"),
        actions=("B1.identify-refer", "B1.support", "B1.follow-up"),
        why="ILO C138 and C182; OECD Annex II (serious abuses): remediation with a partner, "
        "never removal alone (ILO C182, Article 7)",
    ),
    "clean but weak artisanal tin cooperative": Case(
        TIN_ASM,
        {
            **dict.fromkeys(("A1.1", "A2.2", "A6.1", "A7.1", "A8.2", "A9.1", "B1.3"), 1),
            **dict.fromkeys(("B3.1", "C1.1", "C2.1", "C3.2", "C5.1", "E1.1", "E2.1"), 1),
            **dict.fromkeys(("D1.1", "D5.1", "D5.2", "E6.1", "E6.2", "F1.1", "F1.4"), 1),
        },
        "progressing",
        {"child-labour": "not_breached", "forced-labour": "not_breached"},
        ("A1", "minor"),
        why="RMI Risk Readiness Assessment: an independent assessment once at least half the "
        "criteria are met and no major gap remains; partly met criteria need a plan",
    ),
    "trader who does not know whether its sources use children": Case(
        TRADER,
        {"A12.1": "unknown"},
        "red_line_not_verified",
        {"child-labour": "not_verified"},
        ("A12", "critical"),
        why="OECD Guidance, Step 2: a red flag on the sources is assessed, never assumed away; "
        "not knowing one's sources fails the red-line criterion",
    ),
    "industrial copper mine with two deaths in the year": Case(
        COPPER_MINE,
        {"C1.3": 2},
        "progressing",
        {"child-labour": "not_breached"},
        ("C1", "major"),
        actions=("C1.investigate-deaths",),
        why="ILO C176, Articles 5 and 10: each death investigated and its causes removed",
        statuses={"C1": "does_not_meet"},
    ),
    "processor that paid bribes to move minerals": Case(
        PROCESSOR,
        {"A4.1": True},
        "not_ready",
        {"serious-abuses": "not_breached"},
        ("A4", "major"),
        actions=(
            "A4.stop-bribes",
            "A4.bribes.continue",
            "A4.bribes.suspend",
            "A4.bribes.disengage",
        ),
        why="OECD Annex II (bribery and fraudulent misrepresentation of origin); Step 3's three "
        "responses: continue while mitigating, suspend, disengage",
    ),
    "gold cooperative paying an armed group at a barrier": Case(
        GOLD_ASM,
        {"D2.3": True},
        "red_line_breached",
        {"armed-groups": "breached"},
        ("D2", "critical"),
        actions=("D2.stop-payments",),
        why="OECD Annex II (direct or indirect support to non-state armed groups): suspend or "
        "disengage at once",
    ),
    "the issue's cooperative: bribes, deaths, earned pay lost, displaced unpaid": Case(
        TIN_ASM,
        {"A4.1": True, "C1.3": 5, "B2.3": False, "D4.2": True, "D4.3": 0},
        "red_line_breached",
        {"forced-labour": "breached"},
        ("B2", "critical"),
        actions=("B2.pay-earned", "C1.investigate-deaths", "D4.compensate"),
        why="ILO C29 indicators of forced labour (withheld wages); OECD Annex II",
        statuses={"A4": "does_not_meet", "C1": "does_not_meet", "D4": "does_not_meet"},
    ),
    "soldiers taxing minerals at an artisanal site": Case(
        TIN_ASM,
        {"D3.4": True},
        "red_line_breached",
        {"security-forces": "breached"},
        ("D3", "critical"),
        why="OECD Annex II (public or private security forces): illegal control and taxation",
    ),
    "young workers on night shifts at the crushers": Case(
        COBALT_ASM,
        {"B6.1": 4, "B6.2": False},
        "red_line_breached",
        {"child-labour": "breached"},
        ("B6", "critical"),
        actions=("B6.remove-hazard",),
        why="ILO C182, Article 3(d): hazardous work by anyone under 18 is a worst form",
    ),
    "a well-run industrial copper mine": Case(
        {**COPPER_MINE, "certifications": ["copper_mark"]},
        {},
        "ready",
        dict.fromkeys(("child-labour", "forced-labour", "armed-groups"), "not_breached"),
        None,
        why="RMI Risk Readiness Assessment: every applicable criterion met",
    ),
    "a cooperative that does not know who keeps the workers' papers": Case(
        TIN_ASM,
        {"B2.2": "unknown"},
        "red_line_not_verified",
        {"forced-labour": "not_verified", "child-labour": "not_breached"},
        ("B2", "minor"),
        actions=("B2.return-papers",),
        why="ILO C29 indicators (withheld identity documents): a red line answered \"don't "
        'know" is not verified, and counts as no system in place',
    ),
    "a processor whose guards are not screened, with no other gap": Case(
        PROCESSOR,
        {"D3.5": 1},
        "ready",
        {"security-forces": "not_breached"},
        ("D3", "minor"),
        actions=("D3.screen-train",),
        why="Voluntary Principles; RMI Risk Readiness Assessment: a partly met criterion with a "
        "plan does not stop an independent assessment",
    ),
}


@pytest.fixture(scope="module")
def form() -> Form:
    loaded = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert loaded is not None
    assert (loaded.format, loaded.version) == (2, "2.0.0")
    return loaded


@pytest.mark.parametrize("name", CASES, ids=list(CASES))
def test_an_assessor_would_sign_the_verdict(form: Form, name: str) -> None:
    case = CASES[name]
    report, view = judgement(
        form, case.profile, case.answers, missing_evidence=case.missing_evidence
    )
    assert report.readiness is not None
    assert report.readiness.id == case.readiness, f"{name}: {case.why}"
    lines = {line.red_line_id: line.status.value for line in report.red_lines}
    assert {k: lines[k] for k in case.red_lines} == case.red_lines, case.why
    gaps = report.gaps()
    first = (gaps[0].criterion_id, gaps[0].severity.value) if gaps else None  # type: ignore[union-attr]
    assert first == case.first_gap, f"{name}: {[(g.criterion_id, g.severity) for g in gaps]}"
    statuses = {r.criterion_id: r.status.value for r in report.criteria}
    assert {k: statuses[k] for k in case.statuses} == case.statuses
    assert set(case.actions) <= _proposed(form, view, report), case.why


def _proposed(form: Form, view: AnswerView, report: GapReport) -> set[str]:
    proposed: set[str] = set()
    for criterion in form.criteria():
        result = report.result(criterion.id)
        if result is not None:
            proposed |= {p.key for p in proposals(view, criterion, result)}
    return proposed


def test_every_case_names_the_standard_behind_it() -> None:
    assert len(CASES) >= 8
    for name, case in CASES.items():
        assert any(source in case.why for source in ("ILO", "OECD", "RMI")), name
