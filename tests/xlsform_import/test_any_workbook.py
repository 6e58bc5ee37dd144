"""Whatever an XLSForm's rows hold, the import either gives a form that passes `forms check`
or refuses with a plain InvalidInput: never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.xlsform_import.workbooks import write_xlsform

from selfassess.core.errors import InvalidInput
from selfassess.core.forms.loader import load_form_text
from selfassess.core.xlsform.importing import import_xlsform

TYPES = [
    "text",
    "integer",
    "decimal",
    "date",
    "note",
    "image",
    "file",
    "calculate",
    "select_one yn",
    "select_multiple yn or_other",
    "select_one nowhere",
    "begin group",
    "end group",
    "begin repeat",
    "end repeat",
    "geopoint",
    "start",
    "",
]
NAMES = st.sampled_from(["a", "b", "c", "_d", "e.f", "a", "1x", "x y", None])
EXPRESSIONS = st.sampled_from(
    [
        None,
        "${a} = 'yes'",
        "${b} > 2",
        ". >= 0",
        "selected(${c}, 'no')",
        "${a} != ''",
        "${zz} = 1",
        "jr:choice-name(${a}, '${a}')",
        "${b} div ${c}",
        "((",
        "count-selected(.) < 2",
        "${_d} + 1 > 3",
    ]
)
ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(TYPES),
            "name": NAMES,
            "label::English (en)": st.sampled_from(["A question", None, "Uses ${a}"]),
            "label::fr": st.sampled_from(["Une question", None]),
            "relevant": EXPRESSIONS,
            "constraint": EXPRESSIONS,
            "calculation": EXPRESSIONS,
            "required": st.sampled_from([None, "yes", "no", "${a} = 'yes'", "maybe"]),
            "default": st.sampled_from([None, "3", "yes", "2024-01-01", "x"]),
        }
    ),
    min_size=1,
    max_size=12,
)
CHOICES = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_any_survey_imports_or_is_refused_plainly(rows: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsform(Path(folder) / "any.xlsx", rows, CHOICES)
        try:
            result = import_xlsform(path)
        except InvalidInput:
            return
    checked = load_form_text(result.yaml_text, "any.yaml")
    assert checked.errors == [], checked.errors
    assert all(entry.place.sheet for entry in result.report.entries)
