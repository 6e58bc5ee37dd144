"""The JSON Schema kept in docs/ is the one the models produce today."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from selfassess.core.forms.schema import form_json_schema

ROOT = Path(__file__).parents[2]


def test_schema_copy_in_docs_is_current() -> None:
    kept = (ROOT / "docs" / "form.schema.json").read_text(encoding="utf-8")
    assert kept == form_json_schema(), "run `make schema` and commit docs/form.schema.json"


def test_schema_describes_the_format() -> None:
    schema = json.loads(form_json_schema())
    assert set(schema["required"]) >= {"id", "version", "title", "languages", "sections"}
    question_types = {
        definition["properties"]["type"]["const"]
        for definition in schema["$defs"].values()
        if "type" in definition.get("properties", {})
        and "const" in definition["properties"]["type"]
    }
    assert question_types == {
        "rating",
        "yes_no",
        "single_choice",
        "multi_choice",
        "text",
        "number",
        "date",
        "evidence",
        "info",
    }


def test_sample_form_validates_against_the_schema_structurally() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "sample.yaml").read_text(encoding="utf-8"))
    schema = json.loads(form_json_schema())
    assert set(data) <= set(schema["properties"])
