"""Forms given as JSON (the form.json of an archive) meet the same models, checks and limits as
form files: a hostile one is refused with the place in the form, never a traceback."""

from __future__ import annotations

import json

import pytest
from tests.forms.hostile import SAMPLE_TEXT, lookahead_form

from selfassess.core.forms.identity import canonical_json, form_hash
from selfassess.core.forms.loader import load_form_json, load_form_text
from selfassess.core.forms.model import Form


@pytest.fixture(scope="module")
def sample() -> Form:
    form = load_form_text(SAMPLE_TEXT, "sample.yaml").form
    assert form is not None
    return form


def errors_of(body: str | bytes) -> list[str]:
    return [d.format() for d in load_form_json(body, "form.json").errors]


def test_the_canonical_json_of_a_form_loads_back_to_the_same_form(sample: Form) -> None:
    result = load_form_json(canonical_json(sample).encode("utf-8"), "form.json")
    assert result.diagnostics == []
    assert result.form is not None
    assert form_hash(result.form) == form_hash(sample)


def test_a_pattern_that_needs_backtracking_is_refused_with_its_place() -> None:
    form = load_form_text(lookahead_form().replace("(?=CD)", ""), "x.yaml").form
    assert form is not None
    body = canonical_json(form).replace("'[A-Z]{2}-[0-9]+'", "'(?=CD)[A-Z]{2}-[0-9]+'")
    (error,) = errors_of(body)
    assert error.startswith("form.json: question A2.2: constraints[1].expression: ")
    assert "needs backtracking" in error


def test_type_errors_in_expressions_are_found_as_in_a_file(sample: Form) -> None:
    body = canonical_json(sample).replace('"${A1.1} >= 2"', "\"${A1.1} >= 'x'\"", 1)
    (error,) = errors_of(body)
    assert error == "form.json: question A1.2: relevant: cannot compare a number with a text"


def _with_max(sample: Form, value: str) -> str:
    body = canonical_json(sample)
    assert '"max":80.0' in body
    return body.replace('"max":80.0', f'"max":{value}', 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "form.json: the number 999999999999… has more than 30 digits"),
        ("1e400", "form.json: the number 1e400… is too large"),
        ("NaN", "form.json: NaN is not a number a form may hold"),
        ("-Infinity", "form.json: -Infinity is not a number a form may hold"),
    ],
)
def test_numbers_beyond_the_limits_are_refused(sample: Form, value: str, message: str) -> None:
    assert errors_of(_with_max(sample, value)) == [message]


def test_duplicate_keys_deep_nesting_and_lone_surrogates_are_refused(sample: Form) -> None:
    body = canonical_json(sample)
    assert errors_of(body.replace('{"choice_lists"', '{"id":"x","choice_lists"', 1)) == [
        "form.json: duplicate key 'id'"
    ]
    deep = body[:-1] + ',"extra":' + "[" * 100 + "]" * 100 + "}"
    assert "form.json: extra" + "[1]" * 63 + ": nested more than 64 levels deep" in errors_of(deep)
    assert errors_of(body[:-1] + ',"extra":' + "[" * 100_000 + "]" * 100_000 + "}") == [
        "form.json: nested more than 64 levels deep"
    ]
    surrogate = body.replace('"Sample self-assessment"', '"Sample \\ud800"', 1)
    assert errors_of(surrogate) == [
        "form.json: title.en: the text holds a character that is not Unicode"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "form.json:1:1: not valid JSON: Expecting value"),
        (b"\xff\xfe{}", "form.json:1:1: the form is not UTF-8 text"),
        (b"[1, 2]", "form.json: a form must be a mapping of keys"),
        (b'{"id": "x"} trailing', "form.json:1:13: not valid JSON: Extra data"),
        (b"{" + b" " * (8 * 1024 * 1024) + b"}", "form.json: the form is larger than 8 MB"),
    ],
)
def test_what_is_not_a_json_form_is_refused(body: bytes, message: str) -> None:
    assert errors_of(body)[0] == message


def test_a_json_form_has_every_model_error_described(sample: Form) -> None:
    data = json.loads(canonical_json(sample))
    data["sections"][0]["criteria"][0]["questions"][1]["type"] = "slider"
    (error,) = errors_of(json.dumps(data))
    assert error.startswith("form.json: question A1.1: unknown question type 'slider'")


def test_a_json_form_of_too_many_values_is_refused(sample: Form) -> None:
    body = canonical_json(sample)[:-1] + ',"extra":[' + ",".join(["0"] * 520_000) + "]}"
    assert errors_of(body) == ["form.json: the form holds more than 500000 keys, values and items"]
