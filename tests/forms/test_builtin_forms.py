"""The questionnaires we ship: clean in three languages, complete, consistent with each other,
and their question ids pinned, so that renaming one is a deliberate change with a version bump."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from selfassess.core.answers.validation import enhanced
from selfassess.core.expr import MappingContext, evaluate
from selfassess.core.expr.evaluator import is_true
from selfassess.core.forms.catalog import form_files
from selfassess.core.forms.document import questionnaire_markdown
from selfassess.core.forms.expressions import compiled
from selfassess.core.forms.glossary import terms_in
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Criterion, Form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.profile import EntityType, Mineral

ROOT = Path(__file__).parents[2]
BUILT_IN = form_files(builtin_forms_dir())

PINNED_QUESTION_IDS = {
    ("quick-scan", "0.3.0"): [
        "A1.1",
        "A1.2",
        "A3.1",
        "A4.1",
        "A6.1",
        "A9.1",
        "A12.1",
        "A12.3",
        "B1.1",
        "B1.2",
        "B1.3",
        "B2.1",
        "B2.2",
        "B3.1",
        "B6.1",
        "B6.2",
        "C1.1",
        "C2.1",
        "C4.1",
        "C4.2",
        "D1.1",
        "D2.1",
        "D2.2",
        "D3.1",
        "D3.4",
        "E1.1",
        "E2.1",
        "E3.1",
        "F1.1",
    ],
    ("self-assessment", "1.0.0"): [
        "A1.1",
        "A1.2",
        "A1.3",
        "A1.4",
        "A2.1",
        "A2.2",
        "A2.3",
        "A3.1",
        "A3.2",
        "A3.3",
        "A3.4",
        "A4.1",
        "A4.2",
        "A4.3",
        "A5.1",
        "A5.2",
        "A5.3",
        "A6.1",
        "A6.2",
        "A6.3",
        "A6.4",
        "A7.1",
        "A7.2",
        "A7.3",
        "A8.1",
        "A8.2",
        "A8.3",
        "A9.1",
        "A9.2",
        "A9.3",
        "A10.1",
        "A10.2",
        "A10.3",
        "B1.1",
        "B1.2",
        "B1.3",
        "B1.4",
        "B2.1",
        "B2.2",
        "B2.3",
        "B2.4",
        "B3.1",
        "B3.2",
        "B3.3",
        "B3.4",
        "B4.1",
        "B4.2",
        "B4.3",
        "B5.1",
        "B5.2",
        "B5.3",
        "B6.1",
        "B6.2",
        "B6.3",
        "C1.1",
        "C1.2",
        "C1.3",
        "C1.4",
        "C2.1",
        "C2.2",
        "C2.3",
        "C3.1",
        "C3.2",
        "C3.3",
        "C4.1",
        "C4.2",
        "C4.3",
        "C5.1",
        "C5.2",
        "C5.3",
        "C6.1",
        "C6.2",
        "C6.3",
        "D1.1",
        "D1.2",
        "D1.3",
        "D2.1",
        "D2.2",
        "D2.3",
        "D2.4",
        "D3.1",
        "D3.2",
        "D3.3",
        "D4.1",
        "D4.2",
        "D4.3",
        "D5.1",
        "D5.2",
        "D5.3",
        "D6.1",
        "D6.2",
        "D6.3",
        "E1.1",
        "E1.2",
        "E1.3",
        "E2.1",
        "E2.2",
        "E2.3",
        "E3.1",
        "E3.2",
        "E3.3",
        "E4.1",
        "E4.2",
        "E4.3",
        "E5.1",
        "E5.2",
        "E5.3",
        "E6.1",
        "E6.2",
        "E6.3",
        "F1.1",
        "F1.2",
        "F1.3",
        "F1.4",
    ],
    ("self-assessment", "2.0.0"): [
        "A1.1",
        "A1.2",
        "A1.3",
        "A1.4",
        "A2.1",
        "A2.2",
        "A2.3",
        "A3.1",
        "A3.2",
        "A3.3",
        "A3.4",
        "A4.1",
        "A4.2",
        "A4.3",
        "A5.1",
        "A5.2",
        "A5.3",
        "A6.1",
        "A6.2",
        "A6.3",
        "A6.4",
        "A7.1",
        "A7.2",
        "A7.3",
        "A8.1",
        "A8.2",
        "A8.3",
        "A9.1",
        "A9.2",
        "A9.3",
        "A10.1",
        "A10.2",
        "A10.3",
        "A11.1",
        "A11.2",
        "A11.3",
        "A11.4",
        "A11.5",
        "A11.6",
        "A12.1",
        "A12.2",
        "A12.3",
        "A12.4",
        "A12.5",
        "A12.6",
        "A12.7",
        "B1.1",
        "B1.2",
        "B1.3",
        "B1.4",
        "B2.1",
        "B2.2",
        "B2.3",
        "B2.4",
        "B3.1",
        "B3.2",
        "B3.3",
        "B3.4",
        "B4.1",
        "B4.2",
        "B4.3",
        "B5.1",
        "B5.2",
        "B5.3",
        "B6.1",
        "B6.2",
        "B6.3",
        "C1.1",
        "C1.2",
        "C1.3",
        "C1.4",
        "C2.1",
        "C2.2",
        "C2.3",
        "C3.1",
        "C3.2",
        "C3.3",
        "C4.1",
        "C4.2",
        "C4.3",
        "C5.1",
        "C5.2",
        "C5.3",
        "C6.1",
        "C6.2",
        "C6.3",
        "C7.1",
        "C7.2",
        "C7.3",
        "C7.4",
        "C7.5",
        "C7.6",
        "C8.1",
        "C8.2",
        "C8.3",
        "C8.4",
        "C8.5",
        "C8.6",
        "D1.1",
        "D1.2",
        "D1.3",
        "D2.1",
        "D2.2",
        "D2.3",
        "D2.4",
        "D3.1",
        "D3.2",
        "D3.3",
        "D3.4",
        "D3.5",
        "D3.6",
        "D4.1",
        "D4.2",
        "D4.3",
        "D5.1",
        "D5.2",
        "D5.3",
        "D6.1",
        "D6.2",
        "D6.3",
        "D7.1",
        "D7.2",
        "D7.3",
        "D7.4",
        "D7.5",
        "E1.1",
        "E1.2",
        "E1.3",
        "E2.1",
        "E2.2",
        "E2.3",
        "E3.1",
        "E3.2",
        "E3.4",
        "E3.5",
        "E3.6",
        "E3.7",
        "E4.1",
        "E4.2",
        "E4.3",
        "E4.6",
        "E5.1",
        "E5.2",
        "E5.3",
        "E6.1",
        "E6.2",
        "E6.3",
        "E7.1",
        "E7.2",
        "E7.3",
        "E7.4",
        "E7.5",
        "E7.6",
        "E8.1",
        "E8.2",
        "E8.3",
        "E8.4",
        "E8.5",
        "E8.6",
        "F1.1",
        "F1.2",
        "F1.3",
        "F1.4",
        "F2.1",
        "F2.2",
        "F2.3",
        "F2.4",
        "F2.5",
        "F2.6",
        "G1.1",
        "G1.2",
        "G1.3",
        "G1.4",
        "G1.5",
        "G2.1",
        "G2.2",
        "G2.3",
        "G2.4",
        "G2.5",
        "G2.6",
        "G3.1",
        "G3.2",
        "G3.3",
        "G3.4",
        "G3.5",
        "G3.6",
        "G4.1",
        "G4.2",
        "G4.3",
        "G4.4",
        "G4.5",
        "G4.6",
        "G5.1",
        "G5.2",
        "G5.3",
        "G5.4",
        "G5.5",
        "G5.6",
    ],
}


def form(name: str) -> Form:
    loaded = load_form(builtin_forms_dir() / f"{name}.yaml").form
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def full() -> Form:
    return form("self-assessment")


@pytest.fixture(scope="module")
def quick() -> Form:
    return form("quick-scan")


def test_there_are_the_two_built_in_forms() -> None:
    assert [path.name for path in BUILT_IN] == ["quick-scan.yaml", "self-assessment.yaml"]


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda path: path.name)
def test_built_in_form_has_no_error_and_no_missing_translation(path: Path) -> None:
    result = load_form(path)
    assert [d.format() for d in result.diagnostics] == []
    assert result.form is not None
    assert set(result.form.languages) == {"en", "fr", "sw"}


@pytest.mark.parametrize("name", ["quick-scan", "self-assessment"])
def test_question_ids_are_pinned_to_the_form_version(name: str) -> None:
    loaded = form(name)
    pinned = PINNED_QUESTION_IDS.get((name, loaded.version))
    assert pinned is not None, f"{name} {loaded.version} is a new version: pin its question ids"
    assert [q.id for q in loaded.questions()] == pinned


def test_full_form_size_and_pillars(full: Form) -> None:
    criteria = list(full.criteria())
    assert len(criteria) >= 30
    assert all(3 <= len(c.questions) <= 7 for c in criteria), [
        c.id for c in criteria if not 3 <= len(c.questions) <= 7
    ]
    assert [s.id for s in full.sections] == ["A", "B", "C", "D", "E", "F", "G"]
    # G holds the enhanced due diligence questions, asked only where it is required
    assert all(enhanced(c) for c in full.sections[-1].criteria)
    assert not any(enhanced(c) for s in full.sections[:-1] for c in s.criteria)


def test_every_criterion_is_documented_for_trainers(full: Form) -> None:
    for criterion in full.criteria():
        assert criterion.intent, criterion.id
        assert criterion.guidance, criterion.id
        assert criterion.evidence_examples, criterion.id
        assert criterion.actions, criterion.id
        assert criterion.references, criterion.id


def test_the_red_lines_are_the_standards_red_lines(full: Form) -> None:
    """OECD Annex II and the ILO conventions: the worst forms of child labour (C182, C138),
    forced labour (C29), support to non-state armed groups, serious abuses, and illegal control
    by security forces; each indicated by at least one question, and the criteria that hold
    them are red-line criteria (a gap there is critical)."""
    assert [line.id for line in full.red_lines] == [
        "child-labour",
        "forced-labour",
        "armed-groups",
        "serious-abuses",
        "security-forces",
    ]
    indicated = {q.red_line for q in full.questions() if getattr(q, "red_line", None) is not None}
    assert indicated == {line.id for line in full.red_lines}
    red = {c.id for c in full.criteria() if c.red_line}
    assert red == {"A12", "B1", "B2", "B6", "D2", "D3", "G1", "G4"}


@pytest.mark.parametrize("name", ["quick-scan", "self-assessment"])
def test_every_red_line_has_a_red_flag_question_and_a_critical_action(name: str) -> None:
    for criterion in form(name).criteria():
        if criterion.red_line:
            assert any(getattr(q, "red_flag", None) for q in criterion.questions), criterion.id
            assert any(
                a.severity is not None and a.severity.value == "critical" for a in criterion.actions
            ), criterion.id


PROFILES = [
    {"entity_type": entity.value, "minerals": [mineral.value], "workforce_size": size}
    for entity, mineral, size in itertools.product(EntityType, Mineral, (5, 500))
]


def applies(criterion: Criterion, profile: dict[str, object], *, edd: bool = True) -> bool:
    if not criterion.applicability:
        return True
    context = MappingContext(profile_fields=profile, edd=edd)  # type: ignore[arg-type]
    return is_true(evaluate(compiled(criterion.applicability), context))


def test_the_enhanced_questions_are_asked_only_where_enhanced_due_diligence_is_required(
    full: Form,
) -> None:
    for criterion in full.criteria():
        if enhanced(criterion):
            assert not any(applies(criterion, p, edd=False) for p in PROFILES), criterion.id


@pytest.mark.parametrize("name", ["quick-scan", "self-assessment"])
def test_every_criterion_applies_to_some_supplier(name: str) -> None:
    for criterion in form(name).criteria():
        assert any(applies(criterion, profile) for profile in PROFILES), criterion.id


def test_a_trader_is_not_asked_about_pits(full: Form) -> None:
    trader = {"entity_type": "trader", "minerals": ["tin"], "workforce_size": 5}
    skipped = {c.id for c in full.criteria() if not applies(c, trader)}
    assert {"C1", "C2", "E2", "E3", "F1", "C4"} <= skipped
    assert "A6" not in skipped  # traceability concerns everyone


def test_quick_scan_is_short_and_shares_the_full_forms_ids(quick: Form, full: Form) -> None:
    assert len(list(quick.questions())) <= 30
    full_criteria = {c.id: c for c in full.criteria()}
    full_questions = {q.id: q for q in full.questions()}
    for criterion in quick.criteria():
        twin = full_criteria[criterion.id]
        assert (criterion.red_line, criterion.applicability) == (
            twin.red_line,
            twin.applicability,
        ), criterion.id
        for question in criterion.questions:
            assert full_questions[question.id].type == question.type, question.id


def test_quick_scan_covers_every_red_line_and_pillar(quick: Form, full: Form) -> None:
    """The quick scan screens: the enhanced questions belong to the full assessment."""
    assert {c.id for c in quick.criteria() if c.red_line} == {
        c.id for c in full.criteria() if c.red_line and not enhanced(c)
    }
    indicated = {q.red_line for q in quick.questions() if getattr(q, "red_line", None)}
    assert indicated == {line.id for line in full.red_lines}
    pillars = [s.id for s in full.sections if not all(enhanced(c) for c in s.criteria)]
    assert [s.id for s in quick.sections] == pillars


def test_shared_glossary_entries_are_identical(quick: Form, full: Form) -> None:
    entries = {g.id: g for g in full.glossary}
    assert len(full.glossary) >= 12
    for entry in quick.glossary:
        assert entry == entries[entry.id], entry.id


@pytest.mark.parametrize(
    ("language", "question", "terms"),
    [
        ("en", "C4.2", ["retort"]),
        ("en", "E2.1", ["tailings"]),
        ("en", "D2.1", []),
        ("sw", "C2.1", ["ppe"]),
        ("fr", "A6.1", ["lot"]),
    ],
)
def test_glossary_terms_are_found_in_question_texts(
    full: Form, language: str, question: str, terms: list[str]
) -> None:
    (found,) = [q for q in full.questions() if q.id == question]
    label = found.label.in_language(language, "en")
    assert [entry.id for entry in terms_in(full, label, language)] == terms


def test_questionnaire_document_is_current() -> None:
    forms = [load_form(path).form for path in BUILT_IN]
    expected = questionnaire_markdown([f for f in forms if f is not None])
    kept = (ROOT / "docs" / "questionnaire.md").read_text(encoding="utf-8")
    assert kept == expected, "run `make docs` and commit docs/questionnaire.md"
