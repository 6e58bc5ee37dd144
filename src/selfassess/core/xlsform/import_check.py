"""The imported form held to the same models and checks as any form file, and written as YAML.

An expression that converted but that our checker refuses (a text compared with a number, an
option that is not in the list, a relevance cycle) is left out and reported at its row and
column, and the form is checked again, until it passes. The YAML is then read back through the
form loader, so what is written is exactly what `selfassess forms check` accepts.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from selfassess.core.errors import InvalidInput
from selfassess.core.findings import Finding
from selfassess.core.forms.checks import check_structure
from selfassess.core.forms.diagnostics import Level
from selfassess.core.forms.expressions import check_expressions
from selfassess.core.forms.findings import Finding as FormFinding
from selfassess.core.forms.loader import load_form_text
from selfassess.core.forms.model import Form
from selfassess.core.xlsform.import_expressions import expression_place
from selfassess.core.xlsform.import_report import ImportReport
from selfassess.core.xlsform.import_survey import Imported

_QUESTION_PATH = 6  # ("sections", s, "criteria", c, "questions", q)
_DROPPABLE = frozenset({"relevant", "required", "constraints", "default"})


def checked_form(data: dict[str, Any], questions: list[Imported], report: ImportReport) -> Form:
    """The form of `data` once every expression the checks refuse is left out (and reported)."""
    by_id = {question.data["id"]: question for question in questions}
    for _round in range(4 * len(questions) + 2):
        form = _model(data)
        errors = [
            finding
            for finding in check_structure(form) + check_expressions(form)
            if finding.level is Level.ERROR
        ]
        if not errors:
            return form
        left_out = False
        for error in errors:
            left_out = _left_out(data, error, by_id, report) or left_out
        if not left_out:
            raise _not_valid(errors[0].message)
    raise _not_valid("too many problems")


def _model(data: dict[str, Any]) -> Form:
    try:
        return Form.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(step) for step in first["loc"])
        raise _not_valid(f"{where}: {first['msg']}") from None


def _left_out(
    data: dict[str, Any], error: FormFinding, by_id: dict[str, Imported], report: ImportReport
) -> bool:
    """Leave out the expression `error` is about; False when it is about something else."""
    path = error.path
    if (
        len(path) <= _QUESTION_PATH
        or path[0] != "sections"
        or path[_QUESTION_PATH] not in _DROPPABLE
    ):
        return False
    node: Any = data
    for step in path[:_QUESTION_PATH]:
        node = node[step]
    field = str(path[_QUESTION_PATH])
    if field not in node:
        return True  # already left out for another problem of the same round
    imported = by_id[node["id"]]
    xlsform_field = "constraint" if field == "constraints" else field
    if field == "required":
        node["required"] = False
    else:
        del node[field]
    report.skip(
        expression_place(imported, xlsform_field),
        Finding.of("selfassess cannot use it: {problem}", problem=error.message),
    )
    return True


def _not_valid(problem: str) -> InvalidInput:
    return InvalidInput.of(
        "the imported form is not valid ({problem}): please report this, with the workbook",
        problem=problem,
    )


class _Dumper(yaml.SafeDumper):
    """Writes every value where it stands: our loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def form_yaml(data: dict[str, Any], header: list[str], name: str) -> str:
    """`data` as the YAML of a form file, with `header` as comments, read back and checked."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    text = "".join(f"# {line}\n" if line else "#\n" for line in header) + body
    result = load_form_text(text, name)
    if result.errors:
        raise _not_valid(result.errors[0].format())
    return text
