"""`response.json`: the finalized assessment as data, valid against the published JSON Schema,
with the gap analysis, and without the answers to questions that were not relevant."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.errors import Refused
from selfassess.core.pack.response import build_response, response_schema
from selfassess.core.store.records import Assessment

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "docs" / "response.schema.json").read_text(encoding="utf-8"))


def complete(service: AssessmentService, draft: Assessment, tmp_path: Path) -> None:
    """The remaining required answers of the sample form."""
    service.set_answer(draft.id, "A2.1", "exploitation")
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(b"%PDF-1.4 policy")
    service.attach(draft.id, "A1.3", [evidence])
    for question, value in (("A1.1", 1), ("B1.1", False)):
        if question not in service.answers(draft.id):
            service.set_answer(draft.id, question, value)


def test_the_response_of_a_finalized_assessment_follows_the_schema(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    service.set_answer(draft.id, "A1.1", 3, comment="signée en 2023")
    service.set_answer(draft.id, "A1.2", "2023-05-01")
    service.set_answer(draft.id, "A1.1", 1)  # A1.2 is asked only from 2 up: no longer relevant
    service.set_answer(draft.id, "B1.1", True)  # children on site: a red line
    complete(service, draft, tmp_path)
    service.finalize(draft.id, Declaration("Amani", "Président", date(2026, 11, 22)))
    response = build_response(PlanService(service), draft.id)
    data = json.loads(response.model_dump_json())
    jsonschema.validate(data, SCHEMA)
    assert data["form"]["id"] == draft.form_id
    assert data["answers"]["A1.1"]["value"] == 1
    assert "A1.2" not in data["answers"]
    assert data["declaration"]["name"] == "Amani"
    child_labour = next(c for c in data["criteria"] if c["id"] == "B1")
    assert child_labour["red_line"] is True
    assert child_labour["severity"] == "critical"


def test_a_draft_has_no_response(service: AssessmentService, draft: Assessment) -> None:
    with pytest.raises(Refused, match="is a draft: finalize it"):
        build_response(PlanService(service), draft.id)


def test_a_changed_response_fails_the_schema(
    service: AssessmentService, draft: Assessment, tmp_path: Path
) -> None:
    complete(service, draft, tmp_path)
    service.finalize(draft.id, Declaration("Amani", "Président", date(2026, 11, 22)))
    data = json.loads(build_response(PlanService(service), draft.id).model_dump_json())
    data["criteria"][0]["status"] = "excellent"
    with pytest.raises(jsonschema.ValidationError, match="'excellent' is not one of"):
        jsonschema.validate(data, SCHEMA)


def test_schema_copy_in_docs_is_current() -> None:
    kept = (ROOT / "docs" / "response.schema.json").read_text(encoding="utf-8")
    assert kept == response_schema(), "run `make docs` and commit docs/response.schema.json"


def test_a_format_2_response_carries_its_red_lines_and_what_each_action_addresses(
    service: AssessmentService, tmp_path: Path
) -> None:
    from selfassess.core.demo import BREACHED, create_demo, sample_evidence
    from selfassess.core.forms.loader import load_form
    from selfassess.core.paths import builtin_forms_dir

    form = load_form(builtin_forms_dir() / "self-assessment.yaml").form
    assert form is not None
    folder = tmp_path / "evidence"
    folder.mkdir()
    assessment_id = create_demo(service, form, sample_evidence(folder))
    data = json.loads(build_response(PlanService(service), assessment_id).model_dump_json())
    jsonschema.validate(data, SCHEMA)
    lines = {line["id"]: line for line in data["red_lines"]}
    assert list(lines) == [line.id for line in form.red_lines]
    assert BREACHED == "B1"
    assert lines["child-labour"]["status"] == "breached"
    assert lines["child-labour"]["indicators"]
    suggested = [row for row in data["plan"] if row["suggestion"]]
    assert suggested
    assert all(isinstance(row["addresses"], list) for row in data["plan"])
    b1 = [row for row in suggested if row["criterion_id"] == "B1"]
    assert any(set(row["addresses"]) & set(lines["child-labour"]["indicators"]) for row in b1)
