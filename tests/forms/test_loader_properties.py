"""Properties of form loading over generated input (hypothesis): whatever YAML text or JSON
document it is given, the loader answers with its own diagnostics, and no exception reaches even
its last line of defence."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.forms.hostile import SAMPLE_TEXT

from selfassess.core.forms.diagnostics import Level
from selfassess.core.forms.identity import canonical_json
from selfassess.core.forms.loader import LoadResult, load_form_json, load_form_text

EXAMPLES = int(os.environ.get("SELFASSESS_HYPOTHESIS_EXAMPLES", "150"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
YAML_FRAGMENTS = [
    "id: x\n",
    "a: ",
    "- ",
    "  ",
    "\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    ": ",
    "&a ",
    "*a",
    "!!python/object ",
    "<<: ",
    "? ",
    "'",
    '"',
    "\\u0000",
    "#",
    "---\n",
    "9" * 40,
    "1e400",
    ".nan",
    "-.inf",
    "true",
    "~",
    "regex(., '(a+)+$')",
    "\ud800",
    "\x00",
    "é",
]
yaml_soup = st.lists(st.sampled_from(YAML_FRAGMENTS), max_size=40).map("".join)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
SAMPLE_DATA: dict[str, Any] = json.loads(
    canonical_json(load_form_text(SAMPLE_TEXT, "sample.yaml").form)  # type: ignore[arg-type]
)


def assert_answered(result: LoadResult) -> None:
    """A form and no errors, or no form and at least one error with a message; and never the
    loader's last line of defence, which would mean an exception it did not foresee."""
    assert not [d for d in result.diagnostics if "could not be checked" in d.message]
    if result.form is None:
        assert result.errors
    else:
        assert not result.errors
    assert all(d.message for d in result.diagnostics)
    assert all(d.level in (Level.ERROR, Level.WARNING) for d in result.diagnostics)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*prefix, index))
    return found


SAMPLE_PATHS = paths(SAMPLE_DATA)[1:]


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


@given(st.one_of(st.text(max_size=200), yaml_soup))
@PROPERTY
def test_any_yaml_text_gives_diagnostics_never_an_exception(text: str) -> None:
    assert_answered(load_form_text(text, "generated.yaml"))


@given(st.text(max_size=200))
@PROPERTY
def test_the_sample_with_anything_appended_gives_diagnostics(tail: str) -> None:
    assert_answered(load_form_text(SAMPLE_TEXT + tail, "generated.yaml"))


@given(json_values)
@PROPERTY
def test_any_json_document_gives_diagnostics_never_an_exception(value: Any) -> None:
    body = json.dumps(value, allow_nan=True)
    assert_answered(load_form_json(body, "form.json"))
    assert_answered(load_form_json(body.encode("utf-8", "surrogatepass"), "form.json"))


@given(st.sampled_from(SAMPLE_PATHS), json_values)
@PROPERTY
def test_the_sample_with_any_value_anywhere_gives_diagnostics(
    path: tuple[Any, ...], value: Any
) -> None:
    body = json.dumps(replaced(SAMPLE_DATA, path, value), allow_nan=True)
    assert_answered(load_form_json(body, "form.json"))


@given(st.sampled_from([p for p in SAMPLE_PATHS if isinstance(p[-1], str)]), st.text(max_size=60))
@PROPERTY
def test_any_text_in_place_of_an_expression_or_a_name_gives_diagnostics(
    path: tuple[Any, ...], text: str
) -> None:
    assert_answered(load_form_json(json.dumps(replaced(SAMPLE_DATA, path, text)), "form.json"))
