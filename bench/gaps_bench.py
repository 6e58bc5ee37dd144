"""Gap-analysis benchmarks: the built-in forms and a generated 5,000-question form, each beside
the time to merely load the same answers from the store (budgets: 20 ms and 300 ms)."""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from generate_form import generate_form
from selfassess.core.answers.validation import AnswerView, evaluate_view
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.loader import load_form, load_form_text
from selfassess.core.forms.model import Form, Question
from selfassess.core.gaps.engine import analyse
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.records import Profile
from selfassess.core.store.store import Store

RUNS = 9


def _value(question: Question, form: Form, rng: random.Random) -> Any:
    kind = question.type
    if kind == "rating":
        return rng.randint(0, 3)
    if kind == "yes_no":
        return rng.choice([True, False])
    if kind in ("single_choice", "multi_choice"):
        names = [c.name for c in form.choices_of(question)]  # type: ignore[arg-type]
        return rng.choice(names) if kind == "single_choice" else [rng.choice(names)]
    if kind == "number":
        return rng.randint(0, 100)
    if kind == "date":
        return "2024-05-01"
    if kind == "text":
        return "some text"
    return None


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _bench(form: Form, name: str, budget_ms: float) -> dict[str, object]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        service = AssessmentService(store)
        profile = Profile(organisation="Bench", entity_type="asm", minerals=("gold",))
        assessment = service.create(form, profile)
        with store.write() as conn:  # bulk answers: the benchmark is the analysis, not the saving
            for question in form.questions():
                value = _value(question, form, rng)
                if value is not None:
                    conn.execute(
                        "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, NULL, NULL, '')",
                        (assessment.id, question.id, json.dumps(value)),
                    )
        load, analysis = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            answers = service.answers(assessment.id)
            evidence = Counter(a.question_id for a in service.attachments(assessment.id))
            loaded = time.perf_counter()
            view = AnswerView(
                form,
                answers=answers,
                evidence=evidence,
                profile=profile.expression_fields(),
                today=date(2026, 11, 22),
                language="en",
            )
            report = analyse(view, evaluate_view(view))
            done = time.perf_counter()
            load.append(loaded - started)
            analysis.append(done - loaded)
    measured = _median_ms(analysis)
    return {
        "name": f"gap analysis: {name}",
        "questions": sum(1 for _ in form.questions()),
        "criteria": len(report.criteria),
        "measured": {"median_ms": measured},
        "baseline": {"what": "load the same answers from the store", "median_ms": _median_ms(load)},
        "budget_ms": budget_ms,
        "within_budget": measured <= budget_ms,
    }


def bench_gaps() -> list[dict[str, object]]:
    full = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    quick = load_form(builtin_forms_dir() / "quick-scan.yaml").form
    generated = load_form_text(generate_form(5000), "generated.yaml").form
    assert full is not None
    assert quick is not None
    assert generated is not None
    return [
        _bench(full, "built-in self-assessment", 20.0),
        _bench(quick, "built-in quick scan", 20.0),
        _bench(generated, "generated 5,000-question form", 300.0),
    ]
