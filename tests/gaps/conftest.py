"""Helpers for gap tests: judge the sample form's criteria for given answers and profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.forms.loader import load_form
from selfassess.core.forms.model import Form
from selfassess.core.gaps.engine import analyse
from selfassess.core.gaps.results import GapReport
from selfassess.core.store.records import Answer

SAMPLE = Path(__file__).parents[1] / "data" / "sample.yaml"
ASM_GOLD = {"entity_type": "asm", "minerals": ["gold"], "workforce_size": 10}
TRADER_TIN = {"entity_type": "trader", "minerals": ["tin"], "workforce_size": 10}


@pytest.fixture(scope="session")
def sample_form() -> Form:
    form = load_form(SAMPLE).form
    assert form is not None
    return form


@pytest.fixture(scope="session")
def judge() -> object:
    """report_for as a fixture: judge(form, values, na=, evidence=, profile=, language=)."""
    return report_for


def report_for(
    form: Form,
    values: dict[str, object],
    *,
    na: dict[str, str] | None = None,
    evidence: dict[str, int] | None = None,
    profile: dict[str, object] | None = None,
    language: str = "en",
) -> GapReport:
    answers = {qid: Answer(qid, value) for qid, value in values.items()}
    answers |= {qid: Answer(qid, None, None, reason) for qid, reason in (na or {}).items()}
    view = AnswerView(
        form,
        answers=answers,
        evidence=evidence or {},
        profile=profile or ASM_GOLD,  # type: ignore[arg-type]
        today=date(2026, 11, 22),
        language=language,
    )
    return analyse(view, evaluate_view(view))
