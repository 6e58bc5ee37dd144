"""The JSON Schema of the questionnaire format, derived from the models, for editors' completion."""

from __future__ import annotations

import json

from selfassess.core.forms.model import Form

SCHEMA_ID = "https://selfassess.invalid/schema/form-1.json"


def form_json_schema() -> str:
    """The schema as pretty-printed JSON text, stable from run to run."""
    schema = Form.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
