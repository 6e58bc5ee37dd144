"""The questionnaires we ship load with no error and no warning, in every declared language."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.core.forms.catalog import form_files
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir

BUILT_IN = form_files(builtin_forms_dir())


def test_there_are_built_in_forms() -> None:
    assert [path.name for path in BUILT_IN] == ["quick-scan.yaml"]


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda path: path.name)
def test_built_in_form_is_strictly_clean(path: Path) -> None:
    result = load_form(path)
    assert [d.format() for d in result.diagnostics] == []
    assert result.form is not None
    assert set(result.form.languages) == {"en", "fr", "sw"}
