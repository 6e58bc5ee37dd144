"""The benchmark's generated forms are valid, so `make bench` measures a clean check."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from selfassess.core.forms.loader import load_form_text

GENERATOR = Path(__file__).parents[1] / "bench" / "generate_form.py"


def test_generated_form_checks_clean() -> None:
    spec = importlib.util.spec_from_file_location("generate_form", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = load_form_text(module.generate_form(120), "generated.yaml")
    assert [d.format() for d in result.diagnostics] == []
    assert result.form is not None
    assert sum(1 for _ in result.form.questions()) == 120
    assert {q.type for q in result.form.questions()} >= {"rating", "evidence", "multi_choice"}
